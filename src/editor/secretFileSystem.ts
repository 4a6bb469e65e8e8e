// Secret documents, served from memory: never a temporary file. Everything a document needs is
// in its URI (connection, secret, version), so a tab restored after a reload reads itself again
// through connections.serviceFor. Opening costs one GetSecretValue. Saving is publishing,
// delegated to the publish flow; every refusal or failure throws, so VS Code keeps the user's
// text in a dirty editor. Bytes in and out are UTF-8, whatever files.encoding says elsewhere.
import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../model/connections';
import { readSecretDocument, type DocumentBase } from '../model/secretDocument';
import { isEditable, isLiveDocument, isSecretDocumentPath, parseSecretUri, SECRET_SCHEME, titleLabel, type SecretDocumentRef } from '../model/secretUri';
import { CURRENT, shortId } from '../model/stages';
import { toFileSystemError } from '../ui/errors';
import type { ExtensionLog } from '../ui/log';

export interface SecretDocument extends DocumentBase {
  readonly uri: vscode.Uri;
  readonly readonly: boolean;
  mtime: number;
  size: number;
  /**
   * The first read after a load or a show, and any read until `freshUntil`, is served from
   * `content` without a request: VS Code stats and reads a document (sometimes twice) right after
   * it was loaded or shown. A later read (a revert) fetches again.
   */
  unread: boolean;
  freshUntil: number;
  content: Uint8Array;
}

/** Publishes a document's new content; throws to refuse. Implemented by the publish flow. */
export type WriteHandler = (doc: SecretDocument, content: Uint8Array) => Promise<void>;

export function readOnlyMessage(ref: SecretDocumentRef): string {
  if (ref.replicaOf) {
    return vscode.l10n.t('{0} is a replica of the secret in {1}: Secrets Manager changes a replicated secret only in its primary\'s region, so this document is read-only. To change it, open the primary ("Open Primary").', ref.name, ref.replicaOf);
  }
  return vscode.l10n.t('{0} ({1}) is a read-only version: only the AWSCURRENT document publishes. To publish this value as a new version, use "Edit as New Version"; to make this version current without a new version, use "Promote to AWSCURRENT" on it in the Secrets Manager view.', ref.name, titleLabel(ref));
}

const encode = (text: string) => new TextEncoder().encode(text);

/** How long a document just loaded or shown is served from memory (see SecretDocument.freshUntil). */
const FRESH_MS = 500;

