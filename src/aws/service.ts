// The typed Secrets Manager operations the UI calls. One instance per connection; the SDK client
// is created on first use and reused, and the SDK module itself is imported then, so activation
// does not pay for it. Every call takes an AbortSignal, logs operation, secret, duration and
// outcome at debug level (never a value), and rejects with an AwsError.
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsCloudTrailService } from './cloudtrail';
import type { CloudTrailService } from './cloudtrailTypes';
import { credentialsFor, sharedCredentials, type MfaCodeProvider } from './credentials';
import { cleartextEndpointProblem } from './config';
import { AwsError, classifyError } from './errors';
import { regionNameProblem } from './regions';
import type {
  ConnectionSpec,
  CreateSecretRequest,
  DeleteSecretRequest,
  Logger,
  ListSecretsOptions,
  MoveLabelRequest,
  PublishRequest,
  PublishResult,
  SecretData,
  SecretPage,
  SecretSummary,
  SecretTag,
  SecretValue,
  SecretVersion,
  SecretsService,
} from './types';
import * as l10n from '@vscode/l10n';

type Sdk = typeof import('./sdk');

/** What the service needs of a client: a SecretsManagerClient satisfies it. */
export type SecretsManagerClientLike = Pick<SecretsManagerClient, 'send' | 'destroy'>;

export interface ClientOptions {
  /** Asked for the code of an MFA device when an assume-role profile has mfa_serial. */
  mfaCodeProvider?: MfaCodeProvider;
  /** Attempts per call, first one included (adaptive retry mode). Default 3. */
  maxAttempts?: number;
  /** TCP connect timeout. Default 10 s. */
  connectTimeoutMs?: number;
  /** A request whose socket stays idle this long fails with TimeoutError. Default 60 s. */
  idleTimeoutMs?: number;
  /** The credentials to sign with (default: the profile's, through credentialsFor). */
  credentials?: AwsCredentialIdentityProvider;
  /** Loads the connection's credential provider instead of credentialsFor (an IAM Identity Center role). */
  credentialsLoader?: () => Promise<AwsCredentialIdentityProvider>;
}

export interface ServiceDeps extends ClientOptions {
  logger: Logger;
  /** Creates the SDK client for the connection (default: createSdkClient with these deps). */
  clientFactory?: (connection: ConnectionSpec) => Promise<SecretsManagerClientLike>;
  /** Clock for durations in the log (ms). Default Date.now. */
  now?: () => number;
  /** Hosts the user allows over plain http although they are not this machine (see cleartextEndpointProblem). */
  allowHttpHosts?: () => readonly string[];
}

/** A ClientRequestToken: a UUID v4 (36 characters, within Secrets Manager's 32-64). */
export function newClientRequestToken(): string {
  return randomUUID();
}

/**
 * The real client for a connection: its region and endpoint, the profile's credentials (or the
 * default chain), adaptive retries. Loads the SDK module on first use.
 */
export async function createSdkClient(connection: ConnectionSpec, options: ClientOptions = {}): Promise<SecretsManagerClient> {
  const sdk = await import('./sdk');
  const credentials = options.credentials ?? (await credentialsFor(connection.profile, options.mfaCodeProvider));
  return new sdk.SecretsManagerClient({
    region: connection.region,
    endpoint: connection.endpoint,
    // The profile also decides which configured endpoint_url the SDK would use when no endpoint
    // is given (and matches what the connection says, rather than AWS_PROFILE).
    profile: connection.profile,
    credentials,
    retryMode: 'adaptive',
    maxAttempts: Math.max(1, options.maxAttempts ?? 3),
    requestHandler: {
      connectionTimeout: options.connectTimeoutMs ?? 10_000,
      socketTimeout: options.idleTimeoutMs ?? 60_000,
    },
  });
}

const date = (d: Date | undefined) => (d instanceof Date && !Number.isNaN(d.getTime()) ? d : undefined);

interface SdkSecretMetadata {
  ARN?: string;
  Name?: string;
  Description?: string;
  KmsKeyId?: string;
  CreatedDate?: Date;
  LastChangedDate?: Date;
  LastAccessedDate?: Date;
  DeletedDate?: Date;
  NextRotationDate?: Date;
  LastRotatedDate?: Date;
  RotationEnabled?: boolean;
  OwningService?: string;
  PrimaryRegion?: string;
  RotationLambdaARN?: string;
  RotationRules?: { AutomaticallyAfterDays?: number; ScheduleExpression?: string; Duration?: string };
  ReplicationStatus?: { Region?: string; Status?: string; StatusMessage?: string; KmsKeyId?: string; LastAccessedDate?: Date }[];
  Tags?: { Key?: string; Value?: string }[];
}

