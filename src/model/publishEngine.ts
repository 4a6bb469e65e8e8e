// The publish path without VS Code: what a save of a secret document sends, when, and what the
// document stands for afterwards. The editor (src/editor/publishFlow.ts) drives it and supplies
// the ports: the service, the questions, progress. Tests drive the same engine in plain Node.
//
//   prepare  an attempt: finds the document's intent (a retry sends the same request again; an
//            earlier attempt whose answer was lost is looked up first), or validates the text,
//            reads the secret (the state the confirmation shows), checks for another writer,
//            asks, and fixes a new intent.
//   send     the write: reads the secret again right before PutSecretValue (another writer may
//            have published while the dialog was open), then sends the intent's exact request.
//   verify   after the write: reads the secret once more and checks that AWSPREVIOUS is the
//            version the plan said AWSCURRENT leaves; if another writer slipped in between the
//            check and the write, the outcome names the version that was displaced.
//
// Secrets Manager has no conditional put: between the check and the write (milliseconds) another
// writer can still publish. verify finds that for AWSCURRENT; the README states the window.
import { AwsError } from '../aws/errors';
import type { PublishResult, SecretSummary, SecretsService, Logger } from '../aws/types';
import { adviceFor, isCancellation } from './errorPolicy';
import { formatOfTypedText, type DocumentFormat, type PublishJsonAs } from './format';
import { expectedLabels, IntentStore, isRetryOf, type PublishIntent } from './publishIntent';
import { describeMoves, isNoOp, planCreate, planPublish, versionCountOf, type PlanInput, type PublishPlan } from './publishPlan';
import { ownersOf } from './owners';
import { replicationOf, rotationFacts } from './rotation';
import { dataOfText, documentText, type DocumentBase } from './secretDocument';
import { CURRENT, holderOf, PENDING, PREVIOUS, shortId, sortLabels } from './stages';
import { secretNameAdvice, validateSize, validateText } from './validate';
import * as l10n from '@vscode/l10n';

export const PUBLISH = () => l10n.t('Publish');
export const WITH_LABELS = () => l10n.t('Publish with labels...');
export const SHOW_DIFF = () => l10n.t('Show diff');
export const COMPARE = () => l10n.t('Compare');
export const OVERWRITE = () => l10n.t('Overwrite');
export const AS_PLAIN_TEXT = () => l10n.t('Publish as Plain Text');
export const PUBLISH_EMPTY = () => l10n.t('Publish Empty Value');
export const CREATE = () => l10n.t('Create');

/** A modal question: the engine words it, the UI shows it and returns the button chosen. */
export interface Question {
  readonly message: string;
  readonly detail?: string;
  readonly buttons: readonly string[];
}

export interface PublishSettings {
  readonly confirm: boolean;
  readonly publishJsonAs: PublishJsonAs;
  readonly indent: number;
  /** secretsManager.accounts.production: account ids or name patterns (publishFlow's confirmTarget). */
  readonly productionAccounts?: readonly string[];
}

/** What the engine needs from outside. */
export interface PublishPorts {
  service(connectionId: string): Promise<SecretsService>;
  connectionLabel(connectionId: string): string;
  /** Asks modally; undefined = dismissed. */
  ask(question: Question): Promise<string | undefined>;
  /**
   * The stronger confirmation of a connection to a production account (typing the account's
   * name), asked after the plan was confirmed, whether or not the plan was shown; false = cancelled.
   * Absent or resolving true for other connections.
   */
  confirmTarget?(connectionId: string): Promise<boolean>;
  /** The labels picker; undefined = dismissed. Throws NotPublished for an invalid choice. */
  pickLabels(versionsToStages: Readonly<Record<string, readonly string[]>>, current?: readonly string[]): Promise<string[] | undefined>;
  /** A read, under a progress notification whose Cancel aborts `signal`. */
  read<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** A write, under progress without Cancel (once sent, its outcome would be unknown). */
  write<T>(title: string, work: () => Promise<T>): Promise<T>;
  /** Something the user should know now, beside the flow (e.g. an earlier publish went through). */
  notify(message: string): void;
  settings(): PublishSettings;
  log: Logger;
  now(): Date;
  newToken(): string;
}

export interface PublishChoice {
  /** The document has unsaved changes (false: it shows what it was read or saved as). */
  readonly dirty?: boolean;
  /** Ask for labels first ("Publish with labels..."): a new label choice, so a new intent. */
  readonly pickLabels?: boolean;
  /** The user reviewed this text in a diff opened from the confirmation: it counts as confirmed. */
  readonly reviewed?: ReviewedChoice;
}

/** What the document shows after a publish. */
export type DocumentAfter =
  /** What the user typed is now the document's version: VS Code marks it saved. */
  | { readonly kind: 'saved' }
  /** AWSCURRENT did not move and its value is known: the document shows it again, no request. */
  | { readonly kind: 'show'; readonly text: string }
  /** AWSCURRENT did not move and is someone else's now: read it again. */
  | { readonly kind: 'reload' };

export interface Published {
  readonly intent: PublishIntent;
  readonly versionId: string;
  /** The new version's labels, as Secrets Manager answered (or as found). */
  readonly stages: readonly string[];
  readonly movedCurrent: boolean;
  /** It went through on an earlier attempt whose answer was lost (found, not sent again). */
  readonly earlier: boolean;
  /**
   * The labels are not those the plan said: another writer changed the secret in the moment
   * between the check and the write (e.g. gave it its first version, so AWSCURRENT stayed there).
   */
  readonly unplanned: boolean;
  readonly document: DocumentAfter;
}

