// Secret document URIs and open documents, shared by the editor and the commands. Opening goes
// through EditorHandle.open (src/editor/index.ts): UTF-8, the right language before the editor
// shows, never a preview tab.
import * as vscode from 'vscode';
import { toSecretUri, type SecretDocumentRef } from '../model/secretUri';

export function secretUri(ref: SecretDocumentRef): vscode.Uri {
  return vscode.Uri.from(toSecretUri(ref));
}

/** The open text document of a URI, if any. */
export function openDocumentOf(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}
