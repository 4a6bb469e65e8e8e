// Every SDK error becomes one AwsError of a small set of kinds with a message a person can act
// on. Messages are built from the operation, the secret's name, the profile, the endpoint, AWS's
// error code and AWS's message only: never from request parameters, so never from a secret value.
import { isKnownRegion } from './regions';
import type { AwsErrorKind, ConnectionSpec } from './types';
import * as l10n from '@vscode/l10n';

export interface AwsErrorDetails {
  operation: string;
  secretId?: string;
  action?: string;
  profile?: string;
  endpoint?: string;
  retryable?: boolean;
  code?: string;
  cause?: unknown;
}

export class AwsError extends Error {
  readonly kind: AwsErrorKind;
  /** The Secrets Manager operation (e.g. PutSecretValue), or LoadConfig / ResolveEndpoint. */
  readonly operation: string;
  readonly secretId?: string;
  /** The IAM action that was denied, e.g. secretsmanager:PutSecretValue. */
  readonly action?: string;
  readonly profile?: string;
  /** The overridden endpoint URL of the connection, when there is one. */
  readonly endpoint?: string;
  /** Whether trying again later may succeed without changing anything. */
  readonly retryable: boolean;
  /** `aws sso login --profile NAME`, for the ssoExpired kind. */
  readonly ssoLoginCommand?: string;
  /** AWS's error code (e.g. AccessDeniedException), when there was one. */
  readonly code?: string;

  constructor(kind: AwsErrorKind, message: string, details: AwsErrorDetails) {
    super(message);
    this.name = 'AwsError';
    this.kind = kind;
    this.operation = details.operation;
    this.secretId = details.secretId;
    this.action = details.action;
    this.profile = details.profile;
    this.endpoint = details.endpoint;
    this.retryable = details.retryable ?? false;
    this.code = details.code;
    if (kind === 'ssoExpired') {
      this.ssoLoginCommand = details.profile ? `aws sso login --profile ${details.profile}` : 'aws sso login';
    }
    // The cause is kept out of enumerable fields (and so out of JSON): it is the SDK's error,
    // whose metadata is not ours to print.
    Object.defineProperty(this, 'cause', { value: details.cause, enumerable: false, writable: true, configurable: true });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      operation: this.operation,
      secretId: this.secretId,
      action: this.action,
      profile: this.profile,
      endpoint: this.endpoint,
      retryable: this.retryable,
      code: this.code,
    };
  }
}

export interface ErrorContext {
  operation: string;
  secretId?: string;
  connection: ConnectionSpec;
  /** The service called: Secrets Manager unless said (CloudTrail's LookupEvents for the History view). */
  service?: 'secretsmanager' | 'cloudtrail';
}

const SERVICE_NAME = { secretsmanager: 'Secrets Manager', cloudtrail: 'CloudTrail' } as const;

/**
 * Marks an error as raised while getting credentials (src/aws/credentials.ts), so that, say, an
 * unreachable STS or SSO endpoint is not reported as the Secrets Manager endpoint being down.
 */
export const CREDENTIALS_PHASE: unique symbol = Symbol.for('secretsManager.aws.credentialsPhase');

export function markCredentialsPhase(err: unknown): unknown {
  if (typeof err === 'object' && err !== null && Object.isExtensible(err)) {
    Object.defineProperty(err, CREDENTIALS_PHASE, { value: true, enumerable: false });
    return err;
  }
  const wrapped = new Error(typeof err === 'string' ? err : l10n.t('Getting credentials failed.'));
  Object.defineProperty(wrapped, CREDENTIALS_PHASE, { value: true, enumerable: false });
  return wrapped;
}

function inCredentialsPhase(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { [CREDENTIALS_PHASE]?: boolean })[CREDENTIALS_PHASE] === true;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE',
  'ECONNABORTED', 'EHOSTDOWN', 'ENETDOWN', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** A network failure code anywhere in the error's cause chain (or an AggregateError's errors). */
function networkCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length && seen.size < 12) {
    const e = queue.shift() as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | undefined;
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
    if (typeof e.message === 'string') {
      const m = /\b(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/.exec(e.message);
      if (m) return m[1];
      if (/socket hang up/i.test(e.message)) return 'ECONNRESET';
    }
    if (e.cause) queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...e.errors);
  }
  return undefined;
}

/** First line of AWS's (or the credential provider's) message, trimmed to a sane length. */
function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

const CANCEL_NAMES = new Set(['AbortError', 'CancellationError', 'Canceled', 'CanceledError']);
const THROTTLE_NAMES = new Set(['ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'Throttling', 'ThrottledException', 'SlowDown']);
const EXPIRED_NAMES = new Set(['ExpiredTokenException', 'ExpiredToken', 'RequestExpired', 'TokenRefreshRequired']);
const BAD_CREDENTIAL_NAMES = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'InvalidSignatureException', 'IncompleteSignatureException', 'SignatureDoesNotMatch', 'MissingAuthenticationToken']);
const INVALID_NAMES = new Set([
  'InvalidParameterException', 'InvalidRequestException', 'ValidationException', 'SerializationException', 'MalformedPolicyDocumentException', 'PreconditionNotMetException', 'EncryptionFailure', 'DecryptionFailure',
  // CloudTrail's LookupEvents
  'InvalidLookupAttributesException', 'InvalidTimeRangeException', 'InvalidMaxResultsException', 'InvalidNextTokenException', 'InvalidEventCategoryException',
]);

