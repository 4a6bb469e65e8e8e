// A secret's history: its versions (ListSecretVersionIds, deprecated ones included) joined with the
// CloudTrail events about it (LookupEvents, any order, any number of pages, duplicates allowed).
// Events are joined to versions by the version id in the request (ClientRequestToken, which becomes
// the VersionId) or the response (VersionId); label moves are replayed in time order, so a
// PutSecretValue that moved AWSCURRENT says where from. Every version is listed; one without an
// event says why (older than CloudTrail's 90 days, CloudTrail denied or unreachable, written in
// the primary's region, not read yet, too recent). Pure: no `vscode`, no SDK. Never a value: events
// carry only the whitelisted fields of src/aws/cloudtrailTypes.ts.
import type { TrailActor, TrailEvent } from '../aws/cloudtrailTypes';
import type { SecretVersion } from '../aws/types';
import { CURRENT, PENDING, PREVIOUS, shortId, sortLabels } from './stages';
import * as l10n from '@vscode/l10n';

/** CloudTrail's event history keeps 90 days. */
export const RETENTION_DAYS = 90;
export const RETENTION_MS = RETENTION_DAYS * 86_400_000;
/** CloudTrail delivers an event within about 5 minutes, rarely up to 15. */
export const DELIVERY_MS = 15 * 60_000;

/** Who did something, in words, and the event that says so. */
export interface Attribution {
  /** Short: "bob@example.com", "alice", "gha-deploy-4711 (terraform-ci)", "secretsmanager.amazonaws.com". */
  readonly who: string;
  /** Long: "IAM Identity Center user bob@example.com, permission set PowerUserAccess". */
  readonly principal: string;
  readonly actor: TrailActor;
  readonly eventId: string;
  readonly eventName: string;
  readonly at: Date;
  /** Source IP, or the service that called. */
  readonly source?: string;
  readonly userAgent?: string;
  readonly accessKeyId?: string;
  readonly region?: string;
}

export type MissingReason = 'retention' | 'denied' | 'unavailable' | 'otherRegion' | 'notRead' | 'tooRecent' | 'notFound';

export interface Missing {
  readonly why: MissingReason;
  readonly text: string;
}

export type HistoryEntry =
  | {
      readonly kind: 'version';
      readonly versionId: string;
      /** Its labels now. */
      readonly labels: readonly string[];
      readonly created?: Date;
      /** The call that created it (CreateSecret, PutSecretValue, UpdateSecret). */
      readonly by?: Attribution;
      readonly missing?: Missing;
      /** The labels it was created with, when the event says. */
      readonly createdWith?: readonly string[];
      /** Created by a rotation function (PutSecretValue with AWSPENDING). */
      readonly rotation?: boolean;
      /** Later calls with the same token (retries) that created nothing. */
      readonly repeats?: number;
      /** The version before it (by creation), for "changed keys". */
      readonly previousVersionId?: string;
    }
  | {
      readonly kind: 'move';
      readonly label: string;
      /** The version it moved to; undefined: it was removed. */
      readonly to?: string;
      /** The version it left, when known. */
      readonly from?: string;
      readonly at: Date;
      readonly by: Attribution;
      /** UpdateSecretVersionStage, or the PutSecretValue / CreateSecret that moved AWSCURRENT. */
      readonly via: string;
      /** AWSCURRENT moved back to an older version. */
      readonly rollback?: boolean;
      /** A rotation's step (its function moving AWSCURRENT). */
      readonly rotation?: boolean;
      /** AWSPREVIOUS, which Secrets Manager moves with AWSCURRENT: the version it went to. */
      readonly previousTo?: string;
    }
  | {
      readonly kind: 'rotation';
      /** RotateSecret, RotationStarted, RotationSucceeded, RotationFailed, RotationAbandoned, CancelRotateSecret. */
      readonly step: string;
      readonly at: Date;
      readonly by: Attribution;
      /** RotateSecret: it started a rotation now (else it only configured rotation). */
      readonly immediately?: boolean;
      readonly functionArn?: string;
    }
  | {
      /** Another change: description, tags, policy, deletion, restore, replication... */
      readonly kind: 'change';
      readonly eventName: string;
      readonly text: string;
      readonly at: Date;
      readonly by: Attribution;
    }
  | {
      /** A write that failed (access denied, invalid...): it changed nothing. */
      readonly kind: 'refused';
      readonly eventName: string;
      readonly errorCode: string;
      readonly errorMessage?: string;
      readonly at: Date;
      readonly by: Attribution;
    };

