// The project's own types for what CloudTrail's LookupEvents returns about a secret. Nothing here
// imports the SDK or `vscode`. An event keeps only the fields the History view needs, taken by name
// from the CloudTrailEvent record (a whitelist): never a request or response member that could hold
// a value, whatever AWS sends.

/** Who made a call, from the record's userIdentity. */
export interface TrailActor {
  /** IAMUser, AssumedRole, AWSService, Root, FederatedUser, IdentityCenterUser... */
  readonly type?: string;
  /** The principal's ARN (for a role session: arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION). */
  readonly arn?: string;
  readonly accountId?: string;
  /** IAM user name, or the role (session issuer) name of a role session. */
  readonly userName?: string;
  /** A role session's name (for IAM Identity Center: the user's name, often an e-mail address). */
  readonly sessionName?: string;
  /** The role behind a role session. */
  readonly roleArn?: string;
  /** The AWS service that made the call (secretsmanager.amazonaws.com for rotation steps). */
  readonly invokedBy?: string;
  readonly mfa?: boolean;
}

/** The request members a secret's history needs (never SecretString or SecretBinary). */
export interface TrailRequest {
  readonly secretId?: string;
  readonly name?: string;
  readonly clientRequestToken?: string;
  readonly versionStages?: readonly string[];
  readonly versionId?: string;
  readonly versionStage?: string;
  readonly moveToVersionId?: string;
  readonly removeFromVersionId?: string;
  readonly rotateImmediately?: boolean;
  readonly rotationLambdaArn?: string;
}

/** The response members a secret's history needs. */
export interface TrailResponse {
  readonly arn?: string;
  readonly versionId?: string;
  readonly versionStages?: readonly string[];
}

/** One CloudTrail event, as the History view uses it. */
export interface TrailEvent {
  readonly eventId: string;
  readonly eventName: string;
  readonly eventTime: Date;
  readonly eventSource?: string;
  readonly readOnly: boolean;
  readonly accessKeyId?: string;
  /** LookupEvents' Username: IAM user name or role session name. */
  readonly username?: string;
  /** Resource names LookupEvents lists (for a secret: its ARN). */
  readonly resources: readonly string[];
  readonly actor: TrailActor;
  /** An IP address, or the service that called (secretsmanager.amazonaws.com, AWS Internal). */
  readonly sourceIp?: string;
  readonly userAgent?: string;
  /** The call failed: its error code (AccessDeniedException...); it changed nothing. */
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** AwsApiCall, AwsServiceEvent... */
  readonly eventType?: string;
  readonly awsRegion?: string;
  readonly request: TrailRequest;
  readonly response: TrailResponse;
  /** additionalEventData.SecretId of Secrets Manager's own events (rotation steps). */
  readonly serviceSecretId?: string;
}

export type LookupAttributeKey = 'EventId' | 'EventName' | 'ReadOnly' | 'Username' | 'ResourceType' | 'ResourceName' | 'EventSource' | 'AccessKeyId';

export interface LookupRequest {
  /** At most one attribute, as LookupEvents allows. */
  readonly attribute?: { readonly key: LookupAttributeKey; readonly value: string };
  readonly startTime?: Date;
  readonly endTime?: Date;
  /** 1-50. */
  readonly maxResults?: number;
  readonly nextToken?: string;
  readonly signal?: AbortSignal;
}

export interface TrailPage {
  /** Newest first, as LookupEvents returns them. */
  readonly events: readonly TrailEvent[];
  readonly nextToken?: string;
}

/** CloudTrail for one connection (its profile and region). Rejects with an AwsError. */
export interface CloudTrailService {
  lookupEvents(request: LookupRequest): Promise<TrailPage>;
  dispose(): void;
}
