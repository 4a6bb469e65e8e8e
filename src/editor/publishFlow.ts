// Publishing a secret document in VS Code: the publish engine (src/model/publishEngine.ts) with
// VS Code's questions, progress and documents. Two ways in, one engine:
// - the Publish command (Ctrl+S / Cmd+S in a secret document, the editor-title button, the diff
//   title, the Retry button of a failure) asks its questions, sends, and only then saves the
//   document: the save gate lets that save through and writeFile records it without a request.
//   Cancelling a question leaves the document dirty with no error; a failure says what to do next.
// - any other explicit save (File > Save, Save All, TextDocument.save()) reaches writeFile
//   directly, which asks the same questions there; a refusal throws (VS Code shows the message).
// Auto-saves never publish (src/editor/saveGate.ts). After a publish the document is updated,
// the labels are checked once more, and the user is told what happened.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { connectionLabel, type ConnectionRegistry } from '../model/connections';
import { confirmProductionTarget } from './productionGate';
import { notPublished, NotPublished, PublishEngine, type Outcome, type OutcomeAction, type Prepared, type Published, type PublishSettings } from '../model/publishEngine';
import { CURRENT, PREVIOUS, shortId } from '../model/stages';
import type { ErrorReporter } from '../ui/errors';
import { saveKey } from '../ui/keys';
import { toFileSystemError } from '../ui/errors';
import type { SecretEvents } from '../ui/events';
import type { ExtensionLog } from '../ui/log';
import type { Prompts } from '../ui/prompts';
import { openDocumentOf, secretUri } from './documents';
import { pickLabels } from './labelPicker';
import type { Reviews } from './reviews';
import { SaveGate } from './saveGate';
import { readOnlyMessage, type SecretDocument, type SecretFileSystem } from './secretFileSystem';

const ACTION_BUTTONS: Record<OutcomeAction, string> = {
  showVersions: vscode.l10n.t('Show Versions'),
  compareWithPrevious: vscode.l10n.t('Compare with Previous'),
  compareDisplaced: 'Compare',
  rollBack: vscode.l10n.t('Roll Back'),
};

/** Runs `fn` once VS Code has finished saving `uri` (writeFile resolves before that), or after 2 s. */
function afterSaved(uri: vscode.Uri, fn: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    sub.dispose();
    clearTimeout(timer);
    fn();
  };
  const sub = vscode.workspace.onDidSaveTextDocument((d) => {
    if (d.uri.toString() === uri.toString()) setTimeout(run, 0);
  });
  const timer = setTimeout(run, 2000);
}

/**
 * The bytes VS Code saved, as text. Secret documents are UTF-8 (their languages default
 * files.encoding to utf8); a leading BOM that an encoding of utf8bom adds is not part of the text.
 */
function decodeSaved(content: Uint8Array): string {
  const bom = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? content.subarray(3) : content);
  } catch {
    throw new NotPublished(
      vscode.l10n.t('Not published: the editor saved bytes that are not UTF-8 (is files.encoding set to another encoding for this document?). Secret documents are UTF-8: reopen the secret, or set files.encoding to utf8 for it, then save again.'),
      'refused',
    );
  }
}

export class PublishFlow implements vscode.Disposable {
  readonly engine: PublishEngine;
  readonly gate = new SaveGate<Prepared>();
  private readonly failures = new Map<string, string>();
  /** Secrets whose change event this flow fires (open documents are not re-read for it). */
  private readonly firing = new Set<string>();
  private readonly pending = new Set<Promise<void>>();
  private readonly created = new vscode.EventEmitter<SecretDocument>();
  /** A new secret's document was saved (the secret exists now). */
  readonly onDidCreateSecret = this.created.event;

  constructor(
    private readonly fs: SecretFileSystem,
    private readonly reviews: Reviews,
    connections: ConnectionRegistry,
    private readonly prompts: Prompts,
    private readonly events: SecretEvents,
    private readonly log: ExtensionLog,
    private readonly errors: ErrorReporter,
    settings: () => PublishSettings,
    now: () => Date = () => new Date(),
  ) {
    this.engine = new PublishEngine({
      service: (id) => connections.serviceFor(id),
      connectionLabel: (id) => {
        const c = connections.get(id);
        return c ? connectionLabel(c) : id;
      },
      ask: (q) => prompts.warn(q.message, { modal: true, detail: q.detail }, ...q.buttons),
      confirmTarget: (id) => confirmProductionTarget(prompts, connections.get(id), settings().productionAccounts ?? []),
      pickLabels: (map, current) => pickLabels(prompts, map, current),
      read: (title, work) => prompts.progress({ title, cancellable: true }, work),
      // Cancellable until the request is sent (the check before it runs under a cancellable
      // progress); once sent, the outcome would be unknown, so the write offers no Cancel.
      write: (title, work) => prompts.progress({ title }, work),
      notify: (message) => void prompts.info(message, {}),
      settings,
      log,
      now,
      newToken: randomUUID,
    });
    fs.onDidReload((doc) => this.engine.documentReloaded(doc.key));
  }