export type LookupOutcome =
  /** Every event in the window was read. */
  | { readonly state: 'complete' }
  /** The lookup stopped (page limit) or failed after some pages: events before `readBack` were not read. */
  | { readonly state: 'partial'; readonly readBack: Date; readonly pages: number; readonly error?: LookupFailure }
  /** No event could be read. */
  | { readonly state: 'failed'; readonly error: LookupFailure };

export interface LookupFailure {
  /** The AwsError kind (accessDenied, endpointUnreachable, throttled...). */
  readonly kind?: string;
  readonly message: string;
  /** The denied IAM action (cloudtrail:LookupEvents). */
  readonly action?: string;
}

export interface HistoryInput {
  readonly secret: {
    readonly name: string;
    readonly arn: string;
    /** The connection's region. */
    readonly region: string;
    /** A replica's primary region (or a primary's own). */
    readonly primaryRegion?: string;
    readonly created?: Date;
  };
  readonly versions: readonly SecretVersion[];
  readonly events: readonly TrailEvent[];
  /** The window the lookup asked for. */
  readonly window: { readonly from: Date; readonly to: Date };
  readonly lookup: LookupOutcome;
  readonly now: Date;
}

export interface Timeline {
  /** Newest first. */
  readonly entries: readonly HistoryEntry[];
  /** What attribution there is, in words (e.g. "CloudTrail, since 2026-09-03: 12 events"). */
  readonly attribution: { readonly state: LookupOutcome['state']; readonly text: string; readonly failure?: LookupFailure };
  /** Write events joined, reads seen (GetSecretValue, DescribeSecret...: counted, not listed). */
  readonly counts: { readonly events: number; readonly writes: number; readonly reads: number; readonly unjoined: number };
  /** The rotation steps seen, for rotationFacts. */
  readonly rotationEvents: readonly TrailEvent[];
}

// ---- who ----------------------------------------------------------------------------------------

const SSO_ROLE = /^AWSReservedSSO_(.+)_[0-9a-f]{8,}$/;

const roleNameOf = (actor: TrailActor) => actor.userName ?? actor.roleArn?.split('/').pop() ?? actor.arn?.split('/')[1];

/** The principal of an event in words: short (for descriptions) and long (for tooltips). */
export function describeActor(actor: TrailActor, username?: string): { who: string; principal: string } {
  switch (actor.type) {
    case 'IAMUser': {
      const name = actor.userName ?? username ?? actor.arn?.split('/').pop() ?? l10n.t('an IAM user');
      return { who: name, principal: l10n.t('IAM user {0}{1}', name, actor.mfa ? l10n.t(' (MFA)') : '') };
    }
    case 'AssumedRole': {
      const role = roleNameOf(actor) ?? 'a role';
      const session = actor.sessionName ?? username ?? '';
      const sso = SSO_ROLE.exec(role);
      if (sso) return { who: session || role, principal: l10n.t('IAM Identity Center user {0}, permission set {1} (role {2}, session {3})', session || l10n.t('(unknown)'), sso[1], role, session || '?') };
      return { who: session ? `${session} (${role})` : role, principal: l10n.t('role {0}{1}{2}', role, session ? l10n.t(', session {0}', session) : '', actor.mfa ? l10n.t(' (MFA)') : '') };
    }
    case 'Root':
      return { who: 'root', principal: l10n.t('the root user of account {0}', actor.accountId ?? '?') };
    case 'AWSService':
      return { who: actor.invokedBy ?? l10n.t('an AWS service'), principal: l10n.t('AWS service {0}', actor.invokedBy ?? l10n.t('(unknown)')) };
    case 'FederatedUser': {
      const name = actor.arn?.split('/').pop() ?? username ?? l10n.t('a federated user');
      return { who: name, principal: l10n.t('federated user {0}', name) };
    }
    default: {
      if (actor.invokedBy) return { who: actor.invokedBy, principal: l10n.t('AWS service {0}', actor.invokedBy) };
      const name = username ?? actor.userName ?? actor.arn ?? 'unknown';
      return { who: name, principal: actor.type ? `${actor.type} ${name}` : name };
    }
  }
}

