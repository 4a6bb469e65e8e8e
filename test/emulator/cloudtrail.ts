// The local endpoint's CloudTrail: an event for every request it served (Secrets Manager calls,
// failed ones included, and LookupEvents itself), the service events of a rotation, and
// LookupEvents over them, as AWS documents it:
//   - LookupAttributes: at most one of EventId, EventName, ReadOnly, Username, ResourceType,
//     ResourceName, EventSource, AccessKeyId (exact match), else InvalidLookupAttributesException;
//   - StartTime / EndTime (epoch seconds; a start after the end: InvalidTimeRangeException);
//   - MaxResults 1-50 (default 50), else InvalidMaxResultsException;
//   - NextToken, valid only with the parameters it was made for (else InvalidNextTokenException);
//   - EventCategory "insight" (no Insights events here); anything else InvalidEventCategoryException;
//   - newest first; only the last 90 days (the event history's retention, on the endpoint's clock).
// Each event carries EventId, EventName, ReadOnly, AccessKeyId, EventTime, EventSource, Username,
// Resources and CloudTrailEvent (the JSON record: userIdentity, requestParameters,
// responseElements...). Like AWS, the record never holds SecretString or SecretBinary: request
// parameters are logged without them, and the responses of reads (GetSecretValue) are not logged.
import { randomUUID } from 'node:crypto';
import { principalOf, SECRETS_MANAGER_SERVICE, DEMO_KEYS, type UserIdentity } from './principals';
import { CURRENT, PENDING, READ_ONLY, ServiceError, type Secret, type Store } from './store';

type Json = Record<string, unknown>;

/** The event history keeps 90 days. */
export const RETENTION_MS = 90 * 86_400_000;
/** Events kept in memory; older ones are dropped. */
export const TRAIL_MAX_EVENTS = 100_000;
export const LOOKUP_ATTRIBUTE_KEYS = ['EventId', 'EventName', 'ReadOnly', 'Username', 'ResourceType', 'ResourceName', 'EventSource', 'AccessKeyId'] as const;
export const SECRET_RESOURCE_TYPE = 'AWS::SecretsManager::Secret';
/** X-Amz-Target of LookupEvents: what the SDK v3 sends, and the long form older SDKs send. */
export const CLOUDTRAIL_TARGETS = ['CloudTrail_20131101.', 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.'];

/** Fields of requests and responses CloudTrail never records. */
const SENSITIVE = new Set(['SecretString', 'SecretBinary']);
/** Reads whose responses CloudTrail does not record (GetSecretValue's would hold the value). */
const NO_RESPONSE = new Set([...READ_ONLY, 'GetSecretValue', 'BatchGetSecretValue', 'LookupEvents']);

export interface TrailEvent {
  readonly seq: number;
  readonly eventId: string;
  readonly eventName: string;
  readonly eventSource: string;
  /** Epoch milliseconds. */
  readonly eventTime: number;
  readonly readOnly: boolean;
  readonly accessKeyId?: string;
  readonly username?: string;
  readonly resources: { ResourceType: string; ResourceName: string }[];
  readonly record: Json;
}

/** Who sent a request: the access key of its signature, and where it came from. */
export interface Caller {
  readonly accessKeyId?: string;
  /** The request's source address; the principal's own (demo) address when absent. */
  readonly sourceIp?: string;
  readonly userAgent?: string;
}

const camel = (k: string) => (k.length > 1 && /^[A-Z]{2}/.test(k) ? k.toLowerCase() : k.charAt(0).toLowerCase() + k.slice(1));

/** The request or response as CloudTrail logs it: camelCase members, sensitive ones left out. */
function logged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(logged);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value as Json)) {
    if (SENSITIVE.has(k) || v === undefined) continue;
    out[camel(k)] = logged(v);
  }
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function invalid(type: string, message: string): never {
  throw new ServiceError(type, message);
}

export class Trail {
  private events: TrailEvent[] = [];
  private seq = 0;

  constructor(private readonly store: Store) {}

  get size(): number {
    return this.events.length;
  }

  clear(): void {
    this.events = [];
  }

  /** Every event kept, oldest first (for tests: copies). */
  all(): TrailEvent[] {
    return structuredClone(this.events);
  }

