// CloudTrail's LookupEvents for one connection, behind the project's own types (cloudtrailTypes.ts).
// The SDK client is created on the first lookup, and its module is loaded only then: it is not in
// what startup loads but in a chunk of its own (see cloudtrailSdk.ts and esbuild.mjs), so activation
// does not pay for it. Every call takes an AbortSignal, logs what it looked up,
// its duration and outcome at debug level, and rejects with an AwsError (access denied names
// cloudtrail:LookupEvents). Events are reduced to a whitelist of fields (parseTrailEvent).
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CloudTrailService, LookupRequest, TrailActor, TrailEvent, TrailPage, TrailRequest, TrailResponse } from './cloudtrailTypes';
import { cleartextEndpointProblem } from './config';
import { AwsError, classifyError } from './errors';
import { regionNameProblem } from './regions';
import type { ConnectionSpec, Logger } from './types';
import * as l10n from '@vscode/l10n';

type Sdk = typeof import('./cloudtrailSdk');

/** What the service needs of a client: a CloudTrailClient satisfies it. */
export type CloudTrailClientLike = Pick<CloudTrailClient, 'send' | 'destroy'>;

export interface CloudTrailDeps {
  logger: Logger;
  /** The connection's credentials (shared with its Secrets Manager client). */
  credentials: () => AwsCredentialIdentityProvider;
  /** AWS rejected the credentials: the connection drops them (and its clients). */
  onCredentialsRejected?: () => void;
  /** The environment AWS_ENDPOINT_URL_CLOUDTRAIL is read from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  allowHttpHosts?: () => readonly string[];
  /** Loads the SDK module (default: import('./cloudtrailSdk'), a chunk of its own). */
  loadSdk?: () => Promise<Sdk>;
  /** Creates the client (default: the SDK's CloudTrailClient for the connection). */
  clientFactory?: (sdk: Sdk, options: ConstructorParameters<Sdk['CloudTrailClient']>[0]) => CloudTrailClientLike;
  maxAttempts?: number;
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
  now?: () => number;
}

/** The SDK module, loaded on first use (import() only: the build makes it a chunk of its own). */
export function loadCloudTrailSdk(): Promise<Sdk> {
  return import('./cloudtrailSdk');
}

/**
 * Where LookupEvents goes: AWS_ENDPOINT_URL_CLOUDTRAIL when set; else, for a connection with a
 * custom endpoint, that endpoint (LocalStack, moto and the local endpoint serve every service on one
 * port) unless it is a Secrets Manager-only endpoint (its host names secretsmanager, as a VPC
 * interface endpoint's does); else undefined: the SDK's own resolution (AWS_ENDPOINT_URL, the
 * profile's services section, or CloudTrail's endpoint in the region).
 */
export function cloudTrailEndpoint(connection: Pick<ConnectionSpec, 'endpoint'>, env: NodeJS.ProcessEnv): string | undefined {
  const explicit = env.AWS_ENDPOINT_URL_CLOUDTRAIL?.trim();
  if (explicit) return explicit;
  if (!connection.endpoint) return undefined;
  try {
    if (/secretsmanager/i.test(new URL(connection.endpoint).hostname)) return undefined;
  } catch {
    return undefined;
  }
  return connection.endpoint;
}

const MAX_TEXT = 2048;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, MAX_TEXT) : undefined);
const texts = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map((x) => x.slice(0, 256)) : undefined);
const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function actorOf(identity: Record<string, unknown>): TrailActor {
  const session = obj(obj(identity.sessionContext).sessionIssuer);
  const arn = text(identity.arn);
  const type = text(identity.type);
  // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
  const sessionName = type === 'AssumedRole' && arn ? arn.split('/').slice(2).join('/') || undefined : undefined;
  return {
    type,
    arn,
    accountId: text(identity.accountId),
    userName: text(identity.userName) ?? text(session.userName),
    sessionName,
    roleArn: text(session.arn),
    invokedBy: text(identity.invokedBy),
    mfa: obj(obj(identity.sessionContext).attributes).mfaAuthenticated === 'true' ? true : undefined,
  };
}

function requestOf(p: Record<string, unknown>): TrailRequest {
  return {
    secretId: text(p.secretId),
    name: text(p.name),
    clientRequestToken: text(p.clientRequestToken),
    versionStages: texts(p.versionStages),
    versionId: text(p.versionId),
    versionStage: text(p.versionStage),
    moveToVersionId: text(p.moveToVersionId),
    removeFromVersionId: text(p.removeFromVersionId),
    rotateImmediately: typeof p.rotateImmediately === 'boolean' ? p.rotateImmediately : undefined,
    rotationLambdaArn: text(p.rotationLambdaARN),
  };
}

function responseOf(r: Record<string, unknown>): TrailResponse {
  return { arn: text(r.arn) ?? text(r.aRN), versionId: text(r.versionId), versionStages: texts(r.versionStages) };
}

/** The SDK's shape of one event (LookupEvents' Events[]), as far as it is used. */
export interface SdkEventLike {
  EventId?: string;
  EventName?: string;
  ReadOnly?: string;
  AccessKeyId?: string;
  EventTime?: Date;
  EventSource?: string;
  Username?: string;
  Resources?: { ResourceType?: string; ResourceName?: string }[];
  CloudTrailEvent?: string;
}

/**
 * One event, reduced to the fields the history uses, each taken by name: whatever the record
 * holds besides (AWS leaves SecretString and SecretBinary out of it anyway) is not kept.
 * Undefined for an event without id, name or time.
 */