export function attributionOf(e: TrailEvent): Attribution {
  const { who, principal } = describeActor(e.actor, e.username);
  return { who, principal, actor: e.actor, eventId: e.eventId, eventName: e.eventName, at: e.eventTime, source: e.sourceIp, userAgent: e.userAgent, accessKeyId: e.accessKeyId, region: e.awsRegion };
}

// ---- the join -----------------------------------------------------------------------------------

/** Order of calls logged in the same second: a rotation's steps, then creations, then moves, then its end. */
const RANK: Record<string, number> = {
  RotateSecret: 1,
  RotationStarted: 2,
  CreateSecret: 3,
  PutSecretValue: 4,
  UpdateSecret: 4,
  UpdateSecretVersionStage: 5,
  RotationSucceeded: 7,
  RotationFailed: 7,
  RotationAbandoned: 7,
};
const ROTATION_STEPS = new Set(['RotateSecret', 'RotationStarted', 'RotationSucceeded', 'RotationFailed', 'RotationAbandoned', 'CancelRotateSecret']);

const CHANGE_TEXT: Record<string, string> = {
  UpdateSecret: l10n.t('description or KMS key changed'),
  TagResource: l10n.t('tags added or changed'),
  UntagResource: l10n.t('tags removed'),
  DeleteSecret: l10n.t('scheduled for deletion'),
  RestoreSecret: l10n.t('restored (deletion cancelled)'),
  PutResourcePolicy: l10n.t('resource policy set'),
  DeleteResourcePolicy: l10n.t('resource policy removed'),
  ReplicateSecretToRegions: l10n.t('replicated to more regions'),
  RemoveRegionsFromReplication: l10n.t('replicas removed'),
  StopReplicationToReplica: l10n.t('a replica made a standalone secret'),
  CreateSecret: l10n.t('created with no value'),
};

/** Whether an event is about this secret (by ARN, name or partial ARN) and not about an earlier one of the same name. */
function concerns(e: TrailEvent, s: HistoryInput['secret']): boolean {
  const ids = [...e.resources, e.request.secretId, e.request.name, e.serviceSecretId].filter((x): x is string => !!x);
  const matches = (id: string) => id === s.arn || id === s.name || (id.startsWith('arn:') ? s.arn.startsWith(id) && s.arn.length - id.length === 7 : false);
  if (!ids.some(matches)) return false;
  // Same name, another secret (deleted and created again): its events are older than this one.
  if (s.created && e.eventTime.getTime() < s.created.getTime() - 1000 && !ids.some((id) => id === s.arn)) return false;
  return true;
}

/**
 * Events in the order they happened. CloudTrail's times are whole seconds, so within a second the
 * versions' own creation times (milliseconds, from ListSecretVersionIds) order what they can: a
 * creation at its version's time, a label move just after both versions it names exist. The rest by
 * RANK (a rotation's start before its steps, its end after them), then a move before the move that
 * takes the label on from where it put it.
 */