export interface Verification {
  /** DescribeSecret after the write (undefined when it failed: see `error`). */
  readonly summary?: SecretSummary;
  /** Another writer's version that held AWSCURRENT when the write landed: the user did not confirm replacing it. */
  readonly displaced?: string;
  /** Someone moved AWSCURRENT on after the write. */
  readonly overtaken?: string;
  readonly error?: unknown;
}

export type Prepared =
  /** The text equals the document's version: saved without a request. */
  | { readonly kind: 'noChange' }
  /** A confirmed intent, to be sent. */
  | { readonly kind: 'intent'; readonly intent: PublishIntent }
  /** An earlier attempt with this text went through; nothing to send. */
  | { readonly kind: 'published'; readonly published: Published };

/** What the user was about to confirm when they chose Show diff: the diff stands for that confirmation. */
export interface ReviewedChoice {
  readonly text: string;
  readonly labels?: readonly string[];
  /** The label holders the confirmation showed: the check right before the write compares them. */
  readonly shown?: Readonly<Record<string, readonly string[]>>;
}

/** What a diff should show when the user asked to review (Show diff, Compare). */
export interface ReviewRequest {
  /** The version on the left; undefined = the document's own version. */
  readonly versionId?: string;
  /** Show diff from the confirmation: this text and labels count as confirmed when published from the diff. */
  readonly confirmed?: ReviewedChoice;
}

/** Why a publish did not happen. `message` is value-free and says what to do next. */
export class NotPublished extends Error {
  constructor(
    message: string,
    /** cancelled: the user said no; review: a diff is to be opened; refused: invalid input; failed: AWS said no. */
    readonly reason: 'cancelled' | 'review' | 'refused' | 'failed',
    readonly options: { cause?: unknown; permission?: boolean; review?: ReviewRequest } = {},
  ) {
    super(message);
    this.name = 'NotPublished';
  }
}

const CANCELLED = () => l10n.t('Not published: you cancelled. Your changes are still in the editor; save again to publish them.');
const RETRY_HINT = () => l10n.t(' Your text is still in the editor. Retry (or save again) sends the same request: the same labels and request token, so it never creates a second version.');

/** Any error as a NotPublished whose message (already value-free) says what to do next. */
export function notPublished(err: unknown): NotPublished {
  if (err instanceof NotPublished) return err;
  if (isCancellation(err)) return new NotPublished(l10n.t('Not published: you cancelled. Your changes are still in the editor.'), 'cancelled');
  const advice = adviceFor(err);
  const hint = advice.steps.includes('retry') ? RETRY_HINT() : l10n.t(' Your text is still in the editor.');
  return new NotPublished(l10n.t('Not published: {0}{1}', advice.message, hint), 'failed', { cause: err, permission: advice.permission });
}

/**
 * What a document stood for while a publish of it was being checked and confirmed. It goes stale
 * when the document is read again (revert, refresh) or closed: the text the publish was started
 * for is no longer the user's, so nothing of it may be sent.
 */
interface DocumentSession {
  /** published: another save of the document published meanwhile, so this text is older than what it stands for. */
  stale?: 'reread' | 'closed' | 'published';
}

/** Said when a publish is stopped because its document was read again, closed or published meanwhile. */
function interrupted(doc: DocumentBase, why: NonNullable<DocumentSession['stale']> | 'superseded', text?: string): NotPublished {
  const name = doc.ref.name;
  if (why === 'published' || why === 'superseded') {
    // The later save said what it did; a save of the same text has nothing left to do.
    if (why === 'superseded' || text === doc.cleanText) {
      return new NotPublished(l10n.t('Not published: {0} was saved again meanwhile, and that later save is the one that counts.', name), 'cancelled');
    }
    return new NotPublished(
      l10n.t('Not published: another save of {0} published a new version while this one was being checked, so this one sent nothing (it would have replaced the newer value). Your text is still in the editor; save again to publish it on top.', name),
      'refused',
    );
  }
  return why === 'closed'
    ? new NotPublished(l10n.t('Not published: {0} was closed while this publish was being checked, so nothing was sent. Open it again to make your change.', name), 'refused')
    : new NotPublished(l10n.t('Not published: {0} was read again (reverted, or refreshed after a change) while this publish was being checked, so nothing was sent. The editor shows what it read; make your change again and save to publish it.', name), 'refused');
}

const sameLabels = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  (a === undefined) === (b === undefined) && (a === undefined || (a.length === b!.length && [...a].sort().join('\n') === [...b!].sort().join('\n')));

export class PublishEngine {
  readonly intents: IntentStore;
  /** Documents with a write in flight: its outcome decides what a further save is published on. */
  private readonly inFlight = new Set<string>();
  /** Per open document, what a publish under way started from (see DocumentSession). */
  private readonly sessions = new Map<string, DocumentSession>();
  /** The session each intent was fixed in. */
  private readonly fixedIn = new WeakMap<PublishIntent, DocumentSession>();
  /** Intents of a lost write kept across a read of their document: looked up, never sent again. */
  private readonly lookupOnly = new WeakSet<PublishIntent>();
  /** The document's format when each intent's text was taken to publish (a restore since then puts in a value of its own format). */
  private readonly formatWhenFixed = new WeakMap<PublishIntent, DocumentFormat>();

