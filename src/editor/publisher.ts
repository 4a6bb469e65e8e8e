// Save = publish. Validate, check for a conflicting writer (DescribeSecret), show what will move,
// then PutSecretValue (or CreateSecret) with a ClientRequestToken made once per document and
// content and reused on every retry, so a dropped connection never creates a second version.
//
// Two ways in, one flow:
// - the Publish command (Ctrl+S / Cmd+S in a secret document, the editor-title button, the diff
//   title) asks its questions first, then saves the document; its writeFile finds the approved
//   content and only sends it. Cancelling a question leaves the document dirty with no error.
// - any other explicit save (File > Save, Save All, TextDocument.save()) reaches writeFile
//   directly and asks the same questions there; a refusal throws (VS Code shows the message).
// Auto-saves (after a delay, on focus or window change) never publish and never ask: writeFile
// refuses them (see "Auto-save" in CONTRIBUTING.md; the manifest also turns auto-save off for
// secret documents so this refusal is a safety net).
import { createHash, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { SecretData, SecretSummary } from '../aws/types';
import { connectionLabel, type ConnectionRegistry } from '../model/connections';
import { fromDocument, type DocumentFormat, type PublishJsonAs } from '../model/format';
import { holderOf, isNoOp, planCreate, planPublish, versionCountOf, type PublishPlan } from '../model/publishPlan';
import { toSecretUri } from '../model/secretUri';
import { CURRENT, PENDING, PREVIOUS, shortId, sortLabels } from '../model/stages';
import { secretNameAdvice, validateLabel, validateLabels, validateSize, validateText, MAX_LABELS_PER_VERSION } from '../model/validate';
import type { SecretEvents } from '../ui/events';
import type { ExtensionLog } from '../ui/log';
import type { PickItem, Prompts } from '../ui/prompts';
import { openDocumentOf } from './documents';
import { formatOfTypedText, readOnlyMessage, type SecretDocument, type SecretFileSystem } from './secretFileSystem';

export interface PublishSettings {
  confirm: boolean;
  publishJsonAs: PublishJsonAs;
}

export const PUBLISH = 'Publish';
export const WITH_LABELS = 'Publish with labels...';
export const SHOW_DIFF = 'Show diff';
export const COMPARE = 'Compare';
export const OVERWRITE = 'Overwrite';
export const AS_PLAIN_TEXT = 'Publish as Plain Text';
export const PUBLISH_EMPTY = 'Publish Empty Value';
export const CREATE = 'Create';
export const RETRY = 'Retry';
export const SIGN_IN = 'Sign In';

/** Why a publish did not happen. `message` is value-free and says what to do next. */
export class NotPublished extends Error {
  constructor(
    message: string,
    /** cancelled: the user said no; review: a diff is open for review; refused: invalid; failed: AWS said no. */
    readonly reason: 'cancelled' | 'review' | 'refused' | 'failed',
    readonly permission = false,
    /** For a failure: the AWS error kind and the profile it concerns, to offer the next step. */
    readonly cause?: { kind?: string; profile?: string },
  ) {
    super(message);
    this.name = 'NotPublished';
  }
}

/** What was decided before sending: the data, and for an existing secret the plan. */
interface Prepared {
  readonly data: SecretData;
  readonly format: DocumentFormat;
  readonly noOp: boolean;
  readonly create: boolean;
  readonly versionStages?: string[];
  readonly plan?: PublishPlan;
  /** AWSCURRENT before publishing (for "Compare with Previous"). */
  readonly currentBefore?: string;
}

interface Approval {
  readonly hash: string;
  readonly prepared: Prepared;
}

/** A diff opened for review: publishing from its title skips the confirmation it replaced. */
export interface Review {
  readonly documentUri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  /** Hash of the content the user confirmed (Show diff from the confirmation), if any. */
  readonly confirmedHash?: string;
  readonly labels?: string[];
}

/** A save reason is trusted for this long after onWillSaveTextDocument. */
const REASON_TTL_MS = 30_000;

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

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

export class Publisher {
  /** Save reasons from onWillSaveTextDocument, by document URI, consumed by writeFile. */
  private readonly reasons = new Map<string, { reason: vscode.TextDocumentSaveReason; at: number }>();
  /** ClientRequestToken per document, with the hash of the content (and labels) it was made for. */
  private readonly tokens = new Map<string, { token: string; hash: string }>();
  /** Content approved by the Publish command for the save it is about to make. */
  private readonly approvals = new Map<string, Approval>();
  private readonly reviews = new Map<string, Review>();
  private readonly failures = new Map<string, string>();
  /** Secrets whose change event this publisher fired (so open documents are not re-read for it). */
  private readonly firing = new Set<string>();
  private readonly reviewChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeReviews = this.reviewChanged.event;
  private readonly created = new vscode.EventEmitter<SecretDocument>();
  /** A new secret's document was saved (the secret exists now). */
  readonly onDidCreateSecret = this.created.event;

  constructor(
    private readonly fs: SecretFileSystem,
    private readonly connections: ConnectionRegistry,
    private readonly prompts: Prompts,
    private readonly events: SecretEvents,
    private readonly log: ExtensionLog,
    private readonly settings: () => PublishSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  dispose(): void {
    this.reviewChanged.dispose();
    this.created.dispose();
  }

  // ---- bookkeeping ----------------------------------------------------------------------------
  noteSaveReason(uri: vscode.Uri, reason: vscode.TextDocumentSaveReason): void {
    this.reasons.set(uri.toString(), { reason, at: Date.now() });
  }

  /** The last refusal or failure of a publish of this document (what the user was told). */
  lastFailure(uri: vscode.Uri): string | undefined {
    return this.failures.get(uri.toString());
  }

  isFiring(connectionId: string, secretId: string): boolean {
    return this.firing.has(`${connectionId}\n${secretId}`);
  }

  reviewFor(uri: vscode.Uri): Review | undefined {
    const key = uri.toString();
    return this.reviews.get(key) ?? [...this.reviews.values()].find((r) => r.originalUri.toString() === key);
  }

  endReview(uri: vscode.Uri): Review | undefined {
    const review = this.reviewFor(uri);
    if (review) {
      this.reviews.delete(review.documentUri.toString());
      this.reviewChanged.fire();
    }
    return review;
  }

  hasReviews(): boolean {
    return this.reviews.size > 0;
  }

  /** Ends the reviews whose diff is no longer open. */
  endClosedReviews(openDiffs: ReadonlySet<string>): void {
    for (const review of [...this.reviews.values()]) {
      if (!openDiffs.has(`${review.originalUri.toString()}\n${review.documentUri.toString()}`)) this.endReview(review.documentUri);
    }
  }

  /** Opens AWSCURRENT (read-only, pinned) against the edited document. */
  async openReview(doc: SecretDocument, options: { confirmedHash?: string; labels?: string[]; versionId?: string } = {}): Promise<void> {
    const versionId = options.versionId ?? doc.baseVersionId;
    if (!versionId) throw new NotPublished(`${doc.ref.name} has no AWSCURRENT version to compare with.`, 'refused');
    const stage = versionId === doc.baseVersionId ? CURRENT : undefined;
    const originalUri = this.versionUri(doc, versionId, stage);
    const title = `${doc.ref.name}: ${stage ?? shortId(versionId)} ↔ your edit`;
    await vscode.commands.executeCommand('vscode.diff', originalUri, doc.uri, title, { preview: false });
    // Recorded once the diff is open: a review ends when its diff closes.
    this.reviews.set(doc.uri.toString(), { documentUri: doc.uri, originalUri, confirmedHash: options.confirmedHash, labels: options.labels });
    this.reviewChanged.fire();
  }

  versionUri(doc: SecretDocument, versionId?: string, stage?: string): vscode.Uri {
    return vscode.Uri.from(toSecretUri({ connectionId: doc.ref.connectionId, name: doc.ref.name, versionId, stage }));
  }

  // ---- the Publish command ----------------------------------------------------------------------
  /**
   * Publishes a document's current text: asks first, then saves it. Resolves when done or when
   * the user cancelled (the document stays dirty); shows refusals itself.
   */
  async publishDocument(document: vscode.TextDocument, options: { labels?: string[]; pickLabels?: boolean } = {}): Promise<void> {
    const doc = await this.fs.resolve(document.uri);
    if (doc.readonly) {
      await this.prompts.info(readOnlyMessage(doc.ref), {});
      return;
    }
    const text = document.getText();
    const content = new TextEncoder().encode(text);
    const hash = sha256(content);
    const review = this.reviewFor(document.uri);
    try {
      let labels = options.labels ?? review?.labels;
      if (options.pickLabels && !doc.ref.create) {
        const summary = await this.describe(doc);
        labels = await this.pickLabels(summary.versionsToStages, labels);
        if (!labels) return;
      }
      const skipConfirm = review?.confirmedHash === hash;
      const prepared = await this.prepare(doc, text, { labels, skipConfirm });
      if (prepared.noOp && !document.isDirty) {
        void this.prompts.info(`${doc.ref.name} has no unpublished change.`, {});
        return;
      }
      if (!document.isDirty) {
        // Nothing for VS Code to save (e.g. the same value with new labels): send it directly.
        await this.send(doc, content, prepared);
        if (review) await this.closeReview(document.uri);
        return;
      }
      this.approvals.set(document.uri.toString(), { hash, prepared });
      const saved = await document.save();
      if (saved && review) await this.closeReview(document.uri);
      // When the save fails, writeFile has thrown and VS Code has shown why; the text stays.
    } catch (err) {
      await this.report(doc, err);
    } finally {
      this.approvals.delete(document.uri.toString());
    }
  }

  /** Shows a refusal from the command path (writeFile's refusals are shown by VS Code). */
  private async report(doc: SecretDocument, err: unknown): Promise<void> {
    const np = err instanceof NotPublished ? err : this.notPublished(err);
    this.failures.set(doc.uri.toString(), np.message);
    if (np.reason === 'cancelled' || np.reason === 'review') {
      this.log.debug(`${doc.ref.name}: not published (${np.reason})`);
      return;
    }
    this.log.warn(`${doc.ref.name}: not published: ${np.message}`);
    const kind = np.cause?.kind;
    const buttons: string[] = [];
    if (kind === 'ssoExpired' && np.cause?.profile) buttons.push(SIGN_IN);
    // Worth trying again as is: the service drops rejected credentials, so a retry after signing
    // in (or refreshing the profile) uses new ones; the same content reuses its request token.
    if (kind === 'notSignedIn' || kind === 'ssoExpired' || kind === 'endpointUnreachable' || kind === 'throttled' || kind === 'unknown') buttons.push(RETRY);
    buttons.push('Show Log');
    const choice = await this.prompts.error(np.message, {}, ...buttons);
    if (choice === 'Show Log') this.log.show();
    if (choice === SIGN_IN) await vscode.commands.executeCommand('secretsManager.signIn', np.cause?.profile);
    if (choice === RETRY) {
      const document = openDocumentOf(doc.uri);
      if (document) await this.publishDocument(document);
    }
  }

  async closeReview(documentUri: vscode.Uri): Promise<void> {
    const review = this.endReview(documentUri);
    if (!review) return;
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === review.documentUri.toString() && t.input.original.toString() === review.originalUri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  }

  // ---- writeFile --------------------------------------------------------------------------------
  /** The FileSystemProvider's writeFile for editable documents. Throws to keep the document dirty. */
  async write(doc: SecretDocument, content: Uint8Array): Promise<void> {
    const key = doc.uri.toString();
    const seen = this.reasons.get(key);
    this.reasons.delete(key);
    const approval = this.approvals.get(key);
    this.approvals.delete(key);
    try {
      if (approval && approval.hash === sha256(content)) {
        await this.send(doc, content, approval.prepared);
        return;
      }
      const manual = seen !== undefined && seen.reason === vscode.TextDocumentSaveReason.Manual && Date.now() - seen.at < REASON_TTL_MS;
      if (!manual) {
        // Auto-save (after a delay, on focus or window change), or a save with no known reason.
        this.log.debug(`${doc.ref.name}: save with reason ${seen?.reason ?? 'unknown'} refused: only an explicit save publishes`);
        throw new NotPublished(
          `Not published: auto-save never publishes a secret. Your changes are still in the editor; press ${process.platform === 'darwin' ? 'Cmd+S' : 'Ctrl+S'} (or "Secrets Manager: Publish New Version") to publish them.`,
          'cancelled',
        );
      }
      const text = new TextDecoder().decode(content);
      const prepared = await this.prepare(doc, text, {});
      await this.send(doc, content, prepared);
    } catch (err) {
      const np = err instanceof NotPublished ? err : this.notPublished(err);
      this.failures.set(key, np.message);
      if (np.reason === 'refused' || np.reason === 'failed') this.log.warn(`${doc.ref.name}: not published: ${np.message}`);
      throw np.permission ? vscode.FileSystemError.NoPermissions(np.message) : vscode.FileSystemError.Unavailable(np.message);
    }
  }

  // ---- the flow ---------------------------------------------------------------------------------
  /** Validation, conflict check and confirmation. Throws NotPublished. */
  private async prepare(doc: SecretDocument, text: string, options: { labels?: string[]; skipConfirm?: boolean }): Promise<Prepared> {
    const { name } = doc.ref;
    const create = doc.ref.create === true && doc.baseVersionId === undefined;
    let format: DocumentFormat = create ? formatOfTypedText(text) : doc.format;
    let jsonToText = false;
    for (const p of validateText(text, format)) {
      if (p.kind === 'badBase64') throw new NotPublished(`Not published: ${p.message}`, 'refused');
      if (p.kind === 'invalidJson') {
        const answer = await this.prompts.warn(
          `${p.message} Publish it as plain text instead?`,
          { modal: true, detail: 'Applications that read this secret as JSON would fail to parse it. Choose Cancel to fix the JSON (the editor marks where it breaks).' },
          AS_PLAIN_TEXT,
        );
        if (answer !== AS_PLAIN_TEXT) {
          throw new NotPublished(`Not published: ${p.message} Fix it, or save again and choose "${AS_PLAIN_TEXT}".`, 'cancelled');
        }
        format = 'text';
        jsonToText = true;
      }
      if (p.kind === 'empty') {
        const answer = await this.prompts.warn(`${p.message} Publish an empty value to ${name}?`, { modal: true, detail: 'Applications reading this secret would get an empty value.' }, PUBLISH_EMPTY);
        if (answer !== PUBLISH_EMPTY) throw new NotPublished(`Not published: ${p.message}`, 'cancelled');
      }
    }
    const data = fromDocument(text, format, this.settings().publishJsonAs);
    const tooLarge = validateSize(data);
    if (tooLarge) throw new NotPublished(`Not published: ${tooLarge.message}`, 'refused');

    const connection = this.connections.get(doc.ref.connectionId);
    const where = connection ? connectionLabel(connection) : doc.ref.connectionId;
    if (create) {
      if (this.settings().confirm && !options.skipConfirm) {
        const c = planCreate({ secretName: name, connectionLabel: where, advice: secretNameAdvice(name) });
        const answer = await this.prompts.warn(c.message, { modal: true, detail: c.detail }, CREATE);
        if (answer !== CREATE) throw new NotPublished(`Not created: ${name} does not exist yet. Save again to create it.`, 'cancelled');
      }
      return { data, format, noOp: false, create: true };
    }
    if (!options.labels && isNoOp(doc.baseData, data)) return { data, format, noOp: true, create: false };

    const summary = await this.describe(doc);
    if (summary.deletedDate) {
      throw new NotPublished(
        `Not published: ${name} is scheduled for deletion (on ${summary.deletedDate.toISOString().slice(0, 10)}), so it can't get a new version. Restore it first ("Restore Secret" in the Secrets Manager view); your text stays in the editor.`,
        'refused',
        true,
      );
    }
    const live = holderOf(summary.versionsToStages, CURRENT);
    let overwriting: { readFrom: string; live: string } | undefined;
    if (live && doc.baseVersionId && live !== doc.baseVersionId) {
      const answer = await this.prompts.warn(
        `${name} changed since you opened it: someone published ${shortId(live)} as AWSCURRENT after you read ${shortId(doc.baseVersionId)}.`,
        { modal: true, detail: 'Compare your text with the new AWSCURRENT, overwrite it with yours (theirs becomes AWSPREVIOUS), or cancel and keep editing.' },
        COMPARE,
        OVERWRITE,
      );
      if (answer === COMPARE) {
        await this.openReview(doc, { versionId: live });
        throw new NotPublished(`Not published yet: ${name} changed since you opened it. Compare the two in the diff editor, then publish from its title bar to overwrite, or revert to take the new value.`, 'review');
      }
      if (answer !== OVERWRITE) {
        throw new NotPublished(`Not published: ${name} changed since you opened it (AWSCURRENT is now ${shortId(live)}). Save again to compare or overwrite.`, 'cancelled');
      }
      overwriting = { readFrom: doc.baseVersionId, live };
    }
    let labels = options.labels;
    for (;;) {
      const plan = planPublish({
        secretName: name,
        connectionLabel: where,
        versionsToStages: summary.versionsToStages,
        labels,
        before: doc.baseData,
        after: data,
        jsonToText,
        currentCreated: doc.currentCreated,
        now: this.now(),
        owningService: summary.owningService,
        versionCount: versionCountOf(summary.versionsToStages),
        overwriting,
      });
      const prepared: Prepared = { data, format, noOp: false, create: false, versionStages: plan.versionStages, plan, currentBefore: live };
      if (!this.settings().confirm || options.skipConfirm) return prepared;
      const answer = await this.prompts.warn(plan.message, { modal: true, detail: plan.detail }, PUBLISH, WITH_LABELS, SHOW_DIFF);
      if (answer === PUBLISH) return prepared;
      if (answer === SHOW_DIFF) {
        await this.openReview(doc, { confirmedHash: sha256(new TextEncoder().encode(text)), labels });
        throw new NotPublished(`Not published yet: review your changes in the diff editor, then choose Publish in its title bar (or Cancel Publish).`, 'review');
      }
      if (answer !== WITH_LABELS) throw new NotPublished(`Not published: you cancelled. Your changes are still in the editor; save again to publish them.`, 'cancelled');
      const picked = await this.pickLabels(summary.versionsToStages, labels);
      if (!picked) throw new NotPublished(`Not published: you cancelled. Your changes are still in the editor; save again to publish them.`, 'cancelled');
      labels = picked;
    }
  }

  private async describe(doc: SecretDocument): Promise<SecretSummary> {
    const service = await this.connections.serviceFor(doc.ref.connectionId);
    return this.cancellable(`Checking ${doc.ref.name} for newer versions...`, (signal) => service.describeSecret(doc.ref.name, signal));
  }

  /** Runs a request under a cancellable progress notification; cancelling aborts it. */
  private async cancellable<T>(title: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await this.prompts.progress({ title, cancellable: true }, body);
    } catch (err) {
      throw this.notPublished(err);
    }
  }

  /** Sends the approved content. Throws NotPublished. */
  private async send(doc: SecretDocument, content: Uint8Array, prepared: Prepared): Promise<void> {
    const { name, connectionId } = doc.ref;
    if (prepared.noOp) {
      this.fs.saved(doc, { content });
      void this.prompts.info(`No change to ${name}: the value equals AWSCURRENT's, so nothing was published.`, {});
      this.log.info(`${name}: saved without publishing (no change)`);
      return;
    }
    const key = doc.uri.toString();
    const token = this.tokenFor(key, prepared.data, prepared.versionStages);
    const service = await this.connections.serviceFor(connectionId);
    const verb = prepared.create ? 'Creating' : 'Publishing';
    // Cancellable until the request is sent (the conflict check before it runs under a cancellable
    // progress); once sent, the outcome would be unknown, so this step offers no Cancel. A retry
    // of the same content reuses the token anyway.
    const result = await this.prompts.progress(
      { title: `${verb} ${name}...` },
      async () => {
        try {
          return prepared.create
            ? await service.createSecret({ name, data: prepared.data, clientRequestToken: token })
            : await service.putSecretValue({ secretId: name, data: prepared.data, clientRequestToken: token, versionStages: prepared.versionStages });
        } catch (err) {
          throw this.notPublished(err);
        }
      },
    );
    this.tokens.delete(key);
    this.failures.delete(key);
    const created = this.now();
    const movedCurrent = prepared.create || result.versionStages.includes(CURRENT);
    if (movedCurrent) {
      this.fs.saved(doc, { data: prepared.data, content, versionId: result.versionId, format: prepared.format, created });
    } else {
      // The live document stays AWSCURRENT's: re-read it once VS Code has finished saving.
      this.fs.saved(doc, { content, created });
      afterSaved(doc.uri, () => void this.fs.refresh(doc.uri));
    }
    const labels = result.versionStages.length ? result.versionStages.join(', ') : 'no label';
    this.log.info(`${prepared.create ? 'Created' : 'Published'} ${name} version ${result.versionId} [${labels}] on ${connectionId}`);
    this.fireChanged(connectionId, name, prepared.create);
    if (prepared.create) {
      afterSaved(doc.uri, () => this.created.fire(doc));
      void this.prompts.info(`Created ${name}: first version ${shortId(result.versionId)} (AWSCURRENT).`, {});
      return;
    }
    const stays = movedCurrent ? '' : ` AWSCURRENT did not move, so this editor shows AWSCURRENT's value again.`;
    void this.prompts
      .info(`Published ${name}: new version ${shortId(result.versionId)} (${labels}).${stays}`, {}, 'Show Versions', 'Compare with Previous')
      .then(async (choice) => {
        if (choice === 'Show Versions') await vscode.commands.executeCommand('secretsManager.secrets.focus');
        if (choice === 'Compare with Previous' && prepared.currentBefore) {
          await vscode.commands.executeCommand(
            'vscode.diff',
            this.versionUri(doc, prepared.currentBefore, movedCurrent ? PREVIOUS : CURRENT),
            this.versionUri(doc, result.versionId),
            `${name}: ${shortId(prepared.currentBefore)} ↔ ${shortId(result.versionId)}`,
          );
        }
      });
  }

  private fireChanged(connectionId: string, secretId: string, structural: boolean): void {
    const key = `${connectionId}\n${secretId}`;
    this.firing.add(key);
    try {
      this.events.fire({ connectionId, secretId, structural });
    } finally {
      this.firing.delete(key);
    }
  }

  /** One token per document and content (and labels), kept until that content is published. */
  private tokenFor(key: string, data: SecretData, labels: readonly string[] | undefined): string {
    const hash = createHash('sha256')
      .update(data.kind)
      .update(data.kind === 'binary' ? data.bytes : data.text)
      .update(JSON.stringify(labels ?? null))
      .digest('hex');
    const existing = this.tokens.get(key);
    if (existing && existing.hash === hash) return existing.token;
    const token = randomUUID();
    this.tokens.set(key, { token, hash });
    return token;
  }

  /** Multi-select of labels for the new version: AWSCURRENT (checked), AWSPENDING, custom, new. */
  async pickLabels(versionsToStages: Readonly<Record<string, readonly string[]>>, current?: readonly string[]): Promise<string[] | undefined> {
    const NEW = '\u0000new';
    const known = new Set<string>([CURRENT, PENDING]);
    for (const stages of Object.values(versionsToStages)) for (const s of stages) if (s !== PREVIOUS) known.add(s);
    for (const l of current ?? []) known.add(l);
    const checked = new Set(current ?? [CURRENT]);
    const items: PickItem<string>[] = sortLabels([...known]).map((l) => {
      const holder = holderOf(versionsToStages, l);
      const role = l === CURRENT ? 'applications read this version by default' : l === PENDING ? 'used by rotation' : 'custom label';
      return { label: l, description: holder ? `${role} · now on ${shortId(holder)}` : role, picked: checked.has(l), value: l };
    });
    items.push({ label: 'New label...', description: 'type a label name', picked: false, value: NEW });
    const picked = await this.prompts.pickMany(items, {
      title: 'Labels for the new version',
      placeholder: 'AWSCURRENT moves to the new version only if it is checked',
    });
    if (!picked) return undefined;
    const labels = picked.filter((l) => l !== NEW);
    if (picked.includes(NEW)) {
      const typed = await this.prompts.input({
        title: 'New staging label',
        prompt: `1 to 256 characters; a version has at most ${MAX_LABELS_PER_VERSION} labels.`,
        placeholder: 'e.g. STAGING',
        validate: (v) => validateLabel(v) ?? (labels.includes(v) ? undefined : validateLabels([...labels, v])),
      });
      if (typed === undefined) return undefined;
      if (!labels.includes(typed)) labels.push(typed);
    }
    const problem = validateLabels(labels);
    if (problem) throw new NotPublished(`Not published: ${problem}`, 'refused');
    return labels;
  }

  /** Any error as a NotPublished whose message (already value-free) says what to do next. */
  notPublished(err: unknown): NotPublished {
    if (err instanceof NotPublished) return err;
    if (err instanceof vscode.CancellationError) return new NotPublished('Not published: you cancelled. Your changes are still in the editor.', 'cancelled');
    const kind = (err as { kind?: string }).kind;
    const message = err instanceof Error ? err.message : 'Publishing failed.';
    if (kind === 'cancelled') return new NotPublished('Not published: you cancelled. Your changes are still in the editor.', 'cancelled');
    const permission = kind === 'accessDenied' || kind === 'scheduledForDeletion' || kind === 'ownedByAnotherService';
    const retry = permission || kind === 'invalidInput' || kind === 'alreadyExists' || kind === 'limitExceeded'
      ? ' Your text is still in the editor.'
      : ' Your text is still in the editor; save again to retry (a retry reuses the same request token, so it never creates a second version).';
    return new NotPublished(`Not published: ${message}${retry}`, 'failed', permission, { kind, profile: (err as { profile?: string }).profile });
  }
}
