// The local Secrets Manager's state and semantics, with no HTTP: one method per operation, taking
// and returning the AWS JSON 1.1 shapes (dates as epoch seconds, binaries as base64), throwing
// ServiceError with the type and HTTP status AWS uses.
//
// The current version is whichever version holds AWSCURRENT: there is no separate pointer that
// could drift from the labels (after a rollback, GetSecretValue and the next PutSecretValue follow
// the label). Every operation validates its whole input before it changes anything.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ReplicaStatus } from './types';

export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export const CURRENT = 'AWSCURRENT';
export const PREVIOUS = 'AWSPREVIOUS';
export const PENDING = 'AWSPENDING';
export const DAY_MS = 86_400_000;
const MAX_VALUE_BYTES = 65_536;
const MAX_LABELS = 20;
const MAX_VERSIONS = 100;
const NAME_RE = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
/** Secrets created by other AWS services (e.g. `rds!db-...`) may hold `!`. */
const MANAGED_NAME_RE = /^[A-Za-z0-9/_+=.@!-]{1,512}$/;

export const OPERATIONS = [
  'CreateSecret', 'DescribeSecret', 'ListSecrets', 'GetSecretValue', 'BatchGetSecretValue', 'PutSecretValue',
  'ListSecretVersionIds', 'UpdateSecretVersionStage', 'UpdateSecret', 'DeleteSecret', 'RestoreSecret',
  'TagResource', 'UntagResource', 'RotateSecret',
] as const;
export type Operation = (typeof OPERATIONS)[number];
/** Operations that never change state (everything else may, if only LastAccessedDate). */
export const READ_ONLY: ReadonlySet<string> = new Set(['DescribeSecret', 'ListSecrets', 'ListSecretVersionIds']);
/** Operations that change a secret or its versions (the dropped-connection fault hits these). */
export const WRITES: ReadonlySet<string> = new Set([
  'CreateSecret', 'PutSecretValue', 'UpdateSecret', 'UpdateSecretVersionStage', 'DeleteSecret', 'RestoreSecret',
  'TagResource', 'UntagResource', 'RotateSecret',
]);

export interface Version {
  readonly id: string;
  readonly string?: string;
  readonly binary?: Buffer;
  /** Epoch milliseconds, as every time in the store. */
  readonly created: number;
  lastAccessed?: number;
  readonly stages: Set<string>;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface Secret {
  readonly arn: string;
  readonly name: string;
  description?: string;
  kmsKeyId?: string;
  tags: Tag[];
  readonly created: number;
  lastChanged: number;
  lastAccessed?: number;
  /** When DeleteSecret was called (DeletedDate). */
  deletedDate?: number;
  /** When the secret goes for good (DeleteSecret's DeletionDate): deletedDate + recovery window. */
  deletionDate?: number;
  rotationEnabled: boolean;
  rotationLambdaArn?: string;
  rotationDays?: number;
  lastRotated?: number;
  owningService?: string;
  /**
   * Replication, as seeded (the endpoint serves one region and does not replicate): the primary's
   * region for a replica; for a primary, its replicas. A request signed for another region than
   * the primary's sees a replica, whose writes Secrets Manager refuses.
   */
  primaryRegion?: string;
  replicas?: ReplicaStatus[];
  /** Insertion order = creation order. */
  readonly versions: Map<string, Version>;
}

/** What Secrets Manager answers a write sent to a replica's region. */
export const REPLICA_WRITE_MESSAGE = "Operation not permitted on a replica secret. Call must be made in primary secret's region.";

type Json = Record<string, any>;
type Value = { string: string; binary?: undefined } | { binary: Buffer; string?: undefined };
export type SortBy = 'created-date' | 'last-accessed-date' | 'last-changed-date' | 'name';
const SORT_BY: readonly SortBy[] = ['created-date', 'last-accessed-date', 'last-changed-date', 'name'];
const FILTER_KEYS = ['description', 'name', 'tag-key', 'tag-value', 'primary-region', 'owning-service', 'all'];

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

function invalidParam(message: string): never {
  throw new ServiceError('InvalidParameterException', message);
}
function invalidRequest(message: string): never {
  throw new ServiceError('InvalidRequestException', message);
}
function secretNotFound(): never {
  throw new ServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
}
function tooManyLabels(): never {
  throw new ServiceError('LimitExceededException', `A version can have at most ${MAX_LABELS} staging labels.`);
}

// ---- input validation, shared by every operation ----------------------------------------------
function optString(input: Json, key: string, max = Infinity): string | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') invalidParam(`${key} must be a string.`);
  if (v.length > max) invalidParam(`${key} must be at most ${max} characters long.`);
  return v;
}