  constructor(private readonly ports: PublishPorts) {
    this.intents = new IntentStore((i, why) => ports.log.debug(`${i.secretName}: publish intent ${shortId(i.token)} dropped (${why})`));
  }

  /** The document was read again (revert, refresh, another action): its intent no longer applies. */
  documentReloaded(key: string): void {
    this.endSession(key, 'reread');
    // A write in flight keeps its intent: if its answer is lost, the next attempt looks it up.
    if (this.inFlight.has(key)) return;
    const intent = this.intents.get(key);
    if (intent?.state === 'sent') {
      // So does a write whose answer was lost: the read showed AWSCURRENT only, which a write with
      // other labels does not move, so only the next attempt's lookup tells whether it went
      // through. It is looked up, never sent again: its token does not outlive the text it was for.
      this.lookupOnly.add(intent);
      return;
    }
    this.intents.drop(key, 'the document was read again'); // l10n-ignore: a log line's reason
  }

  /** Nothing of a closed document is kept. */
  documentClosed(key: string): void {
    this.endSession(key, 'closed');
    this.intents.drop(key, 'the document was closed'); // l10n-ignore: a log line's reason
  }

  private session(key: string): DocumentSession {
    let s = this.sessions.get(key);
    if (!s) this.sessions.set(key, (s = {}));
    return s;
  }

  private endSession(key: string, why: NonNullable<DocumentSession['stale']>): void {
    const s = this.sessions.get(key);
    if (s) s.stale = why;
    this.sessions.delete(key);
  }

  /** A write refused before it could be committed: its intent is confirmed again, unless its document was read again meanwhile. */
  private notSent(doc: DocumentBase, intent: PublishIntent): void {
    intent.state = 'confirmed';
    if (this.fixedIn.get(intent)?.stale && this.intents.get(doc.key) === intent) this.intents.drop(doc.key, 'the document was read again'); // l10n-ignore: a log line's reason
  }

  /** Throws when the document this intent was confirmed in was read again or closed since. */
  private stillHeld(doc: DocumentBase, intent: PublishIntent): void {
    const stale = this.fixedIn.get(intent)?.stale;
    if (stale) {
      if (this.intents.get(doc.key) === intent) this.intents.drop(doc.key, 'its document was read again or closed'); // l10n-ignore: a log line's reason
      throw interrupted(doc, stale, intent.text);
    }
    // Another save of the document replaced (or settled) it while this one was being checked.
    if (this.intents.get(doc.key) !== intent) throw interrupted(doc, 'superseded');
  }

  // ---- prepare ------------------------------------------------------------------------------------

  /** Everything before the write. Throws NotPublished. */
  async prepare(doc: DocumentBase, text: string, choice: PublishChoice = {}): Promise<Prepared> {
    try {
      if (this.inFlight.has(doc.key)) {
        // Double Ctrl+S: sending anything now could land before the write in flight, which would
        // then replace it. The same text is being published already.
        if (this.intents.get(doc.key)?.text === text) throw new NotPublished(l10n.t('Not published again: {0} is being published with this text already.', doc.ref.name), 'cancelled');
        throw new NotPublished(l10n.t('Not published: your previous save of {0} is still being sent, so this one sent nothing. Wait for its outcome, then save again; your changes are still in the editor.', doc.ref.name), 'refused');
      }
      const started = this.session(doc.key);
      const existing = this.intents.get(doc.key);
      const newChoice = choice.pickLabels === true || (choice.reviewed !== undefined && !sameLabels(choice.reviewed.labels, existing?.labels));
      if (existing?.state === 'sent') {
        // Kept across a revert or refresh only to be looked up: the text saved now is a new publish.
        const retry = isRetryOf(existing, text, newChoice) && !this.lookupOnly.has(existing);
        const found = await this.findEarlier(doc, existing);
        // Reverted, closed or published by another save while the earlier attempt was looked up.
        if (started.stale) throw interrupted(doc, started.stale, text);
        // Another save of the document took over while it was looked up: the later save counts.
        if (this.intents.get(doc.key) !== existing) throw interrupted(doc, 'superseded');
        if (found) {
          const published = this.settle(doc, existing, found.stages, found.current, true);
          if (retry) return { kind: 'published', published };
          // The document now stands for the earlier publish: shown as it is whenever it is clean.
          if (published.movedCurrent) doc.cleanText = documentText(doc.baseData!, this.ports.settings().indent).text;
          if (choice.dirty === false) {
            // The user had put the text back as it was: the document shows the version now current.
            const shown = published.movedCurrent ? { kind: 'show' as const, text: doc.cleanText } : published.document;
            return { kind: 'published', published: { ...published, document: shown } };
          }
          // A further edit: the earlier publish is now the document's version; the edit goes on top.
          this.ports.notify(earlierNotice(published));
        } else if (retry) {
          existing.state = 'confirmed';
          // Looked up just now and retried as the user asks (kept across a revert while it was in flight).
          this.fixedIn.set(existing, started);
          return { kind: 'intent', intent: existing };
        } else {
          this.intents.drop(doc.key, 'the text or labels changed'); // l10n-ignore: a log line's reason
        }
      } else if (existing) {
        if (isRetryOf(existing, text, newChoice)) return { kind: 'intent', intent: existing };
        this.intents.drop(doc.key, 'the text or labels changed'); // l10n-ignore: a log line's reason
      }
      const session = this.session(doc.key);
      const prepared = await this.newIntent(doc, text, choice);
      // Reverted, refreshed or closed during the check or the questions: the text is not the user's now.
      if (session.stale) {
        if (prepared.kind === 'intent' && this.intents.get(doc.key) === prepared.intent) this.intents.drop(doc.key, 'its document was read again or closed'); // l10n-ignore: a log line's reason
        throw interrupted(doc, session.stale, text);
      }
      return prepared;
    } catch (err) {
      throw notPublished(err);
    }
  }

