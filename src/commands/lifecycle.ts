// A secret's lifecycle and metadata from the tree and the palette: delete (scheduled or
// immediate) and restore, rotate now, edit the description and the tags, and publish an old
// version's value again. Destructive actions are confirmed; each refreshes only the affected
// secret.
import type { EditorHandle } from '../editor';
import { validateRecoveryWindow } from '../model/lifecycle';
import type { SecretRef } from '../model/refs';
import { shortId } from '../model/stages';
import { formatTags, parseTags, validateTagsText } from '../model/tags';
import type { UiDeps } from '../ui/deps';
import { saveKey } from '../ui/keys';
import { command, type Command } from './command';
import { needRef, reading, summaryOf } from './target';
import * as vscode from 'vscode';

export function lifecycleCommands(deps: UiDeps, editor: Pick<EditorHandle, 'editAsNewVersion'>): Command[] {
  const { prompts, connections, events, log } = deps;
  const service = (ref: SecretRef) => connections.service(ref.connectionId);
  const changed = (ref: SecretRef, structural = false) => events.fire({ connectionId: ref.connectionId, secretId: ref.name, structural });
  // Writes: no Cancel once sent (the outcome would be unknown). Reads go through reading().
  const progress = <T>(title: string, body: () => Promise<T>) => prompts.progress({ title }, body);

  return [
    command('secretsManager.restoreValue', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error(vscode.l10n.t('Choose the version whose value to publish again.'));
      const old = await reading(deps, vscode.l10n.t('Reading version {0}...', shortId(ref.versionId)), (signal) => service(ref).getSecretValue(ref.name, { versionId: ref.versionId }, signal));
      if (!(await editor.editAsNewVersion(ref, old.data))) return;
      void prompts.info(vscode.l10n.t('The value of {0} is in the editor. Review it and save ({1}) to publish it as a new version.', shortId(ref.versionId), saveKey()), {});
    }),
    command('secretsManager.deleteSecret', async (arg: unknown) => {
      const ref = needRef(arg);
      const how = await prompts.pickOne(
        [
          { label: vscode.l10n.t('Schedule deletion (30-day recovery window)'), value: 'default' },
          { label: vscode.l10n.t('Schedule deletion with another recovery window...'), detail: vscode.l10n.t('7 to 30 days'), value: 'custom' },
          { label: vscode.l10n.t('Delete immediately, without recovery'), detail: vscode.l10n.t('Cannot be undone'), value: 'force' },
        ],
        { title: vscode.l10n.t('Delete {0}', ref.name) },
      );
      if (!how) return;
      let days = 30;
      if (how === 'custom') {
        const text = await prompts.input({ title: vscode.l10n.t('Recovery window (days)'), value: '30', validate: validateRecoveryWindow });
        if (!text) return;
        days = Number(text);
      }
      if (how === 'force') {
        const typed = await prompts.input({
          title: vscode.l10n.t('Type {0} to delete it now, without recovery', ref.name),
          validate: (v) => (v === ref.name ? undefined : vscode.l10n.t('Type the secret name exactly.')),
        });
        if (typed !== ref.name) return;
      } else {
        const answer = await prompts.warn(vscode.l10n.t('Schedule {0} for deletion in {1} days?', ref.name, days), { modal: true, detail: vscode.l10n.t('Until then you can restore it; applications cannot read it.') }, vscode.l10n.t('Schedule Deletion'));
        if (answer !== vscode.l10n.t('Schedule Deletion')) return;
      }
      const result = await progress(vscode.l10n.t('Deleting {0}...', ref.name), () =>
        service(ref).deleteSecret({ secretId: ref.name, recoveryWindowInDays: how === 'force' ? undefined : days, forceDeleteWithoutRecovery: how === 'force' }));
      log.info(`Deleted ${ref.name}${how === 'force' ? ' without recovery' : `, deletion on ${result.deletionDate?.toISOString().slice(0, 10)}`}`);
      changed(ref, true);
    }),
    command('secretsManager.restoreSecret', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!(await summaryOf(deps, arg, ref)).deletedDate) {
        void prompts.info(vscode.l10n.t('{0} is not scheduled for deletion: there is nothing to restore.', ref.name), {});
        return;
      }
      await progress(vscode.l10n.t('Restoring {0}...', ref.name), () => service(ref).restoreSecret(ref.name));
      void prompts.info(vscode.l10n.t('{0} is restored.', ref.name), {});
      changed(ref, true);
    }),
    command('secretsManager.editDescription', async (arg: unknown) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      const description = await prompts.input({ title: vscode.l10n.t('Description of {0}', ref.name), value: summary.description ?? '', validate: (v) => (v.length > 2048 ? vscode.l10n.t('At most 2,048 characters.') : undefined) });
      if (description === undefined) return;
      await progress(vscode.l10n.t('Saving the description...'), () => service(ref).updateDescription(ref.name, description));
      changed(ref);
    }),
    command('secretsManager.editTags', async (arg: unknown) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      const text = await prompts.input({
        title: vscode.l10n.t('Tags of {0} (key=value, comma-separated; remove a tag by leaving it out)', ref.name),
        value: formatTags(summary.tags),
        validate: validateTagsText,
      });
      if (text === undefined) return;
      const tags = parseTags(text);
      const removed = summary.tags.filter((t) => !tags.some((n) => n.key === t.key)).map((t) => t.key);
      // Tag before untag: when TagResource is refused, no tag has been removed yet.
      await progress(vscode.l10n.t('Saving tags...'), async () => {
        if (tags.length) await service(ref).tagResource(ref.name, tags);
        if (removed.length) await service(ref).untagResource(ref.name, removed);
      });
      changed(ref);
    }),
    command('secretsManager.rotateNow', async (arg: unknown) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      if (!summary.rotationEnabled) throw new Error(vscode.l10n.t('Rotation is not configured for {0}. Configure it in the AWS console first.', ref.name));
      const answer = await prompts.warn(vscode.l10n.t('Rotate {0} now?', ref.name), { modal: true, detail: vscode.l10n.t('Secrets Manager runs the rotation function: AWSPENDING becomes AWSCURRENT when it succeeds.') }, vscode.l10n.t('Rotate'));
      if (answer !== vscode.l10n.t('Rotate')) return;
      await progress(vscode.l10n.t('Rotating {0}...', ref.name), () => service(ref).rotateSecret(ref.name));
      changed(ref);
    }),
  ];
}
