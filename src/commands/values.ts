// The "hide values" mode (for screen sharing): turn it on or off (the view's title toggle, the
// status bar), reveal one value of a masked document or hide it again, and reveal the whole
// document, which opens the real one (the document that edits and publishes) in its place.
import * as vscode from 'vscode';
import type { EditorHandle } from '../editor';
import { WHOLE } from '../editor/maskedDocuments';
import type { ValuesHandle } from '../editor/values';
import { parseSecretUri, SECRET_SCHEME } from '../model/secretUri';
import type { UiDeps } from '../ui/deps';
import { command, type Command } from './command';

const ALL = '\u0000all';

export function valueCommands(deps: UiDeps, editor: Pick<EditorHandle, 'open'>, values: ValuesHandle): Command[] {
  const { prompts, settings } = deps;
  const { masked } = values;

  const maskedTarget = (arg: unknown): vscode.Uri => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri || !masked.isMasked(uri)) throw new Error(vscode.l10n.t('Open a secret while values are hidden: this acts on its masked document.'));
    return uri;
  };

  const revealAll = async (uri: vscode.Uri) => {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    await editor.open(masked.realUri(uri));
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  };

  return [
    command('secretsManager.hideValues', async () => {
      await settings.setHideValues(true);
      // Secret documents already on screen are put behind their masked view, unless they hold
      // unsaved text (closing them would ask to save, which publishes).
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === SECRET_SCHEME);
      const clean = tabs.filter((t) => !t.isDirty);
      const refs = clean.map((t) => parseSecretUri((t.input as vscode.TabInputText).uri)).filter((r) => !r.create);
      if (clean.length) await vscode.window.tabGroups.close(clean);
      for (const ref of refs) await masked.open(ref);
      const dirty = tabs.length - clean.length;
      if (dirty > 0) void prompts.warn(vscode.l10n.t('Values are hidden from now on, but {0} secret document(s) with unpublished changes still show their values. Publish or revert them, then close them.', dirty), {});
    }),
    command('secretsManager.showValues', () => settings.setHideValues(false)),
    command('secretsManager.revealValue', async (arg?: unknown, path?: unknown) => {
      const uri = maskedTarget(arg);
      if (typeof path === 'string') return masked.reveal(uri, [path]);
      const view = masked.view(uri);
      const hidden = (view?.leaves ?? []).filter((l) => !l.revealed);
      const picked = await prompts.pickOne(
        [
          ...hidden.filter((l) => l.path !== WHOLE).map((l) => ({ label: l.label, description: vscode.l10n.t('show this value here, read-only'), value: l.path })),
          { label: vscode.l10n.t('All values'), description: vscode.l10n.t('open the secret document (to edit and publish)'), value: ALL },
        ],
        { title: vscode.l10n.t('Reveal a value'), placeholder: vscode.l10n.t('Which value to put on screen') },
      );
      if (!picked) return;
      if (picked === ALL) return revealAll(uri);
      masked.reveal(uri, [picked]);
    }),
    command('secretsManager.hideValue', (arg?: unknown, path?: unknown) => {
      const uri = maskedTarget(arg);
      const view = masked.view(uri);
      masked.reveal(uri, typeof path === 'string' ? [path] : (view?.leaves ?? []).map((l) => l.path), false);
    }),
    command('secretsManager.revealAllValues', (arg?: unknown) => revealAll(maskedTarget(arg))),
  ];
}
