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
        void prompts.info('No AWS connection is configured: add one first ("Secrets Manager: Add Connection...").', {});
        return;
      }
      const text = (await prompts.input({
        title: `Find Secret in All Connections (${list.length})`,
        prompt: 'The start of the secret\'s name (case-sensitive): Secrets Manager filters each connection\'s secrets by it.',
        placeholder: 'e.g. prod/db',
        validate: (v) => (NAME_FILTER.test(v.trim()) ? undefined : 'Letters, digits, spaces and :_@/+=.-! (1 to 512).'),
      }))?.trim();
      if (!text) return;
      const failures: SearchFailure[] = [];
      const started = Date.now();
      const picked = await prompts.pickStreaming<SearchHit>(
        { title: `Secrets named ${text}… in ${list.length} connection${list.length === 1 ? '' : 's'}`, placeholder: 'Results arrive as each connection answers; Escape stops the search' },
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
        void prompts.warn(`${failures.length} connection${failures.length === 1 ? '' : 's'} could not be searched (${names}${failures.length > 3 ? '; ...' : ''}): ${adviceFor(failures[0].error).message}`, {}, 'Show Log').then((c) => (c ? log.show() : undefined));
      }
      if (picked) await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId: picked.connectionId, name: picked.summary.name } });
    }),
  ];
}
