// A stand-in for VS Code around the real publish engine, for the model-based test in plain Node:
// one secret document with VS Code's save semantics (dirty until saved, a save runs the
// provider's writeFile, a revert reads the document again), the editor's publish glue in the same
// order as src/editor/publishFlow.ts (prepare, send, save; then the document update, the check
// after the write and the message), and scripted answers to every question the engine asks.
// Everything the user is shown, and every log line, is recorded for the leak check.
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsSecretsService } from '../../src/aws/service';
import type { Logger } from '../../src/aws/types';
import { NotPublished, PublishEngine, type Published, type Question } from '../../src/model/publishEngine';
import type { PublishIntent } from '../../src/model/publishIntent';
import { readSecretDocument, type DocumentBase } from '../../src/model/secretDocument';
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
      read: (title, work) => {
        this.record('progress', title);
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
      write: (title, work) => {
        this.record('progress', title);
        return work();
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

  /** Answers for the questions of the next user step, the labels its picker returns, and whether its first read is cancelled. */
  script(answers: Answer[], labels: string[] = [], cancelRead = false): void {
    this.answers = [...answers];
    this.labels = labels;
    this.cancelNextRead = cancelRead;
    this.lastAnswer = undefined;
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

  /** As the editor does on every change (src/editor/index.ts): a clean document shows what it stands for. */
  private showCleanText(): void {
    const doc = this.doc;
    if (doc && !this.dirty && doc.text !== doc.base.cleanText) {
      doc.text = doc.base.cleanText;
      doc.saved = doc.base.cleanText;
    }
  }

  /** File: Revert File, or a refresh of a clean document after another action: read again. */
  async revert(): Promise<void> {
    if (!this.doc) return;
    this.engine.documentReloaded(this.key);
    const before = this.doc;
    if (!(await this.open())) this.doc = before;
  }

  close(): void {
    this.engine.documentClosed(this.key);
    this.doc = undefined;
  }

  // ---- the editor's publish glue (src/editor/publishFlow.ts) --------------------------------------

  /** Ctrl+S, the editor-title Publish, the Retry button; with pickLabels, "Publish with labels...". */
  async publishCommand(pickLabels = false): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    try {
      const prepared = await this.engine.prepare(doc.base, doc.text, { pickLabels, dirty: this.dirty });
      // The write happens before VS Code saves; the save only records it.
      const published = await this.engine.complete(doc.base, prepared);
      if (!this.dirty) {
        if (published) await this.finish(published);
        else this.record('notice', `${this.name} has no unpublished change.`);
        return;
      }
      this.saved(doc.text);
      if (published) await this.finish(published);
      else this.record('notice', `No change to ${this.name}: the value equals AWSCURRENT's, so nothing was published.`);
    } catch (err) {
      this.report(err);
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
    try {
      const prepared = await this.engine.prepare(doc.base, text, { dirty: true });
      published = await this.engine.complete(doc.base, prepared);
    } catch (err) {
      this.report(err);
      return false;
    }
    this.saved(text);
    if (published) await this.finish(published);
    else this.record('notice', `No change to ${this.name}: the value equals AWSCURRENT's, so nothing was published.`);
    return true;
  }

  /** VS Code saved `text`: the provider records it (src/editor/secretFileSystem.ts saved()). */
  private saved(text: string): void {
    this.doc!.saved = text;
    this.doc!.base.cleanText = text;
  }

  private async finish(published: Published): Promise<void> {
    const doc = this.doc!;
    const after = published.document;
    if (after.kind === 'show') {
      doc.text = after.text;
      doc.saved = after.text;
      doc.base.cleanText = after.text;
    } else if (after.kind === 'reload') {
      // The provider re-reads; VS Code reloads a clean document. On failure it keeps what it shows
      // (and the engine has made the document stand for the version it shows).
      if (!(await this.open())) this.doc = doc;
    } else {
      // Published as typed: the document is what was saved (a labels-only resend changes no text).
      doc.saved = doc.text;
    }
    const outcome = await this.engine.conclude(doc.base, published);
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
