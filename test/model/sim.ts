// A stand-in for VS Code around the real publish engine, for the model-based test in plain Node:
// one secret document with VS Code's save semantics (dirty until saved, a save runs the
// provider's writeFile, a revert reads the document again), the editor's publish glue in the same
// order as src/editor/publishFlow.ts (prepare, send, save; then the document update, the check
// after the write and the message), and scripted answers to every question the engine asks.
// Everything the user is shown, and every log line, is recorded for the leak check.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsSecretsService } from '../../src/aws/service';
import type { Logger, SecretData } from '../../src/aws/types';
import { NotPublished, PublishEngine, type Published, type Question } from '../../src/model/publishEngine';
import type { PublishIntent } from '../../src/model/publishIntent';
import { documentText, readSecretDocument, standForVersion, type DocumentBase } from '../../src/model/secretDocument';
import { toSecretUri } from '../../src/model/secretUri';
import { validateLabels } from '../../src/model/validate';

export const EDITOR_KEY = 'AKIDEDITOREXAMPLE';

/** How the user answers one question: the index of a button (past the last = dismiss), maybe after another writer acts. */
export interface Answer {
  readonly button: number;
  /** Something another writer does while the dialog is open. */
  readonly meanwhile?: () => Promise<void>;
}

export interface Shown {
  readonly step: number;
  readonly kind: 'question' | 'notice' | 'outcome' | 'error' | 'progress';
  readonly text: string;
  readonly buttons?: readonly string[];
  readonly answer?: string;
}

interface SimDocument {
  base: DocumentBase;
  text: string;
  /** The text VS Code last loaded or saved: the document is dirty when `text` differs. */
  saved: string;
}

class RecordingLog implements Logger {
  readonly lines: string[] = [];
  trace(m: string) { this.lines.push(m); }
  debug(m: string) { this.lines.push(m); }
  info(m: string) { this.lines.push(m); }
  warn(m: string) { this.lines.push(m); }
  error(m: string) { this.lines.push(m); }
}

export class SimEditor {
  readonly shown: Shown[] = [];
  readonly log = new RecordingLog();
  /** Every intent the engine fixed, with whether the user's last answer (or the setting) confirmed it. */
  readonly fixed: { intent: PublishIntent; confirmedBy: string }[] = [];
  step = 0;
  doc: SimDocument | undefined;
  private answers: Answer[] = [];
  private labels: string[] = [];
  private lastAnswer: string | undefined;
  private cancelNextRead = false;
  /** Something the user does while the next read or the next write of a publish is under way (non-modal progress). */
  private during: { at: 'read' | 'write'; act: () => Promise<void> } | undefined;
  /** Bumped when the document is read again or closed: what the user had before is gone. */
  private epoch = 0;
  /** The epoch each publish under way started in, and its order (a publish started while another runs nests). */
  private readonly sessions: { epoch: number; seq: number }[] = [];
  private started = 0;
  /** The latest-started publish whose write has been answered. */
  private landed = 0;
  /** Writes that went out after the document they were confirmed in was reverted, refreshed or closed. */
  readonly sentAfterDiscard: string[] = [];
  /** Writes of a save that went out after a later save of the same document had published. */
  readonly olderAfterNewer: string[] = [];
  private readonly engine: PublishEngine;
  private readonly service: AwsSecretsService;
  private readonly key: string;
  private tokens = 0;

