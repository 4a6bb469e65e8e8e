// Versions ordered the way Secrets Manager thinks about them: by staging label. Pure.
import type { SecretVersion } from '../aws/types';

export const CURRENT = 'AWSCURRENT';
export const PENDING = 'AWSPENDING';
export const PREVIOUS = 'AWSPREVIOUS';

const AWS_ORDER = [CURRENT, PENDING, PREVIOUS];

/** Label order: AWSCURRENT, AWSPENDING, AWSPREVIOUS, then custom labels by name. */
export function compareLabels(a: string, b: string): number {
  const ra = AWS_ORDER.indexOf(a);
  const rb = AWS_ORDER.indexOf(b);
  if (ra >= 0 || rb >= 0) return (ra < 0 ? 99 : ra) - (rb < 0 ? 99 : rb);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortLabels(labels: readonly string[]): string[] {
  return [...labels].sort(compareLabels);
}

export interface GroupedVersions {
  /** Versions with at least one label, each with its labels sorted, in label order. */
  labelled: SecretVersion[];
  /** Versions with no label ("deprecated"), newest first. */
  deprecated: SecretVersion[];
}

export function groupVersions(versions: readonly SecretVersion[]): GroupedVersions {
  const labelled = versions
    .filter((v) => v.stages.length > 0)
    .map((v) => ({ ...v, stages: sortLabels(v.stages) }))
    .sort((a, b) => compareLabels(a.stages[0], b.stages[0]));
  const deprecated = versions
    .filter((v) => v.stages.length === 0)
    .sort((a, b) => (b.createdDate?.getTime() ?? 0) - (a.createdDate?.getTime() ?? 0));
  return { labelled, deprecated };
}

/** Versions from ListSecrets' SecretVersionsToStages (no dates, no deprecated versions). */
export function versionsFromStages(map: Readonly<Record<string, readonly string[]>>): SecretVersion[] {
  return Object.entries(map).map(([versionId, stages]) => ({ versionId, stages: [...stages] }));
}

/** The version that holds a staging label (a label is on at most one version), if any. */
export function holderOf(map: Readonly<Record<string, readonly string[]>>, label: string): string | undefined {
  return Object.entries(map).find(([, stages]) => stages.includes(label))?.[0];
}

export function currentVersionId(map: Readonly<Record<string, readonly string[]>>): string | undefined {
  return holderOf(map, CURRENT);
}

export function shortId(versionId: string): string {
  return versionId.slice(0, 8);
}
