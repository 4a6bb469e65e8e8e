// The write journal: one entry per write request, whatever its outcome, for model-based tests that
// check exactly what a client sent and what it changed. It holds values as sent, as the admin
// surface's secretState already does; nothing here is ever logged.
import type { Secret, Store } from './store';
import { JOURNAL_MAX_ENTRIES, type JournalEntry } from './types';

type Json = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Called once the request's outcome is known: 'ok', 'dropped' or the error type, and the store's answer if it gave one. */
export type FinishEntry = (outcome: string, result?: Json) => void;

export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;
  private droppedCount = 0;

  constructor(
    private readonly store: Store,
    private readonly max = JOURNAL_MAX_ENTRIES,
  ) {}

  /**
   * Notes the secret as it is before a write request is handled (call it after any race write,
   * before the faults and the store); the entry is added when the returned function is called.
   * Nothing may run between the two calls but the handling of this request: the store answers
   * synchronously, so entries are in the order the requests were handled.
   */
  begin(operation: string, secretId: string | undefined, input: Json | undefined, accessKeyId: string | undefined): FinishEntry {
    const at = this.store.now();
    const before = this.lookup(secretId);
    const stagesBefore = before && this.store.stagesMap(before);
    const idsBefore = new Set(before?.versions.keys());
    let done = false;
    return (outcome, result) => {
      if (done) return;
      done = true;
      const after = this.lookup(secretId);
      const committed = outcome === 'ok' || outcome === 'dropped';
      const versionId = committed ? str(result?.VersionId) : undefined;
      const stageUpdate = operation === 'UpdateSecretVersionStage';
      const entry: JournalEntry = {
        seq: ++this.seq,
        at,
        operation,
        secretName: (before ?? after)?.name ?? secretId,
        accessKeyId: accessKeyId ?? '(unsigned)',
        clientRequestToken: str(input?.ClientRequestToken),
        versionStages: Array.isArray(input?.VersionStages) ? [...input.VersionStages] : undefined,
        secretString: str(input?.SecretString),
        secretBinaryBase64: str(input?.SecretBinary),
        versionStage: stageUpdate ? str(input?.VersionStage) : undefined,
        moveToVersionId: stageUpdate ? str(input?.MoveToVersionId) : undefined,
        removeFromVersionId: stageUpdate ? str(input?.RemoveFromVersionId) : undefined,
        outcome,
        committed,
        versionId,
        created: versionId !== undefined && !idsBefore.has(versionId) && after?.versions.has(versionId) === true,
        stagesBefore,
        stagesAfter: after && this.store.stagesMap(after),
      };
      // Absent, not undefined: the same entries in process as over HTTP (JSON).
      for (const key of Object.keys(entry) as (keyof JournalEntry)[]) if (entry[key] === undefined) delete entry[key];
      this.entries.push(entry);
      if (this.entries.length > this.max) {
        this.entries.shift();
        this.droppedCount++;
      }
    };
  }

  /** Copies of the entries with seq > sinceSeq, oldest first. */
  list(sinceSeq = 0): JournalEntry[] {
    if (typeof sinceSeq !== 'number' || Number.isNaN(sinceSeq)) throw new TypeError('sinceSeq must be a number');
    // seq has no gaps between the oldest entry kept and the newest.
    const start = this.entries.length ? Math.max(0, Math.floor(sinceSeq) - this.entries[0].seq + 1) : 0;
    return structuredClone(this.entries.slice(start));
  }

  clear(): void {
    this.entries = [];
    this.droppedCount = 0;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** The secret a request names, if it exists; never throws (an invalid SecretId is the store's to refuse). */
  private lookup(secretId: string | undefined): Secret | undefined {
    return secretId ? this.store.find(secretId) : undefined;
  }
}
