// Secret documents: the FileSystemProvider (scheme `secretsmanager`), save-to-publish, and the
// languages that keep auto-save away from secrets. Builds them and returns an EditorHandle; the
// commands that open, create, compare and publish documents (src/commands/) receive it.
import * as vscode from 'vscode';
import type { SecretData, SecretTag } from '../aws/types';
import type { DocumentFormat } from '../model/format';
import { documentText, standForVersion } from '../model/secretDocument';
import { SECRET_SCHEME, type SecretDocumentRef } from '../model/secretUri';
import type { UiDeps } from '../ui/deps';
import { saveKey } from '../ui/keys';
import { secretUri } from './documents';
import { LANGUAGE_OF, registerJsonSupport, SecretLanguages } from './languages';
import { PublishFlow } from './publishFlow';
import { Reviews } from './reviews';
import { SecretFileSystem, type SecretDocument } from './secretFileSystem';
import { registerUnpublishedIndicator } from './unpublished';

export { LANGUAGE_OF } from './languages';

export interface EditorHandle {
  readonly fileSystem: SecretFileSystem;
  /** Publishing: the Publish command's flow, writeFile, the save gate and the publish engine. */
  readonly publish: PublishFlow;
  readonly reviews: Reviews;
  /** The URI of a secret document (live, pinned version, or new secret). */
  uriOf(ref: SecretDocumentRef): vscode.Uri;
  /** Opens a secret document the way the commands do: UTF-8, language set before it shows, never a preview tab. */
  open(uri: vscode.Uri, column?: vscode.ViewColumn): Promise<vscode.TextEditor>;
  /**
   * Puts a stored value into the secret's AWSCURRENT document as an unsaved edit, exactly (or
   * losslessly re-indented JSON) and in its own format: a binary version publishes as binary.
   */
  editAsNewVersion(ref: { connectionId: string; name: string }, data: SecretData): Promise<vscode.TextEditor | undefined>;
  /**
   * Opens a new secret's document (its first save creates the secret), with a value typed in
   * already and the description and tags its CreateSecret sends, if given. Forgotten with the document.
   */
  openNewSecret(ref: { connectionId: string; name: string }, options?: { text?: string; description?: string; tags?: readonly SecretTag[] }): Promise<vscode.TextEditor>;
  /** The last refusal or failure message of a publish of this document (what the user was told). */
  lastFailure(uri: vscode.Uri): string | undefined;
  readonly languages: typeof LANGUAGE_OF;
}

