// Rotation and replication in words: whether rotation is on, its schedule, its function, the last
// and next rotation, a rotation in progress or failed (AWSPENDING on another version than AWSCURRENT,
// newer than it; a RotationFailed event after the last success); a primary's replicas and their
// status, a replica's primary. For the tree's tooltip, the History view and the publish
// confirmation. Pure.
import type { SecretSummary, SecretVersion } from '../aws/types';
import { CURRENT, holderOf, PENDING, shortId } from './stages';
import * as l10n from '@vscode/l10n';

export interface RotationFacts {
  readonly enabled: boolean;
  /** "every 30 days", "rate(10 days)", "cron(0 16 1,15 * ? *)", with its window ("within 3h"). */
  readonly schedule?: string;
  readonly functionArn?: string;
  /** The function's name, from its ARN. */
  readonly functionName?: string;
  readonly last?: Date;
  readonly next?: Date;
  /**
   * AWSPENDING is on another version than AWSCURRENT's: a rotation is in progress, or its last
   * attempt failed and left it. `newer`: that version is newer than AWSCURRENT's (undefined: not known).
   */
  readonly pending?: { readonly versionId: string; readonly newer?: boolean; readonly created?: Date };
  /** A RotationFailed event after the last RotationSucceeded (from CloudTrail, when read). */
  readonly failed?: { readonly at: Date; readonly eventId: string };
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function scheduleText(rules: SecretSummary['rotationRules']): string | undefined {
  if (!rules) return undefined;
  const every = rules.scheduleExpression ?? (rules.automaticallyAfterDays ? (rules.automaticallyAfterDays === 1 ? l10n.t('every 1 day') : l10n.t('every {0} days', rules.automaticallyAfterDays)) : undefined);
  if (!every) return undefined;
  return rules.duration ? l10n.t('{0}, within {1}', every, rules.duration) : every;
}

/** The function name of a Lambda ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]). */
export function functionNameOf(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const m = /:function:([^:]+)/.exec(arn);
  return m ? m[1] : arn;
}

/**
 * Rotation facts of a secret. `versions` (ListSecretVersionIds) says whether AWSPENDING is newer
 * than AWSCURRENT; `events` (the rotation steps CloudTrail logged, any order) whether the last
 * attempt failed.
 */
export function rotationFacts(
  summary: SecretSummary,
  versions?: readonly SecretVersion[],
  events?: readonly { readonly eventName: string; readonly eventTime: Date; readonly eventId: string }[],
): RotationFacts {
  const pendingId = holderOf(summary.versionsToStages, PENDING);
  const currentId = holderOf(summary.versionsToStages, CURRENT);
  let pending: RotationFacts['pending'];
  if (pendingId && pendingId !== currentId) {
    const created = (id: string | undefined) => versions?.find((v) => v.versionId === id)?.createdDate;
    const p = created(pendingId);
    const c = created(currentId);
    pending = { versionId: pendingId, newer: p && c ? p.getTime() > c.getTime() : undefined, created: p };
  }
  let failed: RotationFacts['failed'];
  if (events) {
    const last = (name: string) => events.filter((e) => e.eventName === name).sort((a, b) => b.eventTime.getTime() - a.eventTime.getTime())[0];
    const f = last('RotationFailed');
    const s = last('RotationSucceeded');
    if (f && (!s || f.eventTime.getTime() >= s.eventTime.getTime())) failed = { at: f.eventTime, eventId: f.eventId };
  }
  return {
    enabled: summary.rotationEnabled,
    schedule: scheduleText(summary.rotationRules),
    functionArn: summary.rotationLambdaArn,
    functionName: functionNameOf(summary.rotationLambdaArn),
    last: summary.lastRotatedDate,
    next: summary.rotationEnabled ? summary.nextRotationDate : undefined,
    pending,
    failed,
  };
}

/** One line: "on, every 30 days, by rotate-EXAMPLE; last 2026-11-07, next 2026-12-07" or "off". */
export function rotationSummary(f: RotationFacts): string {
  if (!f.enabled) return f.last ? l10n.t('off (last rotated {0})', day(f.last)) : 'off';
  const how = [f.schedule, f.functionName ? `by ${f.functionName}` : undefined].filter(Boolean).join(', ');
  const when = [f.last ? l10n.t('last {0}', day(f.last)) : l10n.t('never rotated yet'), f.next ? l10n.t('next {0}', day(f.next)) : undefined].filter(Boolean).join(', ');
  return `on${how ? `, ${how}` : ''}; ${when}`;
}

/** What a rotation in progress or failed means, in a sentence, or undefined when there is none. */
export function rotationTrouble(f: RotationFacts): string | undefined {
  if (f.failed) {
    return l10n.t('The last rotation failed (RotationFailed, {0} UTC){1}.', f.failed.at.toISOString().replace('T', ' ').slice(0, 16), f.pending ? l10n.t(': AWSPENDING is left on {0}{1}, and the next attempt starts from it', shortId(f.pending.versionId), f.pending.newer ? l10n.t(', newer than AWSCURRENT') : '') : '');
  }
  if (f.pending) {
    return f.pending.newer === false
      ? l10n.t('AWSPENDING is on {0}, older than AWSCURRENT: left by an earlier rotation that did not finish.', shortId(f.pending.versionId))
      : l10n.t('A rotation is in progress, or its last attempt failed: AWSPENDING is on {0}{1}. When the rotation\'s last step runs, AWSCURRENT moves to it.', shortId(f.pending.versionId), f.pending.newer ? l10n.t(', newer than AWSCURRENT') : '');
  }
  return undefined;
}

// ---- replication ------------------------------------------------------------------------------------

export interface ReplicationFacts {
  /** none: not replicated; primary: replicated to other regions; replica: a copy of a secret elsewhere. */
  readonly role: 'none' | 'primary' | 'replica';
  readonly primaryRegion?: string;
  readonly replicas: readonly { readonly region: string; readonly status?: string; readonly message?: string }[];
}

/** A secret seen from `region`: a replica when its primary is in another region. */
export function replicationOf(summary: Pick<SecretSummary, 'primaryRegion' | 'replicationStatus'>, region: string): ReplicationFacts {
  const replicas = (summary.replicationStatus ?? []).map((r) => ({ region: r.region, status: r.status, message: r.statusMessage }));
  if (summary.primaryRegion && summary.primaryRegion !== region) return { role: 'replica', primaryRegion: summary.primaryRegion, replicas: [] };
  if (replicas.length) return { role: 'primary', primaryRegion: summary.primaryRegion ?? region, replicas };
  return { role: 'none', replicas: [] };
}

/** "eu-west-1 (InSync), ap-southeast-2 (Failed: ...)". */
export function replicasText(f: ReplicationFacts, withMessages = false): string {
  return f.replicas.map((r) => `${r.region}${r.status ? ` (${r.status}${withMessages && r.message && r.status !== 'InSync' ? `: ${r.message}` : ''})` : ''}`).join(', ');
}