  constructor(
    endpoint: string,
    readonly connectionId: string,
    readonly name: string,
    private readonly settings: { confirm: boolean },
    private readonly seed: string,
  ) {
    this.service = new AwsSecretsService(
      { id: connectionId, region: 'us-east-1', endpoint },
      {
        logger: this.log,
        // One attempt: a fault surfaces to the user at once (the SDK's own retries reuse the same
        // request, token included; they are tested with the AWS layer).
        clientFactory: async () =>
          new SecretsManagerClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: EDITOR_KEY, secretAccessKey: 'x' }, maxAttempts: 1 }),
      },
    );
    const ref = { connectionId, name };
    const uri = toSecretUri(ref);
    this.key = `${uri.scheme}://${uri.authority}${uri.path}`;
    this.engine = new PublishEngine({
      service: async () => this.service,
      connectionLabel: () => `sim · us-east-1 · ${endpoint}`,
      ask: (q) => this.ask(q),
      pickLabels: async () => {
        const problem = validateLabels(this.labels);
        if (problem) throw new NotPublished(`Not published: ${problem}`, 'refused');
        this.lastAnswer = 'labels';
        return [...this.labels];
      },
      read: async (title, work) => {
        this.record('progress', title);
        await this.interrupt('read');
        const abort = new AbortController();
        if (this.cancelNextRead) {
          this.cancelNextRead = false;
          setTimeout(() => abort.abort(), 2);
        }
        return work(abort.signal).catch((err) => {
          if (abort.signal.aborted) throw Object.assign(new Error('Canceled'), { name: 'Canceled' });
          throw err;
        });
      },
      write: async (title, work) => {
        this.record('progress', title);
        const session = this.sessions[this.sessions.length - 1];
        if (session !== undefined && session.epoch !== this.epoch) this.sentAfterDiscard.push(title);
        if (session !== undefined && session.seq < this.landed) this.olderAfterNewer.push(title);
        // What the user does now happens while the request is in flight.
        await this.interrupt('write');
        const result = await work();
        if (session !== undefined) this.landed = Math.max(this.landed, session.seq);
        return result;
      },
      notify: (m) => this.record('notice', m),
      settings: () => ({ confirm: this.settings.confirm, publishJsonAs: 'compact', indent: 2 }),
      log: this.log,
      now: () => new Date(),
      newToken: () => {
        // 36 characters with a distinct 8-character prefix (messages name versions by it).
        const n = ++this.tokens;
        const prefix = (parseInt(this.seed, 36) * 131 + n * 7919).toString(16).padStart(8, '0').slice(-8);
        return `${prefix}-e0e0-4000-8000-${String(n).padStart(12, '0')}`;
      },
    });
    const set = this.engine.intents.set.bind(this.engine.intents);
    this.engine.intents.set = (intent) => {
      this.fixed.push({ intent, confirmedBy: this.settings.confirm ? this.lastAnswer ?? 'nothing' : 'setting' });
      set(intent);
    };
  }

  get intents(): number {
    return this.engine.intents.size;
  }

  /** No write of the document's intent is awaiting its outcome (a lost answer not yet looked up). */
  get outcomeKnown(): boolean {
    return this.engine.intents.get(this.key)?.state !== 'sent';
  }

  /** Answers for the questions of the next user step, the labels its picker returns, and whether its first read is cancelled. */
  script(answers: Answer[], labels: string[] = [], cancelRead = false): void {
    this.answers = [...answers];
    this.labels = labels;
    this.cancelNextRead = cancelRead;
    this.lastAnswer = undefined;
  }

  /** The next read (or write) of a publish runs `act` first, as a user acting while its progress shows. */
  duringNext(at: 'read' | 'write' | undefined, act?: () => Promise<void>): void {
    this.during = at && act ? { at, act } : undefined;
  }

  /** The scripted answers left, taken away (a save started in the middle of another answers its own). */
  takeScript(): { answers: Answer[]; labels: string[]; lastAnswer?: string } {
    const taken = { answers: this.answers, labels: this.labels, lastAnswer: this.lastAnswer };
    this.answers = [];
    return taken;
  }

  restoreScript(s: { answers: Answer[]; labels: string[]; lastAnswer?: string }): void {
    this.answers = s.answers;
    this.labels = s.labels;
    this.lastAnswer = s.lastAnswer;
  }

  private async interrupt(at: 'read' | 'write'): Promise<void> {
    const d = this.during;
    if (!d || d.at !== at) return;
    this.during = undefined;
    await d.act();
  }

  private record(kind: Shown['kind'], text: string, extra: Partial<Shown> = {}): void {
    this.shown.push({ step: this.step, kind, text, ...extra });
  }

  private async ask(q: Question): Promise<string | undefined> {
    const a = this.answers.shift();
    if (a?.meanwhile) await a.meanwhile();
    const answer = a ? q.buttons[a.button] : undefined;
    this.lastAnswer = answer;
    this.record('question', `${q.message}\n${q.detail ?? ''}`, { buttons: q.buttons, answer });
    return answer;
  }

  text(): string | undefined {
    return this.doc?.text;
  }

  get dirty(): boolean {
    return !!this.doc && this.doc.text !== this.doc.saved;
  }

  // ---- what VS Code does ------------------------------------------------------------------------

  /** Opens (or re-reads) the document: one GetSecretValue. Fails like VS Code's open: nothing changes. */
  async open(): Promise<boolean> {
    try {
      const read = await readSecretDocument(this.service, { connectionId: this.connectionId, name: this.name }, 2);
      const base: DocumentBase = { key: this.key, ref: { connectionId: this.connectionId, name: this.name }, format: read.format, baseData: read.baseData, baseVersionId: read.baseVersionId, baseCreated: read.baseCreated, bom: read.bom, noVersion: read.noVersion, cleanText: read.text };
      this.doc = { base, text: read.text, saved: read.text };
      return true;
    } catch (err) {
      this.record('error', `Could not open: ${(err as Error).message}`);
      return false;
    }
  }

  edit(text: string): void {
    if (!this.doc) return;
    this.doc.text = text;
    this.showCleanText();
  }

  /**
   * Restore Value / Edit as New Version (editAsNewVersion in src/editor/index.ts, the Replace
   * answered yes): a stored value put in as an unsaved edit, in its own format and BOM.
   */
  restore(data: SecretData): void {
    if (!this.doc) return;
    const shown = documentText(data, 2);
    this.doc.base.format = shown.format;
    this.doc.base.bom = shown.bom;
    this.edit(shown.text);
  }

  /** As the editor does on every change (src/editor/index.ts): a clean document shows what it stands for. */
  private showCleanText(): void {
    const doc = this.doc;
    if (!doc || this.dirty) return;
    if (doc.text !== doc.base.cleanText) {
      doc.text = doc.base.cleanText;
      doc.saved = doc.base.cleanText;
    }
    standForVersion(doc.base, 2);
  }

  /** File: Revert File, or a refresh of a clean document after another action: read again. */
  async revert(): Promise<void> {
    if (!this.doc) return;
    const before = this.doc;
    if (!(await this.open())) {
      // As the provider: a read that fails changes nothing (no reload event; VS Code keeps the document).
      this.doc = before;
      return;
    }
    this.epoch++;
    this.engine.documentReloaded(this.key);
  }

  close(): void {
    this.epoch++;
    this.engine.documentClosed(this.key);
    this.doc = undefined;
  }

  // ---- the editor's publish glue (src/editor/publishFlow.ts) --------------------------------------

  /** Ctrl+S, the editor-title Publish, the Retry button; with pickLabels, "Publish with labels...". */
  async publishCommand(pickLabels = false): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    const text = doc.text;
    this.sessions.push({ epoch: this.epoch, seq: ++this.started });
    try {
      const prepared = await this.engine.prepare(doc.base, text, { pickLabels, dirty: this.dirty });
      // The write happens before VS Code saves; the save only records it.
      const published = await this.engine.complete(doc.base, prepared);
      if (!this.dirty) {
        if (published) await this.finish(published, doc.base);
        else this.record('notice', `${this.name} has no unpublished change.`);
        return;
      }
      if (this.doc !== doc || doc.text !== text) {
        // Typed on while it was sent: the new text stays unsaved (publishFlow.ts does the same).
        if (published) await this.finish(published, doc.base);
        return;
      }
      this.saved(text);
      if (published) await this.finish(published, doc.base);
      else this.record('notice', `No change to ${this.name}: the value equals AWSCURRENT's, so nothing was published.`);
    } catch (err) {
      this.report(err);
    } finally {
      this.sessions.pop();
    }
  }

  /** File > Save (a manual save reaches writeFile without the Publish command's questions first). */
  async fileSave(): Promise<void> {
    if (this.dirty) await this.save();
  }

  /** VS Code's save of File > Save: writeFile asks and sends; it throws to keep the document dirty. */
  private async save(): Promise<boolean> {
    const doc = this.doc!;
    const text = doc.text;
    let published: Published | undefined;
    this.sessions.push({ epoch: this.epoch, seq: ++this.started });
    try {
      const prepared = await this.engine.prepare(doc.base, text, { dirty: true });
      published = await this.engine.complete(doc.base, prepared);
    } catch (err) {
      this.report(err);
      return false;
    } finally {
      this.sessions.pop();
    }
    if (this.doc !== doc) {
      // The document was reverted or closed meanwhile: VS Code has nothing of this save to record.
      if (published) await this.finish(published, doc.base);
      return true;
    }
    this.saved(text);
    if (published) await this.finish(published, doc.base);
    else this.record('notice', `No change to ${this.name}: the value equals AWSCURRENT's, so nothing was published.`);
    return true;
  }

  /** VS Code saved `text`: the provider records it (src/editor/secretFileSystem.ts saved()). */
  private saved(text: string): void {
    this.doc!.saved = text;
    this.doc!.base.cleanText = text;
  }

  private async finish(published: Published, base: DocumentBase): Promise<void> {
    const doc = this.doc;
    const after = published.document;
    // A document with unsaved text keeps it (the user typed on while it was sent), as publishFlow.ts;
    // a closed one is not shown, but the user is still told.
    const clean = !!doc && !this.dirty;
    if (clean && doc!.base !== base) {
      // Read again while it was sent (a revert during the write): read once more, as publishFlow.ts.
      if (!(await this.open())) this.doc = doc;
    } else if (after.kind === 'show' && clean) {
      doc!.text = after.text;
      doc!.saved = after.text;
      doc!.base.cleanText = after.text;
      // The editor's check after the reload's change event (src/editor/index.ts).
      standForVersion(doc!.base, 2);
    } else if (after.kind === 'reload' && clean) {
      // The provider re-reads; VS Code reloads a clean document. On failure it keeps what it shows
      // (and the engine has made the document stand for the version it shows).
      if (!(await this.open())) this.doc = doc;
    } else if (after.kind === 'saved' && clean && doc!.base === base && doc!.text !== base.cleanText) {
      // Typed back to the saved text while it was sent (VS Code then calls it clean): show what it stands for.
      doc!.text = base.cleanText;
      doc!.saved = base.cleanText;
    }
    const outcome = await this.engine.conclude(base, published);
    this.record('outcome', outcome.message);
  }

  private report(err: unknown): void {
    const np = err as { message?: string; reason?: string };
    this.record('error', np.message ?? String(err));
  }

  allText(): string[] {
    return [...this.shown.map((s) => `${s.text}\n${(s.buttons ?? []).join(' ')}`), ...this.log.lines];
  }
}
