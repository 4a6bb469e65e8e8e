// The Secrets Manager view: tree of connections, secrets and versions by staging label, its
// title-bar commands, and the status bar item of the active connection.
//
// One connection (the usual case: the default profile and region, or the one added): its secrets
// sit at the root and the view's description names the connection ("default · eu-west-1"), so
// nothing is nested for nothing. Several connections: one node per connection at the root.
import * as vscode from 'vscode';
import type { ConnectionSpec, ListFilterKey } from '../aws/types';
import { registerConnectionCommands } from '../commands/connections';
import { connectionLabel } from '../model/connections';
import type { UiDeps } from '../ui/deps';
import { ConnectionNode, connectionOf, endpointHost, LoadMoreNode, MessageNode, type TreeNode } from './nodes';
import { SecretsTreeProvider } from './secretsTree';

export interface TreeHandle {
  /** The TreeDataProvider behind the view (tests walk it). */
  readonly provider: SecretsTreeProvider;
  readonly view: vscode.TreeView<TreeNode>;
  /** The status bar item naming the active connection. */
  readonly status: vscode.StatusBarItem;
  /** The only connection, or the one of the node selected in the view. */
  activeConnection(): ConnectionSpec | undefined;
}

export const VIEW_ID = 'secretsManager.secrets';

const FILTER_KEYS: { key: ListFilterKey; label: string; detail: string }[] = [
  { key: 'name', label: 'Name', detail: 'Secrets whose name starts with the text (case-sensitive)' },
  { key: 'description', label: 'Description', detail: 'Descriptions that start with the text (not case-sensitive)' },
  { key: 'tag-key', label: 'Tag key', detail: 'Tag keys that start with the text (case-sensitive)' },
  { key: 'tag-value', label: 'Tag value', detail: 'Tag values that start with the text (case-sensitive)' },
  { key: 'all', label: 'Anything', detail: 'Words in the name, description, tag keys or tag values (not case-sensitive)' },
];

const FILTER_VALUE = /^!?[a-zA-Z0-9 :_@/+=.\-!]{1,512}$/;

/** Short name of a connection for the view's description and the status bar. */
export function shortConnectionLabel(c: ConnectionSpec): string {
  return `${c.profile ?? 'env'} · ${c.region}${c.endpoint ? ` · ${endpointHost(c.endpoint)}` : ''}`;
}

export function registerTree(deps: UiDeps): TreeHandle {
  const { context, connections, runner, prompts, events, settings } = deps;
  const readSettings = () => settings.tree();
  const setContext = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);
  const provider = new SecretsTreeProvider(connections, readSettings, deps.log, setContext, prompts);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true });
  const status = vscode.window.createStatusBarItem('secretsManager.connection', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Secrets Manager Connection';
  status.command = 'secretsManager.switchConnection';

  let selectedConnection: string | undefined;
  const activeConnection = (): ConnectionSpec | undefined => {
    const list = connections.list();
    return list.length === 1 ? list[0] : list.find((c) => c.id === selectedConnection);
  };

  const describeView = () => {
    const list = connections.list();
    const settings = readSettings();
    const parts: string[] = [];
    if (list.length === 1) parts.push(shortConnectionLabel(list[0]));
    const f = provider.activeFilter;
    if (f) parts.push(`filter: ${f.key} ${f.values.join(' ')}`);
    if (settings.includeDeleted) parts.push('incl. deleted');
    if (settings.sortBy === 'lastChanged') parts.push('by last changed');
    view.description = parts.join(' — ') || undefined;
    setContext('secretsManager.customEndpoint', list.length > 0 && list.every((c) => !!c.endpoint));
    const active = activeConnection();
    if (active) {
      status.text = `$(key) ${shortConnectionLabel(active)}`;
      status.tooltip = `Secrets Manager: ${connectionLabel(active)}\nClick to switch profile or region.`;
      status.show();
    } else if (list.length > 1) {
      status.text = `$(key) ${list.length} connections`;
      status.tooltip = `Secrets Manager:\n${list.map(connectionLabel).join('\n')}\nSelect a secret to make its connection active; click to switch profile or region.`;
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
      if (affects('connection')) void connections.invalidate();
    }),
    runner.register('secretsManager.refresh', (node?: TreeNode) => {
      if (node instanceof ConnectionNode) provider.refreshConnection(node.connection.id);
      else provider.refresh();
    }),
    runner.register('secretsManager.retry', (node?: TreeNode) => provider.retry(node instanceof MessageNode ? node : undefined)),
    runner.register('secretsManager.loadMore', async (node?: TreeNode) => {
      const id = node instanceof LoadMoreNode ? node.connectionId : activeConnection()?.id ?? connections.list()[0]?.id;
      if (id) await provider.loadMore(id);
    }),
    runner.register('secretsManager.filter', async () => {
      const current = provider.activeFilter;
      const key = await prompts.pickOne<ListFilterKey | 'clear'>(
        [
          ...FILTER_KEYS.map((k) => ({ label: k.label, detail: k.detail, description: current?.key === k.key ? 'current' : undefined, value: k.key })),
          ...(current ? [{ label: 'Clear filter', detail: 'Show every secret', value: 'clear' as const }] : []),
        ],
        { title: 'Filter secrets by (Secrets Manager filters on the server)' },
      );
      if (!key) return;
      if (key === 'clear') {
        provider.setFilter(undefined);
        describeView();
        return;
      }
      const text = await prompts.input({
        title: `Filter secrets: ${FILTER_KEYS.find((k) => k.key === key)!.label}`,
        prompt: 'Text to match (start with ! to exclude). Filtering happens in Secrets Manager, over every secret, not only the loaded ones.',
        value: current?.key === key ? current.values[0] : '',
        validate: (v) =>
          !v.trim() ? 'Type something to filter by.' : FILTER_VALUE.test(v.trim()) ? undefined : 'Use letters, digits, spaces and :_@/+=.-! (at most 512).',
      });
      if (!text?.trim()) return;
      provider.setFilter({ key, values: [text.trim()] });
      describeView();
    }),
    runner.register('secretsManager.clearFilter', () => {
      provider.setFilter(undefined);
      describeView();
    }),
    runner.register('secretsManager.toggleDeleted', async () => {
      await settings.updateTree('includeDeleted', !readSettings().includeDeleted);
    }),
    runner.register('secretsManager.sortBy', async () => {
      const current = readSettings().sortBy;
      const choice = await prompts.pickOne(
        [
          { label: 'Name', value: 'name' as const, description: current === 'name' ? 'current' : undefined, detail: 'Alphabetical, within the secrets loaded so far ("Load more" adds pages in Secrets Manager\'s own order)' },
          { label: 'Last changed', value: 'lastChanged' as const, description: current === 'lastChanged' ? 'current' : undefined, detail: 'Most recently changed first, within the secrets loaded so far' },
        ],
        { title: 'Sort secrets by' },
      );
      if (choice) await settings.updateTree('sortBy', choice);
    }),
    ...registerConnectionCommands(deps, { activeConnection }),
  );
  setContext('secretsManager.filtered', false);
  void connections.load().then(describeView);
  return { provider, view, status, activeConnection };
}
