// IAM Identity Center at the local endpoint: the SSO portal API (@aws-sdk/client-sso: ListAccounts,
// ListAccountRoles, GetRoleCredentials, Logout; REST-JSON, the bearer token in the
// x-amz-sso_bearer_token header) and the OIDC calls of the device flow (@aws-sdk/client-sso-oidc:
// RegisterClient, StartDeviceAuthorization, CreateToken with the device code and refresh token
// grants; errors as {error, error_description}). An organisation of accounts, each with roles and
// its own Secrets Manager store: the role credentials GetRoleCredentials hands out sign requests
// that the endpoint serves from that account's store, so each account sees its own secrets.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ServiceError, Store } from './store';

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

/** Roles whose policies grant no Secrets Manager action (their requests are denied). */
export const NO_SECRETS_ROLES = new Set(['BillingReadOnly']);

/** The paths each API serves. */
export const SSO_PORTAL_PATHS = ['/assignment/accounts', '/assignment/roles', '/federation/credentials', '/logout'];
export const SSO_OIDC_PATHS = ['/client/register', '/device_authorization', '/token'];
/** Opening this page (verificationUriComplete) approves the device code, as signing in would. */
export const DEVICE_PAGE = '/device';

const PORTAL_OPERATIONS: Record<string, string> = {
  '/assignment/accounts': 'ListAccounts',
  '/assignment/roles': 'ListAccountRoles',
  '/federation/credentials': 'GetRoleCredentials',
  '/logout': 'Logout',
};
const OIDC_OPERATIONS: Record<string, string> = {
  '/client/register': 'RegisterClient',
  '/device_authorization': 'StartDeviceAuthorization',
  '/token': 'CreateToken',
};

export function portalOperation(path: string): string | undefined {
  return PORTAL_OPERATIONS[path];
}
export function oidcOperation(path: string): string | undefined {
  return OIDC_OPERATIONS[path];
}

/** An OIDC error as the service sends it: the type in x-amzn-errortype, {error, error_description} in the body. */
export class OidcError extends ServiceError {
  constructor(
    type: string,
    readonly code: string,
    description: string,
    status = 400,
  ) {
    super(type, description, status);
  }
}

interface Token {
  expiresAt: number;
  startUrl: string;
  clientId?: string;
}
interface Device {
  clientId: string;
  userCode: string;
  startUrl: string;
  expiresAt: number;
  approved: boolean;
  interval: number;
  lastPoll?: number;
}
interface RoleKey {
  accountId: string;
  roleName: string;
  secretAccessKey: string;
  sessionToken: string;
  expiresAt: number;
}

