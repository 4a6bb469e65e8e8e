// "Find Secret in All Connections": one name, searched in every configured connection at once
// (ListSecrets with a name filter, ten connections at a time), results listed as they arrive,
// Cancel stops the rest. Picking one opens it.
import * as vscode from 'vscode';
import { connectionLabel } from '../model/connections';
import { NAME_FILTER, searchConnections, type SearchFailure, type SearchHit } from '../model/search';
import { adviceFor } from '../model/errorPolicy';
import type { UiDeps } from '../ui/deps';
import { command, type Command } from './command';

export function searchCommands(deps: UiDeps): Command[] {
  const { prompts, connections, log } = deps;
  return [
    command('secretsManager.findInAllConnections', async () => {
      await connections.load();
      const list = connections.list();
      if (list.length === 0) {
        void prompts.info(vscode.l10n.t('No AWS connection is configured: add one first ("Secrets Manager: Add Connection...").'), {});
        return;
      }
      const text = (await prompts.input({
        title: vscode.l10n.t('Find Secret in All Connections ({0})', list.length),
        prompt: vscode.l10n.t('The start of the secret\'s name (case-sensitive): Secrets Manager filters each connection\'s secrets by it.'),
        placeholder: vscode.l10n.t('e.g. prod/db'),
        validate: (v) => (NAME_FILTER.test(v.trim()) ? undefined : vscode.l10n.t('Letters, digits, spaces and :_@/+=.-! (1 to 512).')),
      }))?.trim();
      if (!text) return;
      const failures: SearchFailure[] = [];
      const started = Date.now();
      const picked = await prompts.pickStreaming<SearchHit>(
        { title: (list.length === 1 ? vscode.l10n.t('Secrets named {0}… in 1 connection', text) : vscode.l10n.t('Secrets named {0}… in {1} connections', text, list.length)), placeholder: vscode.l10n.t('Results arrive as each connection answers; Escape stops the search') },
        async (add, signal) => {
          const result = await searchConnections(
            list.map((c) => ({ connectionId: c.id, label: connectionLabel(c), service: () => connections.serviceFor(c.id) })),
            text,
            {
              signal,
              onHits: (hits) => add(hits.map((h) => ({ label: h.summary.name, description: h.connectionLabel, detail: h.summary.description, value: h }))),
              onFailure: (f) => failures.push(f),
            },
          );
          log.info(`Find in all connections: ${result.hits} match${result.hits === 1 ? '' : 'es'} in ${result.searched} of ${list.length} connections in ${Date.now() - started} ms${result.cancelled ? ' (stopped)' : ''}${result.truncated.length ? `; first 300 only in ${result.truncated.join(', ')}` : ''}`);
        },
      );
      for (const f of failures) log.warn(`Find in all connections: ${f.connectionLabel}: ${adviceFor(f.error).message}`);
      if (failures.length) {
        const names = failures.slice(0, 3).map((f) => f.connectionLabel).join('; ');
        void prompts.warn((failures.length === 1 ? vscode.l10n.t('1 connection could not be searched ({0}): {1}', names, adviceFor(failures[0].error).message) : vscode.l10n.t('{0} connections could not be searched ({1}{2}): {3}', failures.length, names, failures.length > 3 ? '; ...' : '', adviceFor(failures[0].error).message)), {}, vscode.l10n.t('Show Log')).then((c) => (c ? log.show() : undefined));
      }
      if (picked) await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId: picked.connectionId, name: picked.summary.name } });
    }),
  ];
}