function optInt(input: Json, key: string, min: number, max: number, message: string): number | undefined {
  const v = input[key];
  if (v === undefined || v === null) return undefined;
  if (!Number.isInteger(v) || v < min || v > max) invalidParam(message);
  return v;
}

/** SecretString or SecretBinary (base64 on the wire): at most one, each at most 65,536 bytes. */
function readValue(input: Json): Value | undefined {
  const str = optString(input, 'SecretString');
  const b64 = optString(input, 'SecretBinary');
  if (str !== undefined && b64 !== undefined) {
    invalidParam("You can't specify both SecretString and SecretBinary. Specify one or the other.");
  }
  if (str !== undefined) {
    const bytes = Buffer.byteLength(str, 'utf8');
    if (bytes > MAX_VALUE_BYTES) invalidParam(`SecretString is ${bytes} bytes; the maximum is ${MAX_VALUE_BYTES} bytes.`);
    return { string: str };
  }
  if (b64 === undefined) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) invalidParam('SecretBinary must be base64-encoded.');
  const binary = Buffer.from(b64, 'base64');
  if (binary.length > MAX_VALUE_BYTES) invalidParam(`SecretBinary is ${binary.length} bytes; the maximum is ${MAX_VALUE_BYTES} bytes.`);
  return { binary };
}

/** ClientRequestToken (32-64 characters) becomes the VersionId; a UUID when absent. */
function readToken(input: Json): string {
  const t = optString(input, 'ClientRequestToken');
  if (t === undefined) return randomUUID();
  if (t.length < 32 || t.length > 64) invalidParam('ClientRequestToken must be between 32 and 64 characters long.');
  return t;
}

function checkLabel(label: unknown, what = 'Each staging label'): asserts label is string {
  if (typeof label !== 'string' || label.length < 1 || label.length > 256) {
    invalidParam(`${what} must be between 1 and 256 characters long.`);
  }
}

function readLabels(input: unknown): string[] | undefined {
  if (input === undefined || input === null) return undefined;
  if (!Array.isArray(input)) invalidParam('VersionStages must be a list of strings.');
  for (const l of input) checkLabel(l);
  const labels = [...new Set(input as string[])];
  if (labels.length > MAX_LABELS) tooManyLabels();
  return labels;
}

function readTags(input: unknown): Tag[] {
  if (input === undefined || input === null) return [];
  if (!Array.isArray(input)) invalidParam('Tags must be a list of {Key, Value}.');
  return input.map((t: Json) => {
    if (typeof t?.Key !== 'string' || t.Key.length < 1 || t.Key.length > 128) invalidParam('Each tag needs a Key of 1 to 128 characters.');
    if (t.Value !== undefined && (typeof t.Value !== 'string' || t.Value.length > 256)) invalidParam('A tag Value is at most 256 characters.');
    return { Key: t.Key, Value: t.Value ?? '' };
  });
}

function sameValue(v: Version, value: Value): boolean {
  if (value.string !== undefined) return v.string === value.string;
  return v.binary !== undefined && v.binary.equals(value.binary);
}

/** Lower-case words of a text; the "all" filter matches each word of its value as a word prefix. */
const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

export class Store {
  private readonly secrets = new Map<string, Secret>();
  /** Sorted listings by sort key, rebuilt lazily: O(page + log N) per ListSecrets call. */
  private readonly sorted = new Map<SortBy, Secret[]>();
  private frozenAt: number | undefined;
  /** Set by the HTTP layer: throws AccessDeniedException for (operation, secretId) it denies. */
  authorize?: (operation: string, secretId: string) => void;

  constructor(
    private readonly clock: () => number = Date.now,
    readonly region = 'us-east-1',
    readonly accountId = '123456789012',
  ) {}

  now(): number {
    return this.frozenAt ?? this.clock();
  }

  /** Runs `fn` with the clock stopped at `ms` (the demo seed backdates its history this way). */
  at<T>(ms: number, fn: () => T): T {
    const saved = this.frozenAt;
    this.frozenAt = ms;
    try {
      return fn();
    } finally {
      this.frozenAt = saved;
    }
  }

  get size(): number {
    return this.secrets.size;
  }