const HOUR = 3_600_000;
const DEVICE_EXPIRES_S = 600;
const DEVICE_INTERVAL_S = 1;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export class SsoPortal {
  private accounts: SsoAccount[] = [];
  private readonly stores = new Map<string, Store>();
  private readonly tokens = new Map<string, Token>();
  private readonly refreshTokens = new Map<string, Token>();
  private readonly clients = new Map<string, { secret: string; expiresAt: number }>();
  private readonly devices = new Map<string, Device>();
  private readonly userCodes = new Map<string, string>();
  private readonly roleKeys = new Map<string, RoleKey>();
  /** Approve device codes on their first poll (no browser in `npm start` without one). */
  autoApprove = false;

  constructor(
    private readonly now: () => number,
    private readonly region: string,
  ) {}

  /** Replaces the organisation; each account gets an empty store (seed it with storeOf). */
  setOrganisation(accounts: SsoAccount[]): void {
    this.accounts = accounts.map((a) => ({ ...a, roles: [...a.roles] }));
    this.stores.clear();
    for (const a of this.accounts) this.stores.set(a.accountId, new Store(this.now, this.region, a.accountId));
  }

  organisation(): SsoAccount[] {
    return this.accounts.map((a) => ({ ...a, roles: [...a.roles] }));
  }

  storeOf(accountId: string): Store {
    const s = this.stores.get(accountId);
    if (!s) throw new TypeError(`no account ${accountId} in the organisation`);
    return s;
  }

  clear(): void {
    this.setOrganisation([]);
    this.tokens.clear();
    this.refreshTokens.clear();
    this.clients.clear();
    this.devices.clear();
    this.userCodes.clear();
    this.roleKeys.clear();
  }

  /** An access token as a finished sign-in gives it (tests write it to a CLI cache file). */
  issueToken(startUrl: string, expiresInSeconds = 8 * 3600): { accessToken: string; expiresAt: string } {
    const accessToken = `aoa${randomBytes(24).toString('base64url')}`;
    const expiresAt = this.now() + expiresInSeconds * 1000;
    this.tokens.set(accessToken, { expiresAt, startUrl });
    return { accessToken, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Every access token expires now; with `roleCredentials`, every role credential handed out too. */
  expireTokens(roleCredentials = false): void {
    const past = this.now() - 1000;
    for (const t of this.tokens.values()) t.expiresAt = past;
    if (roleCredentials) for (const k of this.roleKeys.values()) k.expiresAt = past;
  }

  /** Approves a pending device authorization by its user code (what signing in in the browser does). */
  approveDevice(userCode: string): boolean {
    const device = this.devices.get(this.userCodes.get(userCode) ?? '');
    if (!device || device.expiresAt <= this.now()) return false;
    device.approved = true;
    return true;
  }

  /**
   * The account store a Secrets Manager request signed with `accessKeyId` goes to: undefined for a
   * key the portal did not hand out (the endpoint's own store serves it). Expired role credentials
   * are refused as STS credentials are; a role with no Secrets Manager permission is denied.
   */
  route(accessKeyId: string | undefined, operation: string, secretId: string | undefined): Store | undefined {
    const key = accessKeyId ? this.roleKeys.get(accessKeyId) : undefined;
    if (!key) return undefined;
    if (key.expiresAt <= this.now()) throw new ServiceError('ExpiredTokenException', 'The security token included in the request is expired');
    if (NO_SECRETS_ROLES.has(key.roleName)) {
      const action = `secretsmanager:${operation}`;
      throw new ServiceError(
        'AccessDeniedException',
        `User: arn:aws:sts::${key.accountId}:assumed-role/AWSReservedSSO_${key.roleName}_0123456789abcdef/local-user is not authorized to perform: ${action} on resource: ${secretId ?? '*'} because no identity-based policy allows the ${action} action`,
      );
    }
    return this.storeOf(key.accountId);
  }

  /** Every token, refresh token, client secret and role credential handed out (for leak checks). */
  issuedSecrets(): string[] {
    return [
      ...this.tokens.keys(),
      ...this.refreshTokens.keys(),
      ...[...this.clients.values()].map((c) => c.secret),
      ...[...this.devices.keys()],
      ...[...this.roleKeys.values()].flatMap((k) => [k.secretAccessKey, k.sessionToken]),
    ];
  }

  /** The account a role key belongs to (for logs and tests). */
  keyAccount(accessKeyId: string): { accountId: string; roleName: string } | undefined {
    const k = this.roleKeys.get(accessKeyId);
    return k && { accountId: k.accountId, roleName: k.roleName };
  }

  private bearer(token: unknown): Token {
    const t = typeof token === 'string' ? this.tokens.get(token) : undefined;
    if (!t || t.expiresAt <= this.now()) throw new ServiceError('UnauthorizedException', 'Session token not found or invalid', 401);
    return t;
  }

  private page<T>(items: T[], nextToken: string | undefined, maxResult: string | undefined, what: string): { page: T[]; next?: string } {
    let max = 20;
    if (maxResult !== undefined) {
      max = Number(maxResult);
      if (!Number.isInteger(max) || max < 1 || max > 100) throw new ServiceError('InvalidRequestException', `max_result must be between 1 and 100`);
    }
    let start = 0;
    if (nextToken !== undefined) {
      const m = /^([A-Za-z]+):(\d+)$/.exec(Buffer.from(nextToken, 'base64url').toString('utf8'));
      if (!m || m[1] !== what) throw new ServiceError('InvalidRequestException', 'Invalid next_token');
      start = Number(m[2]);
    }
    const page = items.slice(start, start + max);
    const end = start + page.length;
    return { page, next: end < items.length ? Buffer.from(`${what}:${end}`).toString('base64url') : undefined };
  }

  /** One SSO portal request: the path's operation, the query, the bearer token header. */
  portal(operation: string, query: URLSearchParams, bearerToken: unknown): Record<string, unknown> {
    this.bearer(bearerToken);
    const q = (name: string) => query.get(name) ?? undefined;
    switch (operation) {
      case 'ListAccounts': {
        const { page, next } = this.page(this.accounts, q('next_token'), q('max_result'), 'accounts');
        return { accountList: page.map((a) => ({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress })), nextToken: next ?? null };
      }
      case 'ListAccountRoles': {
        const account = this.accounts.find((a) => a.accountId === q('account_id'));
        if (!q('account_id')) throw new ServiceError('InvalidRequestException', 'account_id is required');
        if (!account) throw new ServiceError('ResourceNotFoundException', 'No access', 404);
        const { page, next } = this.page(account.roles, q('next_token'), q('max_result'), 'roles');
        return { roleList: page.map((roleName) => ({ roleName, accountId: account.accountId })), nextToken: next ?? null };
      }
      case 'GetRoleCredentials': {
        const account = this.accounts.find((a) => a.accountId === q('account_id'));
        const roleName = q('role_name');
        if (!q('account_id') || !roleName) throw new ServiceError('InvalidRequestException', 'role_name and account_id are required');
        if (!account || !account.roles.includes(roleName)) throw new ServiceError('ForbiddenException', 'No access', 403);
        const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
        const key: RoleKey = { accountId: account.accountId, roleName, secretAccessKey: randomBytes(30).toString('base64'), sessionToken: randomBytes(48).toString('base64'), expiresAt: this.now() + HOUR };
        this.roleKeys.set(accessKeyId, key);
        return {
          roleCredentials: {
            accessKeyId,
            secretAccessKey: key.secretAccessKey,
            sessionToken: key.sessionToken,
            expiration: key.expiresAt,
          },
        };
      }
      case 'Logout':
        this.tokens.delete(bearerToken as string);
        return {};
      default:
        throw new ServiceError('UnknownOperationException', `SSO operation ${operation} is not supported by this endpoint.`);
    }
  }

  /** One OIDC request (JSON body). `origin` is this endpoint's URL, for the verification page. */
  oidc(operation: string, input: Record<string, unknown>, origin: string): Record<string, unknown> {
    const now = this.now();
    switch (operation) {
      case 'RegisterClient': {
        if (!str(input.clientName) || input.clientType !== 'public') throw new OidcError('InvalidClientMetadataException', 'invalid_client_metadata', 'clientName and clientType "public" are required');
        const clientId = randomBytes(16).toString('base64url');
        const secret = randomBytes(32).toString('base64url');
        const expiresAt = now + 90 * 24 * HOUR;
        this.clients.set(clientId, { secret, expiresAt });
        return { clientId, clientSecret: secret, clientIdIssuedAt: Math.floor(now / 1000), clientSecretExpiresAt: Math.floor(expiresAt / 1000) };
      }
      case 'StartDeviceAuthorization': {
        const clientId = this.client(input);
        const startUrl = str(input.startUrl);
        if (!startUrl) throw new OidcError('InvalidRequestException', 'invalid_request', 'startUrl is required');
        const deviceCode = randomBytes(32).toString('base64url');
        const letters = createHash('sha1').update(deviceCode).digest('hex').toUpperCase().replace(/[^A-Z]/g, 'X');
        const userCode = `${letters.slice(0, 4)}-${letters.slice(4, 8)}`;
        this.devices.set(deviceCode, { clientId, userCode, startUrl, expiresAt: now + DEVICE_EXPIRES_S * 1000, approved: false, interval: DEVICE_INTERVAL_S });
        this.userCodes.set(userCode, deviceCode);
        return {
          deviceCode,
          userCode,
          verificationUri: `${origin}${DEVICE_PAGE}`,
          verificationUriComplete: `${origin}${DEVICE_PAGE}?user_code=${userCode}`,
          expiresIn: DEVICE_EXPIRES_S,
          interval: DEVICE_INTERVAL_S,
        };
      }
      case 'CreateToken': {
        const clientId = this.client(input);
        const grant = str(input.grantType);
        if (grant === 'urn:ietf:params:oauth:grant-type:device_code') {
          const device = this.devices.get(str(input.deviceCode) ?? '');
          if (!device || device.clientId !== clientId) throw new OidcError('InvalidGrantException', 'invalid_grant', 'Invalid device code provided');
          if (device.expiresAt <= now) throw new OidcError('ExpiredTokenException', 'expired_token', 'Device code has expired');
          if (!device.approved) {
            const tooSoon = device.lastPoll !== undefined && now - device.lastPoll < device.interval * 1000;
            device.lastPoll = now;
            // RFC 8628 3.5: after slow_down the interval grows by 5 seconds for every later request.
            if (tooSoon) {
              device.interval += 5;
              throw new OidcError('SlowDownException', 'slow_down', 'Client is polling too frequently');
            }
            if (this.autoApprove) device.approved = true;
            else throw new OidcError('AuthorizationPendingException', 'authorization_pending', 'Authorization is still pending');
          }
          this.devices.delete(str(input.deviceCode)!);
          this.userCodes.delete(device.userCode);
          return this.newToken(device.startUrl, clientId);
        }
        if (grant === 'refresh_token') {
          const refresh = str(input.refreshToken);
          const t = refresh ? this.refreshTokens.get(refresh) : undefined;
          if (!t || t.clientId !== clientId) throw new OidcError('InvalidGrantException', 'invalid_grant', 'Invalid refresh token provided');
          this.refreshTokens.delete(refresh!);
          return this.newToken(t.startUrl, clientId);
        }
        throw new OidcError('UnsupportedGrantTypeException', 'unsupported_grant_type', `Unsupported grant type ${grant ?? '(none)'}`);
      }
      default:
        throw new OidcError('InvalidRequestException', 'invalid_request', `OIDC operation ${operation} is not supported by this endpoint.`);
    }
  }

  private client(input: Record<string, unknown>): string {
    const clientId = str(input.clientId);
    const c = clientId ? this.clients.get(clientId) : undefined;
    if (!c || c.secret !== input.clientSecret || c.expiresAt <= this.now()) throw new OidcError('InvalidClientException', 'invalid_client', 'Invalid client provided', 401);
    return clientId!;
  }

  private newToken(startUrl: string, clientId: string): Record<string, unknown> {
    const { accessToken } = this.issueToken(startUrl);
    const t = this.tokens.get(accessToken)!;
    t.clientId = clientId;
    const refreshToken = `aor${randomBytes(24).toString('base64url')}`;
    this.refreshTokens.set(refreshToken, { ...t });
    return { accessToken, tokenType: 'Bearer', expiresIn: Math.round((t.expiresAt - this.now()) / 1000), refreshToken };
  }
}

/** A demo request id, for responses. */
export const requestId = () => randomUUID();
