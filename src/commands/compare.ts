// Diffs of versions: two versions (selected in the tree, or one and a pick), AWSPREVIOUS with
// AWSCURRENT (or a version), a version or a secret document with AWSCURRENT. Stored versions open
// with JSON keys in a stable order, so a reordering is not a difference.
import * as vscode from 'vscode';
import type { SecretSummary } from '../aws/types';
import { secretUri } from '../editor/documents';
import type { EditorHandle } from '../editor';
import { refOf, type SecretRef } from '../model/refs';
import { isLiveDocument, SECRET_SCHEME } from '../model/secretUri';
import { CURRENT, currentVersionId, holderOf, PREVIOUS, shortId } from '../model/stages';
import type { UiDeps } from '../ui/deps';
import { command, type Command } from './command';
import { needRef, reading, summaryOf } from './target';

export function compareCommands(deps: UiDeps, editor: Pick<EditorHandle, 'fileSystem' | 'reviews'>): Command[] {
  const { prompts, connections } = deps;
  const service = (ref: SecretRef) => connections.service(ref.connectionId);

  return [
    command('secretsManager.compareVersions', async (arg: unknown, selected?: unknown[]) => {
      const refs = (selected && selected.length === 2 ? selected : [arg]).map(refOf).filter((r): r is SecretRef => !!r?.versionId);
      let [a, b] = refs;
      if (!b && a) {
        const versions = await reading(deps, vscode.l10n.t('Listing versions of {0}...', a.name), (signal) => service(a!).listVersions(a!.name, true, signal));
        const pick = await prompts.pickOne(
          versions.filter((v) => v.versionId !== a!.versionId).map((v) => ({ label: v.stages.join(', ') || shortId(v.versionId), description: shortId(v.versionId), value: v })),
          { title: vscode.l10n.t('Compare {0} with', shortId(a.versionId!)) },
        );
        if (!pick) return;
        b = { ...a, versionId: pick.versionId, stage: pick.stages[0] };
      }
      if (!a || !b) throw new Error(vscode.l10n.t('Select two versions of a secret in the Secrets Manager view (Ctrl+click), then Compare Versions.'));
      const uri = (r: SecretRef) => secretUri({ connectionId: r.connectionId, name: r.name, versionId: r.versionId, stage: r.stage, sortedKeys: true });
      await vscode.commands.executeCommand('vscode.diff', uri(a), uri(b), `${a.name}: ${a.stage ?? shortId(a.versionId!)} ↔ ${b.stage ?? shortId(b.versionId!)}`);
    }),
    command('secretsManager.compareWithPrevious', async (arg: unknown) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      const prev = holderOf(summary.versionsToStages, PREVIOUS);
      if (!prev) throw new Error(vscode.l10n.t('{0} has no AWSPREVIOUS version.', ref.name));
      const left = secretUri({ connectionId: ref.connectionId, name: ref.name, versionId: prev, stage: PREVIOUS, sortedKeys: true });
      const right = secretUri({ connectionId: ref.connectionId, name: ref.name, versionId: ref.versionId ?? currentVersionId(summary.versionsToStages), stage: ref.stage ?? CURRENT, sortedKeys: true });
      await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0}: AWSPREVIOUS ↔ {1}', ref.name, ref.stage ?? CURRENT));
    }),
    command('secretsManager.compareWithCurrent', async (arg?: unknown) => {
      const ref = refOf(arg);
      if (ref?.versionId) {
        // A version node: the secret's summary (in the node's parent) names AWSCURRENT.
        const summary = (arg as { parent?: { summary?: SecretSummary } }).parent?.summary ?? (await (await connections.serviceFor(ref.connectionId)).describeSecret(ref.name));
        const current = currentVersionId(summary.versionsToStages);
        if (!current) throw new Error(vscode.l10n.t('{0} has no AWSCURRENT version.', ref.name));
        // Two stored versions: JSON keys in a stable order, so a reordering is not a difference.
        const left = secretUri({ connectionId: ref.connectionId, name: ref.name, versionId: current, stage: CURRENT, sortedKeys: true });
        const right = secretUri({ connectionId: ref.connectionId, name: ref.name, versionId: ref.versionId, stage: ref.stage, sortedKeys: true });
        await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0}: AWSCURRENT ↔ {1}', ref.name, ref.stage ?? shortId(ref.versionId)));
        return;
      }
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri || uri.scheme !== SECRET_SCHEME) {
        void prompts.info(vscode.l10n.t('Open a secret first: "Compare with AWSCURRENT" compares a secret document with the version it was read from.'), {});
        return;
      }
      const doc = await editor.fileSystem.resolve(uri);
      if (!isLiveDocument(doc.ref)) {
        const summary = await (await connections.serviceFor(doc.ref.connectionId)).describeSecret(doc.ref.name);
        const current = currentVersionId(summary.versionsToStages);
        if (!current || !doc.baseVersionId) return;
        await vscode.commands.executeCommand(
          'vscode.diff',
          secretUri({ connectionId: doc.ref.connectionId, name: doc.ref.name, versionId: current, stage: CURRENT }),
          uri,
          vscode.l10n.t('{0}: AWSCURRENT ↔ {1}', doc.ref.name, doc.ref.stage ?? shortId(doc.baseVersionId)),
        );
        return;
      }
      // The live document: AWSCURRENT as read against the edit, with Publish / Cancel in the diff title.
      await editor.reviews.open(doc);
    }),
  ];
}
