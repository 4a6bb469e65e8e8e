// Staging labels from the tree and the palette: promote a version to AWSCURRENT, roll back to
// AWSPREVIOUS, attach (or move) and remove a label. Each asks first and refreshes only the
// affected secret.
import type { SecretSummary } from '../aws/types';
import { planPromote } from '../model/lifecycle';
import type { SecretRef } from '../model/refs';
import { CURRENT, holderOf, PREVIOUS, shortId } from '../model/stages';
import { MAX_LABELS_PER_VERSION, validateLabel } from '../model/validate';
import type { UiDeps } from '../ui/deps';
import { command, type Command } from './command';
import { describe, needRef, summaryOf } from './target';

export function labelCommands(deps: UiDeps): Command[] {
  const { prompts, connections, events, log } = deps;
  const service = (ref: SecretRef) => connections.service(ref.connectionId);
  const changed = (ref: SecretRef) => events.fire({ connectionId: ref.connectionId, secretId: ref.name, structural: false });
  // Writes: no Cancel once sent (the outcome would be unknown).
  const progress = <T>(title: string, body: () => Promise<T>) => prompts.progress({ title }, body);

  const promote = async (ref: SecretRef, summary: SecretSummary, target: string) => {
    const plan = planPromote(summary.versionsToStages, target);
    if (plan.noop) {
      void prompts.info(`${shortId(target)} is already AWSCURRENT.`, {});
      return;
    }
    const answer = await prompts.warn(`Make ${shortId(target)} the current version of ${ref.name}?`, { modal: true, detail: `${plan.moves.join('\n')}\nApplications reading AWSCURRENT get this version's value from now on.` }, 'Promote');
    if (answer !== 'Promote') return;
    await progress(`Promoting ${shortId(target)}...`, () =>
      service(ref).updateVersionStage({ secretId: ref.name, label: CURRENT, moveToVersionId: target, removeFromVersionId: plan.removeFromVersionId }));
    log.info(`Promoted ${ref.name} version ${target} to AWSCURRENT`);
    changed(ref);
  };

  return [
    command('secretsManager.promoteVersion', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error('Choose a version to promote.');
      await promote(ref, await summaryOf(deps, arg, ref), ref.versionId);
    }),
    command('secretsManager.rollback', async (arg: unknown) => {
      const ref = needRef(arg);
      const summary = await describe(deps, ref);
      const prev = holderOf(summary.versionsToStages, PREVIOUS);
      if (!prev) throw new Error(`${ref.name} has no AWSPREVIOUS version to roll back to.`);
      await promote(ref, summary, prev);
    }),
    command('secretsManager.addLabel', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error('Choose a version to label.');
      const summary = await describe(deps, ref);
      const labels = summary.versionsToStages[ref.versionId] ?? [];
      if (labels.length >= MAX_LABELS_PER_VERSION) throw new Error(`This version already has ${MAX_LABELS_PER_VERSION} labels, the most Secrets Manager allows.`);
      const label = await prompts.input({
        title: `Attach a label to ${shortId(ref.versionId)}`,
        placeholder: 'e.g. STAGING',
        validate: (v) => validateLabel(v.trim()) ?? (v.trim() === CURRENT || v.trim() === PREVIOUS ? `Use "Promote to AWSCURRENT" to move ${v.trim()}.` : labels.includes(v.trim()) ? 'This version already has that label.' : undefined),
      });
      if (!label) return;
      const name = label.trim();
      const holder = holderOf(summary.versionsToStages, name);
      if (holder) {
        const answer = await prompts.warn(`${name} is on ${shortId(holder)}. Move it to ${shortId(ref.versionId)}?`, { modal: true }, 'Move Label');
        if (answer !== 'Move Label') return;
      }
      await progress(`Labelling ${shortId(ref.versionId)}...`, () =>
        service(ref).updateVersionStage({ secretId: ref.name, label: name, moveToVersionId: ref.versionId, removeFromVersionId: holder }));
      changed(ref);
    }),
    command('secretsManager.removeLabel', async (arg: unknown) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error('Choose a version.');
      const summary = await summaryOf(deps, arg, ref);
      const removable = (summary.versionsToStages[ref.versionId] ?? []).filter((l) => l !== CURRENT);
      if (removable.length === 0) {
        void prompts.info('AWSCURRENT can be moved (promote another version) but never removed; this version has no other label.', {});
        return;
      }
      const label = await prompts.pickOne(removable.map((l) => ({ label: l, value: l })), { title: `Remove a label from ${shortId(ref.versionId)}` });
      if (!label) return;
      const answer = await prompts.warn(`Remove ${label} from ${shortId(ref.versionId)}?`, { modal: true, detail: 'A version left with no label becomes deprecated; Secrets Manager may delete deprecated versions.' }, 'Remove Label');
      if (answer !== 'Remove Label') return;
      await progress(`Removing ${label}...`, () => service(ref).updateVersionStage({ secretId: ref.name, label, removeFromVersionId: ref.versionId }));
      changed(ref);
    }),
  ];
}
