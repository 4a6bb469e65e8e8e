// The project's own types for what Secrets Manager returns. Nothing here imports the SDK or
// `vscode`: UI code consumes these, src/aws/ produces them from SDK responses.
import type { CloudTrailService } from './cloudtrailTypes';
import type { SsoRoleRef } from './ssoTypes';

/** A connection is a profile + region (+ endpoint when overridden). */
export interface ConnectionSpec {
  /** Stable id used in URIs and settings, e.g. "default@us-east-1" or "local@us-east-1". */
  readonly id: string;
  /** Profile name from the shared config files; undefined = default credential chain (env vars, AWS_PROFILE, default). */
  readonly profile?: string;
  readonly region: string;
  /** Overridden endpoint URL (setting or AWS_ENDPOINT_URL_SECRETS_MANAGER / AWS_ENDPOINT_URL). */
  readonly endpoint?: string;
  /** An IAM Identity Center account and role (Add Accounts): credentials from GetRoleCredentials, no profile. */
  readonly sso?: SsoRoleRef;
}

export interface SecretTag {
  readonly key: string;
  readonly value: string;
}

/** One secret's metadata, as ListSecrets / DescribeSecret return it. Never a value. */
export interface SecretSummary {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly kmsKeyId?: string;
  readonly createdDate?: Date;
  readonly lastChangedDate?: Date;
  readonly lastAccessedDate?: Date;
  readonly deletedDate?: Date;
  readonly nextRotationDate?: Date;
  readonly lastRotatedDate?: Date;
  readonly rotationEnabled: boolean;
  /** The rotation function (RotationLambdaARN), when rotation was ever configured. */
  readonly rotationLambdaArn?: string;
  /** The rotation schedule (RotationRules). */
  readonly rotationRules?: RotationRules;
  readonly owningService?: string;
  /** For a replicated secret: the primary's region (a primary's own, or a replica's primary). */
  readonly primaryRegion?: string;
  /** A primary's replicas (DescribeSecret only; ListSecrets does not give them). */
  readonly replicationStatus?: readonly ReplicaStatus[];
  readonly tags: readonly SecretTag[];
  /** VersionId -> staging labels (SecretVersionsToStages / VersionIdsToStages). */
  readonly versionsToStages: Readonly<Record<string, readonly string[]>>;
}

/** RotationRules of DescribeSecret / ListSecrets. */
export interface RotationRules {
  readonly automaticallyAfterDays?: number;
  /** rate(10 days), cron(0 16 1,15 * ? *)... */
  readonly scheduleExpression?: string;
  /** The rotation window, e.g. 3h. */
  readonly duration?: string;
}

/** One replica of a primary secret (DescribeSecret's ReplicationStatus). */
export interface ReplicaStatus {
  readonly region: string;
  /** InSync, Failed, InProgress. */
  readonly status?: string;
  readonly statusMessage?: string;
  readonly kmsKeyId?: string;
  readonly lastAccessedDate?: Date;
}

export interface SecretVersion {
  readonly versionId: string;
  readonly stages: readonly string[];
  readonly createdDate?: Date;
  readonly lastAccessedDate?: Date;
}

/** A secret value: exactly one of string or binary. */
export type SecretData =
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array };

export interface SecretValue {
  readonly arn: string;
  readonly name: string;
  readonly versionId: string;
  readonly stages: readonly string[];
  readonly createdDate?: Date;
  readonly data: SecretData;
}

export type ListFilterKey =
  | 'name'
  | 'description'
  | 'tag-key'
  | 'tag-value'
  | 'primary-region'
  | 'owning-service'
  | 'all';

export interface ListFilter {
  readonly key: ListFilterKey;
  readonly values: readonly string[];
}

export interface ListSecretsOptions {
  readonly filters?: readonly ListFilter[];
  readonly includePlannedDeletion?: boolean;
  readonly sortOrder?: 'asc' | 'desc';
  readonly maxResults?: number;
  readonly nextToken?: string;
  readonly signal?: AbortSignal;
}