  /** For the state file. */
  toJSON(): unknown {
    return { seq: this.seq, events: this.events };
  }

  load(data: unknown): void {
    const d = data as { seq?: unknown; events?: unknown } | undefined;
    if (!d || !Array.isArray(d.events)) return; // a state file from before the trail: no history
    this.events = d.events as TrailEvent[];
    this.seq = typeof d.seq === 'number' ? d.seq : this.events.length;
  }

  private add(e: Omit<TrailEvent, 'seq'>): TrailEvent {
    const event = { ...e, seq: ++this.seq };
    this.events.push(event);
    if (this.events.length > TRAIL_MAX_EVENTS) this.events.splice(0, this.events.length - TRAIL_MAX_EVENTS);
    return event;
  }

  private resources(secret: Pick<Secret, 'arn'> | undefined, secretId: string | undefined): TrailEvent['resources'] {
    const name = secret?.arn ?? secretId;
    return name ? [{ ResourceType: SECRET_RESOURCE_TYPE, ResourceName: name }] : [];
  }

  /** An API call's event (AwsApiCall). */
  private apiCall(o: {
    source: string;
    operation: string;
    caller: Caller;
    at: number;
    input?: Json;
    result?: Json;
    error?: { type: string; message: string };
    secret?: Pick<Secret, 'arn'>;
    secretId?: string;
  }): TrailEvent {
    const principal = principalOf(o.caller.accessKeyId);
    const accessKeyId = o.caller.accessKeyId;
    const identity = principal.identity(this.store.accountId, accessKeyId ?? '', o.at);
    if (!accessKeyId) delete identity.accessKeyId;
    const readOnly = READ_ONLY.has(o.operation) || o.operation === 'GetSecretValue' || o.operation === 'BatchGetSecretValue' || o.operation === 'LookupEvents';
    const resources = o.source === 'secretsmanager.amazonaws.com' ? this.resources(o.secret, o.secretId) : [];
    const eventId = randomUUID();
    const record: Json = {
      eventVersion: '1.11',
      userIdentity: identity,
      eventTime: iso(o.at),
      eventSource: o.source,
      eventName: o.operation,
      awsRegion: this.store.region,
      sourceIPAddress: o.caller.sourceIp ?? principal.sourceIp,
      userAgent: o.caller.userAgent ?? principal.userAgent,
      ...(o.error ? { errorCode: o.error.type, errorMessage: o.error.message } : {}),
      requestParameters: o.input && Object.keys(o.input).length ? logged(o.input) : null,
      responseElements: !o.error && o.result && !NO_RESPONSE.has(o.operation) ? logged(o.result) : null,
      requestID: randomUUID(),
      eventID: eventId,
      readOnly,
      ...(resources.length ? { resources: resources.map((r) => ({ accountId: this.store.accountId, type: r.ResourceType, ARN: r.ResourceName })) } : {}),
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: this.store.accountId,
      eventCategory: 'Management',
    };
    return this.add({
      eventId,
      eventName: o.operation,
      eventSource: o.source,
      eventTime: o.at,
      readOnly,
      accessKeyId,
      username: principal.username,
      resources,
      record,
    });
  }

  /** A rotation step Secrets Manager itself logs (RotationStarted, RotationSucceeded, RotationFailed...). */
  serviceEvent(eventName: string, secret: Pick<Secret, 'arn'>, at = this.store.now(), extra: Json = {}): TrailEvent {
    const eventId = randomUUID();
    const identity: UserIdentity = { type: 'AWSService', accountId: this.store.accountId, invokedBy: SECRETS_MANAGER_SERVICE };
    const record: Json = {
      eventVersion: '1.11',
      userIdentity: identity,
      eventTime: iso(at),
      eventSource: SECRETS_MANAGER_SERVICE,
      eventName,
      awsRegion: this.store.region,
      sourceIPAddress: SECRETS_MANAGER_SERVICE,
      userAgent: SECRETS_MANAGER_SERVICE,
      requestParameters: null,
      responseElements: null,
      additionalEventData: { SecretId: secret.arn, ...extra },
      requestID: randomUUID(),
      eventID: eventId,
      readOnly: false,
      resources: [{ accountId: this.store.accountId, type: SECRET_RESOURCE_TYPE, ARN: secret.arn }],
      eventType: 'AwsServiceEvent',
      managementEvent: true,
      recipientAccountId: this.store.accountId,
      eventCategory: 'Management',
    };
    return this.add({ eventId, eventName, eventSource: SECRETS_MANAGER_SERVICE, eventTime: at, readOnly: false, resources: this.resources(secret, undefined), record });
  }

