// One publish intent per document: what the user confirmed, fixed at the moment they confirmed
// it. Every way of retrying (Ctrl+S, File > Save, the Retry button, the editor-title Publish)
// finds it here and sends the same request again: the same bytes, the same labels, the same
// ClientRequestToken. A changed text or a new label choice is a new intent, confirmed again. An
// intent is dropped on success, revert, close and refresh of its document, so a token never
// outlives the context it was made for; one whose outcome is unknown ('sent') is kept across a
// revert or refresh only to be looked up by the next attempt, never sent again. Pure: no
// `vscode`, no SDK.
import type { SecretData } from '../aws/types';
import type { DocumentFormat } from './format';

/**
 * confirmed: the user agreed and nothing has been sent yet (or what was sent was refused before
 *   Secrets Manager could commit it, e.g. access denied or throttled).
 * sent: a request went out and its outcome is unknown (the connection dropped, a timeout, a
 *   server error): the write may have been committed. The next attempt first finds out.
 */
export type IntentState = 'confirmed' | 'sent';

/** The label holders the user was shown when they confirmed (from the DescribeSecret before the dialog). */
export interface ExpectedState {
  /** The AWSCURRENT holder the plan replaces (undefined: the secret has no version yet). */
  readonly current?: string;
  /** VersionId -> labels as shown; undefined when nothing beyond the document's base was shown (no confirmation). */
  readonly versionsToStages?: Readonly<Record<string, readonly string[]>>;
}

export interface PublishIntent {
  /** The ClientRequestToken, which Secrets Manager also makes the new version's id. */
  readonly token: string;
  readonly documentKey: string;
  readonly secretName: string;
  readonly connectionId: string;
  /** The document text the user confirmed, exactly. */
  readonly text: string;
  /** The bytes that are sent, exactly (compact JSON, decoded base64, a kept BOM...). */
  readonly data: SecretData;
  /** How the text is published (a JSON secret the user chose to publish as text is 'text'). */
  readonly format: DocumentFormat;
  /** CreateSecret (a new secret's document) rather than PutSecretValue. */
  readonly create: boolean;
  /** The labels the user chose; undefined = Secrets Manager's default (AWSCURRENT moves). */
  readonly labels?: readonly string[];
  /** VersionStages as sent (undefined when the default applies). */
  readonly versionStages?: readonly string[];
  /** Whether the new version takes AWSCURRENT (chosen, default, or the secret's first version). */
  readonly movesCurrent: boolean;
  /** The version the document was read from. */
  readonly baseVersionId?: string;
  readonly expected: ExpectedState;
  /** The user chose Overwrite over a version another writer published after their read. */
  readonly overwrite: boolean;
  state: IntentState;
}

/** The labels the new version must end up with: what was chosen, plus AWSCURRENT when it moves. */
export function expectedLabels(intent: Pick<PublishIntent, 'versionStages' | 'movesCurrent'>): string[] {
  const labels = new Set(intent.versionStages ?? []);
  if (intent.movesCurrent) labels.add('AWSCURRENT');
  return [...labels];
}

/** Whether an attempt with this text and label choice retries the intent (rather than starting a new one). */
export function isRetryOf(intent: PublishIntent, text: string, newLabelChoice: boolean): boolean {
  return !newLabelChoice && intent.text === text;
}

export class IntentStore {
  private readonly intents = new Map<string, PublishIntent>();

  constructor(private readonly onDrop: (intent: PublishIntent, why: string) => void = () => undefined) {}

  get(documentKey: string): PublishIntent | undefined {
    return this.intents.get(documentKey);
  }

  set(intent: PublishIntent): void {
    const old = this.intents.get(intent.documentKey);
    if (old && old.token !== intent.token) this.onDrop(old, 'replaced by a new intent'); // l10n-ignore: a log line's reason
    this.intents.set(intent.documentKey, intent);
  }

  /** Drops the document's intent (success, revert, close, refresh, a new choice). */
  drop(documentKey: string, why: string): void {
    const old = this.intents.get(documentKey);
    if (!old) return;
    this.intents.delete(documentKey);
    this.onDrop(old, why);
  }

  /** How many documents hold an intent (tests check that nothing outlives a closed document). */
  get size(): number {
    return this.intents.size;
  }
}