  private async newIntent(doc: DocumentBase, text: string, choice: PublishChoice): Promise<Prepared> {
    const { name } = doc.ref;
    // The format this text is published in is decided now; a restore during the questions below changes the document's.
    const docFormat = doc.format;
    const settings = this.ports.settings();
    // A new secret's document creates it once: after that (an earlier create whose answer was lost,
    // found), its text is published as a new version of the secret it created.
    const create = doc.ref.create === true && doc.baseVersionId === undefined;
    const first = create || doc.noVersion;
    // A first value is JSON or text as typed; a binary value restored into the document stays binary.
    let format: DocumentFormat = first && doc.format !== 'binary' ? formatOfTypedText(text) : doc.format;
    let jsonToText = false;
    for (const p of validateText(text, format)) {
      if (p.kind === 'badBase64') throw new NotPublished(l10n.t('Not published: {0}', p.message), 'refused');
      if (p.kind === 'invalidJson') {
        const answer = await this.ports.ask({
          message: l10n.t('{0} Publish it as plain text instead?', p.message),
          detail: l10n.t('Applications that read this secret as JSON would fail to parse it. Choose Cancel to fix the JSON (the editor marks where it breaks).'),
          buttons: [AS_PLAIN_TEXT()],
        });
        if (answer !== AS_PLAIN_TEXT()) throw new NotPublished(l10n.t('Not published: {0} Fix it, or save again and choose "{1}".', p.message, AS_PLAIN_TEXT()), 'cancelled');
        format = 'text';
        jsonToText = true;
      }
      if (p.kind === 'empty') {
        const answer = await this.ports.ask({ message: l10n.t('{0} Publish an empty value to {1}?', p.message, name), detail: l10n.t('Applications reading this secret would get an empty value.'), buttons: [PUBLISH_EMPTY()] });
        if (answer !== PUBLISH_EMPTY()) throw new NotPublished(l10n.t('Not published: {0}', p.message), 'cancelled');
      }
    }
    const data = dataOfText(text, format, doc.bom, settings.publishJsonAs);
    const tooLarge = validateSize(data);
    if (tooLarge) throw new NotPublished(l10n.t('Not published: {0}', tooLarge.message), 'refused');
    const reviewed = choice.reviewed?.text === text;
    const confirm = settings.confirm && !reviewed;
    const where = this.ports.connectionLabel(doc.ref.connectionId);

    if (create) {
      if (confirm) {
        const c = planCreate({ secretName: name, connectionLabel: where, advice: secretNameAdvice(name), description: doc.createWith?.description, tags: doc.createWith?.tags.length });
        if ((await this.ports.ask({ message: c.message, detail: c.detail, buttons: [CREATE()] })) !== CREATE()) {
          throw new NotPublished(l10n.t('Not created: {0} does not exist yet. Save again to create it.', name), 'cancelled');
        }
      }
      return { kind: 'intent', intent: this.fix(doc, { text, data, format, create: true, movesCurrent: true, expected: {}, overwrite: false }, docFormat) };
    }
    let labels = choice.pickLabels ? undefined : choice.reviewed?.labels;
    if (!first && !choice.pickLabels && labels === undefined && doc.baseData && isNoOp(doc.baseData, data)) return { kind: 'noChange' };

    // The state the user is shown (label holders, warnings) and the conflict check before asking.
    // Without a confirmation or a label choice, the check right before the write is the only read.
    let summary: SecretSummary | undefined;
    const region = (await this.ports.service(doc.ref.connectionId)).connection.region;
    if (confirm || choice.pickLabels) {
      summary = await this.describe(doc);
      refuseDeleted(summary);
      refuseReplica(summary, region);
    }
    let overwrite = false;
    if (summary) {
      const live = holderOf(summary.versionsToStages, CURRENT);
      if (live !== doc.baseVersionId && live !== undefined) {
        await this.askConflict(doc, live, 'since');
        overwrite = true;
      }
    }
    if (choice.pickLabels) {
      labels = await this.ports.pickLabels(summary!.versionsToStages, labels);
      if (!labels) throw new NotPublished(CANCELLED(), 'cancelled');
    }
    const shown = summary?.versionsToStages ?? (doc.baseVersionId ? { [doc.baseVersionId]: [CURRENT] } : {});
    const pending = summary ? await this.pendingRotation(doc, summary) : undefined;
    for (;;) {
      const plan = this.plan(doc, { where, shown, labels, data, jsonToText, summary, overwrite, pending, region });
      if (confirm) {
        const answer = await this.ports.ask({ message: plan.message, detail: plan.detail, buttons: [PUBLISH(), WITH_LABELS(), SHOW_DIFF()] });
        if (answer === SHOW_DIFF()) {
          throw new NotPublished(l10n.t('Not published yet: review your changes in the diff editor, then choose Publish in its title bar (or Cancel Publish).'), 'review', {
            review: { confirmed: { text, labels, shown: summary?.versionsToStages } },
          });
        }
        if (answer === WITH_LABELS()) {
          const picked = await this.ports.pickLabels(shown, labels);
          if (!picked) throw new NotPublished(CANCELLED(), 'cancelled');
          labels = picked;
          continue;
        }
        if (answer !== PUBLISH()) throw new NotPublished(CANCELLED(), 'cancelled');
      }
      if (this.ports.confirmTarget && !(await this.ports.confirmTarget(doc.ref.connectionId))) throw new NotPublished(CANCELLED(), 'cancelled');
      // Published from the diff of a confirmation: the holders that confirmation showed.
      const expected = { current: holderOf(shown, CURRENT), versionsToStages: summary?.versionsToStages ?? (reviewed ? choice.reviewed?.shown : undefined) };
      return { kind: 'intent', intent: this.fix(doc, { text, data, format, create: false, labels, versionStages: plan.versionStages, movesCurrent: plan.movesCurrent, expected, overwrite }, docFormat) };
    }
  }