export interface SecretPage {
  readonly secrets: readonly SecretSummary[];
  readonly nextToken?: string;
}

export interface PublishRequest {
  readonly secretId: string;
  readonly data: SecretData;
  /** Generated once per publish and reused on every retry of the same content. 32-64 chars. */
  readonly clientRequestToken: string;
  /** Undefined = let Secrets Manager move AWSCURRENT. */
  readonly versionStages?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface PublishResult {
  readonly arn: string;
  readonly name: string;
  readonly versionId: string;
  readonly versionStages: readonly string[];
}

export interface CreateSecretRequest {
  readonly name: string;
  readonly description?: string;
  readonly tags?: readonly SecretTag[];
  readonly data: SecretData;
  readonly clientRequestToken: string;
  readonly signal?: AbortSignal;
}

export interface MoveLabelRequest {
  readonly secretId: string;
  readonly label: string;
  /** Version to attach the label to; undefined = only remove. */
  readonly moveToVersionId?: string;
  /** Current holder of the label; required by Secrets Manager when the label is held elsewhere. */
  readonly removeFromVersionId?: string;
  readonly signal?: AbortSignal;
}

export interface DeleteSecretRequest {
  readonly secretId: string;
  /** 7 to 30; ignored when forceDeleteWithoutRecovery. */
  readonly recoveryWindowInDays?: number;
  readonly forceDeleteWithoutRecovery?: boolean;
  readonly signal?: AbortSignal;
}

/** The kinds every SDK error is classified into (src/aws/errors.ts). */
export type AwsErrorKind =
  | 'notSignedIn'
  | 'ssoExpired'
  | 'accessDenied'
  | 'notFound'
  | 'scheduledForDeletion'
  | 'ownedByAnotherService'
  | 'throttled'
  | 'invalidInput'
  | 'limitExceeded'
  | 'endpointUnreachable'
  | 'tokenReused'
  | 'alreadyExists'
  | 'cancelled'
  | 'unknown';

/**
 * The typed operations the UI may call. One instance per connection; the SDK client is
 * created lazily on first use. Every method rejects with an `AwsError` (src/aws/errors.ts).
 */
export interface SecretsService {
  readonly connection: ConnectionSpec;
  listSecrets(options?: ListSecretsOptions): Promise<SecretPage>;
  describeSecret(secretId: string, signal?: AbortSignal): Promise<SecretSummary>;
  getSecretValue(
    secretId: string,
    selector?: { versionId?: string; versionStage?: string },
    signal?: AbortSignal,
  ): Promise<SecretValue>;
  listVersions(secretId: string, includeDeprecated: boolean, signal?: AbortSignal): Promise<SecretVersion[]>;
  putSecretValue(request: PublishRequest): Promise<PublishResult>;
  createSecret(request: CreateSecretRequest): Promise<PublishResult>;
  updateVersionStage(request: MoveLabelRequest): Promise<void>;
  updateDescription(secretId: string, description: string, signal?: AbortSignal): Promise<void>;
  tagResource(secretId: string, tags: readonly SecretTag[], signal?: AbortSignal): Promise<void>;
  untagResource(secretId: string, keys: readonly string[], signal?: AbortSignal): Promise<void>;
  deleteSecret(request: DeleteSecretRequest): Promise<{ deletionDate?: Date }>;
  restoreSecret(secretId: string, signal?: AbortSignal): Promise<void>;
  rotateSecret(secretId: string, signal?: AbortSignal): Promise<void>;
  /**
   * CloudTrail for the same connection (profile, region, credentials), made on first use; its
   * SDK client is loaded only then, from a bundle file of its own.
   */
  cloudTrail(): CloudTrailService;
  dispose(): void;
}

/** Minimal log sink the service layer writes to (a LogOutputChannel satisfies it). Never a value. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
