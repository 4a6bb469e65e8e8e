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
import * as l10n from '@vscode/l10n';

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
      ? l10n.t('The new version gets AWSCURRENT too: Secrets Manager attaches it to a secret\'s first version, whatever labels are chosen.')
      : l10n.t('The new version gets AWSCURRENT.'));
  } else if (movesCurrent) {
    const prev = holderOf(map, PREVIOUS);
    const from = prev && prev !== current ? l10n.t(' (it leaves {0})', shortId(prev)) : '';
    moves.push(l10n.t('AWSCURRENT moves from {0} to the new version; AWSPREVIOUS moves to {0}{1}.', shortId(current), from));
  } else {
    moves.push(l10n.t('AWSCURRENT stays where it is, on {0}: the new version does not become current, and applications keep reading {0}.', shortId(current)));
  }
  for (const label of chosen ?? []) {
    if (label === CURRENT) continue;
    const holder = holderOf(map, label);
    moves.push(holder ? l10n.t('{0} moves from {1} to the new version.', label, shortId(holder)) : l10n.t('{0} is attached to the new version.', label));
  }
  return { moves, movesCurrent, versionStages };
}

const tagCount = (tags: number) => (tags === 1 ? l10n.t('1 tag') : l10n.t('{0} tags', tags));

function listKeys(title: string, keys: string[]): string | undefined {
  if (keys.length === 0) return undefined;
  const shown = keys.slice(0, 12).join(', ');
  return `${title}: ${shown}${keys.length > 12 ? l10n.t(' and {0} more', keys.length - 12) : ''}`;
}

const ENDINGS: Record<LineEndings, () => string> = { none: () => l10n.t('no line breaks'), lf: () => 'LF', crlf: () => 'CRLF', mixed: () => l10n.t('mixed CRLF and LF') };

/** A text's line endings changed (the editor uses one kind for a whole document). */
function lineEndingChange(before: string, after: string): string | undefined {
  const a = lineEndings(before);
  const b = lineEndings(after);
  if (a === b || a === 'none' || b === 'none') return undefined;
  return a === 'mixed'
    ? l10n.t('Line endings change: the stored value mixes CRLF and LF; the editor uses one kind, so the new version has {0} line endings throughout.', ENDINGS[b]())
    : l10n.t('Line endings change from {0} to {1}.', ENDINGS[a](), ENDINGS[b]());
}

function describeChanges(input: PlanInput): { changes: string[]; keyDiff?: KeyDiff } {
  const { before, after } = input;
  if (input.jsonToText) return { changes: [l10n.t('The secret was JSON; it will be published as plain text.')] };
  if (after.kind === 'binary') return { changes: [before && before.kind !== 'binary' ? l10n.t('The value changes from text to binary.') : l10n.t('The binary value changes.')] };
  if (before?.kind === 'binary') return { changes: [l10n.t('The value changes from binary to text.')] };
  if (before?.kind === 'string') {
    const keyDiff = jsonTextKeyDiff(before.text, after.text);
    if (keyDiff) {
      if (keyDiff.wholeValueChanged) return { changes: [l10n.t('The JSON value changes (it is not an object, so there are no key names to list).')], keyDiff };
      const changes = [listKeys(l10n.t('Keys added'), keyDiff.added), listKeys(l10n.t('Keys removed'), keyDiff.removed), listKeys(l10n.t('Keys changed'), keyDiff.changed)].filter(
        (x): x is string => x !== undefined,
      );
      return { changes: changes.length ? changes : [l10n.t('No key changes.')], keyDiff };
    }
  }
  const endings = before?.kind === 'string' ? lineEndingChange(before.text, after.text) : undefined;
  return { changes: [l10n.t('The text value changes.'), ...(endings ? [endings] : [])] };
}