  private get arnPrefix(): string {
    return `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:`;
  }

  // ---- lookup -----------------------------------------------------------------------------------
  /** By name, full ARN, or partial ARN (without the 6-character suffix); undefined if absent. */
  find(secretId: unknown): Secret | undefined {
    if (typeof secretId !== 'string' || secretId.length === 0) invalidParam('You must provide a SecretId.');
    let s = this.secrets.get(secretId);
    if (!s && secretId.startsWith(this.arnPrefix)) {
      const rest = secretId.slice(this.arnPrefix.length);
      const byFullArn = this.secrets.get(rest.slice(0, -7));
      s = byFullArn?.arn === secretId ? byFullArn : this.secrets.get(rest);
    }
    if (s && this.expired(s)) {
      this.remove(s);
      return undefined;
    }
    return s;
  }

  private get(secretId: unknown, options: { allowDeleted?: boolean } = {}): Secret {
    const s = this.find(secretId) ?? secretNotFound();
    if (s.deletedDate !== undefined && !options.allowDeleted) {
      invalidRequest("You can't perform this operation on the secret because it was marked for deletion.");
    }
    return s;
  }

  /** A secret this caller may change: not managed by another AWS service (OwningService). */
  private notManaged(s: Secret, operation: string): Secret {
    if (s.owningService) {
      invalidRequest(
        `You can't perform ${operation} on this secret because it's managed by ${s.owningService}. Use ${s.owningService} to modify it.`,
      );
    }
    return s;
  }

  /** A secret whose recovery window has passed is gone (checked lazily, against the store clock). */
  private expired(s: Secret): boolean {
    return s.deletionDate !== undefined && s.deletionDate <= this.now();
  }

  private remove(s: Secret): void {
    this.secrets.delete(s.name);
    this.sorted.clear();
  }

  private holder(s: Secret, label: string): Version | undefined {
    for (const v of s.versions.values()) if (v.stages.has(label)) return v;
    return undefined;
  }

  private touch(s: Secret): void {
    s.lastChanged = this.now();
    this.sorted.delete('last-changed-date');
  }

  // ---- labels and versions ----------------------------------------------------------------------
  /** Attach `label` to `to`, taking it off its holder; AWSCURRENT leaves AWSPREVIOUS behind it. */
  private moveLabel(s: Secret, label: string, to: Version): void {
    const from = this.holder(s, label);
    if (from === to) return;
    if (to.stages.size >= MAX_LABELS) tooManyLabels();
    from?.stages.delete(label);
    to.stages.add(label);
    if (label === CURRENT && from) {
      const prev = this.holder(s, PREVIOUS);
      if (prev !== from) {
        prev?.stages.delete(PREVIOUS);
        from.stages.add(PREVIOUS);
      }
    }
  }

  /**
   * A new version with `labels` (AWSCURRENT when absent); the first version of a secret always gets
   * AWSCURRENT. Then the >100-versions cleanup.
   */
  private addVersion(s: Secret, id: string, value: Value, labels: string[] | undefined): Version {
    const wanted = new Set(labels ?? [CURRENT]);
    if (!this.holder(s, CURRENT)) wanted.add(CURRENT);
    if (wanted.size > MAX_LABELS) tooManyLabels();
    const v: Version = { id, ...value, created: this.now(), stages: new Set() };
    s.versions.set(id, v);
    // AWSCURRENT first, so that an AWSPREVIOUS listed in the same call stays on the new version.
    if (wanted.delete(CURRENT)) this.moveLabel(s, CURRENT, v);
    for (const l of wanted) this.moveLabel(s, l, v);
    this.removeOldDeprecated(s);
    this.touch(s);
    return v;
  }

  /**
   * Past 100 versions, deprecated (unlabelled) versions older than 24 hours are removed, oldest
   * first, until 100 are left or none of that kind remains; younger ones are always kept.
   */
  private removeOldDeprecated(s: Secret): void {
    if (s.versions.size <= MAX_VERSIONS) return;
    const cutoff = this.now() - DAY_MS;
    for (const v of [...s.versions.values()]) {
      if (s.versions.size <= MAX_VERSIONS) break;
      if (v.stages.size === 0 && v.created < cutoff) s.versions.delete(v.id);
    }
  }