function toSummary(s: SdkSecretMetadata, stages: Record<string, string[]> | undefined): SecretSummary {
  return {
    arn: s.ARN ?? '',
    name: s.Name ?? '',
    description: s.Description || undefined,
    kmsKeyId: s.KmsKeyId,
    createdDate: date(s.CreatedDate),
    lastChangedDate: date(s.LastChangedDate),
    lastAccessedDate: date(s.LastAccessedDate),
    deletedDate: date(s.DeletedDate),
    nextRotationDate: date(s.NextRotationDate),
    lastRotatedDate: date(s.LastRotatedDate),
    rotationEnabled: s.RotationEnabled === true,
    rotationLambdaArn: s.RotationLambdaARN || undefined,
    rotationRules: s.RotationRules
      ? { automaticallyAfterDays: s.RotationRules.AutomaticallyAfterDays, scheduleExpression: s.RotationRules.ScheduleExpression || undefined, duration: s.RotationRules.Duration || undefined }
      : undefined,
    owningService: s.OwningService,
    primaryRegion: s.PrimaryRegion,
    replicationStatus: s.ReplicationStatus?.length
      ? s.ReplicationStatus.map((r) => ({ region: r.Region ?? '', status: r.Status, statusMessage: r.StatusMessage || undefined, kmsKeyId: r.KmsKeyId, lastAccessedDate: date(r.LastAccessedDate) }))
      : undefined,
    tags: (s.Tags ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' })),
    versionsToStages: Object.fromEntries(Object.entries(stages ?? {}).map(([id, labels]) => [id, [...(labels ?? [])]])),
  };
}

function dataParams(data: SecretData): { SecretString?: string; SecretBinary?: Uint8Array } {
  return data.kind === 'string' ? { SecretString: data.text } : { SecretBinary: data.bytes };
}

export class AwsSecretsService implements SecretsService {
  private client: Promise<{ sdk: Sdk; client: SecretsManagerClientLike }> | undefined;
  /** The connection's credentials, shared by its clients; dropped with them. */
  private identity: AwsCredentialIdentityProvider | undefined;
  private trail: CloudTrailService | undefined;
  private readonly now: () => number;
  /**
   * The SDK builds the host name from the region, so a malformed one is refused before any
   * request (a custom endpoint takes any region name; only the signature uses it there).
   */
  private readonly regionProblem: string | undefined;

  constructor(
    readonly connection: ConnectionSpec,
    private readonly deps: ServiceDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.regionProblem = connection.endpoint ? undefined : regionNameProblem(connection.region);
  }

  /** The SDK module and this connection's client: created on the first call, then reused. */
  private getClient(): Promise<{ sdk: Sdk; client: SecretsManagerClientLike }> {
    if (!this.client) {
      const pending = (async () => {
        const sdk = await import('./sdk');
        const client = this.deps.clientFactory
          ? await this.deps.clientFactory(this.connection)
          : await createSdkClient(this.connection, { ...this.deps, credentials: this.credentials() });
        return { sdk, client };
      })();
      this.client = pending;
      // A failed creation is not cached: the next call tries again.
      pending.catch(() => {
        if (this.client === pending) this.client = undefined;
      });
    }
    return this.client;
  }

  /**
   * One credential provider for this connection's clients (Secrets Manager, CloudTrail): one MFA
   * prompt, one SSO token read. Dropped, with the clients, when AWS rejects the credentials.
   */
  private credentials(): AwsCredentialIdentityProvider {
    return (this.identity ??= this.deps.credentials ?? sharedCredentials(() => this.deps.credentialsLoader?.() ?? credentialsFor(this.connection.profile, this.deps.mfaCodeProvider)));
  }

  cloudTrail(): CloudTrailService {
    return (this.trail ??= new AwsCloudTrailService(this.connection, {
      logger: this.deps.logger,
      credentials: () => this.credentials(),
      onCredentialsRejected: () => this.dispose(),
      allowHttpHosts: this.deps.allowHttpHosts,
      maxAttempts: this.deps.maxAttempts,
      connectTimeoutMs: this.deps.connectTimeoutMs,
      idleTimeoutMs: this.deps.idleTimeoutMs,
      now: this.now,
    }));
  }

  /** Runs one SDK command with logging and classification. Never logs request parameters. */
  private async call<T>(operation: string, secretId: string | undefined, signal: AbortSignal | undefined, run: (sdk: Sdk, client: SecretsManagerClientLike) => Promise<T>): Promise<T> {
    const started = this.now();
    const what = `${operation}${secretId ? ` ${secretId}` : ''} on ${this.connection.id}`;
    try {
      if (signal?.aborted) {
        throw new AwsError('cancelled', l10n.t('Cancelled.'), { operation, secretId, profile: this.connection.profile, endpoint: this.connection.endpoint });
      }
      if (this.regionProblem) {
        throw new AwsError('invalidInput', l10n.t('{0}. Fix the region (the secretsManager.region setting, the profile\'s region or AWS_REGION), or switch the connection\'s region.', this.regionProblem), { operation, secretId, profile: this.connection.profile });
      }
      const cleartext = this.connection.endpoint ? cleartextEndpointProblem(this.connection.endpoint, this.deps.allowHttpHosts?.()) : undefined;
      if (cleartext) throw new AwsError('invalidInput', l10n.t('{0}. Nothing was sent.', cleartext), { operation, secretId, profile: this.connection.profile, endpoint: this.connection.endpoint });
      const { sdk, client } = await this.getClient();
      const result = await run(sdk, client);
      this.deps.logger.debug(`${what}: ok in ${this.now() - started} ms`);
      return result;
    } catch (err) {
      const classified = classifyError(err, { operation, secretId, connection: this.connection });
      this.deps.logger.debug(`${what}: ${classified.kind} (${classified.code ?? 'error'}) in ${this.now() - started} ms`);
      // The client memoizes credentials until their stated expiry (static keys: forever). Once AWS
      // rejects them, drop the client so the next call resolves credentials again: after the user
      // signs in or refreshes the profile, a retry uses the new ones.
      if (classified.kind === 'notSignedIn' || classified.kind === 'ssoExpired') this.dispose();
      throw classified;
    }
  }

  async listSecrets(o: ListSecretsOptions = {}): Promise<SecretPage> {
    return this.call('ListSecrets', undefined, o.signal, async (sdk, c) => {
      const r = await c.send(
        new sdk.ListSecretsCommand({
          Filters: o.filters?.map((f) => ({ Key: f.key, Values: [...f.values] })),
          IncludePlannedDeletion: o.includePlannedDeletion || undefined,
          SortOrder: o.sortOrder,
          MaxResults: o.maxResults,
          NextToken: o.nextToken,
        }),
        { abortSignal: o.signal },
      );
      return {
        secrets: (r.SecretList ?? []).map((s) => toSummary(s, s.SecretVersionsToStages)),
        nextToken: r.NextToken,
      };
    });
  }

  async describeSecret(secretId: string, signal?: AbortSignal): Promise<SecretSummary> {
    return this.call('DescribeSecret', secretId, signal, async (sdk, c) => {
      const r = await c.send(new sdk.DescribeSecretCommand({ SecretId: secretId }), { abortSignal: signal });
      return toSummary(r, r.VersionIdsToStages);
    });
  }

  async getSecretValue(secretId: string, selector: { versionId?: string; versionStage?: string } = {}, signal?: AbortSignal): Promise<SecretValue> {
    return this.call('GetSecretValue', secretId, signal, async (sdk, c) => {
      const r = await c.send(
        new sdk.GetSecretValueCommand({ SecretId: secretId, VersionId: selector.versionId, VersionStage: selector.versionStage }),
        { abortSignal: signal },
      );
      const data: SecretData = r.SecretBinary !== undefined
        ? { kind: 'binary', bytes: r.SecretBinary }
        : { kind: 'string', text: r.SecretString ?? '' };
      return { arn: r.ARN!, name: r.Name!, versionId: r.VersionId!, stages: r.VersionStages ?? [], createdDate: date(r.CreatedDate), data };
    });
  }

  async listVersions(secretId: string, includeDeprecated: boolean, signal?: AbortSignal): Promise<SecretVersion[]> {
    return this.call('ListSecretVersionIds', secretId, signal, async (sdk, c) => {
      const out: SecretVersion[] = [];
      let token: string | undefined;
      do {
        const r = await c.send(
          new sdk.ListSecretVersionIdsCommand({ SecretId: secretId, IncludeDeprecated: includeDeprecated, NextToken: token, MaxResults: 100 }),
          { abortSignal: signal },
        );
        for (const v of r.Versions ?? []) {
          out.push({ versionId: v.VersionId!, stages: v.VersionStages ?? [], createdDate: date(v.CreatedDate), lastAccessedDate: date(v.LastAccessedDate) });
        }
        token = r.NextToken;
      } while (token);
      return out;
    });
  }

  async putSecretValue(req: PublishRequest): Promise<PublishResult> {
    return this.call('PutSecretValue', req.secretId, req.signal, async (sdk, c) => {
      const r = await c.send(
        new sdk.PutSecretValueCommand({
          SecretId: req.secretId,
          ClientRequestToken: req.clientRequestToken,
          VersionStages: req.versionStages ? [...req.versionStages] : undefined,
          ...dataParams(req.data),
        }),
        { abortSignal: req.signal },
      );
      return { arn: r.ARN!, name: r.Name!, versionId: r.VersionId!, versionStages: r.VersionStages ?? [] };
    });
  }

  async createSecret(req: CreateSecretRequest): Promise<PublishResult> {
    return this.call('CreateSecret', req.name, req.signal, async (sdk, c) => {
      const r = await c.send(
        new sdk.CreateSecretCommand({
          Name: req.name,
          Description: req.description,
          Tags: req.tags?.map((t) => ({ Key: t.key, Value: t.value })),
          ClientRequestToken: req.clientRequestToken,
          ...dataParams(req.data),
        }),
        { abortSignal: req.signal },
      );
      return { arn: r.ARN!, name: r.Name!, versionId: r.VersionId!, versionStages: ['AWSCURRENT'] };
    });
  }

  async updateVersionStage(req: MoveLabelRequest): Promise<void> {
    await this.call('UpdateSecretVersionStage', req.secretId, req.signal, (sdk, c) =>
      c.send(
        new sdk.UpdateSecretVersionStageCommand({
          SecretId: req.secretId,
          VersionStage: req.label,
          MoveToVersionId: req.moveToVersionId,
          RemoveFromVersionId: req.removeFromVersionId,
        }),
        { abortSignal: req.signal },
      ),
    );
  }

  async updateDescription(secretId: string, description: string, signal?: AbortSignal): Promise<void> {
    await this.call('UpdateSecret', secretId, signal, (sdk, c) =>
      c.send(new sdk.UpdateSecretCommand({ SecretId: secretId, Description: description }), { abortSignal: signal }),
    );
  }

  async tagResource(secretId: string, tags: readonly SecretTag[], signal?: AbortSignal): Promise<void> {
    await this.call('TagResource', secretId, signal, (sdk, c) =>
      c.send(new sdk.TagResourceCommand({ SecretId: secretId, Tags: tags.map((t) => ({ Key: t.key, Value: t.value })) }), { abortSignal: signal }),
    );
  }

  async untagResource(secretId: string, keys: readonly string[], signal?: AbortSignal): Promise<void> {
    await this.call('UntagResource', secretId, signal, (sdk, c) =>
      c.send(new sdk.UntagResourceCommand({ SecretId: secretId, TagKeys: [...keys] }), { abortSignal: signal }),
    );
  }

  async deleteSecret(req: DeleteSecretRequest): Promise<{ deletionDate?: Date }> {
    return this.call('DeleteSecret', req.secretId, req.signal, async (sdk, c) => {
      const r = await c.send(
        new sdk.DeleteSecretCommand({
          SecretId: req.secretId,
          RecoveryWindowInDays: req.forceDeleteWithoutRecovery ? undefined : req.recoveryWindowInDays,
          ForceDeleteWithoutRecovery: req.forceDeleteWithoutRecovery || undefined,
        }),
        { abortSignal: req.signal },
      );
      return { deletionDate: date(r.DeletionDate) };
    });
  }

  async restoreSecret(secretId: string, signal?: AbortSignal): Promise<void> {
    await this.call('RestoreSecret', secretId, signal, (sdk, c) => c.send(new sdk.RestoreSecretCommand({ SecretId: secretId }), { abortSignal: signal }));
  }

  async rotateSecret(secretId: string, signal?: AbortSignal): Promise<void> {
    await this.call('RotateSecret', secretId, signal, (sdk, c) =>
      c.send(new sdk.RotateSecretCommand({ SecretId: secretId, RotateImmediately: true }), { abortSignal: signal }),
    );
  }

  dispose(): void {
    void this.client?.then(({ client }) => client.destroy(), () => undefined);
    this.client = undefined;
    this.identity = undefined;
    const trail = this.trail;
    this.trail = undefined;
    trail?.dispose();
  }
}

export function createSecretsService(connection: ConnectionSpec, deps: ServiceDeps): SecretsService {
  return new AwsSecretsService(connection, deps);
}
