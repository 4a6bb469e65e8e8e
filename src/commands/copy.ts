// Copy a secret's value (or one field of a JSON value), its ARN or its name; open it in the AWS
// console. Copied values leave the clipboard after a while (ui/clipboard.ts).
import * as vscode from 'vscode';
import { consoleUrl, jsonField, jsonFields } from '../model/lifecycle';
import { CURRENT } from '../model/stages';
import { TimedClipboard } from '../ui/clipboard';
import type { UiDeps } from '../ui/deps';
import { command, type Command } from './command';
import { describe, needRef, reading } from './target';

export function copyCommands(deps: UiDeps): Command[] {
  const { prompts, connections, settings } = deps;
  const clipboard = new TimedClipboard(deps.log, () => settings.clipboardClearAfterSeconds());
  const copy = (text: string, what: string) => clipboard.copy(text, what);
  /** A value: the notification says when the clipboard is cleared (never the value). */
  const copyValue = async (text: string, what: string) => {
    await clipboard.copy(text, what);
    const seconds = settings.clipboardClearAfterSeconds();
    const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString();
    void prompts.info(
      seconds > 0
        ? vscode.l10n.t('Copied {0}. The clipboard will be cleared in {1} s (at {2}) if it still holds it.', what, seconds, at)
        : vscode.l10n.t('Copied {0}. It stays on the clipboard: secretsManager.clipboard.clearAfterSeconds is 0.', what),
      {},
    );
  };

  return [
    command('secretsManager.copyValue', async (arg: unknown) => {
      const ref = needRef(arg);
      const value = await reading(deps, vscode.l10n.t('Reading {0}...', ref.name), (signal) => connections.service(ref.connectionId).getSecretValue(ref.name, ref.versionId ? { versionId: ref.versionId } : { versionStage: CURRENT }, signal));
      if (value.data.kind === 'binary') return copyValue(Buffer.from(value.data.bytes).toString('base64'), `${ref.name} (base64)`);
      const fields = jsonFields(value.data.text);
      if (fields && fields.length > 0) {
        const ALL = '\u0000all';
        const key = await prompts.pickOne([{ label: vscode.l10n.t('Whole value'), value: ALL }, ...fields.map((f) => ({ label: f, description: vscode.l10n.t('this field only'), value: f }))], { title: vscode.l10n.t('Copy from {0}', ref.name) });
        if (!key) return;
        return key === ALL ? copyValue(value.data.text, vscode.l10n.t('the value of {0}', ref.name)) : copyValue(jsonField(value.data.text, key), vscode.l10n.t('{0} of {1}', key, ref.name));
      }
      return copyValue(value.data.text, vscode.l10n.t('the value of {0}', ref.name));
    }),
    command('secretsManager.copyArn', async (arg: unknown) => {
      const ref = needRef(arg);
      await copy(ref.arn ?? (await describe(deps, ref)).arn, vscode.l10n.t('the ARN of {0}', ref.name));
    }),
    command('secretsManager.copyName', (arg: unknown) => copy(needRef(arg).name, vscode.l10n.t('the name'))),
    command('secretsManager.openInConsole', async (arg: unknown) => {
      const ref = needRef(arg);
      const c = connections.get(ref.connectionId)!;
      const url = consoleUrl(c.region, ref.name, c.endpoint);
      if (!url) throw new Error(c.endpoint ? vscode.l10n.t('This connection uses a custom endpoint; the AWS console does not show it.') : vscode.l10n.t('The extension does not know the AWS console of {0}.', c.region));
      // Passed as the string it is: a parsed Uri is re-encoded on the way (its query's = and &
      // become %3D and %26), while the extension host's openUri keeps a string as given (checked
      // in VS Code 1.139's extension host: openExternal hands it to openUri, which sends it on).
      await vscode.env.openExternal(url as unknown as vscode.Uri);
    }),
  ];
}
