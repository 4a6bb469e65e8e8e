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

export function lifecycleCommands(deps: UiDeps, editor: Pick<EditorHandle, 'editAsNewVersion'>): Command[] {
  const { prompts, connections, events, log } = deps;
  const service = (ref: SecretRef) => connections.service(ref.connectionId);
  const changed = (ref: SecretRef, structural = false) => events.fire({ connectionId: ref.connectionId, secretId: ref.name, structural });
  // Writes: no Cancel once sent (the outcome would be unknown). Reads go through reading().
  const progress = <T>(title: string, body: () => Promise<T>) => prompts.progress({ title }, body);

  return [
    command('secretsManager.restoreValue', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error('Choose the version whose value to publish again.');
      const old = await reading(deps, `Reading version ${shortId(ref.versionId)}...`, (signal) => service(ref).getSecretValue(ref.name, { versionId: ref.versionId }, signal));
      if (!(await editor.editAsNewVersion(ref, old.data))) return;
      void prompts.info(`The value of ${shortId(ref.versionId)} is in the editor. Review it and save (${saveKey()}) to publish it as a new version.`, {});
    }),
    command('secretsManager.deleteSecret', async (arg: unknown) => {
      const ref = needRef(arg);
      const how = await prompts.pickOne(
        [
          { label: 'Schedule deletion (30-day recovery window)', value: 'default' },
          { label: 'Schedule deletion with another recovery window...', detail: '7 to 30 days', value: 'custom' },
          { label: 'Delete immediately, without recovery', detail: 'Cannot be undone', value: 'force' },
        ],
        { title: `Delete ${ref.name}` },
      );
      if (!how) return;
      let days = 30;
      if (how === 'custom') {
        const text = await prompts.input({ title: 'Recovery window (days)', value: '30', validate: validateRecoveryWindow });
        if (!text) return;
        days = Number(text);
      }
      if (how === 'force') {
        const typed = await prompts.input({
          title: `Type ${ref.name} to delete it now, without recovery`,
          validate: (v) => (v === ref.name ? undefined : 'Type the secret name exactly.'),
        });
        if (typed !== ref.name) return;
      } else {
        const answer = await prompts.warn(`Schedule ${ref.name} for deletion in ${days} days?`, { modal: true, detail: 'Until then you can restore it; applications cannot read it.' }, 'Schedule Deletion');
        if (answer !== 'Schedule Deletion') return;
      }
      const result = await progress(`Deleting ${ref.name}...`, () =>
        service(ref).deleteSecret({ secretId: ref.name, recoveryWindowInDays: how === 'force' ? undefined : days, forceDeleteWithoutRecovery: how === 'force' }));
      log.info(`Deleted ${ref.name}${how === 'force' ? ' without recovery' : `, deletion on ${result.deletionDate?.toISOString().slice(0, 10)}`}`);
      changed(ref, true);
    }),
    command('secretsManager.restoreSecret', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!(await summaryOf(deps, arg, ref)).deletedDate) {
        void prompts.info(`${ref.name} is not scheduled for deletion: there is nothing to restore.`, {});
        return;
      }
      await progress(`Restoring ${ref.name}...`, () => service(ref).restoreSecret(ref.name));
      void prompts.info(`${ref.name} is restored.`, {});
      changed(ref, true);
    }),
    command('secretsManager.editDescription', async (arg: unknown) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      const description = await prompts.input({ title: `Description of ${ref.name}`, value: summary.description ?? '', validate: (v) => (v.length > 2048 ? 'At most 2,048 characters.' : undefined) });
      if (description === undefined) return;
      await progress('Saving the description...', () => service(ref).updateDescription(ref.name, description));
      changed(ref);
    }),
    command('secretsManager.editTags', async (arg: unknown) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      const text = await prompts.input({
        title: `Tags of ${ref.name} (key=value, comma-separated; remove a tag by leaving it out)`,
        value: formatTags(summary.tags),
        validate: validateTagsText,
      });
      if (text === undefined) return;
      const tags = parseTags(text);
      const removed = summary.tags.filter((t) => !tags.some((n) => n.key === t.key)).map((t) => t.key);
      // Tag before untag: when TagResource is refused, no tag has been removed yet.
      await progress('Saving tags...', async () => {
        if (tags.length) await service(ref).tagResource(ref.name, tags);
        if (removed.length) await service(ref).untagResource(ref.name, removed);
      });
      changed(ref);
    }),
    command('secretsManager.rotateNow', async (arg: unknown) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      if (!summary.rotationEnabled) throw new Error(`Rotation is not configured for ${ref.name}. Configure it in the AWS console first.`);
      const answer = await prompts.warn(`Rotate ${ref.name} now?`, { modal: true, detail: 'Secrets Manager runs the rotation function: AWSPENDING becomes AWSCURRENT when it succeeds.' }, 'Rotate');
      if (answer !== 'Rotate') return;
      await progress(`Rotating ${ref.name}...`, () => service(ref).rotateSecret(ref.name));
      changed(ref);
    }),
  ];
}