  /** Nothing of a closed document is kept: its intent, its failure, its save reason. */
  documentClosed(uri: vscode.Uri): void {
    this.engine.documentClosed(uri.toString());
    this.failures.delete(uri.toString());
    this.gate.forget(uri);
  }

  /** The last refusal or failure of a publish of this document (what the user was told). */
  lastFailure(uri: vscode.Uri): string | undefined {
    return this.failures.get(uri.toString());
  }

  isFiring(connectionId: string, secretId: string): boolean {
    return this.firing.has(`${connectionId}\n${secretId}`);
  }

  /** Resolves when every publish under way has been checked and reported (tests wait for it). */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  // ---- the Publish command ------------------------------------------------------------------------

  /**
   * Publishes a document's current text: asks first, then saves it. Resolves when done or when
   * the user cancelled (the document stays dirty); shows refusals itself.
   */
  async publishDocument(document: vscode.TextDocument, options: { pickLabels?: boolean } = {}): Promise<void> {
    const doc = await this.fs.resolve(document.uri);
    if (doc.readonly) {
      await this.prompts.info(readOnlyMessage(doc.ref), {});
      return;
    }
    const text = document.getText();
    const review = this.reviews.reviewFor(document.uri);
    try {
      const prepared = await this.engine.prepare(doc, text, { pickLabels: options.pickLabels, reviewed: review?.confirmed, dirty: document.isDirty });
      // The write happens here, before VS Code saves: a failure is reported with its next steps
      // (Retry), never as VS Code's "Failed to save" (whose Save As would write the secret to disk).
      const published = await this.engine.complete(doc, prepared);
      if (!document.isDirty) {
        // Nothing for VS Code to save (the same value with new labels, or an earlier publish that
        // went through and the text put back).
        if (!published) void this.prompts.info(vscode.l10n.t('{0} has no unpublished change.', doc.ref.name), {});
        else this.track(this.finish(doc, published));
        if (review) await this.reviews.close(document.uri);
        return;
      }
      if (document.getText() !== text) {
        // Typed on while it was sent: the new text stays unsaved, the document stands for what was published.
        if (published) this.track(this.finish(doc, published));
        return;
      }
      this.gate.approve(document.uri, text, published ? { kind: 'published', published } : { kind: 'noChange' });
      const saved = await document.save();
      if (saved && review) await this.reviews.close(document.uri);
    } catch (err) {
      await this.report(doc, err, { ...options, text });
    } finally {
      this.gate.withdraw(document.uri);
    }
  }

  /** Shows a refusal from the command path (writeFile's refusals are shown by VS Code). */
  private async report(doc: SecretDocument, err: unknown, options: { pickLabels?: boolean; text?: string } = {}): Promise<void> {
    const np = notPublished(err);
    this.failures.set(doc.uri.toString(), np.message);
    if (np.reason === 'cancelled') {
      this.log.debug(`${doc.ref.name}: not published (cancelled)`);
      return;
    }
    if (np.reason === 'review') {
      await this.openReview(doc, np);
      return;
    }
    this.log.warn(`${doc.ref.name}: not published: ${np.message}`);
    // Retry publishes the same text again: the document's intent makes it the same request. A
    // "Publish with labels..." that failed before its labels were fixed in an intent asks for them
    // again, rather than publishing with the default labels (AWSCURRENT) that nobody chose; unless
    // the document was reverted since (nothing of that publish is left to retry).
    await this.errors.show(np, {
      message: np.message,
      retry: async () => {
        const document = openDocumentOf(doc.uri);
        if (!document) return;
        const relabel = options.pickLabels === true && !this.engine.intents.get(doc.key) && (document.isDirty || document.getText() === options.text);
        await this.publishDocument(document, { pickLabels: relabel });
      },
    });
  }

  private async openReview(doc: SecretDocument, np: NotPublished): Promise<void> {
    this.log.debug(`${doc.ref.name}: not published yet (review)`);
    try {
      await this.reviews.open(doc, { confirmed: np.options.review?.confirmed, versionId: np.options.review?.versionId });
    } catch (err) {
      this.log.warn(`${doc.ref.name}: opening the diff failed: ${err instanceof Error ? err.message : 'error'}`);
    }
  }

  // ---- writeFile ----------------------------------------------------------------------------------