export function chronological(events: readonly TrailEvent[], createdOf: (versionId: string | undefined) => number | undefined = () => undefined): TrailEvent[] {
  const byId = new Map<string, TrailEvent>();
  for (const e of events) if (!byId.has(e.eventId)) byId.set(e.eventId, e);
  const key = (e: TrailEvent): [number, number, number, number] => {
    const second = Math.floor(e.eventTime.getTime() / 1000) * 1000;
    const rank = RANK[e.eventName] ?? 6;
    const band = rank < 3 ? 0 : rank <= 5 ? 1 : 2;
    let fine = second + 999;
    if (band === 1) {
      const versionId = e.eventName === 'UpdateSecretVersionStage' ? undefined : e.response.versionId ?? e.request.clientRequestToken;
      const times = e.eventName === 'UpdateSecretVersionStage'
        ? [createdOf(e.request.moveToVersionId), createdOf(e.request.removeFromVersionId)].filter((t): t is number => t !== undefined).map((t) => t + 0.5)
        : [createdOf(versionId)].filter((t): t is number => t !== undefined);
      // Only when those times fall in the event's own second (else the event time is all there is).
      const t = times.length ? Math.max(...times) : undefined;
      if (t !== undefined && t >= second && t < second + 1000) fine = t;
    }
    return [second, band, fine, rank];
  };
  const keys = new Map([...byId.values()].map((e) => [e.eventId, key(e)]));
  const sorted = [...byId.values()].sort((a, b) => {
    const [ka, kb] = [keys.get(a.eventId)!, keys.get(b.eventId)!];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return a.eventId < b.eventId ? -1 : 1;
  });
  // Label moves of the same label in the same second: a chain A->B then B->C must keep that order.
  for (let pass = 0; pass < sorted.length; pass++) {
    let swapped = false;
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [a, b] = [sorted[i], sorted[i + 1]];
      if (Math.floor(a.eventTime.getTime() / 1000) !== Math.floor(b.eventTime.getTime() / 1000) || a.eventName !== 'UpdateSecretVersionStage' || b.eventName !== 'UpdateSecretVersionStage') continue;
      if (a.request.versionStage !== b.request.versionStage) continue;
      // b moved the label to where a takes it from: b came first.
      if (b.request.moveToVersionId && b.request.moveToVersionId === a.request.removeFromVersionId && a.request.moveToVersionId !== b.request.removeFromVersionId) {
        sorted[i] = b;
        sorted[i + 1] = a;
        swapped = true;
      }
    }
    if (!swapped) break;
  }
  return sorted;
}

function missingReason(v: SecretVersion, input: HistoryInput): Missing {
  const { lookup, secret, now, window } = input;
  const created = v.createdDate?.getTime();
  if (secret.primaryRegion && secret.primaryRegion !== secret.region) {
    return { why: 'otherRegion', text: l10n.t('written in {0}, this replica\'s primary region: that region\'s CloudTrail has the event', secret.primaryRegion) };
  }
  if (lookup.state === 'failed') {
    return lookup.error.kind === 'accessDenied'
      ? { why: 'denied', text: l10n.t('CloudTrail access denied ({0})', lookup.error.action ?? 'cloudtrail:LookupEvents') }
      : { why: 'unavailable', text: l10n.t('CloudTrail could not be read') };
  }
  if (created !== undefined && created < now.getTime() - RETENTION_MS) {
    return { why: 'retention', text: l10n.t('older than {0} days: CloudTrail\'s event history keeps {0} days', RETENTION_DAYS) };
  }
  // Event times are whole seconds: the second read last may hold more events than were read.
  if (lookup.state === 'partial' && created !== undefined && created < lookup.readBack.getTime() + 1000) {
    return { why: 'notRead', text: l10n.t('older than the events read ({0})', lookup.error ? l10n.t('the lookup failed') : l10n.t('the lookup stopped after {0} pages', lookup.pages)) };
  }
  if (created !== undefined && created < window.from.getTime()) return { why: 'notRead', text: l10n.t('before the events read') };
  if (created !== undefined && created > now.getTime() - DELIVERY_MS) {
    return { why: 'tooRecent', text: l10n.t('created in the last minutes: CloudTrail takes up to 15 minutes to deliver an event') };
  }
  return { why: 'notFound', text: l10n.t('no CloudTrail event names this version') };
}

