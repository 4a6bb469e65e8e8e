// Staging labels from the tree and the palette: promote a version to AWSCURRENT, roll back to
// AWSPREVIOUS, attach (or move) and remove a label. Each asks first and refreshes only the
// affected secret.
import type { MoveLabelRequest, SecretSummary } from '../aws/types';
import { moveStage } from '../model/labelMoves';
import { planPromote } from '../model/lifecycle';
import type { SecretRef } from '../model/refs';
import { CURRENT, holderOf, PREVIOUS, shortId } from '../model/stages';
import { MAX_LABELS_PER_VERSION, validateLabel } from '../model/validate';
import type { UiDeps } from '../ui/deps';
import { command, type Command } from './command';
import { describe, needRef, summaryOf } from './target';
import * as vscode from 'vscode';

export function labelCommands(deps: UiDeps): Command[] {
  const { prompts, connections, events, log } = deps;
  const service = (ref: SecretRef) => connections.service(ref.connectionId);
  const changed = (ref: SecretRef) => events.fire({ connectionId: ref.connectionId, secretId: ref.name, structural: false });
  // Writes: no Cancel once sent (the outcome would be unknown).
  const progress = <T>(title: string, body: () => Promise<T>) => prompts.progress({ title }, body);
  /** The move; when its answer was lost and it went through, says so (see src/model/labelMoves.ts). */
  const move = async (ref: SecretRef, title: string, req: MoveLabelRequest) => {
    if ((await progress(title, () => moveStage(service(ref), req))) !== 'found') return;
    log.info(`${ref.name}: the answer to moving ${req.label} was lost; the secret shows the move went through`);
    void prompts.info(
      req.moveToVersionId
        ? vscode.l10n.t('The answer from Secrets Manager was lost, but the change went through: {0} of {1} is on {2}.', req.label, ref.name, shortId(req.moveToVersionId))
        : vscode.l10n.t('The answer from Secrets Manager was lost, but the change went through: {0} is removed from {1}.', req.label, shortId(req.removeFromVersionId ?? '')),
      {},
    );
  };

  const promote = async (ref: SecretRef, summary: SecretSummary, target: string) => {
    const plan = planPromote(summary.versionsToStages, target);
    if (plan.noop) {
      void prompts.info(vscode.l10n.t('{0} is already AWSCURRENT.', shortId(target)), {});
      return;
    }
    const answer = await prompts.warn(vscode.l10n.t('Make {0} the current version of {1}?', shortId(target), ref.name), { modal: true, detail: vscode.l10n.t('{0}\nApplications reading AWSCURRENT get this version\'s value from now on.', plan.moves.join('\n')) }, vscode.l10n.t('Promote'));
    if (answer !== vscode.l10n.t('Promote')) return;
    await move(ref, vscode.l10n.t('Promoting {0}...', shortId(target)), { secretId: ref.name, label: CURRENT, moveToVersionId: target, removeFromVersionId: plan.removeFromVersionId });
    log.info(`Promoted ${ref.name} version ${target} to AWSCURRENT`);
    changed(ref);
  };

  return [
    command('secretsManager.promoteVersion', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error(vscode.l10n.t('Choose a version to promote.'));
      await promote(ref, await summaryOf(deps, arg, ref), ref.versionId);
    }),
    command('secretsManager.rollback', async (arg: unknown) => {
      const ref = needRef(arg);
      const summary = await describe(deps, ref);
      const prev = holderOf(summary.versionsToStages, PREVIOUS);
      if (!prev) throw new Error(vscode.l10n.t('{0} has no AWSPREVIOUS version to roll back to.', ref.name));
      await promote(ref, summary, prev);
    }),
    command('secretsManager.addLabel', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error(vscode.l10n.t('Choose a version to label.'));
      const summary = await describe(deps, ref);
      const labels = summary.versionsToStages[ref.versionId] ?? [];
      if (labels.length >= MAX_LABELS_PER_VERSION) throw new Error(vscode.l10n.t('This version already has {0} labels, the most Secrets Manager allows.', MAX_LABELS_PER_VERSION));
      const label = await prompts.input({
        title: vscode.l10n.t('Attach a label to {0}', shortId(ref.versionId)),
        placeholder: vscode.l10n.t('e.g. STAGING'),
        validate: (v) => validateLabel(v.trim()) ?? (v.trim() === CURRENT || v.trim() === PREVIOUS ? vscode.l10n.t('Use "Promote to AWSCURRENT" to move {0}.', v.trim()) : labels.includes(v.trim()) ? vscode.l10n.t('This version already has that label.') : undefined),
      });
      if (!label) return;
      const name = label.trim();
      const holder = holderOf(summary.versionsToStages, name);
      if (holder) {
        const answer = await prompts.warn(vscode.l10n.t('{0} is on {1}. Move it to {2}?', name, shortId(holder), shortId(ref.versionId)), { modal: true }, vscode.l10n.t('Move Label'));
        if (answer !== vscode.l10n.t('Move Label')) return;
      }
      await move(ref, vscode.l10n.t('Labelling {0}...', shortId(ref.versionId)), { secretId: ref.name, label: name, moveToVersionId: ref.versionId, removeFromVersionId: holder });
      changed(ref);
    }),
    command('secretsManager.removeLabel', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error(vscode.l10n.t('Choose a version.'));
      const summary = await summaryOf(deps, arg, ref);
      const removable = (summary.versionsToStages[ref.versionId] ?? []).filter((l) => l !== CURRENT);
      if (removable.length === 0) {
        void prompts.info(vscode.l10n.t('AWSCURRENT can be moved (promote another version) but never removed; this version has no other label.'), {});
        return;
      }
      const label = await prompts.pickOne(removable.map((l) => ({ label: l, value: l })), { title: vscode.l10n.t('Remove a label from {0}', shortId(ref.versionId)) });
      if (!label) return;
      const answer = await prompts.warn(vscode.l10n.t('Remove {0} from {1}?', label, shortId(ref.versionId)), { modal: true, detail: vscode.l10n.t('A version left with no label becomes deprecated; Secrets Manager may delete deprecated versions.') }, vscode.l10n.t('Remove Label'));
      if (answer !== vscode.l10n.t('Remove Label')) return;
      await move(ref, vscode.l10n.t('Removing {0}...', label), { secretId: ref.name, label, removeFromVersionId: ref.versionId });
      changed(ref);
    }),
  ];
}
