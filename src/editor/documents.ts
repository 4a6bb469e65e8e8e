// Opening secret documents, shared by the commands: the right language before the editor shows
// (so VS Code's per-resource auto-save setting is computed for a secret language), never a
// preview tab (a preview would be replaced by the next click and lose the edit's tab).
import * as vscode from 'vscode';
import { toSecretUri, type SecretDocumentRef } from '../model/secretUri';
import { applyLanguage } from './languages';
import type { SecretFileSystem } from './secretFileSystem';

export function secretUri(ref: SecretDocumentRef): vscode.Uri {
  return vscode.Uri.from(toSecretUri(ref));
}

export async function openSecretDocument(fs: SecretFileSystem, uri: vscode.Uri, column?: vscode.ViewColumn): Promise<vscode.TextEditor> {
  // Secret values are UTF-8 whatever files.encoding says (a wrong encoding would change them).
  let document = await vscode.workspace.openTextDocument(uri, { encoding: 'utf8' });
  document = await applyLanguage(fs, document);
  return vscode.window.showTextDocument(document, { preview: false, viewColumn: column });
}

/** The open text document of a URI, if any. */
export function openDocumentOf(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}