  private plan(
    doc: DocumentBase,
    o: { where: string; shown: Readonly<Record<string, readonly string[]>>; labels?: readonly string[]; data: PublishIntent['data']; jsonToText: boolean; summary?: SecretSummary; overwrite: boolean; pending?: PlanInput['pendingRotation']; region?: string },
  ): PublishPlan {
    const live = holderOf(o.shown, CURRENT);
    const s = o.summary;
    return planPublish({
      secretName: doc.ref.name,
      connectionLabel: o.where,
      versionsToStages: o.shown,
      labels: o.labels,
      before: doc.baseData,
      after: o.data,
      jsonToText: o.jsonToText,
      currentCreated: doc.baseCreated,
      now: this.ports.now(),
      owningService: o.summary?.owningService,
      versionCount: o.summary ? versionCountOf(o.summary.versionsToStages) : undefined,
      overwriting: o.overwrite && live ? { readFrom: doc.baseVersionId, live } : undefined,
      pendingRotation: o.pending,
      bom: doc.bom,
      // Who else writes it, what rotation will do, where it is copied to (tags, DescribeSecret).
      owners: s ? ownersOf(s, { includeService: false }) : undefined,
      rotation: s ? rotationFacts(s) : undefined,
      replication: s && o.region ? replicationOf(s, o.region) : undefined,
    });
  }

  private fix(doc: DocumentBase, fields: Omit<PublishIntent, 'token' | 'documentKey' | 'secretName' | 'connectionId' | 'baseVersionId' | 'state'>, docFormat: DocumentFormat): PublishIntent {
    const intent: PublishIntent = {
      ...fields,
      token: this.ports.newToken(),
      documentKey: doc.key,
      secretName: doc.ref.name,
      connectionId: doc.ref.connectionId,
      baseVersionId: doc.baseVersionId,
      state: 'confirmed',
    };
    this.intents.set(intent);
    this.fixedIn.set(intent, this.session(doc.key));
    this.formatWhenFixed.set(intent, docFormat);
    this.ports.log.debug(`${doc.ref.name}: publish intent ${shortId(intent.token)} confirmed [${intent.versionStages?.join(', ') ?? 'default labels'}]`);
    return intent;
  }

  /** AWSPENDING on a version other than AWSCURRENT's: a rotation in progress (newer) or a failed one. */
  private async pendingRotation(doc: DocumentBase, summary: SecretSummary): Promise<PlanInput['pendingRotation']> {
    const pending = holderOf(summary.versionsToStages, PENDING);
    const current = holderOf(summary.versionsToStages, CURRENT);
    if (!pending || pending === current) return undefined;
    try {
      const service = await this.ports.service(doc.ref.connectionId);
      const versions = await service.listVersions(doc.ref.name, false);
      const created = (id: string | undefined) => versions.find((v) => v.versionId === id)?.createdDate?.getTime();
      const p = created(pending);
      const c = created(current);
      return { versionId: pending, newer: p !== undefined && c !== undefined ? p > c : undefined };
    } catch {
      return { versionId: pending };
    }
  }

  /** Another writer's version holds AWSCURRENT: Compare (review) or Overwrite; anything else cancels. */
  private async askConflict(doc: DocumentBase, live: string, when: 'since' | 'while'): Promise<void> {
    const { name } = doc.ref;
    const read = doc.baseVersionId ? l10n.t(' after you read {0}', shortId(doc.baseVersionId)) : l10n.t(' (it had no version when you opened it)');
    const message = when === 'since'
      ? l10n.t('{0} changed since you opened it: someone published {1} as AWSCURRENT{2}.', name, shortId(live), read)
      : l10n.t('{0} changed while you were confirming: someone published {1} as AWSCURRENT.', name, shortId(live));
    const answer = await this.ports.ask({
      message,
      detail: l10n.t('Compare your text with the new AWSCURRENT, overwrite it with yours (theirs becomes AWSPREVIOUS), or cancel and keep editing.'),
      buttons: [COMPARE(), OVERWRITE()],
    });
    if (answer === COMPARE()) {
      throw new NotPublished(l10n.t('Not published yet: {0} changed since you opened it. Compare the two in the diff editor, then publish from its title bar to overwrite, or revert to take the new value.', name), 'review', {
        review: { versionId: live },
      });
    }
    if (answer !== OVERWRITE()) {
      throw new NotPublished(l10n.t('Not published: {0} changed since you opened it (AWSCURRENT is now {1}). Save again to compare or overwrite.', name, shortId(live)), 'cancelled');
    }
  }