export function registerEditor(deps: UiDeps): EditorHandle {
  const { context, connections, prompts, events, log, settings, errors } = deps;
  const indent = () => settings.jsonIndent();
  const fileSystem = new SecretFileSystem(connections, indent, log);
  const reviews = new Reviews();
  const publish = new PublishFlow(fileSystem, reviews, connections, prompts, events, log, errors, () => ({ ...settings.publish(), indent: indent(), productionAccounts: settings.productionAccounts() }));
  fileSystem.writeHandler = (doc, content) => publish.write(doc, content);
  const languages = new SecretLanguages(fileSystem);
  const open = async (uri: vscode.Uri, column?: vscode.ViewColumn) => {
    // Secret values are UTF-8 whatever files.encoding says (another encoding would change them).
    const document = await languages.apply(await vscode.workspace.openTextDocument(uri, { encoding: 'utf8' }));
    return vscode.window.showTextDocument(document, { preview: false, viewColumn: column });
  };

  /**
   * Per document, the texts a restore switched between (what was there, what was restored) and
   * the format and BOM each publishes in: Undo and Redo of a restore bring the text back, not the format.
   */
  const restores = new Map<string, { doc: SecretDocument; states: { text: string; format: DocumentFormat; bom: boolean }[] }>();
  const editAsNewVersion = async (ref: { connectionId: string; name: string }, data: SecretData) => {
    const live = secretUri({ connectionId: ref.connectionId, name: ref.name });
    const opened = await open(live);
    const doc = await fileSystem.resolve(live);
    const shown = documentText(data, indent());
    if (opened.document.isDirty && opened.document.getText() !== shown.text) {
      // The user's unpublished edit is theirs: never replaced without asking.
      const answer = await prompts.warn(
        vscode.l10n.t('{0} has unpublished changes in its editor. Replace them with this version\'s value?', ref.name),
        { modal: true, detail: vscode.l10n.t('Your unsaved text is replaced in the editor (Undo brings it back). Cancel keeps it: publish or revert it first, then restore the version again.') },
        vscode.l10n.t('Replace'),
      );
      if (answer !== vscode.l10n.t('Replace')) return undefined;
    }
    // Published in the restored value's own format (and BOM) until the document is read again.
    const target = opened.document;
    const states = restores.get(doc.key)?.doc === doc ? restores.get(doc.key)!.states : [];
    states.push({ text: target.getText(), format: doc.format, bom: doc.bom }, { text: shown.text, format: shown.format, bom: shown.bom });
    restores.set(doc.key, { doc, states });
    doc.format = shown.format;
    doc.bom = shown.bom;
    await opened.edit((b) => b.replace(new vscode.Range(target.positionAt(0), target.positionAt(target.getText().length)), shown.text));
    if (target.languageId !== LANGUAGE_OF[shown.format]) await vscode.languages.setTextDocumentLanguage(target, LANGUAGE_OF[shown.format]);
    return opened;
  };

  const openNewSecret = async (ref: { connectionId: string; name: string }, options: { text?: string; description?: string; tags?: readonly SecretTag[] } = {}) => {
    const uri = secretUri({ ...ref, create: true });
    const opened = await open(uri);
    const doc = await fileSystem.resolve(uri);
    if (options.description || options.tags?.length) doc.createWith = { description: options.description, tags: options.tags ?? [] };
    if (options.text) await opened.edit((b) => b.insert(new vscode.Position(0, 0), options.text!));
    return opened;
  };

  const setReviewContext = () => void vscode.commands.executeCommand('setContext', 'secretsManager.publishPending', reviews.has());
  /** Documents of secrets with no version whose first open said so. */
  const toldEmpty = new Set<string>();
  const cleanChecks = new Map<string, NodeJS.Timeout>();
  const tabUris = (tab: vscode.Tab): vscode.Uri[] =>
    tab.input instanceof vscode.TabInputText ? [tab.input.uri] : tab.input instanceof vscode.TabInputTextDiff ? [tab.input.original, tab.input.modified] : [];
  /**
   * Forgets a secret document once nothing shows it: no tab, no unsaved text. Changing a
   * document's language closes and reopens it, so this waits a moment and looks again.
   */
  const forgetLater = (uri: vscode.Uri) => {
    const key = uri.toString();
    setTimeout(() => {
      const shown = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => tabUris(t).some((u) => u.toString() === key)));
      const document = vscode.workspace.textDocuments.find((o) => o.uri.toString() === key);
      if (shown || document?.isDirty) return;
      if (document && !document.isClosed && vscode.window.visibleTextEditors.some((ed) => ed.document === document)) return;
      reviews.end(uri);
      restores.delete(key);
      publish.documentClosed(uri);
      fileSystem.forget(uri);
      languages.forget(uri);
      toldEmpty.delete(key);
    }, 1000);
  };

  context.subscriptions.push(
    fileSystem,
    reviews,
    publish,
    vscode.workspace.registerFileSystemProvider(SECRET_SCHEME, fileSystem, { isCaseSensitive: true }),
    vscode.workspace.onWillSaveTextDocument((e) => {
      if (e.document.uri.scheme === SECRET_SCHEME) publish.gate.noteSaveReason(e.document.uri, e.reason);
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.scheme !== SECRET_SCHEME) return;
      if (d.encoding !== 'utf8' && !d.isDirty) {
        // Opened by VS Code itself (a diff, a restored tab) with the user's files.encoding:
        // secret values are UTF-8, so read it again as UTF-8.
        log.debug(`Reopening ${d.uri.path} as UTF-8 (it opened as ${d.encoding})`);
        void Promise.resolve(vscode.workspace.openTextDocument(d.uri, { encoding: 'utf8' })).catch(() => undefined);
      }
      void languages.apply(d);
      // A secret with no version yet opens empty: say so, once per document.
      const doc = fileSystem.get(d.uri);
      if (doc?.noVersion && !doc.ref.create && !toldEmpty.has(doc.key)) {
        toldEmpty.add(doc.key);
        void prompts.info(vscode.l10n.t('{0} has no value yet (it was created without one). Type its first value, then save ({1}) to publish it: the first version gets AWSCURRENT.', doc.ref.name, saveKey()), {});
      }
    }),
    // Keep nothing of a closed secret in memory: when VS Code disposes its document, or when its
    // last tab closes (VS Code may keep a document with no tab open for minutes).
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === SECRET_SCHEME) forgetLater(d.uri);
    }),
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.closed) for (const uri of tabUris(tab)) if (uri.scheme === SECRET_SCHEME) forgetLater(uri);
      // A review ends when its diff is closed.
      reviews.endClosed();
    }),
    // A clean document always shows what it stands for: after a publish found on a later attempt,
    // the user may have typed the old text back, which VS Code then calls clean. Checked a moment
    // after the edit: the event can arrive before VS Code has told the extension host the document
    // is dirty.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.scheme !== SECRET_SCHEME || e.contentChanges.length === 0) return;
      const key = e.document.uri.toString();
      clearTimeout(cleanChecks.get(key));
      cleanChecks.set(key, setTimeout(() => {
        cleanChecks.delete(key);
        const doc = fileSystem.get(e.document.uri);
        if (!doc || doc.readonly || e.document.isClosed) return;
        // Undone or redone to a text a restore switched between: the format that text publishes in.
        const restored = restores.get(key);
        const state = restored?.doc === doc ? [...restored.states].reverse().find((x) => x.text === e.document.getText()) : undefined;
        if (state) {
          doc.format = state.format;
          doc.bom = state.bom;
        }
        if (e.document.isDirty) return;
        if (e.document.getText() !== doc.cleanText) fileSystem.show(doc, doc.cleanText);
        // Undone or typed back after a restore: the document publishes as its version again.
        standForVersion(doc, indent());
      }, 150));
    }),
    // Another action changed a secret (promote, label, rotate...): re-read its open documents
    // that have no unpublished edit. Dirty ones are left alone: their save checks for conflicts.
    events.onDidChangeSecret((change) => {
      if (publish.isFiring(change.connectionId, change.secretId)) return;
      for (const doc of fileSystem.all()) {
        if (doc.ref.connectionId !== change.connectionId || doc.ref.name !== change.secretId || doc.ref.create) continue;
        const opened = vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString());
        if (!opened?.isDirty) void fileSystem.refresh(doc.uri);
      }
    }),
    // After a new secret's first save: its tab becomes the normal AWSCURRENT document.
    publish.onDidCreateSecret(async (doc) => {
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
    reviews.onDidChange(setReviewContext),
    ...registerJsonSupport(indent),
    ...registerUnpublishedIndicator(),
  );
  setReviewContext();
  for (const d of vscode.workspace.textDocuments) void languages.apply(d);

  return {
    fileSystem,
    publish,
    reviews,
    uriOf: (ref) => secretUri(ref),
    open,
    editAsNewVersion,
    openNewSecret,
    lastFailure: (uri) => publish.lastFailure(uri),
    languages: LANGUAGE_OF,
  };
}
