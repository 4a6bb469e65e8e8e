// Masked secret documents, for the "hide values" mode (secretsManager.hideValues): a secret opens
// as its JSON structure with every value masked, in a read-only scheme of its own
// (`secretsmanager-masked`, the same authority, path and query as the secret document it stands
// for). A value is shown on request: one key (a CodeLens above it, or Reveal Value... from the
// editor title), or the whole document, which opens the real document (the editable one, for
// AWSCURRENT) in its place. This provider has no write path at all: a mask can never be
// published, because the text that publishes only ever comes from a `secretsmanager:` document.
import * as vscode from 'vscode';
import { maskText, showsAnyValue, type MaskedView, WHOLE } from '../model/mask';
import type { ConnectionRegistry } from '../model/connections';
import { readSecretDocument } from '../model/secretDocument';
import { parseSecretUri, SECRET_SCHEME, type SecretDocumentRef, isSecretDocumentPath } from '../model/secretUri';
import type { DocumentFormat } from '../model/format';
import { toFileSystemError } from '../ui/errors';
import type { ExtensionLog } from '../ui/log';
import { secretUri } from './documents';
import { LANGUAGE_OF } from './languages';

export const MASKED_SCHEME = 'secretsmanager-masked';

interface MaskedDocument {
  readonly ref: SecretDocumentRef;
  /** The value's document text, in memory only (never handed to VS Code unless revealed). */
  text: string;
  format: DocumentFormat;
  revealed: Set<string>;
  view: MaskedView;
  mtime: number;
}

export interface MaskedHandle {
  /** Opens the masked document of a secret document reference. */
  open(ref: SecretDocumentRef): Promise<vscode.TextEditor>;
  /** The masked view of an open masked document (its leaves and what is revealed). */
  view(uri: vscode.Uri): MaskedView | undefined;
  /** Shows (or hides again, with `show` false) values of a masked document, by path. */
  reveal(uri: vscode.Uri, paths: readonly string[], show?: boolean): void;
  /** The real document a masked one stands for. */
  realUri(uri: vscode.Uri): vscode.Uri;
  isMasked(uri: vscode.Uri): boolean;
  /** Fires when what a masked document shows changes (a reveal, a read). */
  readonly onDidChange: vscode.Event<void>;
}

const encode = (text: string) => new TextEncoder().encode(text);

class MaskedFileSystem implements vscode.FileSystemProvider {
  private readonly docs = new Map<string, MaskedDocument>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  readonly shown = new vscode.EventEmitter<void>();

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly indent: () => number,
    private readonly log: ExtensionLog,
  ) {}

  get(uri: vscode.Uri): MaskedDocument | undefined {
    return this.docs.get(uri.toString());
  }

  /** Hides every revealed value again (a secret opened anew starts masked). */
  hideAll(uri: vscode.Uri): void {
    const doc = this.docs.get(uri.toString());
    if (doc && doc.revealed.size > 0) this.reveal(uri, [...doc.revealed], false);
  }

  forget(uri: vscode.Uri): void {
    this.docs.delete(uri.toString());
  }

  private async load(uri: vscode.Uri): Promise<MaskedDocument> {
    const ref = parseSecretUri({ authority: uri.authority, path: uri.path, query: uri.query });
    const service = await this.connections.serviceFor(ref.connectionId);
    const read = await readSecretDocument(service, ref, this.indent());
    const old = this.docs.get(uri.toString());
    const revealed = old?.revealed ?? new Set<string>();
    const doc: MaskedDocument = { ref, text: read.text, format: read.format, revealed, view: maskText(read.text, read.format, revealed, this.indent()), mtime: Date.now() };
    this.docs.set(uri.toString(), doc);
    this.log.info(`Read ${ref.name} for a masked document (${doc.view.leaves.length} values hidden)`);
    return doc;
  }

  reveal(uri: vscode.Uri, paths: readonly string[], show: boolean): void {
    const doc = this.docs.get(uri.toString());
    if (!doc) return;
    for (const p of paths) (show ? doc.revealed.add(p) : doc.revealed.delete(p));
    doc.view = maskText(doc.text, doc.format, doc.revealed, this.indent());
    doc.mtime = Date.now();
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
    this.shown.fire();
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (!isSecretDocumentPath(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    const doc = this.docs.get(uri.toString()) ?? (await this.loadOrThrow(uri));
    return { type: vscode.FileType.File, ctime: doc.mtime, mtime: doc.mtime, size: encode(doc.view.text).byteLength, permissions: vscode.FilePermission.Readonly };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const doc = this.docs.get(uri.toString()) ?? (await this.loadOrThrow(uri));
    return encode(doc.view.text);
  }

  private async loadOrThrow(uri: vscode.Uri): Promise<MaskedDocument> {
    try {
      return await this.load(uri);
    } catch (err) {
      throw toFileSystemError(err);
    }
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Masked secret documents are read-only.'));
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Values are hidden: this masked view cannot be saved. Use "Reveal All Values" to open the document that publishes.'));
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Masked secret documents are read-only.'));
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Masked secret documents are read-only.'));
  }
}

/** CodeLenses above each value of a masked document: Reveal, or Hide once shown. */
class RevealLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  constructor(private readonly fs: MaskedFileSystem) {
    fs.shown.event(() => this.changed.fire());
  }
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const doc = this.fs.get(document.uri);
    if (!doc) return [];
    return doc.view.leaves
      .filter((l) => l.line < document.lineCount)
      .map((l) => new vscode.CodeLens(document.lineAt(l.line).range, l.revealed
        ? { title: vscode.l10n.t('$(eye-closed) Hide {0}', l.label), command: 'secretsManager.hideValue', arguments: [document.uri, l.path] }
        : { title: vscode.l10n.t('$(eye) Reveal {0}', l.label), command: 'secretsManager.revealValue', arguments: [document.uri, l.path] }));
  }
}

export function registerMaskedDocuments(context: vscode.ExtensionContext, connections: ConnectionRegistry, indent: () => number, log: ExtensionLog): MaskedHandle {
  const fs = new MaskedFileSystem(connections, indent, log);
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider(MASKED_SCHEME, fs, { isCaseSensitive: true, isReadonly: true }),
    vscode.languages.registerCodeLensProvider({ scheme: MASKED_SCHEME }, new RevealLenses(fs)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme === MASKED_SCHEME) {
        fs.forget(d.uri);
        fs.shown.fire();
      }
    }),
    fs.shown,
  );
  const maskedUri = (ref: SecretDocumentRef) => secretUri(ref).with({ scheme: MASKED_SCHEME });
  return {
    async open(ref) {
      const uri = maskedUri(ref);
      // Opening again starts masked: what was revealed before (VS Code may keep a closed document) is hidden.
      fs.hideAll(uri);
      let document = await vscode.workspace.openTextDocument(uri);
      const doc = fs.get(uri);
      // The secret languages carry the manifest's defaults that keep inline suggestions and
      // auto-save away (a revealed key is a value on screen).
      const language = doc ? LANGUAGE_OF[doc.format] : LANGUAGE_OF.text;
      if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      fs.shown.fire();
      return editor;
    },
    view: (uri) => fs.get(uri)?.view,
    reveal: (uri, paths, show = true) => fs.reveal(uri, paths, show),
    realUri: (uri) => uri.with({ scheme: SECRET_SCHEME }),
    isMasked: (uri) => uri.scheme === MASKED_SCHEME,
    onDidChange: fs.shown.event,
  };
}

/** Whether a masked view shows values (for the status bar). */
export function maskedShowsValues(view: MaskedView | undefined): boolean {
  return !!view && showsAnyValue(view);
}

export { WHOLE };
