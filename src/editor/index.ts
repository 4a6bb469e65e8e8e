// Secret documents: the FileSystemProvider (scheme `secretsmanager`), save-to-publish, and the
// languages that keep auto-save away from secrets. Builds them and returns an EditorHandle; the
// commands that open, create, compare and publish documents (src/commands/) receive it.
import * as vscode from 'vscode';
import { SECRET_SCHEME, type SecretDocumentRef } from '../model/secretUri';
import type { UiDeps } from '../ui/deps';
import { secretUri } from './documents';
import { LANGUAGE_OF, registerJsonSupport, SecretLanguages } from './languages';
import { Publisher } from './publisher';
import { SecretFileSystem } from './secretFileSystem';
import { registerUnpublishedIndicator } from './unpublished';

export { LANGUAGE_OF } from './languages';

export interface EditorHandle {
  readonly fileSystem: SecretFileSystem;
  readonly publisher: Publisher;
  /** The URI of a secret document (live, pinned version, or new secret). */
  uriOf(ref: SecretDocumentRef): vscode.Uri;
  /** Opens a secret document the way the commands do: language set before it shows, never a preview tab. */
  open(uri: vscode.Uri, column?: vscode.ViewColumn): Promise<vscode.TextEditor>;
  /** The last refusal or failure message of a publish of this document (what the user was told). */
  lastFailure(uri: vscode.Uri): string | undefined;
  readonly languages: typeof LANGUAGE_OF;
}

export function registerEditor(deps: UiDeps): EditorHandle {
  const { context, connections, prompts, events, log, settings } = deps;
  const indent = () => settings.jsonIndent();
  const fileSystem = new SecretFileSystem(connections, indent, log);
  const publisher = new Publisher(fileSystem, connections, prompts, events, log, () => settings.publish());
  fileSystem.writeHandler = (doc, content) => publisher.write(doc, content);
  const languages = new SecretLanguages(fileSystem);
  const open = async (uri: vscode.Uri, column?: vscode.ViewColumn) => {
    const document = await languages.apply(await vscode.workspace.openTextDocument(uri));
    return vscode.window.showTextDocument(document, { preview: false, viewColumn: column });
  };

  const setReviewContext = () => void vscode.commands.executeCommand('setContext', 'secretsManager.publishPending', publisher.hasReviews());

  context.subscriptions.push(
    fileSystem,
    publisher,
    vscode.workspace.registerFileSystemProvider(SECRET_SCHEME, fileSystem, { isCaseSensitive: true }),
    vscode.workspace.onWillSaveTextDocument((e) => {
      if (e.document.uri.scheme === SECRET_SCHEME) publisher.noteSaveReason(e.document.uri, e.reason);
    }),
    vscode.workspace.onDidOpenTextDocument((d) => void languages.apply(d)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      // Keep nothing of a closed secret in memory. Changing a document's language closes and
      // reopens it: forget only what stays closed.
      if (d.uri.scheme !== SECRET_SCHEME) return;
      const key = d.uri.toString();
      setTimeout(() => {
        if (vscode.workspace.textDocuments.some((o) => o.uri.toString() === key)) return;
        publisher.endReview(d.uri);
        fileSystem.forget(d.uri);
        languages.forget(d.uri);
      }, 1000);
    }),
    // Another action changed a secret (promote, label, rotate...): re-read its open documents
    // that have no unpublished edit. Dirty ones are left alone: their save checks for conflicts.
    events.onDidChangeSecret((change) => {
      if (publisher.isFiring(change.connectionId, change.secretId)) return;
      for (const doc of fileSystem.all()) {
        if (doc.ref.connectionId !== change.connectionId || doc.ref.name !== change.secretId || doc.ref.create) continue;
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString());
        if (!open?.isDirty) void fileSystem.refresh(doc.uri);
      }
    }),
    // After a new secret's first save: its tab becomes the normal AWSCURRENT document.
    publisher.onDidCreateSecret(async (doc) => {
      const live = secretUri({ connectionId: doc.ref.connectionId, name: doc.ref.name });
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString());
      const column = tabs[0]?.group.viewColumn;
      try {
        await open(live, column);
        if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
      } catch (err) {
        log.warn(`Opening ${doc.ref.name} after creating it failed: ${err instanceof Error ? err.message : 'error'}`);
      }
    }),
    publisher.onDidChangeReviews(setReviewContext),
    vscode.window.tabGroups.onDidChangeTabs(() => {
      // A review ends when its diff is closed.
      const openDiffs = new Set(
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .flatMap((t) => (t.input instanceof vscode.TabInputTextDiff ? [`${t.input.original.toString()}\n${t.input.modified.toString()}`] : [])),
      );
      if (publisher.hasReviews()) publisher.endClosedReviews(openDiffs);
    }),
    ...registerJsonSupport(indent),
    ...registerUnpublishedIndicator(),
  );
  setReviewContext();
  for (const d of vscode.workspace.textDocuments) void languages.apply(d);

  return {
    fileSystem,
    publisher,
    uriOf: (ref) => secretUri(ref),
    open,
    lastFailure: (uri) => publisher.lastFailure(uri),
    languages: LANGUAGE_OF,
  };
}
