// What a publish will do, in words, before it is done: which labels the new version gets and
// what moves (PutSecretValue's documented rules), which JSON keys change (names only, never
// values), and the warnings the PutSecretValue reference asks for. Pure.
import type { SecretData } from '../aws/types';
import { sameData } from './format';
import { jsonTextKeyDiff, type KeyDiff } from './jsonDiff';
import type { Owner } from './owners';
import { replicasText, type ReplicationFacts, type RotationFacts } from './rotation';
import { lineEndings, type LineEndings } from './secretDocument';
import { CURRENT, holderOf, PREVIOUS, shortId, sortLabels } from './stages';

/** Warn when a secret has this many versions or more (Secrets Manager keeps about 100). */
export const VERSION_COUNT_WARNING = 90;
/** AWS advises at most one PutSecretValue every 10 minutes. */
export const PUT_INTERVAL_MINUTES = 10;

export interface VersionCount {
  readonly count: number;
  /** Only versions with a label were counted (DescribeSecret's VersionIdsToStages). */
  readonly labelledOnly: boolean;
}

export interface PlanInput {
  readonly secretName: string;
  readonly connectionLabel: string;
  /** VersionIdsToStages from DescribeSecret, just before publishing. */
  readonly versionsToStages: Readonly<Record<string, readonly string[]>>;
  /** Labels the user chose; undefined = Secrets Manager's default (AWSCURRENT moves). */
  readonly labels?: readonly string[];
  /** The value the document was read from (AWSCURRENT) and the value to publish. */
  readonly before?: SecretData;
  readonly after: SecretData;
  /** The document was JSON and is now published as plain text (the user confirmed). */
  readonly jsonToText?: boolean;
  /** When the AWSCURRENT version the document was read from was created. */
  readonly currentCreated?: Date;
  readonly now: Date;
  readonly owningService?: string;
  readonly versionCount?: VersionCount;
  /** Another writer published after the document was read, and the user chose Overwrite. */
  readonly overwriting?: { readonly readFrom?: string; readonly live: string };
  /**
   * AWSPENDING is on another version than AWSCURRENT: a rotation is in progress (or failed).
   * `newer` when that version is newer than AWSCURRENT's (undefined: not known).
   */
  readonly pendingRotation?: { readonly versionId: string; readonly newer?: boolean };
  /** The stored value starts with a byte order mark, which the editor does not show and publishing keeps. */
  readonly bom?: boolean;
  /** Tools its tags say manage the secret (owners.ts; the owning service is `owningService`). */
  readonly owners?: readonly Owner[];
  /** Rotation (rotation.ts): when it is on, the next rotation replaces what is published. */
  readonly rotation?: RotationFacts;
  /** Replication (rotation.ts): a primary's replicas get the new version too. */
  readonly replication?: ReplicationFacts;
}

export interface PublishPlan {
  /** VersionStages to send: undefined when Secrets Manager's default applies (AWSCURRENT moves). */
  readonly versionStages?: string[];
  readonly movesCurrent: boolean;
  /** Label moves, one sentence each. */
  readonly moves: string[];
  /** What changes in the value: key names for JSON, never values. */
  readonly changes: string[];
  readonly keyDiff?: KeyDiff;
  readonly warnings: string[];
  /** The confirmation's message and detail. */
  readonly message: string;
  readonly detail: string;
}

/** Nothing to publish: the new value equals the one the document was read from (JSON by value). */
export function isNoOp(before: SecretData | undefined, after: SecretData): boolean {
  return before !== undefined && sameData(before, after);
}

/**
 * How the labels move, in the words of the PutSecretValue reference: without VersionStages,
 * AWSCURRENT moves to the new version (and AWSPREVIOUS to the version it left); the first
 * version of a secret gets AWSCURRENT whatever labels are named.
 */
