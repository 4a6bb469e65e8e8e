// Keeps unpublished edits visible: a status bar item while secret documents are dirty, and the
// `secretsManager.unpublished` context key (the editor title shows Publish for dirty secrets).
// A dirty secret document also sits in VS Code's backup folder (hot exit) until it is published
// or reverted, which the tooltip says.
import * as vscode from 'vscode';
import { isEditable, parseSecretUri, SECRET_SCHEME } from '../model/secretUri';
import { saveKey } from '../ui/keys';

function dirtySecretDocuments(): vscode.TextDocument[] {
  return vscode.workspace.textDocuments.filter((d) => {
    if (d.uri.scheme !== SECRET_SCHEME || !d.isDirty) return false;
    try {
      return isEditable(parseSecretUri(d.uri));
    } catch {
      return false;
    }
  });
}

export function registerUnpublishedIndicator(): vscode.Disposable[] {
  const item = vscode.window.createStatusBarItem('secretsManager.unpublished', vscode.StatusBarAlignment.Left, 49);
  item.name = vscode.l10n.t('Secrets Manager: Unpublished Changes');
  item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  const key = saveKey();
  const update = () => {
    const dirty = dirtySecretDocuments();
    void vscode.commands.executeCommand('setContext', 'secretsManager.unpublished', dirty.length > 0);
    if (dirty.length === 0) {
      item.hide();
      return;
    }
    const active = vscode.window.activeTextEditor?.document;
    const target = active && dirty.includes(active) ? active : dirty[0];
    item.text = `$(cloud-upload) ${dirty.length === 1 ? vscode.l10n.t('1 unpublished secret') : vscode.l10n.t('{0} unpublished secrets', dirty.length)}`;
    item.tooltip = new vscode.MarkdownString(
      vscode.l10n.t('Secret documents with changes that are **not published** yet.\n\n') +
        vscode.l10n.t('Press {0} in a secret document (or click here) to review and publish a new version. Auto-save never publishes.\n\n', key) +
        vscode.l10n.t('Until you publish or revert, VS Code keeps the unsaved text in its local backup folder (hot exit).'),
    );
    item.command = target === active
      ? { command: 'secretsManager.publish', title: vscode.l10n.t('Publish New Version'), arguments: [target.uri] }
      : { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [target.uri] };
    item.show();
  };
  update();
  return [
    item,
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme === SECRET_SCHEME) update();
    }),
    vscode.workspace.onDidSaveTextDocument(update),
    vscode.workspace.onDidCloseTextDocument(update),
    vscode.window.onDidChangeActiveTextEditor(update),
  ];
}
