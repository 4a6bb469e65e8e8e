// The view's own commands: refresh (a connection or everything), retry what an error node
// reports, load the next page, filter on the server, show secrets scheduled for deletion, sort,
// and show the log.
import type { ListFilterKey } from '../aws/types';
import type { UiDeps } from '../ui/deps';
import type { TreeHandle } from '../views';
import { ConnectionNode, LoadMoreNode, MessageNode, type TreeNode } from '../views/nodes';
import { command, type Command } from './command';
import * as vscode from 'vscode';

const FILTER_KEYS: { key: ListFilterKey; label: string; detail: string }[] = [
  { key: 'name', label: vscode.l10n.t('Name'), detail: vscode.l10n.t('Secrets whose name starts with the text (case-sensitive)') },
  { key: 'description', label: vscode.l10n.t('Description'), detail: vscode.l10n.t('Descriptions that start with the text (not case-sensitive)') },
  { key: 'tag-key', label: vscode.l10n.t('Tag key'), detail: vscode.l10n.t('Tag keys that start with the text (case-sensitive)') },
  { key: 'tag-value', label: vscode.l10n.t('Tag value'), detail: vscode.l10n.t('Tag values that start with the text (case-sensitive)') },
  { key: 'all', label: vscode.l10n.t('Anything'), detail: vscode.l10n.t('Words in the name, description, tag keys or tag values (not case-sensitive)') },
];

const FILTER_VALUE = /^!?[a-zA-Z0-9 :_@/+=.\-!]{1,512}$/;

export function treeCommands(deps: UiDeps, tree: Pick<TreeHandle, 'provider' | 'activeConnection' | 'describe'>): Command[] {
  const { prompts, connections, settings, log } = deps;
  const { provider } = tree;

  return [
    command('secretsManager.showLog', () => log.show()),
    command('secretsManager.refresh', (node?: TreeNode) => {
      if (node instanceof ConnectionNode) provider.refreshConnection(node.connection.id);
      else provider.refresh();
    }),
    command('secretsManager.retry', (node?: TreeNode) => provider.retry(node instanceof MessageNode ? node : undefined)),
    command('secretsManager.loadMore', async (node?: TreeNode) => {
      const id = node instanceof LoadMoreNode ? node.connectionId : tree.activeConnection()?.id ?? connections.list()[0]?.id;
      if (id) await provider.loadMore(id);
    }),
    command('secretsManager.filter', async () => {
      const current = provider.activeFilter;
      const key = await prompts.pickOne<ListFilterKey | 'clear'>(
        [
          ...FILTER_KEYS.map((k) => ({ label: k.label, detail: k.detail, description: current?.key === k.key ? vscode.l10n.t('current') : undefined, value: k.key })),
          ...(current ? [{ label: vscode.l10n.t('Clear filter'), detail: vscode.l10n.t('Show every secret'), value: 'clear' as const }] : []),
        ],
        { title: vscode.l10n.t('Filter secrets by (Secrets Manager filters on the server)') },
      );
      if (!key) return;
      if (key === 'clear') {
        provider.setFilter(undefined);
        tree.describe();
        return;
      }
      const text = await prompts.input({
        title: vscode.l10n.t('Filter secrets: {0}', FILTER_KEYS.find((k) => k.key === key)!.label),
        prompt: vscode.l10n.t('Text to match (start with ! to exclude). Filtering happens in Secrets Manager, over every secret, not only the loaded ones.'),
        value: current?.key === key ? current.values[0] : '',
        validate: (v) =>
          !v.trim() ? vscode.l10n.t('Type something to filter by.') : FILTER_VALUE.test(v.trim()) ? undefined : vscode.l10n.t('Use letters, digits, spaces and :_@/+=.-! (at most 512).'),
      });
      if (!text?.trim()) return;
      provider.setFilter({ key, values: [text.trim()] });
      tree.describe();
    }),
    command('secretsManager.clearFilter', () => {
      provider.setFilter(undefined);
      tree.describe();
    }),
    command('secretsManager.toggleDeleted', async () => {
      await settings.updateTree('includeDeleted', !settings.tree().includeDeleted);
    }),
    command('secretsManager.sortBy', async () => {
      const current = settings.tree().sortBy;
      const choice = await prompts.pickOne(
        [
          { label: vscode.l10n.t('Name'), value: 'name' as const, description: current === 'name' ? vscode.l10n.t('current') : undefined, detail: vscode.l10n.t('Alphabetical, within the secrets loaded so far ("Load more" adds pages in Secrets Manager\'s own order)') },
          { label: vscode.l10n.t('Last changed'), value: 'lastChanged' as const, description: current === 'lastChanged' ? vscode.l10n.t('current') : undefined, detail: vscode.l10n.t('Most recently changed first, within the secrets loaded so far') },
        ],
        { title: vscode.l10n.t('Sort secrets by') },
      );
      if (choice) await settings.updateTree('sortBy', choice);
    }),
  ];
}