/** The timeline of a secret: every version, every label move, rotation step and change, newest first. */
export function joinHistory(input: HistoryInput): Timeline {
  const versions = [...input.versions].sort((a, b) => (a.createdDate?.getTime() ?? 0) - (b.createdDate?.getTime() ?? 0));
  const known = new Map(versions.map((v) => [v.versionId, v]));
  const created = (id: string | undefined) => (id ? known.get(id)?.createdDate?.getTime() : undefined);
  const events = chronological(input.events.filter((e) => concerns(e, input.secret)), created);

  /** Replayed label holders; a label absent from the map is not known. */
  const holder = new Map<string, string | undefined>();
  /** Versions whose creation event was found, and where their entry goes. */
  const creations = new Map<string, { event: TrailEvent; stages: readonly string[]; rotation: boolean; repeats: number; slot: { entry?: HistoryEntry; at: number; seq: number } }>();
  const timed: { entry?: HistoryEntry; at: number; seq: number }[] = [];
  let seq = 0;
  let reads = 0;
  let writes = 0;
  let unjoined = 0;
  let rotating = false;
  const rotationEvents: TrailEvent[] = [];
  const push = (entry: HistoryEntry | undefined, at: number) => {
    const slot = { entry, at, seq: seq++ };
    timed.push(slot);
    return slot;
  };

  for (const e of events) {
    if (e.readOnly) {
      reads++;
      continue;
    }
    writes++;
    const by = attributionOf(e);
    const at = e.eventTime.getTime();
    if (e.errorCode) {
      push({ kind: 'refused', eventName: e.eventName, errorCode: e.errorCode, errorMessage: e.errorMessage, at: e.eventTime, by }, at);
      continue;
    }
    if (ROTATION_STEPS.has(e.eventName)) {
      rotationEvents.push(e);
      const immediately = e.eventName === 'RotateSecret' ? e.request.rotateImmediately !== false : undefined;
      if (e.eventName === 'RotationStarted' || immediately) rotating = true;
      if (e.eventName === 'RotationSucceeded' || e.eventName === 'RotationFailed' || e.eventName === 'RotationAbandoned' || e.eventName === 'CancelRotateSecret') rotating = false;
      push({ kind: 'rotation', step: e.eventName, at: e.eventTime, by, immediately, functionArn: e.request.rotationLambdaArn }, at);
      continue;
    }
    // The version a call created: PutSecretValue's token is its VersionId; CreateSecret and
    // UpdateSecret make one only with a value (their token is an idempotency token otherwise).
    const token = e.request.clientRequestToken;
    const versionId =
      e.eventName === 'PutSecretValue' ? e.response.versionId ?? token
        : e.eventName === 'CreateSecret' || e.eventName === 'UpdateSecret' ? e.response.versionId ?? (e.eventName === 'CreateSecret' && token && known.has(token) ? token : undefined)
          : undefined;
    if (versionId) {
      const earlier = creations.get(versionId);
      if (earlier) {
        // The same token again: a retry (or an idempotent repeat) that created nothing.
        earlier.repeats++;
        continue;
      }
      if (!known.has(versionId)) {
        // A version no longer kept (Secrets Manager removes old deprecated ones past 100).
        unjoined++;
        continue;
      }
      const stages = e.response.versionStages?.length
        ? e.response.versionStages
        : e.eventName === 'PutSecretValue' && e.request.versionStages?.length
          ? e.request.versionStages
          : [CURRENT];
      const first = e.eventName === 'CreateSecret' || (!holder.has(CURRENT) && creations.size === 0 && versions[0]?.versionId === versionId);
      const rotation = stages.length === 1 && stages[0] === PENDING;
      creations.set(versionId, { event: e, stages, rotation, repeats: 0, slot: push(undefined, at) });
      if (stages.includes(CURRENT)) {
        const from = holder.get(CURRENT);
        if (!first) push({ kind: 'move', label: CURRENT, to: versionId, from, at: e.eventTime, by, via: e.eventName, previousTo: from !== versionId ? from : undefined }, at);
        if (from && from !== versionId) holder.set(PREVIOUS, from);
        else holder.delete(PREVIOUS);
      }
      for (const l of stages) holder.set(l, versionId);
      continue;
    }
    if (e.eventName === 'PutSecretValue') {
      // Neither a token nor a version id: nothing to join it to.
      unjoined++;
      continue;
    }
    if (e.eventName === 'UpdateSecretVersionStage' && e.request.versionStage) {
      const label = e.request.versionStage;
      const to = e.request.moveToVersionId;
      const from = e.request.removeFromVersionId ?? (holder.get(label) !== to ? holder.get(label) : undefined);
      const rollback = label === CURRENT && !!to && !!from && (created(to) ?? 0) < (created(from) ?? 0);
      const previousTo = label === CURRENT && to && from && from !== to ? from : undefined;
      push({ kind: 'move', label, to, from, at: e.eventTime, by, via: e.eventName, rollback: rollback || undefined, rotation: rotating && label === CURRENT ? true : undefined, previousTo }, at);
      if (to) holder.set(label, to);
      else holder.delete(label);
      if (previousTo) holder.set(PREVIOUS, previousTo);
      continue;
    }
    push({ kind: 'change', eventName: e.eventName, text: CHANGE_TEXT[e.eventName] ?? e.eventName, at: e.eventTime, by }, at);
  }

  // Every version, with its creation (or why there is none).
  versions.forEach((v, i) => {
    const c = creations.get(v.versionId);
    const base = {
      kind: 'version' as const,
      versionId: v.versionId,
      labels: sortLabels(v.stages),
      created: v.createdDate,
      previousVersionId: versions[i - 1]?.versionId,
    };
    if (c) {
      c.slot.entry = { ...base, by: attributionOf(c.event), createdWith: sortLabels(c.stages), rotation: c.rotation || undefined, repeats: c.repeats || undefined };
    } else {
      // Placed by the second it was created in, as events are (CloudTrail's times are whole seconds).
      timed.push({ entry: { ...base, missing: missingReason(v, input) }, at: Math.floor((v.createdDate?.getTime() ?? 0) / 1000) * 1000, seq: -1 });
    }
  });
  // Newest first; for the same time, the later step first.
  timed.sort((a, b) => b.at - a.at || b.seq - a.seq);
  const entries = timed.map((t) => t.entry).filter((x): x is HistoryEntry => x !== undefined);
  return {
    entries,
    attribution: attributionText(input, events.length),
    counts: { events: events.length, writes, reads, unjoined },
    rotationEvents,
  };
}

