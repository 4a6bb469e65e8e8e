// The view's own commands: refresh (a connection or everything), retry what an error node
// reports, load the next page, filter on the server, show secrets scheduled for deletion, sort,
// and show the log.
import type { ListFilterKey } from '../aws/types';
import type { UiDeps } from '../ui/deps';
import type { TreeHandle } from '../views';
import { ConnectionNode, LoadMoreNode, MessageNode, type TreeNode } from '../views/nodes';
import { command, type Command } from './command';

const FILTER_KEYS: { key: ListFilterKey; label: string; detail: string }[] = [
  { key: 'name', label: 'Name', detail: 'Secrets whose name starts with the text (case-sensitive)' },
  { key: 'description', label: 'Description', detail: 'Descriptions that start with the text (not case-sensitive)' },
  { key: 'tag-key', label: 'Tag key', detail: 'Tag keys that start with the text (case-sensitive)' },
  { key: 'tag-value', label: 'Tag value', detail: 'Tag values that start with the text (case-sensitive)' },
  { key: 'all', label: 'Anything', detail: 'Words in the name, description, tag keys or tag values (not case-sensitive)' },
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
          ...FILTER_KEYS.map((k) => ({ label: k.label, detail: k.detail, description: current?.key === k.key ? 'current' : undefined, value: k.key })),
          ...(current ? [{ label: 'Clear filter', detail: 'Show every secret', value: 'clear' as const }] : []),
        ],
        { title: 'Filter secrets by (Secrets Manager filters on the server)' },
      );
      if (!key) return;
      if (key === 'clear') {
        provider.setFilter(undefined);
        tree.describe();
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
          { label: 'Name', value: 'name' as const, description: current === 'name' ? 'current' : undefined, detail: 'Alphabetical, within the secrets loaded so far ("Load more" adds pages in Secrets Manager\'s own order)' },
          { label: 'Last changed', value: 'lastChanged' as const, description: current === 'lastChanged' ? 'current' : undefined, detail: 'Most recently changed first, within the secrets loaded so far' },
        ],
        { title: 'Sort secrets by' },
      );
      if (choice) await settings.updateTree('sortBy', choice);
    }),
  ];
}
