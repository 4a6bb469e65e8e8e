// Connection commands: add, remove, switch, sign in (the default connection the environment
// implies: ui/defaultConnection.ts). Every question goes through deps.prompts; changes go through the ConnectionRegistry,
// whose change event makes the tree list again (no window reload). Environment variables come
// from the composition root (deps.env).
import * as vscode from 'vscode';
import type { ConnectionSpec } from '../aws/types';
import { cleartextEndpointProblem, describeConfigProblem, KNOWN_REGIONS, loadSharedConfig, resolveEndpoint, resolveRegion, validateEndpoint, type SharedConfig } from '../aws/config';
import { connectionId, connectionLabel } from '../model/connections';
import type { UiDeps } from '../ui/deps';
import type { PickItem } from '../ui/prompts';
import type { TreeHandle } from '../views';
import { command, type Command } from './command';

// ---- commands ---------------------------------------------------------------------------------
const ENV_CREDENTIALS = '\u0000env';

type ProfileChoice = { profile: string | undefined } | undefined;

async function pickProfile(deps: UiDeps, config: SharedConfig, title: string, current?: ConnectionSpec): Promise<ProfileChoice> {
  const profiles = Object.keys(config.profiles).sort();
  const { env } = deps;
  const currentValue = current ? current.profile ?? ENV_CREDENTIALS : undefined;
  const items: PickItem<string>[] = [
    ...profiles.map((p) => ({
      label: p,
      description: [p === currentValue ? 'current' : undefined, p === env.AWS_PROFILE ? 'AWS_PROFILE' : undefined, config.profiles[p]?.region].filter(Boolean).join(' · ') || undefined,
      detail: config.profiles[p]?.sso_session || config.profiles[p]?.sso_start_url ? vscode.l10n.t('IAM Identity Center (SSO)') : config.profiles[p]?.role_arn ? vscode.l10n.t('assumes {0}', config.profiles[p]?.role_arn) : undefined,
      value: p,
    })),
    {
      label: vscode.l10n.t('Environment credentials'),
      description: currentValue === ENV_CREDENTIALS ? vscode.l10n.t('current') : undefined,
      detail: vscode.l10n.t('AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the default chain as the AWS CLI finds it (no profile)'),
      value: ENV_CREDENTIALS,
    },
  ];
  if (currentValue) items.sort((a, b) => Number(b.value === currentValue) - Number(a.value === currentValue));
  const picked = await deps.prompts.pickOne(items, { title, placeholder: profiles.length ? vscode.l10n.t('AWS profile (from ~/.aws/config and ~/.aws/credentials)') : vscode.l10n.t('No profile in ~/.aws/config: environment credentials') });
  if (picked === undefined) return undefined;
  return { profile: picked === ENV_CREDENTIALS ? undefined : picked };
}

async function pickRegion(deps: UiDeps, title: string, first: (string | undefined)[], notes: Record<string, string>): Promise<string | undefined> {
  const head = [...new Set(first.filter((r): r is string => !!r))];
  const regions = [...head, ...KNOWN_REGIONS.filter((r) => !head.includes(r))];
  return deps.prompts.pickOne(regions.map((r) => ({ label: r, description: notes[r], value: r })), { title, placeholder: vscode.l10n.t('Region') });
}

const LOCAL_DEFAULT = 'http://127.0.0.1:4566';