function attributionText(input: HistoryInput, events: number): Timeline['attribution'] {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const { lookup, window, secret } = input;
  const replica = secret.primaryRegion && secret.primaryRegion !== secret.region ? l10n.t(' This is a replica: its versions were written in {0}, whose CloudTrail has those events.', secret.primaryRegion) : '';
  if (lookup.state === 'failed') {
    const text = lookup.error.kind === 'accessDenied'
      ? l10n.t('No attribution: CloudTrail access denied. Ask for {0} to see who changed what.', lookup.error.action ?? 'cloudtrail:LookupEvents')
      : l10n.t('No attribution: CloudTrail could not be read ({0}).', lookup.error.message);
    return { state: 'failed', text: text + replica, failure: lookup.error };
  }
  const what = events === 1 ? l10n.t('1 event from CloudTrail since {0}', day(window.from)) : l10n.t('{0} events from CloudTrail since {1}', events, day(window.from));
  if (lookup.state === 'partial') {
    const why = lookup.error ? l10n.t('then the lookup failed ({0})', lookup.error.message) : l10n.t('the lookup stopped after {0} pages', lookup.pages);
    return { state: 'partial', text: l10n.t('{0}, back to {1}: {2}.{3}', what, day(lookup.readBack), why, replica), failure: lookup.error };
  }
  return { state: 'complete', text: l10n.t('{0} (CloudTrail keeps {1} days).{2}', what, RETENTION_DAYS, replica) };
}

// ---- words --------------------------------------------------------------------------------------

const time = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** The title of an entry in the History view. */
export function entryTitle(e: HistoryEntry): string {
  switch (e.kind) {
    case 'version':
      return `${shortId(e.versionId)}${e.labels.length ? `  ${e.labels.join(', ')}` : l10n.t('  (no label)')}`;
    case 'move':
      if (!e.to) return e.from ? l10n.t('{0} removed from {1}', e.label, shortId(e.from)) : l10n.t('{0} removed', e.label);
      return `${e.rollback ? l10n.t('Rolled back: ') : ''}${e.label} → ${shortId(e.to)}`;
    case 'rotation':
      return { RotateSecret: e.immediately ? l10n.t('Rotation requested') : l10n.t('Rotation configured'), RotationStarted: l10n.t('Rotation started'), RotationSucceeded: l10n.t('Rotation succeeded'), RotationFailed: l10n.t('Rotation failed'), RotationAbandoned: l10n.t('Rotation abandoned'), CancelRotateSecret: l10n.t('Rotation turned off') }[e.step] ?? e.step;
    case 'change':
      return e.text.charAt(0).toUpperCase() + e.text.slice(1);
    case 'refused':
      return l10n.t('{0} refused ({1})', e.eventName, e.errorCode);
  }
}

