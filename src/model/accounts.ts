// IAM Identity Center accounts in words, without `vscode` or the SDK: which account connections a
// discovery offers (account x role, searchable by name, id, e-mail and role), which accounts the
// user marked production (secretsManager.accounts.production: account ids or name patterns), and
// the profile "Save as Profile" writes for the AWS CLI.
import type { ConnectionSpec } from '../aws/types';
import type { DiscoveredAccount, SsoRoleRef, SsoSessionRef } from '../aws/ssoTypes';

/** One account and role the user can add. */
export interface AccountChoice {
  readonly accountId: string;
  readonly accountName: string;
  readonly emailAddress?: string;
  readonly roleName: string;
}

/** Every account x role pair of a discovery, sorted by account name then role. */
export function accountChoices(accounts: readonly DiscoveredAccount[]): AccountChoice[] {
  const out: AccountChoice[] = [];
  for (const a of accounts) for (const roleName of a.roles) out.push({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress, roleName });
  return out.sort((x, y) => x.accountName.localeCompare(y.accountName) || x.accountId.localeCompare(y.accountId) || x.roleName.localeCompare(y.roleName));
}

/** The connections the chosen pairs become, one per pair and region. */
export function accountConnections(session: SsoSessionRef, chosen: readonly AccountChoice[], regions: readonly string[], endpoint?: string): Omit<ConnectionSpec, 'id'>[] {
  const out: Omit<ConnectionSpec, 'id'>[] = [];
  for (const c of chosen) {
    const sso: SsoRoleRef = {
      ...(session.session ? { session: session.session } : {}),
      startUrl: session.startUrl,
      ssoRegion: session.region,
      accountId: c.accountId,
      accountName: c.accountName,
      roleName: c.roleName,
    };
    for (const region of regions) out.push({ region, sso, ...(endpoint ? { endpoint } : {}) });
  }
  return out;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Whether an account is marked production: a pattern is an account id (12 digits) or an account
 * name pattern where `*` matches anything (case-insensitive), e.g. `*-prod`, `prod*`.
 */
export function isProductionAccount(account: { accountId: string; accountName: string }, patterns: readonly string[]): boolean {
  return patterns.some((raw) => {
    const p = raw.trim();
    if (!p) return false;
    if (ACCOUNT_ID.test(p)) return p === account.accountId;
    const re = new RegExp(`^${p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
    return re.test(account.accountName);
  });
}

/** A profile name for an account connection: "<account name>-<role>", in the characters the CLI takes. */
export function profileNameFor(sso: Pick<SsoRoleRef, 'accountName' | 'roleName'>): string {
  return `${sso.accountName}-${sso.roleName}`.replace(/[^A-Za-z0-9_.@+-]/g, '-');
}

/**
 * The config text "Save as Profile" appends: the profile (sso_session, account, role, region) and,
 * when the session is not in the config yet, its `[sso-session]` section. A start URL with no
 * session name gets the CLI's legacy keys (sso_start_url, sso_region) in the profile.
 */
export function profileText(name: string, spec: Pick<ConnectionSpec, 'region' | 'sso'>, sessionInConfig: boolean): string {
  const sso = spec.sso!;
  const lines: string[] = [];
  if (sso.session && !sessionInConfig) {
    lines.push(`[sso-session ${sso.session}]`, `sso_start_url = ${sso.startUrl}`, `sso_region = ${sso.ssoRegion}`, 'sso_registration_scopes = sso:account:access', '');
  }
  lines.push(`[profile ${name}]`);
  if (sso.session) lines.push(`sso_session = ${sso.session}`);
  else lines.push(`sso_start_url = ${sso.startUrl}`, `sso_region = ${sso.ssoRegion}`);
  // l10n-ignore: AWS config file syntax, read by the AWS CLI
  lines.push(`sso_account_id = ${sso.accountId}`, `sso_role_name = ${sso.roleName}`, `region = ${spec.region}`, '');
  return lines.join('\n');
}
