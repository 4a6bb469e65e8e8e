// IAM Identity Center with the SDK: the session's token (the CLI's cache, refreshed with its
// refresh token, or a new one from the OIDC device flow), account and role discovery through the
// SSO portal API (every page, a bounded number of calls at a time, TooManyRequestsException sent
// again after a pause), and role credentials for a connection (GetRoleCredentials). In the accounts
// chunk (accountsEntry.ts, esbuild.mjs FEATURES): loaded only when accounts are added or an
// account connection is used. Errors are AwsErrors; nothing here logs a token or a key.
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsError } from './errors';
import { cacheTime, readCachedToken, tokenRefreshable, tokenUsable, writeCachedToken } from './ssoCache';
import type { CachedSsoToken, DiscoveredAccount, Discovery, SsoRoleRef, SsoSessionRef } from './ssoTypes';
import type { Logger } from './types';
import * as l10n from '@vscode/l10n';

type Env = NodeJS.ProcessEnv;

/** What discovery and credentials need of a client: SSOClient satisfies it. */
export type SsoClientLike = Pick<SSOClient, 'send' | 'destroy'>;
export type OidcClientLike = Pick<SSOOIDCClient, 'send' | 'destroy'>;

export interface SsoDeps {
  logger: Logger;
  env?: Env;
  /** The SSO portal's endpoint; default AWS_ENDPOINT_URL_SSO (or AWS_ENDPOINT_URL) of `env`, else the SDK's for the region. */
  ssoEndpoint?: string;
  /** The OIDC endpoint (AWS_ENDPOINT_URL_SSO_OIDC). */
  oidcEndpoint?: string;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  ssoClient?: (region: string) => SsoClientLike;
  oidcClient?: (region: string) => OidcClientLike;
}

