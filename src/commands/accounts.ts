// IAM Identity Center commands (issue 20): Add Accounts (a session from the AWS config or a typed
// start URL; every account and role it reaches, in one searchable multi-select; the regions; one
// connection per pair and region, no profile written), Sign In to IAM Identity Center, Save as
// Profile (a normal CLI profile, on request only). (The UI half of the one sign-in per session is
// ui/ssoSignIn.ts.) The SSO code itself loads on first use (its own chunk).
import * as vscode from 'vscode';
import { loadAccounts } from '../aws/accountsLoader';
import { KNOWN_REGIONS, loadSharedConfig, resolveEndpoint } from '../aws/config';
import { sessionOf, type SsoSessions } from '../aws/ssoSessions';
import { ssoSessionKey, type SsoSessionRef } from '../aws/ssoTypes';
import type { ConnectionSpec } from '../aws/types';
import { accountChoices, accountConnections, profileNameFor, profileText, type AccountChoice } from '../model/accounts';
import { connectionId, connectionLabel } from '../model/connections';
import type { UiDeps } from '../ui/deps';
import { sessionName } from '../ui/ssoSignIn';
import type { PickItem } from '../ui/prompts';
import type { TreeHandle } from '../views';
import { command, type Command } from './command';

const TYPE_URL = '\u0000url';