export function describeMoves(map: Readonly<Record<string, readonly string[]>>, labels: readonly string[] | undefined): { moves: string[]; movesCurrent: boolean; versionStages?: string[] } {
  const chosen = labels ? sortLabels([...new Set(labels)]) : undefined;
  const current = holderOf(map, CURRENT);
  const movesCurrent = !chosen || chosen.includes(CURRENT) || !current;
  const versionStages = chosen && !(chosen.length === 1 && chosen[0] === CURRENT) ? chosen : undefined;
  const moves: string[] = [];
  if (!current) {
    moves.push(chosen && !chosen.includes(CURRENT)
      ? 'The new version gets AWSCURRENT too: Secrets Manager attaches it to a secret\'s first version, whatever labels are chosen.'
      : 'The new version gets AWSCURRENT.');
  } else if (movesCurrent) {
    const prev = holderOf(map, PREVIOUS);
    const from = prev && prev !== current ? ` (it leaves ${shortId(prev)})` : '';
    moves.push(`AWSCURRENT moves from ${shortId(current)} to the new version; AWSPREVIOUS moves to ${shortId(current)}${from}.`);
  } else {
    moves.push(`AWSCURRENT stays where it is, on ${shortId(current)}: the new version does not become current, and applications keep reading ${shortId(current)}.`);
  }
  for (const label of chosen ?? []) {
    if (label === CURRENT) continue;
    const holder = holderOf(map, label);
    moves.push(holder ? `${label} moves from ${shortId(holder)} to the new version.` : `${label} is attached to the new version.`);
  }
  return { moves, movesCurrent, versionStages };
}

function listKeys(title: string, keys: string[]): string | undefined {
  if (keys.length === 0) return undefined;
  const shown = keys.slice(0, 12).join(', ');
  return `${title}: ${shown}${keys.length > 12 ? ` and ${keys.length - 12} more` : ''}`;
}

const ENDINGS: Record<LineEndings, string> = { none: 'no line breaks', lf: 'LF', crlf: 'CRLF', mixed: 'mixed CRLF and LF' };

/** A text's line endings changed (the editor uses one kind for a whole document). */
function lineEndingChange(before: string, after: string): string | undefined {
  const a = lineEndings(before);
  const b = lineEndings(after);
  if (a === b || a === 'none' || b === 'none') return undefined;
  return a === 'mixed'
    ? `Line endings change: the stored value mixes CRLF and LF; the editor uses one kind, so the new version has ${ENDINGS[b]} line endings throughout.`
    : `Line endings change from ${ENDINGS[a]} to ${ENDINGS[b]}.`;
}

function describeChanges(input: PlanInput): { changes: string[]; keyDiff?: KeyDiff } {
  const { before, after } = input;
  if (input.jsonToText) return { changes: ['The secret was JSON; it will be published as plain text.'] };
  if (after.kind === 'binary') return { changes: [before && before.kind !== 'binary' ? 'The value changes from text to binary.' : 'The binary value changes.'] };
  if (before?.kind === 'binary') return { changes: ['The value changes from binary to text.'] };
  if (before?.kind === 'string') {
    const keyDiff = jsonTextKeyDiff(before.text, after.text);
    if (keyDiff) {
      if (keyDiff.wholeValueChanged) return { changes: ['The JSON value changes (it is not an object, so there are no key names to list).'], keyDiff };
      const changes = [listKeys('Keys added', keyDiff.added), listKeys('Keys removed', keyDiff.removed), listKeys('Keys changed', keyDiff.changed)].filter(
        (x): x is string => x !== undefined,
      );
      return { changes: changes.length ? changes : ['No key changes.'], keyDiff };
    }
  }
  const endings = before?.kind === 'string' ? lineEndingChange(before.text, after.text) : undefined;
  return { changes: ['The text value changes.', ...(endings ? [endings] : [])] };
}

