// What is wrong with a reference, given what the lookups found, with a fix where one is clear:
//   - the secret does not exist in the connection's region ("did you mean prod/db-main?");
//   - a complete ARN whose suffix is not its secret's any more (deleted and created again);
//   - it is scheduled for deletion (fix: Restore Secret);
//   - the version stage or version id does not exist (or the version has no label any more);
//   - the JSON key is not in the version the reference resolves to (only where the user lets key
//     checks read values), or that version is not a JSON object;
//   - mistakes the parser saw by itself (a stage and an id, SecretBinary, too many parts).
// Messages name secrets, labels, version ids and key names, never a value. Pure.
import type { SecretSummary, SecretVersion } from '../../aws/types';
import { shortId } from '../stages';
import type { ConnectionInfo, Resolution } from './connection';
import { resourceOf, type Lookup } from './directory';
import { hasKey, type KeyNames } from './keys';
import { closest } from './suggest';
import type { SecretReference, Span } from './types';
import * as l10n from '@vscode/l10n';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type Fix =
  | { readonly title: string; readonly edit: { readonly span: Span; readonly text: string }; readonly preferred?: boolean }
  | { readonly title: string; readonly command: string; readonly args: readonly unknown[] };

export interface Finding {
  readonly span: Span;
  readonly severity: Severity;
  /** A stable code per kind of finding (shown by VS Code next to the message). */
  readonly code: string;
  readonly message: string;
  readonly fixes: readonly Fix[];
}

/** Everything known about one reference when its findings are made. */
export interface CheckContext {
  readonly ref: SecretReference;
  readonly resolution: Resolution;
  /** The connection that answered (the resolution's). */
  readonly connection?: ConnectionInfo;
  readonly lookup?: Lookup;
  /** All versions (ListSecretVersionIds), read only when the reference pins an id no label holds. */
  readonly versions?: readonly SecretVersion[];
  /** The user lets key checks read values on this connection. */
  readonly keysAllowed: boolean;
  readonly keys?: KeyNames;
  /** Secrets near the name, for "did you mean". */
  readonly nearby?: readonly SecretSummary[];
}

const MAX_LISTED = 10;

/** The names of a list, at most a few, for a message. */
export function listed(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? l10n.t('{0} and {1} more', shown, names.length - MAX_LISTED) : shown;
}

