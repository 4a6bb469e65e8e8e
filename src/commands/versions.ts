// Version and lifecycle actions from the tree and the palette: promote (roll back), labels,
// compare, restore an old value, delete and restore a secret, copy, console, description,
// rotation. Destructive actions are confirmed; each refreshes only the affected secret.
import * as vscode from 'vscode';
import type { SecretSummary } from '../aws/types';
import { consoleUrl, jsonField, jsonFields, planPromote, validateRecoveryWindow } from '../model/lifecycle';
import { refOf, type SecretRef } from '../model/refs';
import { toSecretUri } from '../model/secretUri';
import { CURRENT, PREVIOUS, currentVersionId, shortId } from '../model/stages';
import { validateLabel, MAX_LABELS_PER_VERSION } from '../model/validate';
import type { UiDeps } from '../ui/deps';

type Arg = unknown;

/** The secret summary a node carries (secret node or a version's parent), else DescribeSecret. */
async function summaryOf(deps: UiDeps, arg: Arg, ref: SecretRef): Promise<SecretSummary> {
  const fromNode = (arg as { summary?: SecretSummary }).summary ?? (arg as { parent?: { summary?: SecretSummary } }).parent?.summary;
  return fromNode ?? describe(deps, ref);
}

/** A read under a progress notification whose Cancel aborts the request. */
function reading<T>(deps: UiDeps, title: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return deps.prompts.progress({ title, cancellable: true }, body);
}

/** DescribeSecret, cancellable. */
function describe(deps: UiDeps, ref: SecretRef): Promise<SecretSummary> {
  return reading(deps, `Reading ${ref.name}...`, (signal) => deps.connections.service(ref.connectionId).describeSecret(ref.name, signal));
}

function needRef(arg: Arg): SecretRef {
  const ref = refOf(arg);
  if (!ref) throw new Error('Run this from a secret or version in the Secrets Manager view.');
  return ref;
}