function describeWarnings(input: PlanInput): string[] {
  const warnings: string[] = [];
  if (input.overwriting) {
    const from = input.overwriting.readFrom ? l10n.t(' (you started from {0})', shortId(input.overwriting.readFrom)) : l10n.t(' (it had no version when you opened it)');
    warnings.push(l10n.t('Someone else published {0} after you opened this secret{1}: publishing replaces their value as AWSCURRENT.', shortId(input.overwriting.live), from));
  }
  if (input.pendingRotation && input.pendingRotation.newer !== false) {
    warnings.push(
      l10n.t('A rotation is in progress: AWSPENDING is on {0}{1}. When the rotation\'s last step runs, it moves AWSCURRENT to that version, over this publish.', shortId(input.pendingRotation.versionId), input.pendingRotation.newer ? l10n.t(', newer than AWSCURRENT') : ''),
    );
  }
  for (const owner of input.owners ?? []) warnings.push(`${owner.consequence}`);
  const rotation = input.rotation;
  if (rotation?.enabled) {
    const how = [rotation.schedule, rotation.functionName ? `by ${rotation.functionName}` : undefined].filter(Boolean).join(', ');
    const next = rotation.next ? l10n.t('; next rotation {0}', rotation.next.toISOString().slice(0, 10)) : '';
    warnings.push(l10n.t('Rotation is on ({0}{1}): that rotation creates a new version and moves AWSCURRENT to it, so the value you publish stays current only until then.', how || l10n.t('no schedule shown'), next));
  }
  const replication = input.replication;
  if (replication?.role === 'primary' && replication.replicas.length) {
    const failed = replication.replicas.filter((r) => r.status === 'Failed').map((r) => r.region);
    warnings.push(
      l10n.t('This secret is replicated to {0}: Secrets Manager copies the new version to each replica\'s region, where applications read the old value until replication completes{1}.', replicasText(replication), failed.length ? l10n.t('. Replication to {0} has failed: {1} the old value', failed.join(', '), failed.length === 1 ? l10n.t('that replica keeps') : l10n.t('those replicas keep')) : ''),
    );
  }
  if (input.bom) warnings.push(l10n.t('The stored value starts with a byte order mark (U+FEFF), which the editor does not show; the new version keeps it.'));
  if (input.currentCreated) {
    const minutes = Math.floor((input.now.getTime() - input.currentCreated.getTime()) / 60_000);
    if (minutes < PUT_INTERVAL_MINUTES) {
      const ago = minutes <= 0 ? l10n.t('less than a minute') : minutes === 1 ? l10n.t('1 minute') : l10n.t('{0} minutes', minutes);
      warnings.push(
        l10n.t('The current version was created {0} ago. AWS advises at most one PutSecretValue every {1} minutes: more often creates versions faster than Secrets Manager removes them (it removes versions only beyond 100, and none younger than 24 hours).', ago, PUT_INTERVAL_MINUTES),
      );
    }
  }
  const vc = input.versionCount;
  if (vc && vc.count >= VERSION_COUNT_WARNING) {
    const counted = vc.labelledOnly
      ? l10n.t('{0} versions with a label (DescribeSecret counts only labelled versions, so there may be more)', vc.count)
      : l10n.t('{0} versions', vc.count);
    warnings.push(l10n.t('This secret has {0}. Secrets Manager keeps about 100 versions and never removes versions younger than 24 hours, so publishing may hit the version quota.', counted));
  }
  if (input.owningService) {
    warnings.push(l10n.t('This secret is managed by {0}. Secrets Manager normally refuses changes made outside {0}: change it through {0} instead.', input.owningService));
  }
  return warnings;
}

export function planPublish(input: PlanInput): PublishPlan {
  const { moves, movesCurrent, versionStages } = describeMoves(input.versionsToStages, input.labels);
  const { changes, keyDiff } = describeChanges(input);
  const warnings = describeWarnings(input);
  const message = l10n.t('Publish a new version of {0}?', input.secretName);
  const detail = [
    l10n.t('Connection: {0}', input.connectionLabel),
    '',
    ...moves,
    '',
    ...changes,
    ...(warnings.length ? ['', ...warnings.map((w) => l10n.t('Warning: {0}', w))] : []),
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
    message: l10n.t('Create the secret {0}?', input.secretName),
    detail: [
      l10n.t('Connection: {0}', input.connectionLabel),
      '',
      l10n.t('CreateSecret makes the secret with this value as its first version, labelled AWSCURRENT.'),
      ...(input.description || input.tags ? [input.description && input.tags ? l10n.t('It is created with the description you gave and {0}.', tagCount(input.tags)) : input.description ? l10n.t('It is created with the description you gave.') : l10n.t('It is created with {0}.', tagCount(input.tags ?? 0))] : []),
      ...(input.advice ? ['', l10n.t('Note: {0}', input.advice)] : []),
    ].join('\n'),
  };
}

/** Versions counted from VersionIdsToStages, unless a full count (deprecated included) is known. */
export function versionCountOf(map: Readonly<Record<string, readonly string[]>>, fullCount?: number): VersionCount {
  const labelled = Object.keys(map).length;
  return fullCount !== undefined && fullCount >= labelled ? { count: fullCount, labelledOnly: false } : { count: labelled, labelledOnly: true };
}
