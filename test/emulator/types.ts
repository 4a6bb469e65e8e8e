// Types of the local Secrets Manager endpoint and its admin surface. The admin surface is the same
// in process (`emulator.admin`) and over HTTP (`POST /__admin/<method>` with a JSON array of the
// arguments, answered with `{"result": ...}`; AdminClient wraps it).
import type { SsoAccount } from './sso';

export type { SsoAccount } from './sso';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** 'demo': a dozen realistic secrets (see seed.ts). Default 'none'. Ignored when `state` exists. */
  seed?: 'demo' | 'none';
  /** Adds this many synthetic secrets (`app/svc-00001`...). Ignored when `state` exists. */
  synthetic?: number;
  /** Epoch milliseconds; Date.now by default. The admin clock offset is added to it. */
  clock?: () => number;
  /** JSON file the state is loaded from (when it exists) and saved to (atomically, debounced, flushed on stop). */
  state?: string;
  /** Default us-east-1. */
  region?: string;
  /** Default 123456789012. */
  accountId?: string;
  /** One line per notable event (faults that fire, internal errors); never a secret value. */
  log?: (line: string) => void;
}

export interface FaultCount {
  /** How many more matching requests get this fault; decremented only by requests it hits. */
  count: number;
  /** Only these operations (e.g. ["PutSecretValue"]); all operations when absent. */
  operations?: string[];
}

export interface DenyRule {
  /** e.g. "PutSecretValue"; every operation when absent. */
  operation?: string;
  /** Name or ARN of the secret the rule applies to; every secret (and requests without one) when absent. */
  secretId?: string;
}

export interface Faults {
  /** Milliseconds added before every request is handled. */
  latencyMs?: number;
  /** ThrottlingException ("Rate exceeded", HTTP 400). */
  throttle?: FaultCount;
  /** InternalServiceError (HTTP 500). */
  internalError?: FaultCount;
  /** ExpiredTokenException (HTTP 400). */
  expiredToken?: FaultCount;
  /** Write operations only: the write is committed, then the connection is dropped without a response. */
  dropAfterCommit?: FaultCount;
  /** AccessDeniedException naming the IAM action, for as long as the rule is set. */
  deny?: DenyRule[];
  /**
   * ExpiredTokenException for every request signed with one of these access key ids, for as long
   * as the rule is set: credentials that expired mid-session, while fresh ones still work.
   */
  expiredAccessKeys?: string[];
  /**
   * Another writer's request to the same secret, applied just before a matching request is
   * handled: after latencyMs, before that request's own faults (a throttled request is overtaken too).
   */
  raceBeforeWrite?: RaceFault;
}

/**
 * Another writer overtakes a request: a client that checked the secret a moment earlier finds it
 * changed when its own request is handled.
 */
export interface RaceFault {
  /**
   * How many more matching requests are overtaken. One is used up by each race write the endpoint
   * attempts, whether it succeeds or fails (e.g. the secret was deleted).
   */
  count: number;
  /** Only requests for these operations (reads may be listed too); every write operation when absent. */
  operations?: string[];
  /** Name or ARN of the only secret whose requests are overtaken; any secret when absent. */
  secretId?: string;
  /**
   * Sent to the overtaken request's secret, through the store like any request (same validation,
   * same label rules) but past every other fault; journaled as its own entry, with access key id
   * RACE_ACCESS_KEY_ID, just before the overtaken request's entry; not in the counters. The
   * overtaken request is handled normally whatever the race write's outcome.
   */
  write: RaceWrite;
}

export type RaceWrite =
  | {
      operation: 'PutSecretValue';
      /** Exactly one of secretString and secretBinaryBase64. */
      secretString?: string;
      secretBinaryBase64?: string;
      versionStages?: string[];
      /** Absent: the endpoint makes up a VersionId (a new version at every race). */
      clientRequestToken?: string;
    }
  | {
      /**
       * Moves versionStage to the version that holds the label moveToLabelHolder when the race
       * happens (a rotation's last step: AWSCURRENT to the AWSPENDING version); RemoveFromVersionId
       * is the current holder of versionStage. When no version holds moveToLabelHolder the request
       * goes with neither id, and fails (InvalidParameterException) without removing the label.
       */
      operation: 'UpdateSecretVersionStage';
      versionStage: string;
      moveToLabelHolder: string;
    };

/** The access key id journaled for race writes. */
export const RACE_ACCESS_KEY_ID = 'AKIDRACEWRITER';

/** The journal keeps this many entries; older ones are dropped (and counted: journalDropped). */
export const JOURNAL_MAX_ENTRIES = 20_000;

/**
 * One write request (an operation of the store's WRITES set) as the endpoint handled it, whatever
 * its outcome. Fields the request did not send, or that do not apply, are absent.
 */