  // ---- send ---------------------------------------------------------------------------------------

  /** The write: check again, then send the intent's request. Throws NotPublished. */
  async send(doc: DocumentBase, intent: PublishIntent): Promise<Published> {
    try {
      return intent.create ? await this.sendCreate(doc, intent) : await this.sendPut(doc, intent);
    } catch (err) {
      throw notPublished(err);
    }
  }

  private async sendPut(doc: DocumentBase, first: PublishIntent): Promise<Published> {
    let intent = first;
    let live: SecretSummary;
    const region = (await this.ports.service(doc.ref.connectionId)).connection.region;
    for (;;) {
      this.stillHeld(doc, intent);
      live = await this.describe(doc);
      this.stillHeld(doc, intent);
      refuseDeleted(live);
      refuseReplica(live, region);
      const own = live.versionsToStages[intent.token];
      if (own) return this.settle(doc, intent, own, holderOf(live.versionsToStages, CURRENT), true);
      const moved = this.movedSince(intent, live);
      if (!moved) break;
      intent = await this.reconfirm(doc, intent, live, moved);
    }
    const service = await this.ports.service(doc.ref.connectionId);
    this.stillHeld(doc, intent);
    intent.state = 'sent';
    let result: PublishResult;
    this.inFlight.add(doc.key);
    try {
      result = await this.ports.write(l10n.t('Publishing {0}...', doc.ref.name), () =>
        service.putSecretValue({ secretId: doc.ref.name, data: intent.data, clientRequestToken: intent.token, versionStages: intent.versionStages }));
    } catch (err) {
      if (!adviceFor(err).mayHaveCommitted) this.notSent(doc, intent);
      throw err;
    } finally {
      this.inFlight.delete(doc.key);
    }
    return this.settle(doc, intent, result.versionStages, holderOf(live.versionsToStages, CURRENT), false);
  }

  /**
   * What changed since the user confirmed, among what the plan depends on: the AWSCURRENT holder
   * (the version it replaces) and the holders of the labels it moves.
   */
  private movedSince(intent: PublishIntent, live: SecretSummary): { current: boolean; labels: string[] } | undefined {
    const now = live.versionsToStages;
    const current = holderOf(now, CURRENT) !== intent.expected.current;
    const shown = intent.expected.versionsToStages;
    const labels = shown ? (intent.versionStages ?? []).filter((l) => l !== CURRENT && holderOf(now, l) !== holderOf(shown, l)) : [];
    return current || labels.length ? { current, labels } : undefined;
  }

  /** The secret changed after the user confirmed: ask again; a new answer is a new intent. */
  private async reconfirm(doc: DocumentBase, intent: PublishIntent, live: SecretSummary, moved: { current: boolean; labels: string[] }): Promise<PublishIntent> {
    const holder = holderOf(live.versionsToStages, CURRENT);
    this.intents.drop(doc.key, 'the secret changed after it was confirmed'); // l10n-ignore: a log line's reason
    if (moved.current && holder !== undefined) await this.askConflict(doc, holder, intent.expected.versionsToStages ? 'while' : 'since');
    else {
      const region = (await this.ports.service(doc.ref.connectionId)).connection.region;
      const plan = this.plan(doc, { where: this.ports.connectionLabel(doc.ref.connectionId), shown: live.versionsToStages, labels: intent.labels, data: intent.data, jsonToText: false, summary: live, overwrite: intent.overwrite, region });
      const what = moved.labels.map((l) => l10n.t('{0} moved', l)).join(', ');
      const answer = await this.ports.ask({ message: l10n.t('{0} changed while you were confirming ({1}). Publish a new version of {0}?', doc.ref.name, what), detail: plan.detail, buttons: [PUBLISH()] });
      if (answer !== PUBLISH()) throw new NotPublished(CANCELLED(), 'cancelled');
    }
    const moves = describeMoves(live.versionsToStages, intent.labels);
    return this.fix(doc, {
      text: intent.text,
      data: intent.data,
      format: intent.format,
      create: false,
      labels: intent.labels,
      versionStages: moves.versionStages,
      movesCurrent: moves.movesCurrent,
      expected: { current: holder, versionsToStages: live.versionsToStages },
      overwrite: intent.overwrite || (moved.current && holder !== undefined),
    }, this.formatWhenFixed.get(intent) ?? doc.format);
  }