  /** Same token and same data: nothing to do. Same token, other data: ResourceExistsException. */
  private existingVersion(s: Secret, token: string, value: Value): Version | undefined {
    const v = s.versions.get(token);
    if (v && !sameValue(v, value)) {
      throw new ServiceError(
        'ResourceExistsException',
        "You can't modify an existing version, you can only create new versions. A version with this ClientRequestToken already exists with different secret data.",
      );
    }
    return v;
  }

  private versionRef(s: Secret, v: Version): Json {
    return { ARN: s.arn, Name: s.name, VersionId: v.id, VersionStages: [...v.stages] };
  }

  private arnFor(name: string): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const suffix = [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
    return `${this.arnPrefix}${name}-${suffix}`;
  }

  /** VersionId -> staging labels of the labelled versions (deprecated ones are left out). */
  stagesMap(s: Secret): Record<string, string[]> {
    const map: Record<string, string[]> = {};
    for (const v of s.versions.values()) if (v.stages.size) map[v.id] = [...v.stages];
    return map;
  }

  /** As AWS, which "only returns fields that have a value": absent for a secret with no version yet. */
  private stagesField(s: Secret): Record<string, string[]> | undefined {
    const map = this.stagesMap(s);
    return Object.keys(map).length ? map : undefined;
  }

  /** Metadata shared by DescribeSecret and ListSecrets entries (undefined fields are omitted). */
  private metadata(s: Secret): Json {
    return {
      ARN: s.arn,
      Name: s.name,
      Description: s.description,
      KmsKeyId: s.kmsKeyId,
      // As AWS: absent when rotation was never configured.
      RotationEnabled: s.rotationEnabled || s.rotationLambdaArn ? s.rotationEnabled : undefined,
      RotationLambdaARN: s.rotationLambdaArn,
      RotationRules: s.rotationDays ? { AutomaticallyAfterDays: s.rotationDays } : undefined,
      LastRotatedDate: seconds(s.lastRotated),
      LastChangedDate: seconds(s.lastChanged),
      LastAccessedDate: seconds(s.lastAccessed),
      DeletedDate: seconds(s.deletedDate),
      NextRotationDate:
        s.rotationEnabled && s.rotationDays ? seconds(startOfDay((s.lastRotated ?? s.created) + s.rotationDays * DAY_MS)) : undefined,
      Tags: s.tags.length ? s.tags.map((t) => ({ ...t })) : undefined,
      OwningService: s.owningService,
      CreatedDate: seconds(s.created),
      // Only for a replicated secret: the primary's region (a primary's own, or a replica's primary).
      PrimaryRegion: s.primaryRegion ?? (s.replicas?.length ? this.region : undefined),
    };
  }

  /** Whether a request signed for `region` sees `s` as a replica (Secrets Manager refuses its writes). */
  isReplica(s: Secret, region: string = this.region): boolean {
    return s.primaryRegion !== undefined && s.primaryRegion !== region;
  }

  // ---- operations -------------------------------------------------------------------------------
  call(operation: Operation, input: Json): Json {
    return this[operation](input);
  }

  CreateSecret(input: Json): Json {
    return this.create(input, undefined);
  }