/** The short description of an entry: when, who, through which call. */
export function entryDescription(e: HistoryEntry): string {
  if (e.kind === 'version') {
    const when = e.created ? time(e.created) : l10n.t('creation date unknown');
    if (e.by) return `${when} · ${e.by.who} · ${e.by.eventName}${e.rotation ? l10n.t(' (rotation)') : ''}`;
    return `${when} · ${e.missing?.why === 'retention' ? l10n.t('older than 90 days') : e.missing?.why === 'denied' ? l10n.t('CloudTrail denied') : e.missing?.why === 'otherRegion' ? l10n.t('written in another region') : l10n.t('no event found')}`;
  }
  const from = e.kind === 'move' && e.from && e.to ? l10n.t('from {0} · ', shortId(e.from)) : '';
  return `${from}${time(e.at)} · ${e.by.who} · ${e.kind === 'move' ? e.via : e.kind === 'rotation' ? e.step : e.eventName}`;
}

/** The lines of an entry's details and tooltip: who (full), when, from where, the event. Never a value. */
export function entryDetails(e: HistoryEntry): string[] {
  const lines: string[] = [];
  if (e.kind === 'version') {
    lines.push(l10n.t('Version {0}', e.versionId));
    lines.push(l10n.t('Labels now: {0}', e.labels.join(', ') || l10n.t('none (deprecated)')));
    if (e.created) lines.push(l10n.t('Created: {0}', time(e.created)));
    if (e.createdWith && e.by) lines.push(l10n.t('Created with: {0} ({1}{2})', e.createdWith.join(', '), e.by.eventName, e.rotation ? l10n.t(', by a rotation') : ''));
    if (e.repeats) lines.push(l10n.t('Sent {0} times with the same request token: created once', e.repeats + 1));
    if (e.missing) lines.push(l10n.t('Who: not known: {0}', e.missing.text));
  } else if (e.kind === 'move') {
    if (e.to) lines.push(l10n.t('{0} moved to {1}{2}{3}', e.label, e.to, e.from ? l10n.t(' from {0}', e.from) : '', e.via !== 'UpdateSecretVersionStage' ? l10n.t(' ({0} moved it)', e.via) : ''));
    else lines.push(e.from ? l10n.t('{0} removed from {1}', e.label, e.from) : l10n.t('{0} removed', e.label));
    if (e.previousTo) lines.push(l10n.t('AWSPREVIOUS moved to {0}', e.previousTo));
    if (e.rollback) lines.push(l10n.t('A rollback: AWSCURRENT went back to an older version'));
    if (e.rotation) lines.push(l10n.t("A rotation's last step (its function moved AWSCURRENT)"));
  } else if (e.kind === 'rotation' && e.functionArn) {
    lines.push(l10n.t('Rotation function: {0}', e.functionArn));
  } else if (e.kind === 'refused') {
    lines.push(l10n.t('Refused: {0}{1}', e.errorCode, e.errorMessage ? `: ${e.errorMessage}` : ''));
  }
  const by = e.by;
  if (by) {
    lines.push(l10n.t('Who: {0}', by.principal));
    if (by.actor.arn) lines.push(l10n.t('Principal: {0}', by.actor.arn));
    if (by.accessKeyId) lines.push(l10n.t('Access key: {0}', by.accessKeyId));
    lines.push(l10n.t('When: {0}', time(by.at)));
    if (by.source) lines.push(l10n.t('From: {0}', by.source));
    if (by.userAgent) lines.push(l10n.t('User agent: {0}', by.userAgent.length > 120 ? `${by.userAgent.slice(0, 117)}...` : by.userAgent));
    lines.push(l10n.t('Event: {0} {1}{2}', by.eventName, by.eventId, by.region ? ` (${by.region})` : ''));
  }
  return lines;
}