  /**
   * Notes a Secrets Manager request before the store handles it; the event is added when the
   * returned function is called with the outcome. Nothing may run in between but this request.
   */
  begin(operation: string, secretId: string | undefined, input: Json | undefined, caller: Caller): (outcome: { result?: Json; error?: { type: string; message: string } }) => void {
    const at = this.store.now();
    const before = this.lookup(secretId);
    const versionsBefore = new Set(before?.versions.keys());
    const currentBefore = before && [...before.versions.values()].find((v) => v.stages.has(CURRENT))?.id;
    let done = false;
    return ({ result, error }) => {
      if (done) return;
      done = true;
      const after = this.lookup(secretId) ?? (typeof result?.ARN === 'string' ? { arn: result.ARN, name: String(result.Name ?? secretId) } : undefined);
      const secret = before ?? after;
      this.apiCall({ source: SECRETS_MANAGER_SERVICE, operation, caller, at, input, result, error, secret, secretId });
      if (operation === 'RotateSecret' && !error && input?.RotateImmediately !== false && secret && typeof result?.VersionId === 'string') {
        this.rotationSteps(secret, result.VersionId, { created: !versionsBefore.has(result.VersionId), currentBefore, at });
      }
    };
  }

  /**
   * What CloudTrail shows for a rotation RotateSecret starts (the endpoint runs no function: the
   * store moves the labels at once): Secrets Manager's RotationStarted, the rotation function's
   * PutSecretValue (AWSPENDING) and UpdateSecretVersionStage (AWSCURRENT), RotationSucceeded.
   */
  rotationSteps(secret: Pick<Secret, 'arn' | 'name'>, versionId: string, o: { created: boolean; currentBefore?: string; at: number }): void {
    const fn: Caller = { accessKeyId: DEMO_KEYS.rotation };
    this.serviceEvent('RotationStarted', secret, o.at);
    if (o.created) {
      this.apiCall({
        source: SECRETS_MANAGER_SERVICE, operation: 'PutSecretValue', caller: fn, at: o.at, secret,
        input: { SecretId: secret.arn, ClientRequestToken: versionId, VersionStages: [PENDING] },
        result: { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: [PENDING] },
      });
    }
    this.apiCall({
      source: SECRETS_MANAGER_SERVICE, operation: 'UpdateSecretVersionStage', caller: fn, at: o.at, secret,
      input: { SecretId: secret.arn, VersionStage: CURRENT, MoveToVersionId: versionId, RemoveFromVersionId: o.currentBefore },
      result: { ARN: secret.arn, Name: secret.name },
    });
    this.serviceEvent('RotationSucceeded', secret, o.at);
  }

  /** LookupEvents itself, logged by CloudTrail like any management read. */
  recordLookup(input: Json | undefined, caller: Caller, error?: { type: string; message: string }): void {
    this.apiCall({ source: 'cloudtrail.amazonaws.com', operation: 'LookupEvents', caller, at: this.store.now(), input, error });
  }

  private lookup(secretId: string | undefined): Secret | undefined {
    try {
      return secretId ? this.store.find(secretId) : undefined;
    } catch {
      return undefined;
    }
  }

  // ---- LookupEvents -------------------------------------------------------------------------------