function endpointProblem(value: string, local: boolean, allowHttpHosts: readonly string[]): string | undefined {
  const v = value.trim();
  try {
    validateEndpoint(v, vscode.l10n.t('the input'));
  } catch (err) {
    return (err as Error).message;
  }
  const url = new URL(v);
  if (local && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return vscode.l10n.t('A local endpoint runs on this machine: use 127.0.0.1, localhost or [::1].');
  if (local && !url.port) return vscode.l10n.t('Add the port the local endpoint listens on, e.g. http://127.0.0.1:4566.');
  const cleartext = cleartextEndpointProblem(v, allowHttpHosts);
  return cleartext ? `${cleartext}.` : undefined;
}

async function askEndpoint(deps: UiDeps, config: SharedConfig, profile: string | undefined, region: string): Promise<{ endpoint: string | undefined } | undefined> {
  // With no endpoint given, the SDK itself uses AWS_ENDPOINT_URL(_SECRETS_MANAGER) or the
  // profile's endpoint_url: say so, and record it, instead of pretending it is AWS.
  const configured = resolveEndpoint({ profile, config, env: deps.env });
  const where = await deps.prompts.pickOne<'default' | 'local' | 'custom'>(
    [
      configured
        ? { label: vscode.l10n.t('Configured endpoint'), description: configured.url, detail: vscode.l10n.t('From {0}', configured.source), value: 'default' }
        : { label: vscode.l10n.t('AWS'), description: `secretsmanager.${region}.amazonaws.com`, detail: vscode.l10n.t('Secrets Manager in your AWS account'), value: 'default' },
      { label: vscode.l10n.t('Local endpoint (http://127.0.0.1:...)'), detail: vscode.l10n.t('An endpoint on this machine, e.g. LocalStack (4566), moto (5000), or this project\'s `npm start`'), value: 'local' },
      { label: vscode.l10n.t('Other endpoint URL...'), detail: vscode.l10n.t('A VPC endpoint or another Secrets Manager-compatible service'), value: 'custom' },
    ],
    { title: vscode.l10n.t('Add connection: endpoint') },
  );
  if (!where) return undefined;
  if (where === 'default') return { endpoint: configured?.url };
  const local = where === 'local';
  const url = await deps.prompts.input({
    title: local ? vscode.l10n.t('Local endpoint URL') : vscode.l10n.t('Endpoint URL'),
    prompt: local ? vscode.l10n.t('http://127.0.0.1:PORT of the endpoint running on this machine') : vscode.l10n.t('An http(s) URL'),
    value: local ? LOCAL_DEFAULT : 'https://',
    validate: (v) => endpointProblem(v, local, deps.settings.allowHttpHosts()),
  });
  if (url === undefined) return undefined;
  return { endpoint: url.trim() };
}

/** A profile name as one shell word (profile names are [A-Za-z0-9_.@+-] in practice). */
function shellWord(word: string): string {
  return /^[\w.@+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function connectionCommands(deps: UiDeps, tree: Pick<TreeHandle, 'activeConnection'>): Command[] {
  const { connections, prompts, env } = deps;

  /** The shared config, with a warning (and a way to the file) when it has lines the SDK skips. */
  const sharedConfig = async () => {
    const config = await loadSharedConfig(env);
    if (config.problems.length) {
      const [first] = config.problems;
      void prompts
        .warn((config.problems.length === 1 ? vscode.l10n.t('Your AWS config has a line the AWS CLI and SDKs skip, so a profile may be missing: {0}.', describeConfigProblem(first)) : vscode.l10n.t('Your AWS config has {0} lines the AWS CLI and SDKs skip, so a profile may be missing: {1}.', config.problems.length, describeConfigProblem(first))), {}, vscode.l10n.t('Open File'))
        .then((choice) => (choice === vscode.l10n.t('Open File') ? vscode.window.showTextDocument(vscode.Uri.file(first.file), { selection: new vscode.Range(Math.max(first.line - 1, 0), 0, Math.max(first.line - 1, 0), 0) }) : undefined));
    }
    return config;
  };

  const addConnection = async () => {
    const config = await sharedConfig();
    const choice = await pickProfile(deps, config, vscode.l10n.t('Add connection: profile'));
    if (!choice) return;
    const profileRegion = resolveRegion({ profile: choice.profile, config, env });
    const current = tree.activeConnection()?.region;
    const region = await pickRegion(deps, vscode.l10n.t('Add connection: region'), [profileRegion, current], {
      ...(current ? { [current]: vscode.l10n.t('current connection') } : {}),
      ...(profileRegion ? { [profileRegion]: choice.profile ? vscode.l10n.t('profile {0}', choice.profile) : 'AWS_REGION' } : {}),
    });
    if (!region) return;
    const endpoint = await askEndpoint(deps, config, choice.profile, region);
    if (!endpoint) return;
    const spec = { profile: choice.profile, region, endpoint: endpoint.endpoint };
    if (connections.get(connectionId(spec))) {
      void prompts.info(vscode.l10n.t('The connection {0} is already in the view.', connectionLabel({ ...spec, id: '' })), {});
      return;
    }
    const added = await connections.add(spec);
    deps.log.info(`Added connection ${added.id}`);
  };

  /** The connection of a tree node passed as argument (connection node, error node, ...). */
  const nodeConnection = (arg: unknown): ConnectionSpec | undefined => {
    if (!arg || typeof arg !== 'object') return undefined;
    const id = (arg as { connection?: { id?: unknown } }).connection?.id ?? (arg as { connectionId?: unknown }).connectionId;
    return typeof id === 'string' ? connections.get(id) : undefined;
  };

  /** The connection a command acts on: its node's, the only one, the active one (if preferred), or asked. */
  const targetOf = async (arg: unknown, title: string, preferActive: boolean): Promise<ConnectionSpec | undefined> => {
    const fromNode = nodeConnection(arg);
    if (fromNode) return fromNode;
    const list = connections.list();
    if (list.length <= 1) return list[0];
    const active = tree.activeConnection();
    if (active && preferActive) return active;
    const id = await prompts.pickOne(list.map((c) => ({ label: connectionLabel(c), description: c.id === active?.id ? vscode.l10n.t('active') : undefined, value: c.id })), { title });
    return id ? connections.get(id) : undefined;
  };

  return [
    command('secretsManager.addConnection', addConnection),

    command('secretsManager.removeConnection', async (arg?: unknown) => {
      const target = await targetOf(arg, vscode.l10n.t('Remove which connection?'), false);
      if (!target) return;
      await connections.remove(target.id);
      if (connections.get(target.id)) {
        // The implicit default (settings / AWS_PROFILE / AWS_REGION) cannot be removed, only replaced.
        const choice = await prompts.info(
          vscode.l10n.t('{0} is the connection your settings and AWS environment imply, so it stays. Switch it to another profile or region, or change the secretsManager.profile / region / endpoint settings.', connectionLabel(target)),
          {},
          vscode.l10n.t('Switch Profile or Region...'),
          vscode.l10n.t('Open Settings'),
        );
        if (choice === vscode.l10n.t('Open Settings')) await vscode.commands.executeCommand('workbench.action.openSettings', 'secretsManager');
        else if (choice) await vscode.commands.executeCommand('secretsManager.switchConnection');
        return;
      }
      deps.log.info(`Removed connection ${target.id}`);
    }),

    command('secretsManager.switchConnection', async (arg?: unknown) => {
      await connections.load();
      if (connections.list().length === 0) return addConnection();
      const target = await targetOf(arg, vscode.l10n.t('Switch which connection?'), true);
      if (!target) return;
      const config = await sharedConfig();
      const choice = await pickProfile(deps, config, vscode.l10n.t('Switch {0}: profile', connectionLabel(target)), target);
      if (!choice) return;
      const profileChanged = choice.profile !== target.profile;
      const profileRegion = profileChanged ? resolveRegion({ profile: choice.profile, config, env }) : undefined;
      const region = await pickRegion(deps, vscode.l10n.t('Switch {0}: region', connectionLabel(target)), [target.region, profileRegion], {
        [target.region]: 'current',
        ...(profileRegion && profileRegion !== target.region ? { [profileRegion]: choice.profile ? vscode.l10n.t('profile {0}', choice.profile) : 'AWS_REGION' } : {}),
      });
      if (!region) return;
      // Same profile: same endpoint. Another profile: the endpoint that profile implies (env or
      // its endpoint_url), else AWS.
      const endpoint = profileChanged ? resolveEndpoint({ profile: choice.profile, config, env })?.url : target.endpoint;
      const spec = { profile: choice.profile, region, endpoint };
      if (connectionId(spec) === target.id) return;
      // Replaced in place: the tree lists again, open documents of the old connection keep their
      // URI (and say so when saved); no window reload.
      const added = await connections.add(spec);
      await connections.remove(target.id);
      deps.log.info(`Switched connection ${target.id} to ${added.id}`);
    }),

    command('secretsManager.signIn', async (arg?: unknown) => {
      // An account connection (Add Accounts) signs in to its IAM Identity Center session instead.
      const account = typeof arg === 'string' ? undefined : nodeConnection(arg) ?? tree.activeConnection();
      if (account?.sso) return void (await vscode.commands.executeCommand('secretsManager.signInToIdentityCenter', { connectionId: account.id }));
      const profile = typeof arg === 'string' ? arg : (nodeConnection(arg) ?? tree.activeConnection())?.profile;
      const retry = async (message: string) => {
        if ((await prompts.info(message, {}, vscode.l10n.t('Retry'))) !== vscode.l10n.t('Retry')) return;
        // Fresh SDK clients resolve the credentials again (a new SSO token, rewritten keys).
        for (const c of connections.list()) if (!profile || c.profile === profile) connections.service(c.id).dispose();
        await connections.invalidate();
      };
      // `aws sso login` only helps an IAM Identity Center profile: for static keys,
      // credential_process or assume-role, say what refreshes them instead.
      const section = profile ? (await loadSharedConfig(env).catch(() => undefined))?.profiles[profile] : undefined;
      if (section && !section.sso_session && !section.sso_start_url) {
        await retry(vscode.l10n.t('Profile "{0}" does not sign in through IAM Identity Center. Refresh its credentials (aws configure --profile {0}, or the tool that writes them), then retry.', profile ?? ''));
        return;
      }
      const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('AWS sign-in'), isTransient: true });
      terminal.show();
      terminal.sendText(profile ? `aws sso login --profile ${shellWord(profile)}` : 'aws sso login');
      await retry(vscode.l10n.t('Finish signing in in the terminal (aws sso login{0}), then retry.', profile ? ` --profile ${profile}` : ''));
    }),
  ];
}