export class SecretFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly docs = new Map<string, SecretDocument>();
  private readonly loading = new Map<string, Promise<SecretDocument>>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly reloaded = new vscode.EventEmitter<SecretDocument>();
  /** A document that was already open was read again (revert, refresh): what it stood for is gone. */
  readonly onDidReload = this.reloaded.event;
  writeHandler: WriteHandler | undefined;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly indent: () => number,
    private readonly log: ExtensionLog,
  ) {}

  get(uri: vscode.Uri): SecretDocument | undefined {
    return this.docs.get(uri.toString());
  }

  /** The document behind a URI, reading it when it is not in memory. */
  async resolve(uri: vscode.Uri): Promise<SecretDocument> {
    return this.docs.get(uri.toString()) ?? this.wrap(uri, () => this.load(uri));
  }

  all(): SecretDocument[] {
    return [...this.docs.values()];
  }

  /** Reads (or re-reads) a document from Secrets Manager. Concurrent calls share one read. */
  load(uri: vscode.Uri): Promise<SecretDocument> {
    const key = uri.toString();
    let p = this.loading.get(key);
    if (!p) {
      p = this.doLoad(uri).finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }

  private async doLoad(uri: vscode.Uri): Promise<SecretDocument> {
    const ref = parseSecretUri(uri);
    const key = uri.toString();
    const existing = this.docs.get(key);
    if (ref.create) {
      // A new secret: empty until the first save creates it.
      if (existing) return existing;
      const doc: SecretDocument = {
        uri, key, ref, format: 'text', bom: false, noVersion: true, cleanText: '', readonly: false,
        mtime: Date.now(), size: 0, unread: true, freshUntil: Number.MAX_SAFE_INTEGER, content: new Uint8Array(),
      };
      this.docs.set(key, doc);
      return doc;
    }
    const service = await this.connections.serviceFor(ref.connectionId);
    const read = await readSecretDocument(service, ref, this.indent());
    const content = encode(read.text);
    const doc: SecretDocument = {
      uri,
      key,
      ref,
      format: read.format,
      baseData: read.baseData,
      baseVersionId: read.baseVersionId,
      baseCreated: read.baseCreated,
      bom: read.bom,
      noVersion: read.noVersion,
      cleanText: read.text,
      readonly: !isEditable(ref),
      // A re-read keeps the time VS Code last saw (it stats before it reads): a later mtime would
      // make its next save fail with "File Modified Since". refresh() moves it on deliberately.
      mtime: existing?.mtime ?? Date.now(),
      size: content.byteLength,
      unread: true,
      freshUntil: Date.now() + FRESH_MS,
      content,
    };
    this.docs.set(key, doc);
    // l10n-ignore: a log line
    const what = read.noVersion ? 'no version yet' : `version ${shortId(read.baseVersionId!)}, ${read.format}`;
    this.log.debug(`Opened ${ref.name} ${isLiveDocument(ref) ? CURRENT : titleLabel(ref)} (${what}) on ${ref.connectionId}`);
    if (existing) this.reloaded.fire(doc);
    return doc;
  }

  /** After a publish (or a save that changed nothing): the document's text is what VS Code saved. */
  saved(doc: SecretDocument, content: Uint8Array): void {
    doc.cleanText = new TextDecoder().decode(content);
    doc.content = content;
    doc.size = content.byteLength;
    doc.mtime = Date.now();
  }

  /** Shows `text` in a document that is not dirty (VS Code reloads it), without a request. */
  show(doc: SecretDocument, text: string): void {
    this.saved(doc, encode(text));
    // VS Code reads it back at once: serve this text, not a new request.
    doc.unread = true;
    doc.freshUntil = Date.now() + FRESH_MS;
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri: doc.uri }]);
  }

  /**
   * Re-read a document that is not dirty and tell VS Code, which reloads it (e.g. after another
   * action changed the secret). On failure the document stays as it was.
   */
  async refresh(uri: vscode.Uri): Promise<boolean> {
    if (!this.docs.has(uri.toString())) return false;
    try {
      const doc = await this.load(uri);
      doc.mtime = Date.now();
      this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
      return true;
    } catch (err) {
      this.log.debug(`Refreshing ${uri.path} failed: ${err instanceof Error ? err.message : 'error'}`);
      return false;
    }
  }

  forget(uri: vscode.Uri): void {
    this.docs.delete(uri.toString());
  }

  // ---- FileSystemProvider -----------------------------------------------------------------
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    if (!isSecretDocumentPath(uri.path)) {
      // "/prod/orders" of "/prod/orders/db (AWSCURRENT)": VS Code stats parents (e.g. before a
      // write); answer as a read-only folder.
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    }
    const doc = await this.resolve(uri);
    return {
      type: vscode.FileType.File,
      ctime: doc.mtime,
      mtime: doc.mtime,
      size: doc.size,
      permissions: doc.readonly ? vscode.FilePermission.Readonly : undefined,
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    let doc = this.docs.get(uri.toString());
    // A read of a document with unsaved changes is a revert: it always reads Secrets Manager again.
    const reverting = vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === uri.toString());
    if (!doc || reverting || (!doc.unread && Date.now() > doc.freshUntil)) doc = await this.wrap(uri, () => this.load(uri));
    doc.unread = false;
    return doc.content;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const doc = await this.resolve(uri);
    if (doc.readonly) throw vscode.FileSystemError.NoPermissions(readOnlyMessage(doc.ref));
    if (!this.writeHandler) throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Publishing is not available.'));
    await this.writeHandler(doc, content);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Secret documents have no folders.'));
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Delete a secret from the Secrets Manager view.'));
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Secrets cannot be renamed.'));
  }

  /** Turns service errors into FileSystemErrors with the same (value-free) message. */
  private async wrap<T>(uri: vscode.Uri, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (err) {
      this.log.warn(`Reading ${uri.path}: ${err instanceof Error ? err.message : 'Could not read the secret.'}`);
      throw toFileSystemError(err);
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.reloaded.dispose();
    this.docs.clear();
  }
}

export function isSecretUri(uri: vscode.Uri): boolean {
  return uri.scheme === SECRET_SCHEME;
}
