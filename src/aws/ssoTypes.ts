// IAM Identity Center's types, without the SDK: startup and UI code use these, while the code
// that calls the SSO and OIDC APIs lives in the accounts chunk (accountsEntry.ts, loaded through
// accountsLoader.ts).

/** Where a sign-in starts: an `[sso-session NAME]` of the AWS config, or a typed start URL. */
export interface SsoSessionRef {
  /** The sso-session's name; undefined for a start URL typed by the user (the CLI's "legacy" cache key). */
  readonly session?: string;
  readonly startUrl: string;
  /** The region of the IAM Identity Center instance (sso_region). */
  readonly region: string;
  /** sso_registration_scopes of the session; default sso:account:access. */
  readonly scopes?: readonly string[];
}

/** The AWS CLI v2's token cache file (~/.aws/sso/cache/<sha1>.json), field for field. */
export interface CachedSsoToken {
  startUrl: string;
  region: string;
  accessToken: string;
  /** ISO 8601 in UTC, e.g. 2026-12-02T14:00:00Z. */
  expiresAt: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
}

/** A connection's IAM Identity Center role (ConnectionSpec.sso): credentials come from GetRoleCredentials. */
export interface SsoRoleRef {
  readonly session?: string;
  readonly startUrl: string;
  /** IAM Identity Center's region (not the connection's Secrets Manager region). */
  readonly ssoRegion: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly roleName: string;
}

export interface DiscoveredAccount {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress?: string;
  /** Role names, in the order ListAccountRoles gave them. */
  readonly roles: readonly string[];
  /** Why the roles could not be listed (the account is still offered, with no role). */
  readonly rolesError?: string;
}

export interface DiscoveryStats {
  listAccountsCalls: number;
  listAccountRolesCalls: number;
  /** Calls answered TooManyRequestsException and sent again after a pause. */
  throttledRetries: number;
  ms: number;
}

export interface Discovery {
  readonly accounts: readonly DiscoveredAccount[];
  readonly stats: DiscoveryStats;
}

/** The key of a token, shared by every connection of one session. */
export function ssoSessionKey(ref: { session?: string; startUrl: string }): string {
  return ref.session ? `session:${ref.session}` : `url:${ref.startUrl}`;
}