  private async sendCreate(doc: DocumentBase, intent: PublishIntent): Promise<Published> {
    const service = await this.ports.service(doc.ref.connectionId);
    this.stillHeld(doc, intent);
    intent.state = 'sent';
    this.inFlight.add(doc.key);
    try {
      await this.ports.write(l10n.t('Creating {0}...', doc.ref.name), () =>
        service.createSecret({ name: doc.ref.name, data: intent.data, clientRequestToken: intent.token, description: doc.createWith?.description, tags: doc.createWith?.tags }));
    } catch (err) {
      if (!adviceFor(err).mayHaveCommitted) this.notSent(doc, intent);
      throw err;
    } finally {
      this.inFlight.delete(doc.key);
    }
    return this.settle(doc, intent, [CURRENT], undefined, false);
  }

  /**
   * An intent whose request went out without an answer: was it committed? The version id is the
   * token, so DescribeSecret (labelled versions) and, failing that, ListSecretVersionIds
   * (deprecated ones too) tell. Undefined: it was not.
   */
  private async findEarlier(doc: DocumentBase, intent: PublishIntent): Promise<{ stages: readonly string[]; current?: string } | undefined> {
    let summary: SecretSummary;
    try {
      summary = await this.describe(doc);
    } catch (err) {
      if (intent.create && err instanceof AwsError && err.kind === 'notFound') return undefined;
      throw err;
    }
    const current = holderOf(summary.versionsToStages, CURRENT);
    const labelled = summary.versionsToStages[intent.token];
    if (labelled) return { stages: labelled, current };
    const service = await this.ports.service(doc.ref.connectionId);
    const versions = await this.ports.read(l10n.t('Checking {0} for your earlier publish...', doc.ref.name), (signal) => service.listVersions(doc.ref.name, true, signal));
    if (versions.some((v) => v.versionId === intent.token)) return { stages: [], current };
    if (intent.create) {
      this.intents.drop(doc.key, 'another writer created the secret'); // l10n-ignore: a log line's reason
      throw new NotPublished(l10n.t('Not created: a secret named {0} was created by someone else meanwhile. Open it from the Secrets Manager view; your text is still in the editor.', doc.ref.name), 'refused');
    }
    return undefined;
  }

  /** The intent is done: the document now stands for what it shows. */
  private settle(doc: DocumentBase, intent: PublishIntent, stages: readonly string[], currentBefore: string | undefined, earlier: boolean): Published {
    const movedCurrent = stages.includes(CURRENT);
    // A value restored into the document since this intent was fixed (Restore Value, Edit as New
    // Version) keeps its own format: a binary version still publishes as binary.
    const format = doc.format === this.formatWhenFixed.get(intent) ? intent.format : doc.format;
    let document: DocumentAfter;
    if (movedCurrent) {
      doc.baseData = intent.data;
      doc.baseVersionId = intent.token;
      doc.baseCreated = this.ports.now();
      doc.format = format;
      doc.noVersion = false;
      doc.cleanText = intent.text;
      document = { kind: 'saved' };
    } else if (doc.baseData && doc.baseVersionId !== undefined && currentBefore === doc.baseVersionId) {
      // AWSCURRENT stayed on the document's version, whose value is known: show it again.
      doc.cleanText = documentText(doc.baseData, this.ports.settings().indent).text;
      document = { kind: 'show', text: doc.cleanText };
    } else {
      // AWSCURRENT is another version now. Until the document is read again it shows the version
      // just published, and says so: its next save meets the conflict check.
      doc.baseData = intent.data;
      doc.baseVersionId = intent.token;
      doc.format = format;
      doc.cleanText = intent.text;
      document = { kind: 'reload' };
    }
    // The document stands for another version now: a save started before this one must not go on.
    this.endSession(doc.key, 'published');
    // l10n-ignore: a log line's reason
    if (this.intents.get(doc.key) === intent) this.intents.drop(doc.key, earlier ? 'it went through on an earlier attempt' : 'published');
    const labels = stages.length ? stages.join(', ') : 'no label'; // l10n-ignore: in the log line below
    const planned = expectedLabels(intent);
    const unplanned = !earlier && (planned.length !== stages.length || !planned.every((l) => stages.includes(l)));
    this.ports.log.info(`${intent.create ? 'Created' : 'Published'} ${doc.ref.name} version ${intent.token} [${labels}] on ${doc.ref.connectionId}${earlier ? ' (on an earlier attempt)' : ''}${unplanned ? ` (planned: ${planned.join(', ')})` : ''}`);
    return { intent, versionId: intent.token, stages, movedCurrent, earlier, unplanned, document };
  }

  /** Sends what prepare() decided, if anything: undefined for a text that changes nothing. */
  async complete(doc: DocumentBase, prepared: Prepared): Promise<Published | undefined> {
    if (prepared.kind === 'noChange') return undefined;
    if (prepared.kind === 'published') return prepared.published;
    return this.send(doc, prepared.intent);
  }

  /** After the save: verify, and word what the user is told. */
  async conclude(doc: DocumentBase, published: Published): Promise<Outcome> {
    const verification = await this.verify(doc, published);
    return { ...describeOutcome(published, verification), published, verification };
  }

  // ---- verify -------------------------------------------------------------------------------------