/** "the AWSCURRENT version", "the AWSPREVIOUS version", "version 1a2b3c4d". */
export function versionLabel(ref: Pick<SecretReference, 'versionId' | 'versionStage'>): string {
  if (ref.versionId) return l10n.t('version {0}', shortId(ref.versionId.text));
  return l10n.t('the {0} version', ref.versionStage?.text ?? 'AWSCURRENT');
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Every label on a secret's versions, in a stable order. */
export function labelsOf(s: SecretSummary): string[] {
  return [...new Set(Object.values(s.versionsToStages).flat())].sort();
}

/** The span of an ARN's resource part (after `secret:`), or of the whole secret id. */
function resourceSpan(ref: SecretReference): Span {
  if (!ref.arn) return ref.secret.span;
  return { start: ref.secret.span.end - ref.arn.resource.length, end: ref.secret.span.end };
}

function nameFixes(ref: SecretReference, nearby: readonly SecretSummary[]): { names: string[]; fixes: Fix[] } {
  const wanted = ref.arn ? ref.arn.nameIfComplete ?? ref.arn.resource : ref.secret.text;
  const names = closest(wanted, nearby.map((s) => s.name));
  const fixes: Fix[] = names.map((name, i) => {
    const s = nearby.find((x) => x.name === name)!;
    // A complete ARN gets the candidate's complete resource (name and suffix); a name, the name.
    const text = ref.arn && ref.arn.nameIfComplete && s.arn ? resourceOf(s.arn) : name;
    return { title: l10n.t('Change to {0}', name), edit: { span: resourceSpan(ref), text }, preferred: i === 0 };
  });
  return { names, fixes };
}

export function findingsFor(c: CheckContext): Finding[] {
  const { ref } = c;
  const out: Finding[] = [];
  for (const p of ref.problems ?? []) out.push({ span: p.span, severity: 'error', code: p.code, message: p.message, fixes: [] });
  const where = c.connection?.label ?? l10n.t('the connection');
  const lookup = c.lookup;
  if (!c.resolution.connectionId || !lookup) return soften(ref, out);
  if (lookup.state === 'missing') {
    if (ref.creates) return soften(ref, out);
    if (lookup.sameName?.arn && ref.arn) {
      const now = resourceOf(lookup.sameName.arn);
      out.push({
        span: resourceSpan(ref),
        severity: 'warning',
        code: 'arn-suffix',
        message: l10n.t('{0} has another ARN now (it ends in {1}): the secret this ARN named was deleted, and one of the same name created. Its ARN no longer resolves.', lookup.sameName.name, now.slice(lookup.sameName.name.length)),
        fixes: [{ title: l10n.t('Use the ARN of {0} now', lookup.sameName.name), edit: { span: resourceSpan(ref), text: now }, preferred: true }],
      });
      return soften(ref, out);
    }
    const { names, fixes } = nameFixes(ref, c.nearby ?? []);
    const shown = ref.arn ? ref.arn.nameIfComplete ?? ref.arn.resource : ref.secret.text;
    out.push({
      span: ref.arn ? resourceSpan(ref) : ref.secret.span,
      severity: 'warning',
      code: 'secret-not-found',
      message: l10n.t('No secret {0} in {1}.{2}', shown, where, names.length ? l10n.t(' Did you mean {0}?', names.join(', ')) : ''),
      fixes,
    });
    return soften(ref, out);
  }
  if (lookup.state !== 'found') return soften(ref, out);
  const s = lookup.summary;
  if (s.deletedDate) {
    out.push({
      span: ref.secret.span,
      severity: 'warning',
      code: 'scheduled-for-deletion',
      message: l10n.t('{0} is scheduled for deletion (deleted on {1}): reading it fails until it is restored.', s.name, day(s.deletedDate)),
      fixes: [{ title: l10n.t('Restore {0}', s.name), command: 'secretsManager.restoreSecret', args: [{ connectionId: c.resolution.connectionId, name: s.name, arn: s.arn }] }],
    });
    return soften(ref, out);
  }
  const labels = labelsOf(s);
  if (ref.versionStage && !labels.includes(ref.versionStage.text)) {
    const near = closest(ref.versionStage.text, labels);
    out.push({
      span: ref.versionStage.span,
      severity: 'warning',
      code: 'unknown-stage',
      message: l10n.t('{0} has no version labelled {1}{2}.{3}', s.name, ref.versionStage.text, labels.length ? l10n.t(' (its labels: {0})', listed(labels)) : '', near.length ? l10n.t(' Did you mean {0}?', near[0]) : ''),
      fixes: near.map((l, i) => ({ title: l10n.t('Change to {0}', l), edit: { span: ref.versionStage!.span, text: l }, preferred: i === 0 })),
    });
  }
  let versionKnown = true;
  if (ref.versionId && !(ref.versionId.text in s.versionsToStages)) {
    const all = c.versions;
    if (all && all.some((v) => v.versionId === ref.versionId!.text)) {
      out.push({
        span: ref.versionId.span,
        severity: 'information',
        code: 'deprecated-version',
        message: l10n.t('Version {0} of {1} has no staging label: Secrets Manager deletes such versions when the secret has too many.', shortId(ref.versionId.text), s.name),
        fixes: [],
      });
    } else if (all) {
      versionKnown = false;
      const ids = Object.keys(s.versionsToStages);
      const near = closest(ref.versionId.text, ids, 1);
      out.push({
        span: ref.versionId.span,
        severity: 'warning',
        code: 'unknown-version',
        message: l10n.t('{0} has no version {1}.{2}', s.name, ref.versionId.text, near.length ? l10n.t(' Did you mean {0} ({1})?', near[0], s.versionsToStages[near[0]].join(', ')) : ''),
        fixes: near.map((id) => ({ title: l10n.t('Change to {0} ({1})', shortId(id), s.versionsToStages[id].join(', ')), edit: { span: ref.versionId!.span, text: id }, preferred: true })),
      });
    }
  }
  const stageKnown = !ref.versionStage || labels.includes(ref.versionStage.text);
  if (ref.jsonKey && c.keysAllowed && c.keys && stageKnown && versionKnown) {
    const k = c.keys;
    const of = `${versionLabel(ref)} of ${s.name}`;
    if (k.state === 'keys' && !hasKey(k, ref.jsonKey.text, !!ref.keyIsPath)) {
      const pool = ref.keyIsPath ? [...k.keys, ...k.paths] : k.keys;
      const near = closest(ref.jsonKey.text, pool);
      out.push({
        span: ref.jsonKey.span,
        severity: 'warning',
        code: 'unknown-key',
        message: l10n.t('{0} has no key {1}{2}.{3}', capitalize(of), ref.jsonKey.text, k.keys.length ? l10n.t(' (its keys: {0})', listed(k.keys)) : '', near.length ? l10n.t(' Did you mean {0}?', near[0]) : ''),
        fixes: near.map((key, i) => ({ title: l10n.t('Change to {0}', key), edit: { span: ref.jsonKey!.span, text: key }, preferred: i === 0 })),
      });
    } else if (k.state === 'notJson' || k.state === 'binary') {
      out.push({
        span: ref.jsonKey.span,
        severity: 'warning',
        code: 'not-json',
        message: l10n.t('{0} is {1}, so it has no key {2}.', capitalize(of), k.state === 'binary' ? l10n.t('binary') : l10n.t('not a JSON object'), ref.jsonKey.text),
        fixes: [],
      });
    }
  }
  return soften(ref, out);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An uncertain reference (its store may not be Secrets Manager): findings become information, and say why. */
function soften(ref: SecretReference, findings: Finding[]): Finding[] {
  if (!ref.uncertain) return findings;
  return findings.map((f) => f.severity === 'warning'
    ? { ...f, severity: 'information', message: l10n.t('{0} (If this ExternalSecret reads AWS Secrets Manager: {1}.)', f.message, ref.uncertain ?? '') }
    : f);
}