function describeWarnings(input: PlanInput): string[] {
  const warnings: string[] = [];
  if (input.overwriting) {
    const from = input.overwriting.readFrom ? ` (you started from ${shortId(input.overwriting.readFrom)})` : ' (it had no version when you opened it)';
    warnings.push(`Someone else published ${shortId(input.overwriting.live)} after you opened this secret${from}: publishing replaces their value as AWSCURRENT.`);
  }
  if (input.pendingRotation && input.pendingRotation.newer !== false) {
    warnings.push(
      `A rotation is in progress: AWSPENDING is on ${shortId(input.pendingRotation.versionId)}${input.pendingRotation.newer ? ', newer than AWSCURRENT' : ''}. When the rotation's last step runs, it moves AWSCURRENT to that version, over this publish.`,
    );
  }
  for (const owner of input.owners ?? []) warnings.push(`${owner.consequence}`);
  const rotation = input.rotation;
  if (rotation?.enabled) {
    const how = [rotation.schedule, rotation.functionName ? `by ${rotation.functionName}` : undefined].filter(Boolean).join(', ');
    const next = rotation.next ? `; next rotation ${rotation.next.toISOString().slice(0, 10)}` : '';
    warnings.push(`Rotation is on (${how || 'no schedule shown'}${next}): that rotation creates a new version and moves AWSCURRENT to it, so the value you publish stays current only until then.`);
  }
  const replication = input.replication;
  if (replication?.role === 'primary' && replication.replicas.length) {
    const failed = replication.replicas.filter((r) => r.status === 'Failed').map((r) => r.region);
    warnings.push(
      `This secret is replicated to ${replicasText(replication)}: Secrets Manager copies the new version to each replica's region, where applications read the old value until replication completes${failed.length ? `. Replication to ${failed.join(', ')} has failed: ${failed.length === 1 ? 'that replica keeps' : 'those replicas keep'} the old value` : ''}.`,
    );
  }
  if (input.bom) warnings.push('The stored value starts with a byte order mark (U+FEFF), which the editor does not show; the new version keeps it.');
  if (input.currentCreated) {
    const minutes = Math.floor((input.now.getTime() - input.currentCreated.getTime()) / 60_000);
    if (minutes < PUT_INTERVAL_MINUTES) {
      const ago = minutes <= 0 ? 'less than a minute' : `${minutes} minute${minutes === 1 ? '' : 's'}`;
      warnings.push(
        `The current version was created ${ago} ago. AWS advises at most one PutSecretValue every ${PUT_INTERVAL_MINUTES} minutes: more often creates versions faster than Secrets Manager removes them (it removes versions only beyond 100, and none younger than 24 hours).`,
      );
    }
  }
  const vc = input.versionCount;
  if (vc && vc.count >= VERSION_COUNT_WARNING) {
    const counted = vc.labelledOnly
      ? `${vc.count} versions with a label (DescribeSecret counts only labelled versions, so there may be more)`
      : `${vc.count} versions`;
    warnings.push(`This secret has ${counted}. Secrets Manager keeps about 100 versions and never removes versions younger than 24 hours, so publishing may hit the version quota.`);
  }
  if (input.owningService) {
    warnings.push(`This secret is managed by ${input.owningService}. Secrets Manager normally refuses changes made outside ${input.owningService}: change it through ${input.owningService} instead.`);
  }
  return warnings;
}

export function planPublish(input: PlanInput): PublishPlan {
  const { moves, movesCurrent, versionStages } = describeMoves(input.versionsToStages, input.labels);
  const { changes, keyDiff } = describeChanges(input);
  const warnings = describeWarnings(input);
  const message = `Publish a new version of ${input.secretName}?`;
  const detail = [
    `Connection: ${input.connectionLabel}`,
    '',
    ...moves,
    '',
    ...changes,
    ...(warnings.length ? ['', ...warnings.map((w) => `Warning: ${w}`)] : []),
  ].join('\n');
  return { versionStages, movesCurrent, moves, changes, keyDiff, warnings, message, detail };
}

export interface CreatePlanInput {
  readonly secretName: string;
  readonly connectionLabel: string;
  readonly advice?: string;
  readonly description?: string;
  /** How many tags it is created with. */
  readonly tags?: number;
}

export function planCreate(input: CreatePlanInput): { message: string; detail: string } {
  return {
    message: `Create the secret ${input.secretName}?`,
    detail: [
      `Connection: ${input.connectionLabel}`,
      '',
      'CreateSecret makes the secret with this value as its first version, labelled AWSCURRENT.',
      ...(input.description || input.tags ? [`It is created with ${[input.description ? 'the description you gave' : undefined, input.tags ? `${input.tags} tag${input.tags === 1 ? '' : 's'}` : undefined].filter(Boolean).join(' and ')}.`] : []),
      ...(input.advice ? ['', `Note: ${input.advice}`] : []),
    ].join('\n'),
  };
}

/** Versions counted from VersionIdsToStages, unless a full count (deprecated included) is known. */
export function versionCountOf(map: Readonly<Record<string, readonly string[]>>, fullCount?: number): VersionCount {
  const labelled = Object.keys(map).length;
  return fullCount !== undefined && fullCount >= labelled ? { count: fullCount, labelledOnly: false } : { count: labelled, labelledOnly: true };
}