export function classifyError(err: unknown, ctx: ErrorContext): AwsError {
  if (err instanceof AwsError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } };
  const name = typeof e.name === 'string' && e.name ? e.name : 'Error';
  const awsMessage = typeof e.message === 'string' ? e.message.trim() : typeof err === 'string' ? err : '';
  const secret = ctx.secretId ? `"${ctx.secretId}"` : undefined;
  const profile = ctx.connection.profile;
  const endpoint = ctx.connection.endpoint;
  const service = ctx.service ?? 'secretsmanager';
  const serviceName = SERVICE_NAME[service];
  const where = endpoint ?? l10n.t('the {0} endpoint of {1}', serviceName, ctx.connection.region);
  const base: AwsErrorDetails = { operation: ctx.operation, secretId: ctx.secretId, profile, endpoint, code: name, cause: err };
  const profileText = profile ? l10n.t('profile "{0}"', profile) : l10n.t('the default credentials (environment variables, or AWS_PROFILE / the default profile)');

  if (CANCEL_NAMES.has(name)) {
    return new AwsError('cancelled', l10n.t('Cancelled.'), base);
  }

  if (inCredentialsPhase(err)) {
    return classifyCredentialsError(name, awsMessage, err, ctx, base, profileText);
  }

  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    const action = `${service}:${ctx.operation}`;
    return new AwsError(
      'accessDenied',
      l10n.t('Access denied: {0}{1} is not allowed for {2}. Ask an administrator to grant {0}, or switch to a profile that has it.', action, secret ? l10n.t(' on {0}', secret) : '', profileText),
      { ...base, action },
    );
  }
  if (name === 'ResourceNotFoundException') {
    return new AwsError('notFound', l10n.t('Secrets Manager can\'t find {0} (or the version asked for) in {1}. It may have been deleted or renamed; refresh the view.', secret ?? l10n.t('the secret'), ctx.connection.region), base);
  }
  if (name === 'InvalidRequestException' && /deletion|deleted/i.test(awsMessage)) {
    return new AwsError('scheduledForDeletion', l10n.t('{0} is scheduled for deletion, so it can\'t be read or changed. Restore it first (Secrets Manager: Restore Secret).', secret ?? l10n.t('The secret')), base);
  }
  if (name === 'InvalidRequestException' && /replica secret|primary secret's region/i.test(awsMessage)) {
    return new AwsError('invalidInput', l10n.t('{0} is a replica in {1}: Secrets Manager changes a replicated secret only in its primary\'s region. Open the primary (its tooltip names the region) and change it there.', secret ?? l10n.t('The secret'), ctx.connection.region), base);
  }
  if (name === 'InvalidRequestException' && /managed by|owned by|owning service/i.test(awsMessage)) {
    return new AwsError('ownedByAnotherService', l10n.t('{0} is managed by another AWS service; change it through that service. ({1})', secret ?? l10n.t('The secret'), firstLine(awsMessage)), base);
  }
  if (name === 'ResourceExistsException') {
    if (ctx.operation === 'PutSecretValue') {
      return new AwsError('tokenReused', l10n.t('A version with this request token already exists on {0} with different data, so nothing was published. Publish again to use a new token.', secret ?? l10n.t('the secret')), base);
    }
    return new AwsError('alreadyExists', l10n.t('A secret named {0} already exists. Choose another name, or open the existing secret.', secret ?? l10n.t('like this')), base);
  }
  if (INVALID_NAMES.has(name)) {
    return new AwsError('invalidInput', l10n.t('{0} refused {1}{2}: {3}', serviceName, ctx.operation, secret ? l10n.t(' on {0}', secret) : '', firstLine(awsMessage) || name), base);
  }
  if (name === 'LimitExceededException') {
    return new AwsError('limitExceeded', l10n.t('A {0} quota was reached ({1}{2}): {3}', serviceName, ctx.operation, secret ? l10n.t(' on {0}', secret) : '', firstLine(awsMessage)), base);
  }
  if (THROTTLE_NAMES.has(name)) {
    return new AwsError('throttled', l10n.t('{0} is throttling requests ({1}) and the retries did not get through. Wait a moment and try again.', serviceName, ctx.operation), { ...base, retryable: true });
  }
  if (EXPIRED_NAMES.has(name)) {
    return new AwsError('notSignedIn', l10n.t('The credentials of {0} have expired. Sign in again (or refresh them), then retry.', profileText), base);
  }
  if (BAD_CREDENTIAL_NAMES.has(name)) {
    return new AwsError('notSignedIn', l10n.t('AWS did not accept the credentials of {0} ({1}). Check the keys, or sign in again.', profileText, name), base);
  }
  // Credential provider errors that escaped the marker (e.g. raised by a custom client factory).
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return classifyCredentialsError(name, awsMessage, err, ctx, base, profileText);
  }
  const net = networkCode(err);
  if (net === 'ENOTFOUND' && !endpoint && !isKnownRegion(ctx.connection.region)) {
    return new AwsError(
      'invalidInput',
      l10n.t('Secrets Manager has no endpoint in "{0}": the host name does not resolve, and it is not a region this extension knows. Check the region (the secretsManager.region setting, the profile\'s region or AWS_REGION), e.g. us-east-1.', ctx.connection.region),
      base,
    );
  }
  if (net || name === 'TimeoutError' || name === 'RequestTimeout' || name === 'RequestTimeoutException') {
    return new AwsError(
      'endpointUnreachable',
      l10n.t('Can\'t reach {0} ({1}). Check your network, VPN or proxy{2}, then retry.', where, net ?? name, endpoint ? l10n.t(', and that the endpoint is running') : ''),
      { ...base, retryable: true },
    );
  }
  const status = e.$metadata?.httpStatusCode;
  if (name === 'InternalServiceError' || name === 'InternalFailure' || name === 'ServiceUnavailable' || (status !== undefined && status >= 500)) {
    return new AwsError('unknown', l10n.t('{0} had an internal error during {1}. Try again in a moment.', serviceName, ctx.operation), { ...base, retryable: true });
  }
  return new AwsError('unknown', l10n.t('{0}{1} failed: {2}{3}', ctx.operation, secret ? l10n.t(' on {0}', secret) : '', name, awsMessage ? `: ${firstLine(awsMessage)}` : ''), base);
}