export interface JournalEntry {
  /** 1, 2, 3... in the order the endpoint handled the requests; never reused, not even after clearJournal or reset. */
  seq: number;
  /** The endpoint's clock (epoch milliseconds, admin clock offset included) when the request was handled. */
  at: number;
  operation: string;
  /** The canonical name when the secret resolves (before or after the request), else the SecretId (Name for CreateSecret) as sent. */
  secretName?: string;
  /** From the SigV4 Authorization header, as the counters take it; "(unsigned)" without one; RACE_ACCESS_KEY_ID for race writes. */
  accessKeyId: string;
  /** As sent. */
  clientRequestToken?: string;
  /** As sent (PutSecretValue). */
  versionStages?: string[];
  /** As sent. */
  secretString?: string;
  /** SecretBinary as sent (base64 on the wire). */
  secretBinaryBase64?: string;
  /** UpdateSecretVersionStage's VersionStage, MoveToVersionId and RemoveFromVersionId, as sent. */
  versionStage?: string;
  moveToVersionId?: string;
  removeFromVersionId?: string;
  /**
   * 'ok'; 'dropped' when dropAfterCommit committed the write and dropped the connection; else the
   * error type answered (a fault's, e.g. 'ThrottlingException', or the store's, e.g.
   * 'ResourceExistsException'; 'InternalServiceError' for a bug of the endpoint).
   */
  outcome: 'ok' | 'dropped' | (string & {});
  /** Whether the store applied the write: true exactly for 'ok' and 'dropped' (an idempotent repeat that did nothing included). */
  committed: boolean;
  /** The VersionId a committed write answered with: of the version it created, or found (idempotent repeat, RotateSecret of an AWSPENDING version). */
  versionId?: string;
  /** Whether the write created a new version (false for an idempotent repeat, and for every failure). */
  created: boolean;
  /**
   * The secret's labelled versions (VersionId -> staging labels, as DescribeSecret's
   * VersionIdsToStages lists them) just before and just after the store handled the request
   * (equal when a fault refused it); absent when the secret did not exist.
   */
  stagesBefore?: Record<string, string[]>;
  stagesAfter?: Record<string, string[]>;
}

export interface Counters {
  total: number;
  /** Requests per operation (as named by X-Amz-Target), whatever their outcome; admin calls excluded. */
  byOperation: Record<string, number>;
  /** Requests per access key id of their SigV4 signature ("(unsigned)" without one). */
  byAccessKey: Record<string, number>;
}

export interface VersionState {
  versionId: string;
  stages: string[];
  /** Epoch milliseconds, as every date of the admin surface. */
  created: number;
  lastAccessed?: number;
  string?: string;
  binaryBase64?: string;
}

export interface SecretState {
  name: string;
  arn: string;
  description?: string;
  kmsKeyId?: string;
  created: number;
  lastChanged: number;
  lastAccessed?: number;
  /** When DeleteSecret was called. */
  deletedDate?: number;
  /** When a secret scheduled for deletion goes for good (end of the recovery window). */
  deletionDate?: number;
  tags: { Key: string; Value: string }[];
  rotationEnabled: boolean;
  rotationLambdaArn?: string;
  lastRotated?: number;
  owningService?: string;
  /** In creation order, deprecated (unlabelled) ones included. */
  versions: VersionState[];
}

