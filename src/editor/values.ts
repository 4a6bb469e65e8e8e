// Values shown only on purpose: the "hide values" mode (masked documents, maskedDocuments.ts),
// its context key for the view's title toggle, and the status bar item that says when a secret's
// value is on screen. Built by the composition root; the commands (src/commands/values.ts)
// receive the handle.
import * as vscode from 'vscode';
import { SECRET_SCHEME } from '../model/secretUri';
import type { UiDeps } from '../ui/deps';
import { MASKED_SCHEME, maskedShowsValues, registerMaskedDocuments, type MaskedHandle } from './maskedDocuments';

export interface ValuesHandle {
  readonly masked: MaskedHandle;
  /** The status bar item ("Values visible" / "Values hidden"). */
  readonly status: vscode.StatusBarItem;
  /** Whether an editor on screen shows a secret's value (a secret document, or a masked one with a value revealed). */
  valuesVisible(): boolean;
}

export function registerValues(deps: UiDeps): ValuesHandle {
  const { context, connections, settings, log } = deps;
  const masked = registerMaskedDocuments(context, connections, () => settings.jsonIndent(), log);
  const status = vscode.window.createStatusBarItem('secretsManager.values', vscode.StatusBarAlignment.Left, 49);
  status.name = vscode.l10n.t('Secrets Manager Values');

  const shows = (uri: vscode.Uri) => uri.scheme === SECRET_SCHEME || (uri.scheme === MASKED_SCHEME && maskedShowsValues(masked.view(uri)));
  const onScreen = (): vscode.Uri[] => {
    const uris = vscode.window.visibleTextEditors.map((e) => e.document.uri);
    // A diff shows both sides; visibleTextEditors lists them, tabs name them too.
    for (const group of vscode.window.tabGroups.all) {
      const input = group.activeTab?.input;
      if (input instanceof vscode.TabInputTextDiff) uris.push(input.original, input.modified);
      else if (input instanceof vscode.TabInputText) uris.push(input.uri);
    }
    return uris;
  };
  const valuesVisible = () => onScreen().some(shows);

  const update = () => {
    const hidden = settings.hideValues();
    void vscode.commands.executeCommand('setContext', 'secretsManager.hideValues', hidden);
    const visible = valuesVisible();
    if (visible) {
      status.text = vscode.l10n.t('$(eye) Secret values visible');
      status.tooltip = hidden
        ? vscode.l10n.t('Values are hidden, but a secret value is on screen (a revealed value or an open secret document). Close it, or click to hide values.')
        : vscode.l10n.t('A secret value is on screen. Click to hide values (for screen sharing): secrets then open masked.');
      status.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      status.command = 'secretsManager.hideValues';
      status.show();
    } else if (hidden) {
      status.text = vscode.l10n.t('$(eye-closed) Values hidden');
      status.tooltip = vscode.l10n.t('Secrets open masked; reveal a value on purpose. Click to show values again.');
      status.backgroundColor = undefined;
      status.command = 'secretsManager.showValues';
      status.show();
    } else status.hide();
  };

  context.subscriptions.push(
    status,
    vscode.window.onDidChangeVisibleTextEditors(update),
    vscode.window.tabGroups.onDidChangeTabs(update),
    masked.onDidChange(update),
    settings.onDidChange((affects) => {
      if (affects('hideValues')) update();
    }),
  );
  update();
  return { masked, status, valuesVisible };
}