  /** After the write: who holds AWSCURRENT and AWSPREVIOUS now. Never throws. */
  async verify(doc: DocumentBase, published: Published): Promise<Verification> {
    // An earlier publish that moved AWSCURRENT, found later without it: someone moved it on since.
    const movedOn = published.earlier && published.intent.movesCurrent && !published.movedCurrent;
    if (published.intent.create || (!published.movedCurrent && !published.unplanned && !movedOn)) return {};
    let summary: SecretSummary;
    try {
      const service = await this.ports.service(doc.ref.connectionId);
      summary = await service.describeSecret(doc.ref.name);
    } catch (error) {
      this.ports.log.warn(`${doc.ref.name}: checking the labels after publishing failed: ${adviceFor(error).message}`);
      return { error };
    }
    const current = holderOf(summary.versionsToStages, CURRENT);
    if (!published.movedCurrent) return movedOn && current !== published.versionId ? { summary, overtaken: current } : { summary };
    if (current !== published.versionId) return { summary, overtaken: current };
    const previous = holderOf(summary.versionsToStages, PREVIOUS);
    const displaced = previous !== undefined && previous !== published.intent.expected.current ? previous : undefined;
    if (displaced) this.ports.log.warn(`${doc.ref.name}: version ${displaced} was AWSCURRENT when ${published.versionId} was published over it, not ${published.intent.expected.current ?? 'none'} as confirmed`);
    return { summary, displaced };
  }

  private describe(doc: DocumentBase): Promise<SecretSummary> {
    return this.ports.read(l10n.t('Checking {0} for newer versions...', doc.ref.name), async (signal) => (await this.ports.service(doc.ref.connectionId)).describeSecret(doc.ref.name, signal));
  }
}

function refuseDeleted(summary: SecretSummary): void {
  if (!summary.deletedDate) return;
  throw new NotPublished(
    l10n.t('Not published: {0} is scheduled for deletion (on {1}), so it can\'t get a new version. Restore it first ("Restore Secret" in the Secrets Manager view); your text stays in the editor.', summary.name, summary.deletedDate.toISOString().slice(0, 10)),
    'refused',
    { permission: true },
  );
}

/** Secrets Manager refuses writes to a replica: say so before sending, and where to publish instead. */
function refuseReplica(summary: SecretSummary, region: string): void {
  const replication = replicationOf(summary, region);
  if (replication.role !== 'replica') return;
  throw new NotPublished(
    l10n.t('Not published: {0} is a replica of the secret in {1}, and Secrets Manager changes a replicated secret only in its primary\'s region. Open the primary ("Open Primary" on it in the Secrets Manager view) and publish there; your text stays in the editor.', summary.name, replication.primaryRegion ?? ''),
    'refused',
    { permission: true },
  );
}

/** Said when an attempt finds that an earlier one, whose answer was lost, went through. */
export function earlierNotice(p: Published): string {
  const labels = p.stages.length ? p.stages.join(', ') : l10n.t('no label now');
  return l10n.t('Your earlier publish of {0} went through: version {1} ({2}). Nothing was sent again.', p.intent.secretName, shortId(p.versionId), labels);
}

export type OutcomeAction = 'showVersions' | 'compareWithPrevious' | 'compareDisplaced' | 'rollBack';

export interface Outcome {
  readonly level: 'info' | 'warn';
  readonly message: string;
  readonly actions: OutcomeAction[];
  readonly published: Published;
  readonly verification: Verification;
}

/** What the user is told after a publish, and what they can do next. Value-free. */
export function describeOutcome(p: Published, v: Verification): Pick<Outcome, 'level' | 'message' | 'actions'> {
  const name = p.intent.secretName;
  const id = shortId(p.versionId);
  const labels = p.stages.length ? p.stages.join(', ') : l10n.t('no label');
  if (p.intent.create) return { level: 'info', message: l10n.t('Created {0}: first version {1} (AWSCURRENT).', name, id), actions: [] };
  if (v.displaced) {
    return {
      level: 'warn',
      message: l10n.t('Published {0} as {1}, but another writer published {2} a moment before: your version replaced theirs as AWSCURRENT, and {2} is now AWSPREVIOUS. Compare the two, or roll back to {2}.', name, id, shortId(v.displaced)),
      actions: ['compareDisplaced', 'rollBack'],
    };
  }
  if (p.unplanned) {
    const planned = sortLabels(expectedLabels(p.intent)).join(', ');
    const current = v.summary ? holderOf(v.summary.versionsToStages, CURRENT) : undefined;
    return {
      level: 'warn',
      message: l10n.t('Published {0} as {1}, but with the labels {2} instead of the planned {3}: another writer changed the secret at the same moment{4}. Check its versions in the Secrets Manager view.', name, id, labels, planned, current ? l10n.t(' (AWSCURRENT is on {0})', shortId(current)) : ''),
      actions: ['showVersions'],
    };
  }
  const stays = p.movedCurrent ? '' : l10n.t(' AWSCURRENT did not move, so this editor shows AWSCURRENT\'s value again.');
  const head = p.earlier ? earlierNotice(p) : l10n.t('Published {0}: new version {1} ({2}).', name, id, labels);
  if (v.overtaken) return { level: 'warn', message: l10n.t('{0} Since then AWSCURRENT has moved on to {1}.', head, shortId(v.overtaken)), actions: ['showVersions'] };
  const unchecked = v.error ? l10n.t(' (The check that nobody else published at the same moment could not run; see the versions in the Secrets Manager view.)') : '';
  return { level: 'info', message: `${head}${stays}${unchecked}`, actions: ['showVersions', 'compareWithPrevious'] };
}