export function registerVersionCommands(deps: UiDeps): vscode.Disposable[] {
  const { runner, prompts, connections, events, log, settings } = deps;
  const service = (ref: SecretRef) => connections.service(ref.connectionId);
  const changed = (ref: SecretRef, structural = false) => events.fire({ connectionId: ref.connectionId, secretId: ref.name, structural });
  // Writes: no Cancel once sent (the outcome would be unknown). Reads go through reading().
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

  const copy = async (text: string, what: string) => {
    await vscode.env.clipboard.writeText(text);
    const seconds = settings.clipboardClearAfterSeconds();
    log.info(`Copied ${what} to the clipboard${seconds > 0 ? `; clearing it in ${seconds} s if unchanged` : ''}`);
    if (seconds > 0) {
      setTimeout(async () => {
        if ((await vscode.env.clipboard.readText()) === text) await vscode.env.clipboard.writeText('');
      }, seconds * 1000).unref?.();
    }
    void vscode.window.setStatusBarMessage(`$(check) Copied ${what}${seconds > 0 ? ` (cleared in ${seconds} s)` : ''}`, 3000);
  };

  return [
    runner.register('secretsManager.promoteVersion', async (arg: Arg) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error('Choose a version to promote.');
      await promote(ref, await summaryOf(deps, arg, ref), ref.versionId);
    }),
    runner.register('secretsManager.rollback', async (arg: Arg) => {
      const ref = needRef(arg);
      const summary = await describe(deps, ref);
      const prev = Object.entries(summary.versionsToStages).find(([, s]) => s.includes(PREVIOUS))?.[0];
      if (!prev) throw new Error(`${ref.name} has no AWSPREVIOUS version to roll back to.`);
      await promote(ref, summary, prev);
    }),
    runner.register('secretsManager.addLabel', async (arg: Arg) => {
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
      const holder = Object.entries(summary.versionsToStages).find(([, s]) => s.includes(name))?.[0];
      if (holder) {
        const answer = await prompts.warn(`${name} is on ${shortId(holder)}. Move it to ${shortId(ref.versionId)}?`, { modal: true }, 'Move Label');
        if (answer !== 'Move Label') return;
      }
      await progress(`Labelling ${shortId(ref.versionId)}...`, () =>
        service(ref).updateVersionStage({ secretId: ref.name, label: name, moveToVersionId: ref.versionId, removeFromVersionId: holder }));
      changed(ref);
    }),
    runner.register('secretsManager.removeLabel', async (arg: Arg) => {
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
    runner.register('secretsManager.compareVersions', async (arg: Arg, selected?: Arg[]) => {
      const refs = (selected && selected.length === 2 ? selected : [arg]).map(refOf).filter((r): r is SecretRef => !!r?.versionId);
      let [a, b] = refs;
      if (!b && a) {
        const versions = await reading(deps, `Listing versions of ${a.name}...`, (signal) => service(a!).listVersions(a!.name, true, signal));
        const pick = await prompts.pickOne(
          versions.filter((v) => v.versionId !== a!.versionId).map((v) => ({ label: v.stages.join(', ') || shortId(v.versionId), description: shortId(v.versionId), value: v })),
          { title: `Compare ${shortId(a.versionId!)} with` },
        );
        if (!pick) return;
        b = { ...a, versionId: pick.versionId, stage: pick.stages[0] };
      }
      if (!a || !b) throw new Error('Select two versions of a secret in the Secrets Manager view (Ctrl+click), then Compare Versions.');
      const uri = (r: SecretRef) => vscode.Uri.from(toSecretUri({ connectionId: r.connectionId, name: r.name, versionId: r.versionId, stage: r.stage, sortedKeys: true }));
      await vscode.commands.executeCommand('vscode.diff', uri(a), uri(b), `${a.name}: ${a.stage ?? shortId(a.versionId!)} ↔ ${b.stage ?? shortId(b.versionId!)}`);
    }),
    runner.register('secretsManager.compareWithPrevious', async (arg: Arg) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      const prev = Object.entries(summary.versionsToStages).find(([, s]) => s.includes(PREVIOUS))?.[0];
      if (!prev) throw new Error(`${ref.name} has no AWSPREVIOUS version.`);
      const left = vscode.Uri.from(toSecretUri({ connectionId: ref.connectionId, name: ref.name, versionId: prev, stage: PREVIOUS, sortedKeys: true }));
      const right = vscode.Uri.from(toSecretUri({ connectionId: ref.connectionId, name: ref.name, versionId: ref.versionId ?? currentVersionId(summary.versionsToStages), stage: ref.stage ?? CURRENT, sortedKeys: true }));
      await vscode.commands.executeCommand('vscode.diff', left, right, `${ref.name}: AWSPREVIOUS ↔ ${ref.stage ?? CURRENT}`);
    }),
    runner.register('secretsManager.restoreValue', async (arg: Arg) => {
      const ref = needRef(arg);
      if (!ref.versionId) throw new Error('Choose the version whose value to publish again.');
      const old = await reading(deps, `Reading version ${shortId(ref.versionId)}...`, (signal) => service(ref).getSecretValue(ref.name, { versionId: ref.versionId }, signal));
      const liveUri = vscode.Uri.from(toSecretUri({ connectionId: ref.connectionId, name: ref.name }));
      const document = await vscode.workspace.openTextDocument(liveUri);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      const text = old.data.kind === 'binary' ? Buffer.from(old.data.bytes).toString('base64') : old.data.text;
      const pretty = (() => {
        try {
          return JSON.stringify(JSON.parse(text), null, settings.jsonIndent());
        } catch {
          return text;
        }
      })();
      await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), pretty));
      void prompts.info(`The value of ${shortId(ref.versionId)} is in the editor. Review it and save (Ctrl+S) to publish it as a new version.`, {});
    }),
    runner.register('secretsManager.deleteSecret', async (arg: Arg) => {
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
    runner.register('secretsManager.restoreSecret', async (arg: Arg) => {
      const ref = needRef(arg);
      if (!(await summaryOf(deps, arg, ref)).deletedDate) {
        void prompts.info(`${ref.name} is not scheduled for deletion: there is nothing to restore.`, {});
        return;
      }
      await progress(`Restoring ${ref.name}...`, () => service(ref).restoreSecret(ref.name));
      void prompts.info(`${ref.name} is restored.`, {});
      changed(ref, true);
    }),
    runner.register('secretsManager.copyValue', async (arg: Arg) => {
      const ref = needRef(arg);
      const value = await reading(deps, `Reading ${ref.name}...`, (signal) => service(ref).getSecretValue(ref.name, ref.versionId ? { versionId: ref.versionId } : { versionStage: CURRENT }, signal));
      if (value.data.kind === 'binary') return copy(Buffer.from(value.data.bytes).toString('base64'), `${ref.name} (base64)`);
      const fields = jsonFields(value.data.text);
      if (fields && fields.length > 0) {
        const ALL = '\u0000all';
        const key = await prompts.pickOne([{ label: 'Whole value', value: ALL }, ...fields.map((f) => ({ label: f, description: 'this field only', value: f }))], { title: `Copy from ${ref.name}` });
        if (!key) return;
        return key === ALL ? copy(value.data.text, `the value of ${ref.name}`) : copy(jsonField(value.data.text, key), `${key} of ${ref.name}`);
      }
      return copy(value.data.text, `the value of ${ref.name}`);
    }),
    runner.register('secretsManager.copyArn', async (arg: Arg) => {
      const ref = needRef(arg);
      await copy(ref.arn ?? (await describe(deps, ref)).arn, `the ARN of ${ref.name}`);
    }),
    runner.register('secretsManager.copyName', (arg: Arg) => copy(needRef(arg).name, 'the name')),
    runner.register('secretsManager.openInConsole', async (arg: Arg) => {
      const ref = needRef(arg);
      const c = connections.get(ref.connectionId)!;
      const url = consoleUrl(c.region, ref.name, c.endpoint);
      if (!url) throw new Error(c.endpoint ? 'This connection uses a custom endpoint; the AWS console does not show it.' : `The extension does not know the AWS console of ${c.region}.`);
      // Passed as the string it is: a parsed Uri is re-encoded on the way (its query's = and &
      // become %3D and %26), while the extension host's openUri keeps a string as given (checked
      // in VS Code 1.139's extension host: openExternal hands it to openUri, which sends it on).
      await vscode.env.openExternal(url as unknown as vscode.Uri);
    }),
    runner.register('secretsManager.editDescription', async (arg: Arg) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      const description = await prompts.input({ title: `Description of ${ref.name}`, value: summary.description ?? '', validate: (v) => (v.length > 2048 ? 'At most 2,048 characters.' : undefined) });
      if (description === undefined) return;
      await progress('Saving the description...', () => service(ref).updateDescription(ref.name, description));
      changed(ref);
    }),
    runner.register('secretsManager.editTags', async (arg: Arg) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      const text = await prompts.input({
        title: `Tags of ${ref.name} (key=value, comma-separated; remove a tag by leaving it out)`,
        value: summary.tags.map((t) => `${t.key}=${t.value}`).join(', '),
        validate: (v) => (v.split(',').map((p) => p.trim()).filter(Boolean).every((p) => /^[^=]{1,128}=.{0,256}$/.test(p)) ? undefined : 'Write tags as key=value, separated by commas.'),
      });
      if (text === undefined) return;
      const tags = text.split(',').map((p) => p.trim()).filter(Boolean).map((p) => ({ key: p.slice(0, p.indexOf('=')).trim(), value: p.slice(p.indexOf('=') + 1).trim() }));
      const removed = summary.tags.filter((t) => !tags.some((n) => n.key === t.key)).map((t) => t.key);
      // Tag before untag: when TagResource is refused, no tag has been removed yet.
      await progress('Saving tags...', async () => {
        if (tags.length) await service(ref).tagResource(ref.name, tags);
        if (removed.length) await service(ref).untagResource(ref.name, removed);
      });
      changed(ref);
    }),
    runner.register('secretsManager.rotateNow', async (arg: Arg) => {
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