  LookupEvents(input: Json): Json {
    const attrs = input.LookupAttributes;
    let match: (e: TrailEvent) => boolean = () => true;
    if (attrs !== undefined && attrs !== null) {
      if (!Array.isArray(attrs)) invalid('InvalidLookupAttributesException', 'LookupAttributes must be a list.');
      if (attrs.length > 1) invalid('InvalidLookupAttributesException', 'You can specify only one lookup attribute.');
      if (attrs.length === 1) {
        const { AttributeKey: key, AttributeValue: value } = (attrs[0] ?? {}) as Json;
        if (!(LOOKUP_ATTRIBUTE_KEYS as readonly unknown[]).includes(key)) {
          invalid('InvalidLookupAttributesException', `Invalid AttributeKey ${String(key)}. Valid keys: ${LOOKUP_ATTRIBUTE_KEYS.join(', ')}.`);
        }
        if (typeof value !== 'string' || value.length < 1 || value.length > 2000) invalid('InvalidLookupAttributesException', 'AttributeValue must be 1 to 2000 characters.');
        match = matcher(key as (typeof LOOKUP_ATTRIBUTE_KEYS)[number], value);
      }
    }
    const time = (key: 'StartTime' | 'EndTime') => {
      const v = input[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== 'number' || !Number.isFinite(v)) invalid('InvalidTimeRangeException', `${key} is not a valid timestamp.`);
      return v * 1000;
    };
    const start = time('StartTime');
    const end = time('EndTime');
    if (start !== undefined && end !== undefined && start > end) invalid('InvalidTimeRangeException', 'The start time must not be after the end time.');
    const max = input.MaxResults ?? 50;
    if (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 50) invalid('InvalidMaxResultsException', 'MaxResults must be between 1 and 50.');
    const category = input.EventCategory;
    if (category !== undefined && category !== null && category !== 'insight') invalid('InvalidEventCategoryException', 'EventCategory must be insight.');
    // A token is valid only with the parameters it was made for.
    const fingerprint = JSON.stringify([attrs ?? null, input.StartTime ?? null, input.EndTime ?? null, category ?? null]);
    let cursor: { time: number; seq: number } | undefined;
    if (input.NextToken !== undefined && input.NextToken !== null) {
      try {
        const t = JSON.parse(Buffer.from(String(input.NextToken), 'base64url').toString('utf8'));
        if (t.f !== fingerprint || typeof t.t !== 'number' || typeof t.s !== 'number') throw new Error('mismatch');
        cursor = { time: t.t, seq: t.s };
      } catch {
        invalid('InvalidNextTokenException', 'Invalid NextToken: it is not valid, or it was made for a request with other parameters.');
      }
    }
    if (category === 'insight') return { Events: [] };
    const oldest = this.store.now() - RETENTION_MS;
    // Newest first: by time, then by the order the endpoint recorded them.
    const sorted = [...this.events].sort((a, b) => b.eventTime - a.eventTime || b.seq - a.seq);
    const page: TrailEvent[] = [];
    let more = false;
    for (const e of sorted) {
      if (e.eventTime < oldest || (start !== undefined && e.eventTime < start) || (end !== undefined && e.eventTime > end)) continue;
      if (cursor && (e.eventTime > cursor.time || (e.eventTime === cursor.time && e.seq >= cursor.seq))) continue;
      if (!match(e)) continue;
      if (page.length === max) {
        more = true;
        break;
      }
      page.push(e);
    }
    const last = page.at(-1);
    return {
      Events: page.map((e) => ({
        EventId: e.eventId,
        EventName: e.eventName,
        ReadOnly: String(e.readOnly),
        AccessKeyId: e.accessKeyId,
        // Whole seconds, as CloudTrail's event times.
        EventTime: Math.floor(e.eventTime / 1000),
        EventSource: e.eventSource,
        Username: e.username,
        Resources: e.resources.length ? e.resources.map((r) => ({ ...r })) : undefined,
        CloudTrailEvent: JSON.stringify(e.record),
      })),
      NextToken: more && last ? Buffer.from(JSON.stringify({ f: fingerprint, t: last.eventTime, s: last.seq })).toString('base64url') : undefined,
    };
  }
}

function matcher(key: (typeof LOOKUP_ATTRIBUTE_KEYS)[number], value: string): (e: TrailEvent) => boolean {
  switch (key) {
    case 'EventId':
      return (e) => e.eventId === value;
    case 'EventName':
      return (e) => e.eventName === value;
    case 'ReadOnly':
      return (e) => String(e.readOnly) === value;
    case 'Username':
      return (e) => e.username === value;
    case 'ResourceType':
      return (e) => e.resources.some((r) => r.ResourceType === value);
    case 'ResourceName':
      return (e) => e.resources.some((r) => r.ResourceName === value);
    case 'EventSource':
      return (e) => e.eventSource === value;
    case 'AccessKeyId':
      return (e) => e.accessKeyId === value;
  }
}