  /** `owningService`: only for secrets another AWS service creates (admin and seed); never from HTTP. */
  create(input: Json, owningService: string | undefined): Json {
    const name = input.Name;
    if (typeof name !== 'string' || !(owningService ? MANAGED_NAME_RE : NAME_RE).test(name)) {
      invalidParam('Invalid name. The name must be 1 to 512 characters of letters, digits and /_+=.@-');
    }
    const value = readValue(input);
    const token = readToken(input);
    const description = optString(input, 'Description', 2048);
    const kmsKeyId = optString(input, 'KmsKeyId', 2048);
    const tags = readTags(input.Tags);
    const existing = this.find(name);
    if (existing) {
      if (existing.deletedDate !== undefined) {
        invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");
      }
      // A retried create (same token, same value) succeeds without doing anything, as PutSecretValue.
      const same = value && input.ClientRequestToken !== undefined ? existing.versions.get(token) : undefined;
      if (same && sameValue(same, value!)) return { ARN: existing.arn, Name: existing.name, VersionId: same.id };
      throw new ServiceError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`);
    }
    const now = this.now();
    const s: Secret = {
      arn: this.arnFor(name),
      name,
      description,
      kmsKeyId,
      tags,
      created: now,
      lastChanged: now,
      rotationEnabled: false,
      owningService,
      versions: new Map(),
    };
    this.secrets.set(name, s);
    this.sorted.clear();
    const out: Json = { ARN: s.arn, Name: s.name };
    if (value) out.VersionId = this.addVersion(s, token, value, undefined).id;
    return out;
  }

  PutSecretValue(input: Json): Json {
    const s = this.notManaged(this.get(input.SecretId), 'PutSecretValue');
    const value = readValue(input) ?? invalidParam('You must provide either SecretString or SecretBinary.');
    const token = readToken(input);
    const labels = readLabels(input.VersionStages);
    const v = this.existingVersion(s, token, value) ?? this.addVersion(s, token, value, labels);
    return this.versionRef(s, v);
  }

  UpdateSecret(input: Json): Json {
    const s = this.notManaged(this.get(input.SecretId), 'UpdateSecret');
    const value = readValue(input);
    const token = readToken(input);
    const description = optString(input, 'Description', 2048);
    const kmsKeyId = optString(input, 'KmsKeyId', 2048);
    const existing = value && this.existingVersion(s, token, value);
    if (description !== undefined) s.description = description;
    if (kmsKeyId !== undefined) s.kmsKeyId = kmsKeyId;
    this.touch(s);
    const out: Json = { ARN: s.arn, Name: s.name };
    if (value) out.VersionId = (existing ?? this.addVersion(s, token, value, undefined)).id;
    return out;
  }

  DescribeSecret(input: Json): Json {
    const s = this.get(input.SecretId, { allowDeleted: true });
    return {
      ...this.metadata(s),
      VersionIdsToStages: this.stagesField(s),
      ReplicationStatus: s.replicas?.length ? s.replicas.map((r) => ({ ...r })) : undefined,
    };
  }

  GetSecretValue(input: Json): Json {
    const s = this.get(input.SecretId);
    const versionId = optString(input, 'VersionId');
    const stage = optString(input, 'VersionStage');
    let v: Version | undefined;
    if (versionId !== undefined) {
      v = s.versions.get(versionId);
      if (v && stage !== undefined && !v.stages.has(stage)) v = undefined;
    } else {
      v = this.holder(s, stage ?? CURRENT);
    }
    if (!v) {
      const what = versionId !== undefined ? `VersionId: ${versionId}` : `staging label: ${stage ?? CURRENT}`;
      throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${what}`);
    }
    // AWS keeps the access date only, not the time.
    v.lastAccessed = s.lastAccessed = startOfDay(this.now());
    this.sorted.delete('last-accessed-date');
    return {
      ARN: s.arn,
      Name: s.name,
      VersionId: v.id,
      SecretString: v.string,
      SecretBinary: v.binary?.toString('base64'),
      VersionStages: [...v.stages],
      CreatedDate: seconds(v.created),
    };
  }

  BatchGetSecretValue(input: Json): Json {
    const hasList = input.SecretIdList !== undefined && input.SecretIdList !== null;
    if (hasList === (input.Filters !== undefined && input.Filters !== null)) {
      invalidParam('Specify either SecretIdList or Filters, but not both.');
    }
    let ids: string[];
    let next: string | undefined;
    if (hasList) {
      const list = input.SecretIdList;
      if (!Array.isArray(list) || list.length < 1 || list.length > 20 || list.some((x) => typeof x !== 'string')) {
        invalidParam('SecretIdList must hold 1 to 20 secret IDs.');
      }
      ids = list;
    } else {
      const page = this.page(input, { includeDeleted: false, maxResults: 20 });
      ids = page.secrets.map((s) => s.name);
      next = page.next;
    }
    const SecretValues: Json[] = [];
    const Errors: Json[] = [];
    for (const id of ids) {
      try {
        this.authorize?.('GetSecretValue', id);
        SecretValues.push(this.GetSecretValue({ SecretId: id }));
      } catch (e) {
        if (!(e instanceof ServiceError)) throw e;
        Errors.push({ SecretId: id, ErrorCode: e.type, Message: e.message });
      }
    }
    return { SecretValues, Errors, NextToken: next };
  }

  ListSecretVersionIds(input: Json): Json {
    const s = this.get(input.SecretId, { allowDeleted: true });
    const all = [...s.versions.values()].filter((v) => input.IncludeDeprecated === true || v.stages.size > 0);
    const max = optInt(input, 'MaxResults', 1, 100, 'MaxResults must be between 1 and 100.') ?? 100;
    let start = 0;
    if (input.NextToken !== undefined && input.NextToken !== null) {
      start = Number(Buffer.from(String(input.NextToken), 'base64url').toString('utf8'));
      if (!Number.isInteger(start) || start < 0) throw new ServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');
    }
    const page = all.slice(start, start + max);
    const end = start + page.length;
    return {
      ARN: s.arn,
      Name: s.name,
      Versions: page.map((v) => ({
        VersionId: v.id,
        VersionStages: [...v.stages],
        CreatedDate: seconds(v.created),
        LastAccessedDate: seconds(v.lastAccessed),
      })),
      NextToken: end < all.length ? Buffer.from(String(end)).toString('base64url') : undefined,
    };
  }

  /**
   * Attach (MoveToVersionId), move (MoveToVersionId + RemoveFromVersionId naming the holder) or
   * remove (RemoveFromVersionId) a label. AWSCURRENT can only be moved, never just removed.
   */
  UpdateSecretVersionStage(input: Json): Json {
    const s = this.get(input.SecretId);
    const label = input.VersionStage;
    checkLabel(label, 'VersionStage');
    const to = optString(input, 'MoveToVersionId');
    const from = optString(input, 'RemoveFromVersionId');
    const holder = this.holder(s, label);
    if (to === undefined && from === undefined) invalidParam('Specify MoveToVersionId, RemoveFromVersionId, or both.');
    if (from !== undefined && holder?.id !== from) {
      invalidParam(`The staging label ${label} is not attached to version ${from}, so it can't be removed from it.`);
    }
    if (to === undefined) {
      if (label === CURRENT) invalidParam("You can't remove the staging label AWSCURRENT from a version without moving it to another version.");
      holder!.stages.delete(label);
    } else {
      const target = s.versions.get(to);
      if (!target) throw new ServiceError('ResourceNotFoundException', `Secrets Manager can't find the version ${to} of this secret.`);
      if (holder && holder !== target && from === undefined) {
        invalidParam(
          `The staging label ${label} is currently attached to version ${holder.id}. To move it, specify that version in RemoveFromVersionId.`,
        );
      }
      this.moveLabel(s, label, target);
    }
    this.touch(s);
    return { ARN: s.arn, Name: s.name };
  }

  DeleteSecret(input: Json): Json {
    const s = this.notManaged(this.get(input.SecretId, { allowDeleted: true }), 'DeleteSecret');
    if (s.deletedDate !== undefined) invalidRequest('You can\'t delete this secret because it is already scheduled for deletion.');
    const force = input.ForceDeleteWithoutRecovery === true;
    const window = input.RecoveryWindowInDays;
    if (force && window !== undefined && window !== null) {
      invalidParam("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
    }
    const days = optInt(input, 'RecoveryWindowInDays', 7, 30, 'The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).') ?? 30;
    const now = this.now();
    if (force) {
      this.remove(s);
      return { ARN: s.arn, Name: s.name, DeletionDate: seconds(now) };
    }
    s.deletedDate = now;
    s.deletionDate = now + days * DAY_MS;
    this.touch(s);
    return { ARN: s.arn, Name: s.name, DeletionDate: seconds(s.deletionDate) };
  }

  RestoreSecret(input: Json): Json {
    const s = this.get(input.SecretId, { allowDeleted: true });
    s.deletedDate = s.deletionDate = undefined;
    this.touch(s);
    return { ARN: s.arn, Name: s.name };
  }

  TagResource(input: Json): Json {
    const s = this.get(input.SecretId);
    const tags = readTags(input.Tags ?? invalidParam('You must provide Tags.'));
    for (const t of tags) {
      const existing = s.tags.find((x) => x.Key === t.Key);
      if (existing) existing.Value = t.Value;
      else s.tags.push(t);
    }
    this.touch(s);
    return {};
  }

  UntagResource(input: Json): Json {
    const s = this.get(input.SecretId);
    const keys = input.TagKeys;
    if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) invalidParam('TagKeys must be a list of strings.');
    s.tags = s.tags.filter((t) => !keys.includes(t.Key));
    this.touch(s);
    return {};
  }

  /**
   * No Lambda runs: AWSPENDING (or, when there is none, a copy of the current value) becomes
   * AWSCURRENT, AWSPREVIOUS follows. A secret with no rotation configured, and no
   * RotationLambdaARN in the request, gets InvalidRequestException.
   */
  RotateSecret(input: Json): Json {
    const s = this.get(input.SecretId);
    const lambda = optString(input, 'RotationLambdaARN', 2048);
    const days = input.RotationRules?.AutomaticallyAfterDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 1000)) {
      invalidParam('AutomaticallyAfterDays must be between 1 and 1000.');
    }
    const token = readToken(input);
    if (!lambda && !s.rotationLambdaArn && !s.rotationEnabled) {
      invalidRequest('No Lambda rotation function ARN is associated with this secret.');
    }
    const already = s.versions.get(token);
    if (already) return { ARN: s.arn, Name: s.name, VersionId: already.id };
    const current = this.holder(s, CURRENT);
    const pending = this.holder(s, PENDING);
    if (!pending && !current) invalidRequest('The secret has no AWSCURRENT version to rotate.');
    if (lambda) s.rotationLambdaArn = lambda;
    if (days) s.rotationDays = days;
    s.rotationEnabled = true;
    this.touch(s);
    if (input.RotateImmediately === false) return { ARN: s.arn, Name: s.name };
    const next = pending ?? this.addVersion(s, token, current!.string !== undefined ? { string: current!.string } : { binary: current!.binary! }, [PENDING]);
    next.stages.delete(PENDING);
    this.moveLabel(s, CURRENT, next);
    s.lastRotated = this.now();
    return { ARN: s.arn, Name: s.name, VersionId: next.id };
  }

  ListSecrets(input: Json): Json {
    const { secrets, next } = this.page(input, { includeDeleted: input.IncludePlannedDeletion === true, maxResults: 100 });
    return {
      SecretList: secrets.map((s) => ({ ...this.metadata(s), SecretVersionsToStages: this.stagesField(s) })),
      NextToken: next,
    };
  }

  // ---- listing ----------------------------------------------------------------------------------
  // Order: SortBy (default created-date, the only order AWS documents for ListSecrets), then name
  // for ties; SortOrder asc (oldest first) by default, desc reverses.
  // Secrets are kept sorted per sort key (cached until a secret is created or removed, or, for the
  // date keys, until that date changes). A page starts from the NextToken cursor (the sort key and
  // name of the last secret returned) found by binary search, and scans forward only until it has
  // one match more than the page holds: O(page + log N) without filters.

  private static sortValue(s: Secret, by: SortBy): number | string {
    switch (by) {
      case 'name':
        return s.name;
      case 'last-changed-date':
        return s.lastChanged;
      case 'last-accessed-date':
        return s.lastAccessed ?? 0;
      default:
        return s.created;
    }
  }

  private static compare(a: [number | string, string], b: [number | string, string]): number {
    if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
    return a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1;
  }

  private sortedBy(by: SortBy): Secret[] {
    let list = this.sorted.get(by);
    if (!list) {
      const key = (s: Secret): [number | string, string] => [Store.sortValue(s, by), s.name];
      list = [...this.secrets.values()].sort((a, b) => Store.compare(key(a), key(b)));
      this.sorted.set(by, list);
    }
    return list;
  }

  private page(input: Json, options: { includeDeleted: boolean; maxResults: number }): { secrets: Secret[]; next?: string } {
    const by: SortBy = input.SortBy ?? 'created-date';
    if (!SORT_BY.includes(by)) invalidParam(`SortBy must be one of ${SORT_BY.join(', ')}.`);
    const order = input.SortOrder ?? 'asc';
    if (order !== 'asc' && order !== 'desc') invalidParam('SortOrder must be asc or desc.');
    const max = optInt(input, 'MaxResults', 1, options.maxResults, `MaxResults must be between 1 and ${options.maxResults}.`) ?? options.maxResults;
    const matches = this.matcher(input.Filters);
    const list = this.sortedBy(by);
    const step = order === 'asc' ? 1 : -1;
    let i = step === 1 ? 0 : list.length - 1;
    if (input.NextToken !== undefined && input.NextToken !== null) {
      const cursor = Store.decodeCursor(input.NextToken);
      // First index whose key is greater than the cursor (asc), or the one before the first not less (desc).
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const c = Store.compare([Store.sortValue(list[mid], by), list[mid].name], cursor);
        if (c < 0 || (c === 0 && step === 1)) lo = mid + 1;
        else hi = mid;
      }
      i = step === 1 ? lo : lo - 1;
    }
    const secrets: Secret[] = [];
    for (; i >= 0 && i < list.length; i += step) {
      const s = list[i];
      if (this.expired(s) || (!options.includeDeleted && s.deletedDate !== undefined) || !matches(s)) continue;
      if (secrets.length === max) {
        const last = secrets[secrets.length - 1];
        return { secrets, next: Buffer.from(JSON.stringify([Store.sortValue(last, by), last.name])).toString('base64url') };
      }
      secrets.push(s);
    }
    return { secrets };
  }

  private static decodeCursor(token: unknown): [number | string, string] {
    try {
      const c = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
      if (Array.isArray(c) && c.length === 2 && typeof c[1] === 'string' && ['number', 'string'].includes(typeof c[0])) return c as [number | string, string];
    } catch {
      // fall through
    }
    throw new ServiceError('InvalidNextTokenException', 'The NextToken value is invalid.');
  }

  /**
   * Filters are ANDed. Within a filter, a secret matches when it matches one of the plain values
   * (or there are none) and none of the `!`-negated ones.
   */
  private matcher(filters: unknown): (s: Secret) => boolean {
    if (filters === undefined || filters === null) return () => true;
    if (!Array.isArray(filters)) invalidParam('Filters must be a list.');
    const checks = filters.map((f: Json) => {
      if (!FILTER_KEYS.includes(f?.Key)) invalidParam(`Invalid filter key ${f?.Key}. Valid keys: ${FILTER_KEYS.join(', ')}.`);
      const values = f.Values;
      if (!Array.isArray(values) || values.length < 1 || values.length > 10 || values.some((v) => typeof v !== 'string' || v.length > 512)) {
        invalidParam('Each filter needs 1 to 10 values of at most 512 characters.');
      }
      const plain = values.filter((v: string) => !v.startsWith('!'));
      const negated = values.filter((v: string) => v.startsWith('!')).map((v: string) => v.slice(1));
      return (s: Secret) =>
        (plain.length === 0 || plain.some((v: string) => this.matches(s, f.Key, v))) &&
        !negated.some((v: string) => this.matches(s, f.Key, v));
    });
    return (s) => checks.every((c) => c(s));
  }

  /** AWS: prefix matches, case-sensitive except description; "all" matches words, caseless. */
  private matches(s: Secret, key: string, value: string): boolean {
    const prefix = (text: string | undefined) => text !== undefined && text.startsWith(value);
    switch (key) {
      case 'name':
        return prefix(s.name);
      case 'description':
        return s.description !== undefined && s.description.toLowerCase().startsWith(value.toLowerCase());
      case 'tag-key':
        return s.tags.some((t) => prefix(t.Key));
      case 'tag-value':
        return s.tags.some((t) => prefix(t.Value));
      case 'owning-service':
        return prefix(s.owningService);
      case 'primary-region':
        return prefix(s.primaryRegion ?? (s.replicas?.length ? this.region : undefined));
      default: {
        const haystack = [s.name, s.description ?? '', s.owningService ?? '', ...s.tags.flatMap((t) => [t.Key, t.Value])].flatMap(words);
        const wanted = words(value);
        return wanted.length > 0 && wanted.every((w) => haystack.some((h) => h.startsWith(w)));
      }
    }
  }

  // ---- admin, seed and persistence --------------------------------------------------------------
  all(): Secret[] {
    return [...this.secrets.values()].filter((s) => !this.expired(s));
  }

  clear(): void {
    this.secrets.clear();
    this.sorted.clear();
  }

  /** The secret itself, for the seed and admin actions that set what only AWS could. */
  raw(secretId: string): Secret {
    return this.find(secretId) ?? secretNotFound();
  }

  toJSON(): unknown {
    return {
      format: 1,
      secrets: [...this.secrets.values()].map((s) => ({
        ...s,
        versions: [...s.versions.values()].map((v) => ({ ...v, binary: v.binary?.toString('base64'), stages: [...v.stages] })),
      })),
    };
  }

  load(data: unknown): void {
    const secrets = (data as { secrets?: unknown[] })?.secrets;
    if (!Array.isArray(secrets)) throw new Error('not a state file of the local Secrets Manager endpoint');
    this.clear();
    for (const s of secrets as Json[]) {
      const versions = new Map<string, Version>();
      for (const v of s.versions as Json[]) {
        versions.set(v.id, { ...v, binary: v.binary ? Buffer.from(v.binary, 'base64') : undefined, stages: new Set(v.stages) } as Version);
      }
      this.secrets.set(s.name, { ...s, versions } as Secret);
    }
  }
}
