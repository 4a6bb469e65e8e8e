// Searching every connection at once for secrets by name: ListSecrets with a server-side name
// filter (names that start with the text, as Secrets Manager matches them), on a few connections
// at a time, results handed on as each page arrives, a failing connection reported without
// stopping the others, everything abandoned on cancel. Pure: the services come from the caller.
import type { SecretsService, SecretSummary } from '../aws/types';
import { isCancellation } from './errorPolicy';

export interface SearchTarget {
  readonly connectionId: string;
  readonly label: string;
  service(): Promise<SecretsService>;
}

export interface SearchHit {
  readonly connectionId: string;
  readonly connectionLabel: string;
  readonly summary: SecretSummary;
}

export interface SearchFailure {
  readonly connectionId: string;
  readonly connectionLabel: string;
  readonly error: unknown;
}

export interface SearchOptions {
  /** Connections searched at the same time. Default 10 (ListSecrets allows far more per account and region). */
  readonly concurrency?: number;
  /** Pages of 100 read per connection at most (a prefix that matches thousands is a filter, not a search). Default 3. */
  readonly maxPagesPerConnection?: number;
  readonly signal?: AbortSignal;
  /** A page of matches arrived. */
  onHits(hits: SearchHit[]): void;
  /** A connection could not be searched (the others go on). */
  onFailure?(failure: SearchFailure): void;
  /** A connection is done (searched, failed or cut off at the page limit). */
  onProgress?(done: number, total: number): void;
}

export interface SearchResult {
  readonly hits: number;
  readonly searched: number;
  readonly failures: readonly SearchFailure[];
  /** Connections with more matches than the pages read. */
  readonly truncated: readonly string[];
  readonly cancelled: boolean;
}

/** A name prefix ListSecrets' name filter accepts (the tree's filter takes the same). */
export const NAME_FILTER = /^[a-zA-Z0-9 :_@/+=.\-!]{1,512}$/;

export async function searchConnections(targets: readonly SearchTarget[], text: string, options: SearchOptions): Promise<SearchResult> {
  const queue = [...targets];
  const failures: SearchFailure[] = [];
  const truncated: string[] = [];
  let hits = 0;
  let done = 0;
  const maxPages = Math.max(1, options.maxPagesPerConnection ?? 3);
  const aborted = () => options.signal?.aborted === true;

  const searchOne = async (t: SearchTarget) => {
    try {
      const service = await t.service();
      let token: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const r = await service.listSecrets({ filters: [{ key: 'name', values: [text] }], maxResults: 100, nextToken: token, signal: options.signal });
        if (aborted()) return;
        if (r.secrets.length) {
          hits += r.secrets.length;
          options.onHits(r.secrets.map((summary) => ({ connectionId: t.connectionId, connectionLabel: t.label, summary })));
        }
        token = r.nextToken;
        if (!token) return;
      }
      truncated.push(t.connectionId);
    } catch (error) {
      if (aborted() || isCancellation(error)) return;
      const failure = { connectionId: t.connectionId, connectionLabel: t.label, error };
      failures.push(failure);
      options.onFailure?.(failure);
    } finally {
      done++;
      if (!aborted()) options.onProgress?.(done, targets.length);
    }
  };

  const workers = Array.from({ length: Math.min(Math.max(1, options.concurrency ?? 10), queue.length) }, async () => {
    for (let t = queue.shift(); t && !aborted(); t = queue.shift()) await searchOne(t);
  });
  await Promise.all(workers);
  return { hits, searched: done, failures, truncated, cancelled: aborted() };
}