/** The endpoints the environment sets for IAM Identity Center, as the SDK reads them. */
export function ssoEndpointsFrom(env: Env): { ssoEndpoint?: string; oidcEndpoint?: string } {
  const pick = (...names: string[]) => names.map((n) => env[n]?.trim()).find((v) => !!v);
  return { ssoEndpoint: pick('AWS_ENDPOINT_URL_SSO', 'AWS_ENDPOINT_URL'), oidcEndpoint: pick('AWS_ENDPOINT_URL_SSO_OIDC', 'AWS_ENDPOINT_URL') };
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const cancelled = () => new AwsError('cancelled', l10n.t('Cancelled.'), { operation: 'SignIn' });

function ssoClientFor(region: string, deps: SsoDeps): SsoClientLike {
  return deps.ssoClient?.(region) ?? new SSOClient({ region, endpoint: deps.ssoEndpoint ?? ssoEndpointsFrom(deps.env ?? {}).ssoEndpoint, maxAttempts: 1, credentials: anonymous });
}
function oidcClientFor(region: string, deps: SsoDeps): OidcClientLike {
  return deps.oidcClient?.(region) ?? new SSOOIDCClient({ region, endpoint: deps.oidcEndpoint ?? ssoEndpointsFrom(deps.env ?? {}).oidcEndpoint, maxAttempts: 3, credentials: anonymous });
}
// Both APIs are unsigned (the portal takes the bearer token, OIDC the client secret): no credential chain is read.
const anonymous: AwsCredentialIdentityProvider = async () => ({ accessKeyId: '', secretAccessKey: '' });

const nameOf = (err: unknown) => (err as { name?: string })?.name ?? '';
const isThrottle = (err: unknown) => nameOf(err) === 'TooManyRequestsException' || (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 429;

function where(ref: { session?: string; startUrl: string }): string {
  return ref.session ? l10n.t('the IAM Identity Center session "{0}" ({1})', ref.session, ref.startUrl) : l10n.t('IAM Identity Center at {0}', ref.startUrl);
}

export function signInNeeded(ref: { session?: string; startUrl: string }, operation: string, cause?: unknown): AwsError {
  return new AwsError('ssoExpired', l10n.t('The sign-in to {0} has expired or was never made. Sign in again (Secrets Manager: Sign In to IAM Identity Center), then retry.', where(ref)), {
    operation,
    code: cause ? nameOf(cause) || undefined : undefined,
    cause,
  });
}

function failure(err: unknown, operation: string, ref: { session?: string; startUrl: string }): AwsError {
  if (err instanceof AwsError) return err;
  const name = nameOf(err);
  if (name === 'AbortError') return cancelled();
  if (name === 'UnauthorizedException' || name === 'InvalidGrantException' || name === 'ExpiredTokenException') return signInNeeded(ref, operation, err);
  if (isThrottle(err)) return new AwsError('throttled', l10n.t('IAM Identity Center is throttling {0}. Wait a moment, then retry.', operation), { operation, code: name, retryable: true, cause: err });
  if (name === 'ForbiddenException' || name === 'AccessDeniedException') return new AwsError('accessDenied', l10n.t('{0} does not give you access for {1}: {2}.', where(ref), operation, name), { operation, code: name, cause: err });
  const code = (err as { code?: string })?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || name === 'TimeoutError') {
    return new AwsError('endpointUnreachable', l10n.t('IAM Identity Center could not be reached for {0} ({1}). Check the network and the start URL\'s region.', operation, code ?? name), { operation, code: code ?? name, retryable: true, cause: err });
  }
  const message = (err as { message?: string })?.message;
  return new AwsError('unknown', l10n.t('{0} failed: {1}{2}', operation, name || l10n.t('Error'), message ? `: ${String(message).split('\n')[0].slice(0, 200)}` : ''), { operation, code: name || undefined, cause: err });
}

// ---------------------------------------------------------------------------------------------
// The token

const refreshing = new Map<string, Promise<CachedSsoToken>>();

/**
 * The session's access token: the cached one while it lives; else, when the cache has a refresh
 * token and a live client registration, a refreshed one (written back to the cache, one refresh at
 * a time per session); else AwsError ssoExpired (the UI offers Sign In).
 */
export async function sessionToken(ref: SsoSessionRef, deps: SsoDeps): Promise<string> {
  const now = (deps.now ?? Date.now)();
  const cached = await readCachedToken(ref, deps.env);
  // Refreshed ahead of expiry, as the SDK's token provider does (five minutes).
  if (tokenUsable(cached, now) && (Date.parse(cached.expiresAt) - now > 5 * 60_000 || !tokenRefreshable(cached, now))) return cached.accessToken;
  if (cached && tokenRefreshable(cached, now)) {
    const key = ref.session ?? ref.startUrl;
    let p = refreshing.get(key);
    if (!p) {
      p = refreshToken(ref, cached, deps).finally(() => refreshing.delete(key));
      refreshing.set(key, p);
    }
    try {
      return (await p).accessToken;
    } catch (err) {
      if (tokenUsable(cached, now)) return cached.accessToken;
      throw err;
    }
  }
  throw signInNeeded(ref, 'GetToken');
}

async function refreshToken(ref: SsoSessionRef, cached: CachedSsoToken, deps: SsoDeps): Promise<CachedSsoToken> {
  const oidc = oidcClientFor(ref.region, deps);
  const started = (deps.now ?? Date.now)();
  try {
    const out = await oidc.send(new CreateTokenCommand({ clientId: cached.clientId, clientSecret: cached.clientSecret, grantType: 'refresh_token', refreshToken: cached.refreshToken }));
    const token: CachedSsoToken = {
      ...cached,
      accessToken: out.accessToken!,
      expiresAt: cacheTime(started + (out.expiresIn ?? 3600) * 1000),
      ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
    };
    await writeCachedToken(ref, token, deps.env);
    deps.logger.debug(`IAM Identity Center: refreshed the token of ${ref.session ?? ref.startUrl}`);
    return token;
  } catch (err) {
    deps.logger.debug(`IAM Identity Center: refreshing the token of ${ref.session ?? ref.startUrl} failed: ${nameOf(err)}`);
    throw failure(err, 'CreateToken', ref);
  } finally {
    oidc.destroy();
  }
}

export interface DeviceCode {
  readonly userCode: string;
  readonly verificationUri: string;
  readonly verificationUriComplete?: string;
  readonly expiresInSeconds: number;
}

/**
 * The OIDC device flow (for when the AWS CLI is missing): RegisterClient, StartDeviceAuthorization,
 * `show` the code (the UI opens the verification page), then CreateToken every `interval` seconds
 * (five more after slow_down) until the user approves, the code expires or `signal` aborts. The
 * token goes to the CLI's cache file of the session, with the refresh token and the registration.
 */
export async function signInWithDeviceFlow(ref: SsoSessionRef, deps: SsoDeps & { show: (code: DeviceCode) => void | Promise<void>; signal?: AbortSignal; clientName?: string }): Promise<CachedSsoToken> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const oidc = oidcClientFor(ref.region, deps);
  const signal = deps.signal;
  let step = 'RegisterClient';
  try {
    const scopes = ref.session ? [...(ref.scopes ?? ['sso:account:access'])] : undefined;
    const client = await oidc.send(new RegisterClientCommand({ clientName: deps.clientName ?? 'secrets-manager-vscode', clientType: 'public', scopes }), { abortSignal: signal });
    step = 'StartDeviceAuthorization';
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: ref.startUrl }), { abortSignal: signal });
    const deadline = now() + (device.expiresIn ?? 600) * 1000;
    let interval = Math.max(1, device.interval ?? 5) * 1000;
    await deps.show({ userCode: device.userCode!, verificationUri: device.verificationUri!, verificationUriComplete: device.verificationUriComplete, expiresInSeconds: device.expiresIn ?? 600 });
    step = 'CreateToken';
    for (;;) {
      if (signal?.aborted) throw cancelled();
      const asked = now();
      try {
        const out = await oidc.send(
          new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode }),
          { abortSignal: signal },
        );
        const token: CachedSsoToken = {
          startUrl: ref.startUrl,
          region: ref.region,
          accessToken: out.accessToken!,
          expiresAt: cacheTime(asked + (out.expiresIn ?? 3600) * 1000),
          ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
          ...(ref.session || out.refreshToken
            ? { clientId: client.clientId!, clientSecret: client.clientSecret!, registrationExpiresAt: cacheTime((client.clientSecretExpiresAt ?? 0) * 1000) }
            : {}),
        };
        await writeCachedToken(ref, token, deps.env);
        deps.logger.info(`IAM Identity Center: signed in to ${ref.session ?? ref.startUrl}`);
        return token;
      } catch (err) {
        const name = nameOf(err);
        if (name === 'SlowDownException') interval += 5000;
        else if (name !== 'AuthorizationPendingException') {
          if (name === 'ExpiredTokenException') throw new AwsError('ssoExpired', l10n.t('The sign-in code expired before it was approved in the browser. Sign in again.'), { operation: step, code: name, cause: err });
          throw err;
        }
      }
      if (now() + interval > deadline) throw new AwsError('ssoExpired', l10n.t('The sign-in code expired before it was approved in the browser. Sign in again.'), { operation: step });
      await sleep(interval, signal);
    }
  } catch (err) {
    throw failure(err, step, ref);
  } finally {
    oidc.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Discovery

export interface DiscoveryOptions {
  /** ListAccountRoles calls at a time. Default 8. */
  concurrency?: number;
  /** Page size of both lists (the portal takes 1 to 100). Default 100. */
  pageSize?: number;
  /** Attempts per call when throttled. Default 6. */
  attempts?: number;
  /** First pause after TooManyRequestsException (doubled each time, with jitter, at most 5 s). Default 200 ms. */
  backoffMs?: number;
  signal?: AbortSignal;
  /** Accounts whose roles are listed so far, of how many. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Every account the token reaches and every role in each (ListAccounts, then ListAccountRoles per
 * account, `concurrency` at a time, every page). A throttled call is sent again after a pause; an
 * account whose roles cannot be listed is kept with `rolesError`. An expired token stops everything
 * with ssoExpired.
 */
export async function discoverAccounts(ref: SsoSessionRef, accessToken: string, deps: SsoDeps, options: DiscoveryOptions = {}): Promise<Discovery> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const started = now();
  const stats = { listAccountsCalls: 0, listAccountRolesCalls: 0, throttledRetries: 0, ms: 0 };
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 100));
  const attempts = Math.max(1, options.attempts ?? 6);
  const backoff = options.backoffMs ?? 200;
  const signal = options.signal;
  const sso = ssoClientFor(ref.region, deps);
  const call = async <T>(operation: string, send: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw cancelled();
      try {
        return await send();
      } catch (err) {
        if (!isThrottle(err) || attempt >= attempts) throw failure(err, operation, ref);
        stats.throttledRetries++;
        const pause = Math.min(5000, backoff * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
        await sleep(pause, signal);
      }
    }
  };
  try {
    const accounts: { accountId: string; accountName: string; emailAddress?: string }[] = [];
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const out = await call('ListAccounts', () => {
        stats.listAccountsCalls++;
        return sso.send(new ListAccountsCommand({ accessToken, maxResults: pageSize, nextToken: token }), { abortSignal: signal });
      });
      for (const a of out.accountList ?? []) {
        if (a.accountId) accounts.push({ accountId: a.accountId, accountName: a.accountName || a.accountId, emailAddress: a.emailAddress || undefined });
      }
      nextToken = out.nextToken || undefined;
    } while (nextToken);

    const result: DiscoveredAccount[] = new Array(accounts.length);
    let next = 0;
    let done = 0;
    options.onProgress?.(0, accounts.length);
    const worker = async () => {
      while (next < accounts.length) {
        const i = next++;
        const a = accounts[i];
        const roles: string[] = [];
        let rolesError: string | undefined;
        try {
          let roleToken: string | undefined;
          do {
            const token = roleToken;
            const out = await call('ListAccountRoles', () => {
              stats.listAccountRolesCalls++;
              return sso.send(new ListAccountRolesCommand({ accessToken, accountId: a.accountId, maxResults: pageSize, nextToken: token }), { abortSignal: signal });
            });
            for (const r of out.roleList ?? []) if (r.roleName) roles.push(r.roleName);
            roleToken = out.nextToken || undefined;
          } while (roleToken);
        } catch (err) {
          if (err instanceof AwsError && (err.kind === 'ssoExpired' || err.kind === 'cancelled')) throw err;
          rolesError = err instanceof Error ? err.message : String(err);
        }
        result[i] = { ...a, roles, ...(rolesError ? { rolesError } : {}) };
        options.onProgress?.(++done, accounts.length);
      }
    };
    const width = Math.max(1, Math.min(options.concurrency ?? 8, accounts.length || 1));
    await Promise.all(Array.from({ length: width }, worker));
    stats.ms = now() - started;
    deps.logger.debug(
      `IAM Identity Center: ${accounts.length} accounts, ${result.reduce((n, a) => n + a.roles.length, 0)} roles in ${stats.ms} ms (${stats.listAccountsCalls} ListAccounts, ${stats.listAccountRolesCalls} ListAccountRoles, ${stats.throttledRetries} throttled)`,
    );
    return { accounts: result, stats };
  } finally {
    sso.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// Role credentials

/**
 * The credentials of an account connection: GetRoleCredentials with the session's token. The
 * token is read when the credentials are needed (so a sign-in by the CLI or by another
 * connection is used at once); an expired one is ssoExpired, which the UI turns into one Sign In
 * per session.
 */
export function roleCredentials(role: SsoRoleRef, deps: SsoDeps & { token?: () => Promise<string> }): AwsCredentialIdentityProvider {
  const ref: SsoSessionRef = { session: role.session, startUrl: role.startUrl, region: role.ssoRegion };
  return async (): Promise<AwsCredentialIdentity> => {
    const accessToken = await (deps.token ?? (() => sessionToken(ref, deps)))();
    const sso = ssoClientFor(role.ssoRegion, deps);
    try {
      const out = await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: role.accountId, roleName: role.roleName }));
      const c = out.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey) throw new AwsError('unknown', l10n.t('GetRoleCredentials returned no credentials.'), { operation: 'GetRoleCredentials' });
      deps.logger.debug(`IAM Identity Center: credentials for ${role.roleName} in ${role.accountName} (${role.accountId})`);
      return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration ? new Date(c.expiration) : undefined, accountId: role.accountId };
    } catch (err) {
      throw failure(err, 'GetRoleCredentials', ref);
    } finally {
      sso.destroy();
    }
  };
}

/**
 * Whether the AWS CLI v2 is on PATH (`aws --version` says aws-cli/2): its `aws sso login
 * --sso-session` writes the cache this extension reads. Version 1 has no sso-session sign-in of
 * that kind, so it counts as missing and the device flow is used.
 */
export async function awsCliV2Available(env: Env = process.env): Promise<boolean> {
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile('aws', ['--version'], { timeout: 5000, env, windowsHide: true }, (err, stdout, stderr) => {
      resolve(!err && /^aws-cli\/2\./.test(`${stdout}${stderr}`.trim()));
    });
  });
}
