// The Secrets Manager view: tree of connections, secrets and versions by staging label, and the
// status bar item of the active connection. Builds them and returns a TreeHandle; the view's
// commands (src/commands/tree.ts, connections.ts) receive it.
//
// One connection (the usual case: the default profile and region, or the one added): its secrets
// sit at the root and the view's description names the connection ("default · eu-west-1"), so
// nothing is nested for nothing. Several connections: one node per connection at the root.
import * as vscode from 'vscode';
import type { ConnectionSpec } from '../aws/types';
import { connectionLabel } from '../model/connections';
import type { UiDeps } from '../ui/deps';
import { connectionOf, endpointHost, type TreeNode } from './nodes';
import { SecretsTreeProvider } from './secretsTree';

export interface TreeHandle {
  /** The TreeDataProvider behind the view (tests walk it). */
  readonly provider: SecretsTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  /** The status bar item naming the active connection. */
  readonly status: vscode.StatusBarItem;
  /** The only connection, or the one of the node selected in the view. */
  activeConnection(): ConnectionSpec | undefined;
  /** Writes the view's description (connection, filter, deleted, order) and the status bar again. */
  describe(): void;
}

export const VIEW_ID = 'secretsManager.secrets';

/** Short name of a connection for the view's description and the status bar. */
export function shortConnectionLabel(c: ConnectionSpec): string {
  return `${c.sso ? `${c.sso.accountName} (${c.sso.accountId}) · ${c.sso.roleName}` : c.profile ?? 'env'} · ${c.region}${c.endpoint ? ` · ${endpointHost(c.endpoint)}` : ''}`;
}

export function registerTree(deps: UiDeps): TreeHandle {
  const { context, connections, prompts, events, settings } = deps;
  const readSettings = () => settings.tree();
  const setContext = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);
  const provider = new SecretsTreeProvider(connections, readSettings, deps.log, setContext, prompts);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  const status = vscode.window.createStatusBarItem('secretsManager.connection', vscode.StatusBarAlignment.Left, 50);
  status.name = vscode.l10n.t('Secrets Manager Connection');
  status.command = 'secretsManager.switchConnection';

  let selectedConnection: string | undefined;
  const activeConnection = (): ConnectionSpec | undefined => {
    const list = connections.list();
    return list.length === 1 ? list[0] : list.find((c) => c.id === selectedConnection);
  };

  const describeView = () => {
    const list = connections.list();
    const tree = readSettings();
    const parts: string[] = [];
    if (list.length === 1) parts.push(shortConnectionLabel(list[0]));
    const f = provider.activeFilter;
    if (f) parts.push(vscode.l10n.t('filter: {0} {1}', f.key, f.values.join(' ')));
    if (tree.includeDeleted) parts.push('incl. deleted');
    if (tree.sortBy === 'lastChanged') parts.push(vscode.l10n.t('by last changed'));
    view.description = parts.join(' — ') || undefined;
    setContext('secretsManager.customEndpoint', list.length > 0 && list.every((c) => !!c.endpoint));
    const active = activeConnection();
    if (active) {
      status.text = `$(key) ${shortConnectionLabel(active)}`;
      status.tooltip = vscode.l10n.t('Secrets Manager: {0}\nClick to switch profile or region.', connectionLabel(active));
      status.show();
    } else if (list.length > 1) {
      status.text = vscode.l10n.t('$(key) {0} connections', list.length);
      status.tooltip = vscode.l10n.t('Secrets Manager:\n{0}\nSelect a secret to make its connection active; click to switch profile or region.', list.map(connectionLabel).join('\n'));
      status.show();
    } else status.hide();
  };

  context.subscriptions.push(
    provider,
    view,
    status,
    view.onDidChangeSelection((e) => {
      selectedConnection = connectionOf(e.selection[0]) ?? selectedConnection;
      describeView();
    }),
    connections.onDidChange(() => {
      if (selectedConnection && !connections.get(selectedConnection)) selectedConnection = undefined;
      describeView();
      provider.refresh();
    }),
    events.onDidChangeSecret((change) => void provider.refreshSecret(change)),
    settings.onDidChange((affects) => {
      if (affects('tree')) {
        describeView();
        provider.refresh();
      }
    }),
  );
  setContext('secretsManager.filtered', false);
  void connections.load().then(describeView);
  return { provider, view, status, activeConnection, describe: describeView };
}
