// The references of open documents, checked. Parses each document once per version (the parsers
// of src/model/references), and checks in bursts: a document opened is checked 50 ms later, a
// document edited 400 ms after the last keystroke, and every document due at that moment is
// checked together, with one lookup per connection for all their secrets (the directory
// deduplicates and batches). Diagnostics are set when the burst's lookups are in. Nothing here
// calls AWS per keystroke, and nothing pops up: a failed lookup is a log line and a hover hint.
import * as vscode from 'vscode';
import type { ConnectionSpec, SecretSummary, SecretVersion } from '../aws/types';
import type { ConnectionRegistry } from '../model/connections';
import { resolveConnection, type ConnectionInfo, type Resolution, type ResolveScope } from '../model/references/connection';
import { findingsFor, labelsOf, type CheckContext, type Finding, type Severity } from '../model/references/diagnose';
import { SecretDirectory, type Lookup, type SecretQuery } from '../model/references/directory';
import { KeyCache, type KeyNames } from '../model/references/keys';
import { findReferences } from '../model/references/scan';
import type { SecretReference } from '../model/references/types';
import type { SecretEvents } from '../ui/events';
import type { ExtensionLog } from '../ui/log';
import type { Settings } from '../ui/settings';
import { REFERENCE_SCHEMES } from './selector';

export const OPEN_DELAY_MS = 50;
export const EDIT_DELAY_MS = 400;
/** Larger documents are not read for references (minified bundles, data dumps). */
const MAX_DOCUMENT_CHARS = 2_000_000;
/** Schemes of documents that may hold references: files (local or remote), untitled, virtual workspaces. */
const SCHEMES = REFERENCE_SCHEMES;
/** At most this many "did you mean" searches (one ListSecrets each) per burst. */
const NEAR_SEARCHES_PER_BURST = 10;

export interface EngineDeps {
  readonly connections: ConnectionRegistry;
  readonly settings: Settings;
  readonly log: ExtensionLog;
  readonly events: SecretEvents;
  /** The secrets the tree has loaded for a connection. */
  readonly loaded: (connectionId: string) => readonly SecretSummary[];
  /** The active connection's id (the only one, or the one selected in the view). */
  readonly active: () => string | undefined;
  /** Runs background requests (no MFA prompt may interrupt the user for them). */
  readonly background: <T>(work: () => Promise<T>) => Promise<T>;
  /** Which documents the features are for (the providers' selector). */
  readonly selector: vscode.DocumentSelector;
  /** A connection's short name, as the view and the status bar write it. */
  readonly connectionLabel: (c: ConnectionSpec) => string;
}

interface Parsed {
  readonly version: number;
  readonly refs: SecretReference[];
}

interface Shown {
  readonly finding: Finding;
  readonly diagnostic: vscode.Diagnostic;
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The id a key check reads a secret by: its ARN (the same secret however references name it). */
const readId = (s: SecretSummary) => s.arn || s.name;

export class ReferenceEngine implements vscode.Disposable {
  readonly directory: SecretDirectory;
  readonly keys: KeyCache;
  readonly collection = vscode.languages.createDiagnosticCollection('secretsManager.references');
  private readonly parsed = new Map<string, Parsed>();
  private readonly shown = new Map<string, Shown[]>();
  private readonly due = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private dueAt = 0;
  private running: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Bursts checked so far (tests and the benchmark count them). */
  bursts = 0;
  /** The last burst: how long its check took (parse, lookups, findings) and how much it checked. */
  lastCheck: { readonly ms: number; readonly references: number; readonly documents: number; readonly phases: Readonly<Record<string, number>> } | undefined;
  private phases: Record<string, number> = {};