export function accountCommands(deps: UiDeps, tree: Pick<TreeHandle, 'activeConnection'>, sessions: SsoSessions): Command[] {
  const { prompts, connections, env, log } = deps;

  /** The session to start from: the config's sso-sessions, those of existing connections, or a typed start URL. */
  const pickSession = async (): Promise<SsoSessionRef | undefined> => {
    const mod = await loadAccounts();
    const known = new Map<string, SsoSessionRef>();
    for (const s of await mod.listSsoSessions(env)) known.set(ssoSessionKey(s), s);
    for (const c of connections.list()) if (c.sso) known.set(ssoSessionKey(sessionOf(c.sso)), known.get(ssoSessionKey(sessionOf(c.sso))) ?? sessionOf(c.sso));
    const items: PickItem<string>[] = [...known.entries()].map(([key, s]) => ({
      label: `$(organization) ${s.session ?? s.startUrl}`,
      description: s.session ? s.startUrl : undefined,
      detail: vscode.l10n.t('IAM Identity Center in {0}{1}', s.region, s.session ? vscode.l10n.t(' · sso-session in your AWS config') : ''),
      value: key,
    }));
    items.push({ label: vscode.l10n.t('$(link) Enter a start URL...'), detail: vscode.l10n.t('Your AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start'), value: TYPE_URL });
    const picked = items.length === 1 ? TYPE_URL : await prompts.pickOne(items, { title: vscode.l10n.t('Add Accounts: IAM Identity Center'), placeholder: vscode.l10n.t('Sign in through which IAM Identity Center?') });
    if (picked === undefined) return undefined;
    if (picked !== TYPE_URL) return known.get(picked);
    const startUrl = await prompts.input({
      title: vscode.l10n.t('Add Accounts: start URL'),
      prompt: vscode.l10n.t('The AWS access portal URL of your IAM Identity Center'),
      placeholder: vscode.l10n.t('https://d-1234567890.awsapps.com/start'),
      validate: (v) => (/^https:\/\/[^\s/]+(\/\S*)?$/.test(v.trim()) ? undefined : vscode.l10n.t('An https:// URL, such as https://d-1234567890.awsapps.com/start.')),
    });
    if (startUrl === undefined) return undefined;
    const region = await prompts.pickOne(
      KNOWN_REGIONS.map((r) => ({ label: r, value: r })),
      { title: vscode.l10n.t('Add Accounts: the region of your IAM Identity Center'), placeholder: vscode.l10n.t('Region (sso_region)') },
    );
    if (!region) return undefined;
    return { startUrl: startUrl.trim(), region };
  };

  const addAccounts = async () => {
    const ref = await pickSession();
    if (!ref) return;
    const mod = await loadAccounts();
    const token = await sessions.token(ref);
    const discovery = await prompts.progress({ title: vscode.l10n.t('Listing the accounts and roles of {0}...', sessionName(ref)), cancellable: true }, (signal) =>
      mod.discoverAccounts(ref, token, { logger: log, env }, { signal }),
    );
    const { accounts, stats } = discovery;
    log.info(`Add Accounts: ${accounts.length} accounts from ${sessionName(ref)} in ${stats.ms} ms (${stats.listAccountsCalls} ListAccounts, ${stats.listAccountRolesCalls} ListAccountRoles, ${stats.throttledRetries} throttled)`);
    const choices = accountChoices(accounts);
    if (!choices.length) {
      void prompts.info(vscode.l10n.t('{0} gives you no account with a role you can use.', sessionName(ref)), {});
      return;
    }
    const existing = new Set(connections.list().flatMap((c) => (c.sso ? [`${c.sso.accountId}/${c.sso.roleName}`] : [])));
    const picked = await prompts.pickMany<AccountChoice>(
      choices.map((c) => ({
        label: `${c.accountName} / ${c.roleName}`,
        description: existing.has(`${c.accountId}/${c.roleName}`) ? vscode.l10n.t('{0} · added', c.accountId) : c.accountId,
        detail: c.emailAddress,
        value: c,
      })),
      { title: vscode.l10n.t('Add Accounts: {0} accounts, {1} roles', accounts.length, choices.length), placeholder: vscode.l10n.t('Type to filter by account name, id, e-mail or role; choose any number') },
    );
    if (!picked?.length) return;
    const active = tree.activeConnection()?.region;
    const preferred = [...new Set([active, env.AWS_REGION?.trim(), ref.region].filter((r): r is string => !!r))];
    const regions = await prompts.pickMany(
      [...preferred, ...KNOWN_REGIONS.filter((r) => !preferred.includes(r))].map((r, i) => ({ label: r, picked: i === 0, value: r })),
      { title: vscode.l10n.t('Add Accounts: Secrets Manager region(s)'), placeholder: vscode.l10n.t('The regions whose secrets to show for each account') },
    );
    if (!regions?.length) return;
    const config = await loadSharedConfig(env);
    const endpoint = resolveEndpoint({ config, env })?.url;
    let added = 0;
    for (const spec of accountConnections(ref, picked, regions, endpoint)) {
      if (connections.get(connectionId(spec))) continue;
      await connections.add(spec);
      added++;
    }
    log.info(`Add Accounts: added ${added} connections`);
    void prompts.info(
      added === 1 ? vscode.l10n.t('Added 1 connection.') : vscode.l10n.t('Added {0} connections ({1} accounts and roles in {2}).', added, picked.length, regions.join(', ')),
      {},
    );
  };

  const nodeConnection = (arg: unknown): ConnectionSpec | undefined => {
    if (!arg || typeof arg !== 'object') return undefined;
    const id = (arg as { connection?: { id?: unknown } }).connection?.id ?? (arg as { connectionId?: unknown }).connectionId;
    return typeof id === 'string' ? connections.get(id) : undefined;
  };

  const pickAccountConnection = async (arg: unknown, title: string): Promise<ConnectionSpec | undefined> => {
    const fromNode = nodeConnection(arg) ?? tree.activeConnection();
    if (fromNode?.sso) return fromNode;
    const list = connections.list().filter((c) => c.sso);
    if (list.length <= 1) return list[0];
    const id = await prompts.pickOne(list.map((c) => ({ label: connectionLabel(c), value: c.id })), { title });
    return id ? connections.get(id) : undefined;
  };

  return [
    command('secretsManager.addAccounts', addAccounts),

    command('secretsManager.signInToIdentityCenter', async (arg?: unknown) => {
      const target = await pickAccountConnection(arg, vscode.l10n.t('Sign in to the IAM Identity Center of which connection?'));
      let ref = target?.sso ? sessionOf(target.sso) : undefined;
      ref ??= await pickSession();
      if (!ref) return;
      await sessions.signIn(ref, { ask: false });
      const key = ssoSessionKey(ref);
      for (const c of connections.list()) if (c.sso && ssoSessionKey(sessionOf(c.sso)) === key) connections.service(c.id).dispose();
      await connections.invalidate();
    }),

    command('secretsManager.saveAsProfile', async (arg?: unknown) => {
      const target = await pickAccountConnection(arg, vscode.l10n.t('Save which account connection as a profile?'));
      if (!target?.sso) {
        void prompts.info(vscode.l10n.t('Save as Profile is for the connections Add Accounts made: other connections already use a profile.'), {});
        return;
      }
      const mod = await loadAccounts();
      const config = await loadSharedConfig(env);
      const suggested = profileNameFor(target.sso);
      const name = await prompts.input({
        title: vscode.l10n.t('Save as Profile: {0}', connectionLabel(target)),
        prompt: vscode.l10n.t('A profile name for the AWS CLI and SDKs (written to your AWS config file)'),
        value: suggested,
        validate: (v) => (!/^[\w.@+-]+$/.test(v.trim()) ? vscode.l10n.t('Letters, digits and _ . @ + - only.') : config.profiles[v.trim()] ? vscode.l10n.t('Profile {0} exists already.', v.trim()) : undefined),
      });
      if (!name) return;
      const sessions = await mod.listSsoSessions(env);
      const inConfig = !!target.sso.session && sessions.some((s) => s.session === target.sso!.session);
      const file = await mod.appendToSharedConfig(profileText(name.trim(), target, inConfig), env);
      log.info(`Saved ${target.id} as profile ${name.trim()} in ${file}`);
      void prompts.info(vscode.l10n.t('Saved profile {0} in {1}: aws --profile {0} now reaches {2}.', name.trim(), file, connectionLabel(target)), {});
    }),
  ];
}