export function parseTrailEvent(e: SdkEventLike): TrailEvent | undefined {
  let record: Record<string, unknown> = {};
  try {
    record = obj(e.CloudTrailEvent ? JSON.parse(e.CloudTrailEvent) : {});
  } catch {
    record = {};
  }
  const eventId = text(e.EventId) ?? text(record.eventID);
  const eventName = text(e.EventName) ?? text(record.eventName);
  const time = e.EventTime instanceof Date && !Number.isNaN(e.EventTime.getTime()) ? e.EventTime : typeof record.eventTime === 'string' ? new Date(record.eventTime) : undefined;
  if (!eventId || !eventName || !time || Number.isNaN(time.getTime())) return undefined;
  const errorMessage = text(record.errorMessage)?.split('\n')[0].slice(0, 300);
  return {
    eventId,
    eventName,
    eventTime: time,
    eventSource: text(e.EventSource) ?? text(record.eventSource),
    readOnly: e.ReadOnly === 'true' || record.readOnly === true,
    accessKeyId: text(e.AccessKeyId),
    username: text(e.Username),
    resources: (e.Resources ?? []).map((r) => text(r.ResourceName)).filter((r): r is string => r !== undefined),
    actor: actorOf(obj(record.userIdentity)),
    sourceIp: text(record.sourceIPAddress),
    userAgent: text(record.userAgent)?.slice(0, 300),
    errorCode: text(record.errorCode),
    errorMessage,
    eventType: text(record.eventType),
    awsRegion: text(record.awsRegion),
    request: requestOf(obj(record.requestParameters)),
    response: responseOf(obj(record.responseElements)),
    serviceSecretId: text(obj(record.additionalEventData).SecretId),
  };
}

export class AwsCloudTrailService implements CloudTrailService {
  private client: Promise<{ sdk: Sdk; client: CloudTrailClientLike }> | undefined;
  private readonly now: () => number;
  private readonly regionProblem: string | undefined;
  private readonly endpoint: string | undefined;

  constructor(
    readonly connection: ConnectionSpec,
    private readonly deps: CloudTrailDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.endpoint = cloudTrailEndpoint(connection, deps.env ?? process.env);
    this.regionProblem = this.endpoint ? undefined : regionNameProblem(connection.region);
  }

  private getClient(): Promise<{ sdk: Sdk; client: CloudTrailClientLike }> {
    if (!this.client) {
      const pending = (async () => {
        const sdk = await (this.deps.loadSdk ?? loadCloudTrailSdk)();
        const options: ConstructorParameters<Sdk['CloudTrailClient']>[0] = {
          region: this.connection.region,
          endpoint: this.endpoint,
          profile: this.connection.profile,
          credentials: this.deps.credentials(),
          // LookupEvents allows two requests a second per account and region: adaptive retries
          // slow down after a throttle.
          retryMode: 'adaptive',
          maxAttempts: Math.max(1, this.deps.maxAttempts ?? 3),
          requestHandler: { connectionTimeout: this.deps.connectTimeoutMs ?? 10_000, socketTimeout: this.deps.idleTimeoutMs ?? 60_000 },
        };
        const client = this.deps.clientFactory ? this.deps.clientFactory(sdk, options) : new sdk.CloudTrailClient(options);
        return { sdk, client };
      })();
      this.client = pending;
      pending.catch(() => {
        if (this.client === pending) this.client = undefined;
      });
    }
    return this.client;
  }

  async lookupEvents(req: LookupRequest): Promise<TrailPage> {
    const operation = 'LookupEvents';
    const started = this.now();
    const what = `${operation}${req.attribute ? ` ${req.attribute.key}=${req.attribute.value}` : ''}${req.nextToken ? ' (next page)' : ''} on ${this.connection.id}`; // l10n-ignore: a log line
    const ctx = { operation, connection: { ...this.connection, endpoint: this.endpoint }, service: 'cloudtrail' as const };
    try {
      if (req.signal?.aborted) throw new AwsError('cancelled', l10n.t('Cancelled.'), { operation, profile: this.connection.profile });
      if (this.regionProblem) {
        throw new AwsError('invalidInput', l10n.t('{0}. Fix the region (the secretsManager.region setting, the profile\'s region or AWS_REGION), or switch the connection\'s region.', this.regionProblem), { operation, profile: this.connection.profile });
      }
      const cleartext = this.endpoint ? cleartextEndpointProblem(this.endpoint, this.deps.allowHttpHosts?.()) : undefined;
      if (cleartext) throw new AwsError('invalidInput', l10n.t('{0}. Nothing was sent.', cleartext), { operation, profile: this.connection.profile, endpoint: this.endpoint });
      const { sdk, client } = await this.getClient();
      const r = await client.send(
        new sdk.LookupEventsCommand({
          LookupAttributes: req.attribute ? [{ AttributeKey: req.attribute.key, AttributeValue: req.attribute.value }] : undefined,
          StartTime: req.startTime,
          EndTime: req.endTime,
          MaxResults: req.maxResults,
          NextToken: req.nextToken,
        }),
        { abortSignal: req.signal },
      );
      const events = (r.Events ?? []).map(parseTrailEvent).filter((e): e is TrailEvent => e !== undefined);
      this.deps.logger.debug(`${what}: ok in ${this.now() - started} ms, ${events.length} events${r.NextToken ? ', more' : ''}`);
      return { events, nextToken: r.NextToken };
    } catch (err) {
      const classified = classifyError(err, ctx);
      this.deps.logger.debug(`${what}: ${classified.kind} (${classified.code ?? 'error'}) in ${this.now() - started} ms`);
      if (classified.kind === 'notSignedIn' || classified.kind === 'ssoExpired') {
        this.dispose();
        this.deps.onCredentialsRejected?.();
      }
      throw classified;
    }
  }

  dispose(): void {
    void this.client?.then(({ client }) => client.destroy(), () => undefined);
    this.client = undefined;
  }
}