/** Errors raised while resolving credentials (shared config, SSO, STS, credential_process...). */
function classifyCredentialsError(name: string, message: string, err: unknown, ctx: ErrorContext, base: AwsErrorDetails, profileText: string): AwsError {
  const profile = ctx.connection.profile;
  const details: AwsErrorDetails = { ...base, operation: ctx.operation };
  const sso =
    name === 'TokenProviderError' ||
    name === 'UnauthorizedException' ||
    /\bSSO\b|sso_|sso session|sso-session|aws sso login/i.test(message);
  if (sso) {
    return new AwsError(
      'ssoExpired',
      l10n.t('The AWS SSO session of {0} has expired or was never signed in. Run "aws sso login{1}", then retry.', profileText, profile ? ` --profile ${profile}` : ''),
      details,
    );
  }
  if (EXPIRED_NAMES.has(name)) {
    return new AwsError('notSignedIn', l10n.t('The credentials of {0} have expired. Sign in again (or refresh them), then retry.', profileText), details);
  }
  if (name === 'AccessDenied' || name === 'AccessDeniedException') {
    return new AwsError(
      'accessDenied',
      l10n.t('{0} could not assume its role: {1}. Check role_arn, the MFA code and the role\'s trust policy.', profile ? l10n.t('Profile "{0}"', profile) : l10n.t('The default credentials'), firstLine(message) || name),
      { ...details, action: 'sts:AssumeRole' },
    );
  }
  if (BAD_CREDENTIAL_NAMES.has(name)) {
    return new AwsError('notSignedIn', l10n.t('AWS did not accept the source credentials of {0} ({1}). Check the keys, or sign in again.', profileText, name), details);
  }
  const net = networkCode(err);
  if (net || name === 'TimeoutError') {
    return new AwsError(
      'endpointUnreachable',
      l10n.t('Can\'t reach AWS to get credentials for {0} ({1}). Check your network, VPN or proxy, then retry.', profileText, net ?? name),
      { ...details, endpoint: undefined, retryable: true },
    );
  }
  if (/^Command failed/i.test(message)) {
    // exec's message repeats the command line and its stderr: not shown.
    return new AwsError(
      'notSignedIn',
      l10n.t('The credential_process of {0} failed. Run it in a terminal to see why, fix it, then retry.', profileText),
      details,
    );
  }
  if (/Could not load credentials from any providers/i.test(message)) {
    return new AwsError(
      'notSignedIn',
      l10n.t('No AWS credentials were found: no profile is selected, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set, and there is no default profile. Run "aws configure", set the environment variables, or add a connection with a profile.'),
      details,
    );
  }
  if (profile && /Could not resolve credentials using profile|Profile .* not found|not found in|does not exist/i.test(message)) {
    return new AwsError(
      'notSignedIn',
      l10n.t('Profile "{0}" has no usable credentials in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE). Configure it with "aws configure --profile {0}", or choose another profile.', profile),
      details,
    );
  }
  return new AwsError(
    'notSignedIn',
    l10n.t('Could not get credentials for {0}: {1}. Check the profile in ~/.aws/config{2}, then retry.', profileText, firstLine(message) || name, profile ? l10n.t(' (aws configure --profile {0})', profile) : ''),
    details,
  );
}