export interface EmulatorAdminApi {
  counters(): Promise<Counters>;
  resetCounters(): Promise<void>;
  /** Merges into the active faults (a key set to null clears that fault). */
  setFaults(faults: Faults): Promise<void>;
  /** The active faults, with the counts left. */
  getFaults(): Promise<Faults>;
  clearFaults(): Promise<void>;
  /** Adds `count` secrets named `${prefix}-00001`... (skipping names taken); returns how many were added. */
  seedSynthetic(count: number, prefix?: string): Promise<number>;
  /** Adds the demo secrets (seed.ts). */
  seedDemo(): Promise<void>;
  /** Back to empty: no secrets, counters, faults, journal entries or clock offset. */
  reset(): Promise<void>;
  /** Moves the endpoint's clock forward (the 24-hour deprecated-version rule, recovery windows). */
  advanceClock(ms: number): Promise<void>;
  /** The endpoint's clock, epoch milliseconds. */
  now(): Promise<number>;
  /** Everything about a secret, values included; undefined when there is no such secret. */
  secretState(secretId: string): Promise<SecretState | undefined>;
  /** Creates a secret with metadata only an AWS service could set (OwningService, `!` in the name). */
  createManagedSecret(name: string, owningService: string, secretString: string): Promise<void>;
  /** Marks a secret as rotation-enabled with a (fake) rotation Lambda ARN. */
  enableRotation(secretId: string, days?: number): Promise<void>;
  /**
   * The write journal, oldest first: the entries with seq > sinceSeq (all when absent). Requests
   * over the AWS API only: admin calls and seeds are not journaled, nor reads (see counters).
   */
  journal(sinceSeq?: number): Promise<JournalEntry[]>;
  /** Empties the journal (seq goes on counting) and sets journalDropped back to 0; reset does too. */
  clearJournal(): Promise<void>;
  /** How many of the oldest entries were dropped since the last clearJournal or reset, to keep JOURNAL_MAX_ENTRIES. */
  journalDropped(): Promise<number>;
  /**
   * Marks a secret as replicated, as only ReplicateSecretToRegions (not served here) could: a
   * replica of the secret in `primaryRegion`, or a primary with `replicas`. DescribeSecret then
   * gives PrimaryRegion and ReplicationStatus; writes signed for a region other than the
   * primary's are refused, as Secrets Manager refuses writes to replicas. `{}` undoes it.
   */
  setReplication(secretId: string, replication: { primaryRegion?: string; replicas?: ReplicaStatus[] }): Promise<void>;
  /** The CloudTrail events the endpoint recorded, oldest first (values never among them, as in AWS). */
  trailEvents(): Promise<TrailEventState[]>;
  /** Forgets every CloudTrail event (reset does too). */
  clearTrail(): Promise<void>;
  /**
   * Records an event Secrets Manager itself logs for a secret (RotationStarted, RotationFailed,
   * RotationAbandoned...), now, as an AwsServiceEvent.
   */
  serviceEvent(secretId: string, eventName: string): Promise<void>;
  /**
   * IAM Identity Center (sso.ts): replaces the organisation with `accounts` synthetic accounts
   * (account-001..., ids 100000000001...), `rolesPerAccount` roles each (default 2; the third is
   * BillingReadOnly, denied every Secrets Manager action) and `secretsPerAccount` secrets each
   * (default 2) in each account's own store.
   */
  ssoSeed(accounts: number, rolesPerAccount?: number, secretsPerAccount?: number): Promise<void>;
  /** The demo organisation (five accounts with different secrets), as `--seed demo` has it. */
  ssoSeedDemo(): Promise<void>;
  /** The accounts and their roles. */
  ssoOrganisation(): Promise<SsoAccount[]>;
  /** An access token for `startUrl` as a finished sign-in gives it (for a test's CLI cache file). */
  ssoIssueToken(startUrl: string, expiresInSeconds?: number): Promise<{ accessToken: string; expiresAt: string }>;
  /** Every access token expires now (UnauthorizedException); with `roleCredentials`, every role credential too (ExpiredTokenException). */
  ssoExpireTokens(roleCredentials?: boolean): Promise<void>;
  /** Approves a pending device authorization by its user code, as signing in in the browser does. Whether it was pending. */
  ssoApproveDevice(userCode: string): Promise<boolean>;
  /** Approve device codes on their first poll (default off; on for `--seed demo`). */
  ssoAutoApprove(on: boolean): Promise<void>;
  /** Every access and refresh token, client secret, device code and role credential handed out (leak checks). */
  ssoIssuedSecrets(): Promise<string[]>;
  /** A secret of an account's store, as secretState gives it. */
  ssoSecretState(accountId: string, secretId: string): Promise<SecretState | undefined>;
}

/** One replica in DescribeSecret's ReplicationStatus. */
export interface ReplicaStatus {
  Region: string;
  Status: 'InSync' | 'Failed' | 'InProgress';
  StatusMessage?: string;
  KmsKeyId?: string;
}

/** A recorded CloudTrail event, as LookupEvents would return it, with its record parsed. */
export interface TrailEventState {
  eventId: string;
  eventName: string;
  eventSource: string;
  /** Epoch milliseconds. */
  eventTime: number;
  readOnly: boolean;
  accessKeyId?: string;
  username?: string;
  resources: { ResourceType: string; ResourceName: string }[];
  /** The CloudTrailEvent JSON, parsed. */
  record: Record<string, unknown>;
}

/** Every admin method, for the HTTP route (the type makes this list complete and exact). */
export const ADMIN_METHODS: Record<keyof EmulatorAdminApi, true> = {
  counters: true,
  resetCounters: true,
  setFaults: true,
  getFaults: true,
  clearFaults: true,
  seedSynthetic: true,
  seedDemo: true,
  reset: true,
  advanceClock: true,
  now: true,
  secretState: true,
  createManagedSecret: true,
  enableRotation: true,
  journal: true,
  clearJournal: true,
  journalDropped: true,
  setReplication: true,
  trailEvents: true,
  clearTrail: true,
  serviceEvent: true,
  ssoSeed: true,
  ssoSeedDemo: true,
  ssoOrganisation: true,
  ssoIssueToken: true,
  ssoExpireTokens: true,
  ssoApproveDevice: true,
  ssoAutoApprove: true,
  ssoSecretState: true,
  ssoIssuedSecrets: true,
};