  /** The FileSystemProvider's writeFile for editable documents. Throws to keep the document dirty. */
  async write(doc: SecretDocument, content: Uint8Array): Promise<void> {
    const key = doc.uri.toString();
    try {
      const text = decodeSaved(content);
      const decision = this.gate.decide(doc.uri, text);
      let prepared: Prepared;
      if (decision.kind === 'approved') prepared = decision.approval;
      else if (decision.kind === 'explicit') prepared = await this.engine.prepare(doc, text, { dirty: true });
      else {
        this.log.debug(`${doc.ref.name}: save with reason ${decision.reason ?? 'unknown'} refused: only an explicit save publishes`);
        throw new NotPublished(
          vscode.l10n.t('Not published: auto-save never publishes a secret. Your changes are still in the editor; press {0} (or "Secrets Manager: Publish New Version") to publish them.', saveKey()),
          'cancelled',
        );
      }
      const published = await this.engine.complete(doc, prepared);
      this.failures.delete(key);
      this.fs.saved(doc, content);
      if (!published) {
        void this.prompts.info(vscode.l10n.t('No change to {0}: the value equals AWSCURRENT\'s, so nothing was published.', doc.ref.name), {});
        this.log.info(`${doc.ref.name}: saved without publishing (no change)`);
        return;
      }
      // The document's update and the check after the write wait until VS Code has marked it saved.
      let finished: () => void = () => undefined;
      this.track(new Promise<void>((resolve) => (finished = resolve)));
      afterSaved(doc.uri, () => void this.finish(doc, published).finally(finished));
    } catch (err) {
      const np = notPublished(err);
      this.failures.set(key, np.message);
      if (np.reason === 'review') await this.openReview(doc, np);
      else if (np.reason === 'refused' || np.reason === 'failed') this.log.warn(`${doc.ref.name}: not published: ${np.message}`);
      throw toFileSystemError(np, np.message);
    }
  }

  // ---- after a publish ----------------------------------------------------------------------------

  private track(p: Promise<void>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** The document shows what it stands for now; the labels are checked; the user is told. */
  private async finish(doc: SecretDocument, published: Published): Promise<void> {
    const after = published.document;
    // A document with unsaved text keeps it (the user typed on while it was sent).
    const document = openDocumentOf(doc.uri);
    const clean = !document?.isDirty;
    const reread = this.fs.get(doc.uri);
    // Read again while the write was in flight (a revert): that read may predate the write, so read once more.
    if (reread && reread !== doc && clean) await this.fs.refresh(doc.uri);
    else if (after.kind === 'show' && clean) this.fs.show(doc, after.text);
    else if (after.kind === 'reload' && clean) await this.fs.refresh(doc.uri);
    // Typed back to the saved text while it was sent, which VS Code calls clean: show what was published.
    else if (after.kind === 'saved' && clean && document && this.fs.get(doc.uri) === doc && document.getText() !== doc.cleanText) this.fs.show(doc, doc.cleanText);
    const outcome = await this.engine.conclude(doc, published);
    this.fireChanged(doc, outcome);
    // A new secret's document (also when its create was found on a later attempt and the edit published on top).
    if (doc.ref.create) this.created.fire(doc);
    await this.tell(doc, outcome);
  }

  private fireChanged(doc: SecretDocument, outcome: Outcome): void {
    const { connectionId, name } = doc.ref;
    const key = `${connectionId}\n${name}`;
    this.firing.add(key);
    try {
      this.events.fire({ connectionId, secretId: name, structural: outcome.published.intent.create || doc.ref.create === true, summary: outcome.verification.summary });
    } finally {
      this.firing.delete(key);
    }
  }

  private async tell(doc: SecretDocument, outcome: Outcome): Promise<void> {
    const { published, verification } = outcome;
    const { connectionId, name } = doc.ref;
    const version = (versionId: string, stage?: string) => secretUri({ connectionId, name, versionId, stage, sortedKeys: true });
    const before = published.intent.expected.current;
    const handlers: Record<OutcomeAction, () => unknown> = {
      showVersions: () => vscode.commands.executeCommand('secretsManager.secrets.focus'),
      compareWithPrevious: () =>
        before &&
        vscode.commands.executeCommand('vscode.diff', version(before, published.movedCurrent ? PREVIOUS : CURRENT), version(published.versionId), `${name}: ${shortId(before)} ↔ ${shortId(published.versionId)}`),
      compareDisplaced: () =>
        verification.displaced &&
        vscode.commands.executeCommand('vscode.diff', version(verification.displaced, PREVIOUS), version(published.versionId, CURRENT), `${name}: ${shortId(verification.displaced)} ↔ ${shortId(published.versionId)}`),
      // Promote asks first and says what moves.
      rollBack: () => verification.displaced && vscode.commands.executeCommand('secretsManager.promoteVersion', { ref: { connectionId, name, versionId: verification.displaced, stage: PREVIOUS } }),
    };
    const buttons = outcome.actions.map((a) => ACTION_BUTTONS[a]);
    const show = outcome.level === 'warn' ? this.prompts.warn.bind(this.prompts) : this.prompts.info.bind(this.prompts);
    // Not awaited by the save: a notification stays until the user answers or it times out.
    void show(outcome.message, {}, ...buttons).then(async (choice) => {
      const action = outcome.actions.find((a) => ACTION_BUTTONS[a] === choice);
      if (action) await handlers[action]();
    });
  }

  dispose(): void {
    this.created.dispose();
  }
}
