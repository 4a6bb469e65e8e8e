// One IAM Identity Center sign-in per session, whatever number of connections use it: the
// credentials of every account connection go through here, and when the session's token has
// expired, the connections that find out together share one question and one sign-in; one that
// finds out just after a sign-in (it used the old token) tries again without asking. A declined
// sign-in is not asked again until the user signs in (a command). No `vscode` here: the question
// and the sign-in itself are injected by the composition root; the SDK module is loaded on first
// use (accountsLoader.ts).
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { SsoDeps } from './accounts';
import { loadAccounts, type AccountsModule } from './accountsLoader';
import { AwsError } from './errors';
import { ssoSessionKey, type SsoRoleRef, type SsoSessionRef } from './ssoTypes';
import * as l10n from '@vscode/l10n';

export interface SsoSessionsDeps {
  /** Logger, environment, endpoints (AWS_ENDPOINT_URL_SSO / _SSO_OIDC) of the SSO calls. */
  sso: () => SsoDeps;
  /** Asks whether to sign in again to a session that `users` connections use; false = no. */
  ask: (ref: SsoSessionRef, users: number) => Promise<boolean>;
  /** Signs in (the AWS CLI, or the device flow) and resolves once the token is in the cache. */
  signIn: (ref: SsoSessionRef) => Promise<void>;
  /** How many connections use a session (for the question). */
  users: (key: string) => number;
  /** Whether the current request may ask (background lookups may not). Default yes. */
  canAsk?: () => boolean;
  load?: () => Promise<AccountsModule>;
}

const expired = (err: unknown) => err instanceof AwsError && err.kind === 'ssoExpired';

export function sessionOf(role: SsoRoleRef): SsoSessionRef {
  return { ...(role.session ? { session: role.session } : {}), startUrl: role.startUrl, region: role.ssoRegion };
}

export class SsoSessions {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly declined = new Set<string>();
  private readonly generation = new Map<string, number>();
  private readonly listeners = new Set<(key: string) => void>();
  /** Questions asked so far (tests and the log count them). */
  asked = 0;

  constructor(private readonly deps: SsoSessionsDeps) {}

  private load(): Promise<AccountsModule> {
    return (this.deps.load ?? loadAccounts)();
  }

  /** The credential provider of an account connection (the service's credentialsLoader). */
  async credentials(role: SsoRoleRef): Promise<AwsCredentialIdentityProvider> {
    const mod = await this.load();
    const ref = sessionOf(role);
    const key = ssoSessionKey(ref);
    const inner = mod.roleCredentials(role, { ...this.deps.sso(), token: () => mod.sessionToken(ref, this.deps.sso()) });
    return async () => {
      const before = this.generation.get(key) ?? 0;
      try {
        return await inner();
      } catch (err) {
        if (!expired(err)) throw err;
        // Someone signed in while this request used the old token: just try again.
        if ((this.generation.get(key) ?? 0) === before) {
          if (this.deps.canAsk && !this.deps.canAsk()) throw err;
          await this.signIn(ref, { ask: true, cause: err });
        }
        return inner();
      }
    };
  }

  /** A usable token of the session, signing in (without asking: the user asked for this) when needed. */
  async token(ref: SsoSessionRef): Promise<string> {
    const mod = await this.load();
    try {
      return await mod.sessionToken(ref, this.deps.sso());
    } catch (err) {
      if (!expired(err)) throw err;
      await this.signIn(ref, { ask: false });
      return mod.sessionToken(ref, this.deps.sso());
    }
  }

  /**
   * Signs in to a session once: callers at the same time share one sign-in (and one question, with
   * `ask`). Rejects with the ssoExpired error when the user says no, without asking again later.
   */
  signIn(ref: SsoSessionRef, options: { ask: boolean; cause?: unknown }): Promise<void> {
    const key = ssoSessionKey(ref);
    const running = this.pending.get(key);
    if (running) return running;
    if (options.ask && this.declined.has(key)) return Promise.reject(options.cause ?? new AwsError('ssoExpired', l10n.t('Not signed in.'), { operation: 'SignIn' }));
    const p = (async () => {
      if (options.ask) {
        this.asked++;
        if (!(await this.deps.ask(ref, this.deps.users(key)))) {
          this.declined.add(key);
          throw options.cause ?? (await this.load()).signInNeeded(ref, 'SignIn');
        }
      }
      await this.deps.signIn(ref);
      this.declined.delete(key);
      this.generation.set(key, (this.generation.get(key) ?? 0) + 1);
      for (const l of [...this.listeners]) l(key);
    })().finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }

  /** After each sign-in, with the session's key (the tree lists its connections again). */
  onDidSignIn(listener: (key: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