  constructor(private readonly deps: EngineDeps) {
    const run = deps.background;
    this.directory = new SecretDirectory({ service: (id) => deps.connections.service(id), loaded: deps.loaded }, { log: deps.log, run });
    this.keys = new KeyCache((id) => deps.connections.service(id), { log: deps.log, run });
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, OPEN_DELAY_MS)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, EDIT_DELAY_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      deps.events.onDidChangeSecret((change) => {
        this.directory.changed(change.connectionId, change.secretId, change.summary, change.structural);
        this.keys.clear(change.connectionId);
        this.scheduleAll(OPEN_DELAY_MS);
      }),
      deps.connections.onDidChange(() => this.scheduleAll(OPEN_DELAY_MS)),
      deps.settings.onDidChange((affects) => {
        if (!affects('references')) return;
        if (!deps.settings.referencesEnabled()) {
          this.collection.clear();
          this.shown.clear();
        }
        // Key names of a connection no longer opted in are dropped.
        for (const c of deps.connections.list()) if (!deps.settings.keyChecksAllowed(c)) this.keys.clear(c.id);
        this.scheduleAll(OPEN_DELAY_MS);
      }),
    );
  }

  /** Whether a document is one the features read. */
  applies(document: vscode.TextDocument): boolean {
    return SCHEMES.has(document.uri.scheme) && vscode.languages.match(this.deps.selector, document) > 0 && document.getText().length <= MAX_DOCUMENT_CHARS;
  }

  /** The document's references, parsed once per version. */
  refs(document: vscode.TextDocument): SecretReference[] {
    if (!this.applies(document)) return [];
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached && cached.version === document.version) return cached.refs;
    const refs = findReferences(document.getText(), document.languageId, document.fileName);
    this.parsed.set(key, { version: document.version, refs });
    return refs;
  }

  /** Every connection, with what is known of its account. */
  connectionInfos(): ConnectionInfo[] {
    return this.deps.connections.list().map((c) => ({ id: c.id, profile: c.profile, region: c.region, label: this.deps.connectionLabel(c), account: this.directory.account(c.id) }));
  }

  /** Where a document's references start from: its folder's choice, the active connection. Read once per document and burst. */
  scopeOf(document: vscode.TextDocument): ResolveScope {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    return { folderChoice: this.deps.settings.referenceConnection(folder?.uri), active: this.deps.active() };
  }

  /** Which connection answers for a reference of this document. */
  resolve(document: vscode.TextDocument, ref: Pick<SecretReference, 'arn' | 'region'>, infos = this.connectionInfos(), scope = this.scopeOf(document)): Resolution {
    return resolveConnection(ref, infos, scope);
  }

  /** The view has loaded secrets of this connection. */
  viewLoaded(connectionId: string): boolean {
    return this.deps.loaded(connectionId).length > 0;
  }

  keysAllowed(connectionId: string): boolean {
    const c = this.deps.connections.get(connectionId);
    return !!c && this.deps.settings.keyChecksAllowed(c);
  }

  /** Checks a document soon, with every other document due by then. */
  schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!this.deps.settings.referencesEnabled() || !this.applies(document)) return;
    this.due.add(document.uri.toString());
    const at = Date.now() + delayMs;
    // An edit pushes the burst back (debounce); an open never brings a pushed-back burst forward.
    if (this.timer && delayMs < EDIT_DELAY_MS && this.dueAt <= at) return;
    clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
  }

  /** Checks every document the user has open (a tab or an editor) again. VS Code keeps closed tabs' documents a while: not those. */
  scheduleAll(delayMs: number): void {
    const shown = new Set<string>();
    for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) if (t.input instanceof vscode.TabInputText) shown.add(t.input.uri.toString());
    for (const e of vscode.window.visibleTextEditors) shown.add(e.document.uri.toString());
    for (const d of vscode.workspace.textDocuments) if (shown.has(d.uri.toString())) this.schedule(d, delayMs);
  }

  /** Forgets everything looked up, and checks every open document again. */
  recheck(): void {
    this.directory.invalidate();
    this.keys.clear();
    this.scheduleAll(0);
  }

  /** Resolves when no burst is waiting or running. */
  async idle(): Promise<void> {
    for (;;) {
      if (this.running) await this.running;
      else if (this.timer) await new Promise((r) => setTimeout(r, Math.max(0, this.dueAt - Date.now()) + 5));
      else return;
    }
  }

  /** The findings shown for a document, with their diagnostics (code actions read the fixes). */
  shownFor(uri: vscode.Uri): readonly Shown[] {
    return this.shown.get(uri.toString()) ?? [];
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.parsed.delete(key);
    this.shown.delete(key);
    this.due.delete(key);
    this.collection.delete(uri);
  }

  private flush(): Promise<void> {
    const previous = this.running ?? Promise.resolve();
    const burst = previous.then(() => this.check()).catch((err) => this.deps.log.warn(`References: a check failed: ${err instanceof Error ? err.message : 'error'}`));
    const running = burst.finally(() => {
      if (this.running === running) this.running = undefined;
    });
    this.running = running;
    return running;
  }

  /** One burst: every due document, one lookup per connection. */
  private async check(): Promise<void> {
    const uris = [...this.due];
    this.due.clear();
    if (!uris.length || !this.deps.settings.referencesEnabled()) return;
    this.bursts++;
    const started = Date.now();
    this.phases = {};
    await this.deps.connections.load();
    const infos = this.connectionInfos();
    const docs = uris
      .map((u) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === u))
      .filter((d): d is vscode.TextDocument => !!d && !d.isClosed);
    const parseStarted = Date.now();
    const items = docs.map((document) => {
      const scope = this.scopeOf(document);
      return { document, version: document.version, refs: this.refs(document).map((ref) => ({ ref, resolution: this.resolve(document, ref, infos, scope) })) };
    });
    this.phases.parse = Date.now() - parseStarted;
    const contexts = await this.contexts(items.flatMap((i) => i.refs), infos);
    const findingsStarted = Date.now();
    let n = 0;
    for (const item of items) {
      const ctx = contexts.slice(n, n + item.refs.length);
      n += item.refs.length;
      // Edited while it was checked: its next burst will say.
      if (item.document.version !== item.version || item.document.isClosed) continue;
      this.show(item.document, ctx.flatMap((c) => findingsFor(c)));
    }
    this.phases.findings = Date.now() - findingsStarted;
    const count = items.reduce((n, i) => n + i.refs.length, 0);
    this.lastCheck = { ms: Date.now() - started, references: count, documents: items.length, phases: { ...this.phases } };
    const phases = Object.entries(this.phases).map(([k, v]) => `${k} ${v}`).join(', ');
    this.deps.log.debug(`References: checked ${count} reference${count === 1 ? '' : 's'} in ${items.length} document${items.length === 1 ? '' : 's'} in ${Date.now() - started} ms (${phases})`);
  }

  /**
   * What is known about each reference, after one lookup per connection (shared by every
   * document of the burst), the nearby names of missing ones, the versions of pinned ids no
   * label holds, and the key names where key checks may read values.
   */
  async contexts(refs: readonly { ref: SecretReference; resolution: Resolution }[], infos = this.connectionInfos()): Promise<CheckContext[]> {
    const allowed = new Map<string, boolean>();
    const keysAllowed = (c: string) => {
      if (!allowed.has(c)) allowed.set(c, this.keysAllowed(c));
      return allowed.get(c)!;
    };
    const byConnection = new Map<string, Map<string, SecretQuery>>();
    for (const { ref, resolution } of refs) {
      if (!resolution.connectionId) continue;
      let queries = byConnection.get(resolution.connectionId);
      if (!queries) byConnection.set(resolution.connectionId, (queries = new Map()));
      queries.set(ref.secret.text, { id: ref.secret.text, arn: ref.arn });
    }
    const lookups = new Map<string, Map<string, Lookup>>();
    let mark = Date.now();
    const phase = (name: string) => {
      this.phases[name] = (this.phases[name] ?? 0) + Date.now() - mark;
      mark = Date.now();
    };
    await Promise.all([...byConnection].map(async ([id, queries]) => lookups.set(id, await this.directory.lookup(id, [...queries.values()]))));
    phase('lookups');

    // "Did you mean": one search per parent prefix of a missing name (a few per burst, cached).
    const searches = new Map<string, Promise<unknown>>();
    for (const { ref, resolution } of refs) {
      const l = resolution.connectionId ? lookups.get(resolution.connectionId)?.get(ref.secret.text) : undefined;
      if (l?.state !== 'missing' || ref.creates || l.sameName) continue;
      const name = ref.arn ? ref.arn.nameIfComplete ?? ref.arn.resource : ref.secret.text;
      const prefix = parentPrefix(name);
      const key = `${resolution.connectionId}\n${prefix}`;
      if (prefix && !searches.has(key) && searches.size < NEAR_SEARCHES_PER_BURST) searches.set(key, this.directory.search(resolution.connectionId!, prefix));
    }
    await Promise.all(searches.values());
    phase('near');

    const versions = new Map<string, Promise<SecretVersion[] | undefined>>();
    const keys = new Map<string, Promise<KeyNames>>();
    for (const { ref, resolution } of refs) {
      const l = resolution.connectionId ? lookups.get(resolution.connectionId)?.get(ref.secret.text) : undefined;
      if (l?.state !== 'found' || l.summary.deletedDate) continue;
      const s = l.summary;
      const c = resolution.connectionId!;
      if (ref.versionId && !(ref.versionId.text in s.versionsToStages)) {
        const k = `${c}\n${readId(s)}`;
        if (!versions.has(k)) versions.set(k, this.directory.versions(c, readId(s)));
      }
      if (ref.jsonKey && keysAllowed(c) && (!ref.versionStage || labelsOf(s).includes(ref.versionStage.text)) && (!ref.versionId || ref.versionId.text in s.versionsToStages)) {
        const selector = { versionId: ref.versionId?.text, versionStage: ref.versionStage?.text };
        const k = `${c}\n${readId(s)}\n${selector.versionId ?? ''}\n${selector.versionStage ?? ''}`;
        if (!keys.has(k)) keys.set(k, this.keys.load(c, readId(s), selector));
      }
    }
    const versionsDone = new Map<string, SecretVersion[] | undefined>();
    const keysDone = new Map<string, KeyNames>();
    await Promise.all([
      ...[...versions].map(async ([k, p]) => versionsDone.set(k, await p)),
      ...[...keys].map(async ([k, p]) => keysDone.set(k, await p)),
    ]);
    phase('keys');

    const nearby = new Map<string, SecretSummary[]>();
    const nearbyOf = (c: string) => {
      if (!nearby.has(c)) nearby.set(c, this.directory.names(c));
      return nearby.get(c)!;
    };
    return refs.map(({ ref, resolution }) => {
      const c = resolution.connectionId;
      const lookup = c ? lookups.get(c)?.get(ref.secret.text) : undefined;
      const s = lookup?.state === 'found' ? lookup.summary : undefined;
      const selector = `${ref.versionId?.text ?? ''}\n${ref.versionStage?.text ?? ''}`;
      return {
        ref,
        resolution,
        connection: infos.find((i) => i.id === c),
        lookup,
        versions: s && c ? versionsDone.get(`${c}\n${readId(s)}`) : undefined,
        keysAllowed: c ? keysAllowed(c) : false,
        keys: s && c ? keysDone.get(`${c}\n${readId(s)}\n${selector}`) : undefined,
        nearby: lookup?.state === 'missing' && c ? nearbyOf(c) : undefined,
      };
    });
  }

  /** Everything about one reference (a hover, a definition): looked up now if it is not known yet. */
  async context(document: vscode.TextDocument, ref: SecretReference): Promise<CheckContext> {
    await this.deps.connections.load();
    const [ctx] = await this.contexts([{ ref, resolution: this.resolve(document, ref) }]);
    return ctx;
  }

  private show(document: vscode.TextDocument, findings: readonly Finding[]): void {
    const seen = new Set<string>();
    const shown: Shown[] = [];
    for (const finding of findings) {
      const key = `${finding.span.start}:${finding.span.end}:${finding.code}:${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const range = new vscode.Range(document.positionAt(finding.span.start), document.positionAt(finding.span.end));
      const diagnostic = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
      diagnostic.source = 'Secrets Manager';
      diagnostic.code = finding.code;
      shown.push({ finding, diagnostic });
    }
    this.shown.set(document.uri.toString(), shown);
    this.collection.set(document.uri, shown.map((s) => s.diagnostic));
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** Where to look for names near a missing one: its path up to the last "/", or its first word. */
export function parentPrefix(name: string): string | undefined {
  const slash = name.lastIndexOf('/');
  if (slash > 0) return name.slice(0, slash + 1);
  const m = /^[A-Za-z0-9]{3,}[-_.]/.exec(name);
  return m ? m[0] : undefined;
}
