// A secret's history and its replication, from the tree, the palette, an open secret document and
// the History view:
//   showHistory      reads the secret, its versions and its CloudTrail events (a progress
//                    notification with Cancel) and shows the timeline in the History view
//   refreshHistory   reads the history shown again
//   showChangedKeys  on demand only: reads a version and the one before it (two GetSecretValue
//                    calls, which CloudTrail logs) and lists the key names that changed, never values
//   copyEventId      the CloudTrail event id of an entry, to look it up in CloudTrail
// (A replica's Open Primary is in replicas.ts.)
import * as vscode from 'vscode';
import { loadHistory } from '../model/historyLoader';
import { keyChanges } from '../model/keyChanges';
import { shortId } from '../model/stages';
import type { UiDeps } from '../ui/deps';
import type { HistoryHandle, HistoryTarget } from '../views/history';
import { EntryNode } from '../views/historyNodes';
import { command, type Command } from './command';
import { pickSecret } from './open';
import { targetOf } from './replicas';
import { pickConnection, reading } from './target';

export function historyCommands(deps: UiDeps, history: HistoryHandle): Command[] {
  const { prompts, connections, settings, log } = deps;

  const show = async (target: HistoryTarget) => {
    const service = await connections.serviceFor(target.connectionId);
    const h = await reading(deps, vscode.l10n.t('Reading the history of {0} (CloudTrail LookupEvents)...', target.name), (signal) =>
      loadHistory(service, target.name, { signal, maxPages: settings.historyMaxPages() }));
    const c = h.timeline.counts;
    log.info(`History of ${target.name} on ${target.connectionId}: ${h.versions.length} versions, ${c.events} CloudTrail events (${c.writes} writes, ${c.reads} reads) in ${h.lookups} LookupEvents calls; attribution ${h.timeline.attribution.state}`);
    await history.show(target, h);
    if (h.timeline.attribution.state === 'failed') {
      // The timeline is there; say once, beside it, why it has no names.
      void prompts.warn(`${target.name}: ${h.timeline.attribution.text}`, {});
    }
  };

  return [
    command('secretsManager.showHistory', async (arg?: unknown) => {
      let target = targetOf(arg);
      if (!target) {
        const connectionId = await pickConnection(deps, vscode.l10n.t('Show History: connection'));
        if (!connectionId) return;
        const picked = await pickSecret(deps, connectionId, vscode.l10n.t('Show History'));
        if (!picked) return;
        target = { connectionId, name: picked.ref.name };
      }
      await show(target);
    }),
    command('secretsManager.refreshHistory', async () => {
      const current = history.provider?.current;
      if (!current) {
        void prompts.info(vscode.l10n.t('No history is shown yet: run "Show History" on a secret first.'), {});
        return;
      }
      await show(current.target);
    }),
    command('secretsManager.showChangedKeys', async (arg?: unknown) => {
      const node = arg instanceof EntryNode ? arg : (arg as { parent?: unknown } | undefined)?.parent instanceof EntryNode ? ((arg as { parent: EntryNode }).parent) : undefined;
      const entry = node?.entry;
      if (!node || entry?.kind !== 'version') throw new Error(vscode.l10n.t('Choose a version in the History view.'));
      if (!entry.previousVersionId) {
        void prompts.info(vscode.l10n.t('{0} is the oldest version: there is nothing before it to compare with.', shortId(entry.versionId)), {});
        return;
      }
      const previous = entry.previousVersionId;
      const service = await connections.serviceFor(node.target.connectionId);
      history.provider?.setChanges(entry.versionId, { state: 'reading' });
      try {
        // Both values are read (two GetSecretValue calls, each logged by CloudTrail); only key names are kept.
        const [older, newer] = await reading(deps, vscode.l10n.t('Reading versions {0} and {1} to compare key names...', shortId(previous), shortId(entry.versionId)), (signal) =>
          Promise.all([
            service.getSecretValue(node.target.name, { versionId: previous }, signal),
            service.getSecretValue(node.target.name, { versionId: entry.versionId }, signal),
          ]));
        history.provider?.setChanges(entry.versionId, { state: 'done', changes: keyChanges(older.data, newer.data), against: previous });
        log.info(`Compared the key names of ${node.target.name} versions ${shortId(previous)} and ${shortId(entry.versionId)} (names only)`);
      } catch (err) {
        history.provider?.setChanges(entry.versionId, { state: 'failed', message: vscode.l10n.t('could not be read (see the message)') });
        throw err;
      }
    }),
    command('secretsManager.copyEventId', async (arg?: unknown) => {
      const id = arg instanceof EntryNode ? arg.eventId : undefined;
      if (!id) throw new Error(vscode.l10n.t('Choose an entry of the History view that has a CloudTrail event.'));
      // An event id is not a secret: copied as it is, not cleared later.
      await vscode.env.clipboard.writeText(id);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied CloudTrail event id {0}', id), 3000);
    }),
  ];
}
