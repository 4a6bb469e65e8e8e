// Paging through one connection's secrets with ListSecrets: the pages loaded so far, the
// NextToken, whether the first page failed (nothing to show: the listing is an error) or a later
// one did (the loaded secrets stay), the page in flight (concurrent callers wait for the same
// request), abort (a refresh drops the listing and its request), and following a few empty pages
// of a filtered listing. No `vscode`: the tree provider (src/views/secretsTree.ts) renders it,
// unit tests run it against the local endpoint.
import type { ListFilter, Logger, SecretsService, SecretSummary } from '../aws/types';

/** What each page asks for; read again before every page. */
export interface PageQuery {
  readonly pageSize: number;
  readonly includeDeleted: boolean;
  readonly sortBy: 'name' | 'lastChanged';
  readonly filter?: ListFilter;
}

/** Empty pages (filtered listings) followed automatically before a caller sees "more to load". */
export const EMPTY_PAGES_FOLLOWED = 5;

export interface SecretPagerOptions {
  /** The service of the connection listed (asked for again before every page). */
  readonly service: () => SecretsService;
  readonly query: () => PageQuery;
  /** Runs around each ListSecrets call (the tree shows progress on its view). */
  readonly aroundPage?: (work: () => Promise<void>) => Promise<void>;
  readonly log?: Pick<Logger, 'debug' | 'warn'>;
  /** Names the listing in log lines (the connection id). */
  readonly name?: string;
  readonly emptyPagesFollowed?: number;
}

export class SecretPager {
  private readonly byName = new Map<string, SecretSummary>();
  private order: string[] = [];
  private token: string | undefined;
  private firstPageError: unknown;
  private laterPageError: unknown;
  private started = false;
  private inflight: Promise<void> | undefined;
  private more: Promise<boolean> | undefined;
  private readonly abortController = new AbortController();

  constructor(private readonly options: SecretPagerOptions) {}

  /** The secrets loaded so far, in the order the pages gave them. */
  get secrets(): SecretSummary[] {
    return this.order.map((name) => this.byName.get(name)!);
  }

  get count(): number {
    return this.order.length;
  }

  /** The secrets loaded from position `from` on, in page order (what arrived since a caller last looked). */
  secretsFrom(from: number): SecretSummary[] {
    return this.order.slice(from).map((name) => this.byName.get(name)!);
  }

  /** A loaded secret by name or ARN. */
  find(nameOrArn: string): SecretSummary | undefined {
    return this.byName.get(nameOrArn) ?? [...this.byName.values()].find((s) => s.arn === nameOrArn);
  }

  /** There is a next page (ListSecrets gave a NextToken). */
  get hasMore(): boolean {
    return !!this.token;
  }

  /** The first page failed: nothing was loaded, the listing is this error. */
  get error(): unknown {
    return this.firstPageError;
  }

  /** A later page failed: the secrets loaded before it stay; loadMore() tries that page again. */
  get pageError(): unknown {
    return this.laterPageError;
  }

  /** The page (or run of empty pages) being fetched, if any. */
  get loading(): Promise<void> | undefined {
    return this.inflight;
  }

  get aborted(): boolean {
    return this.abortController.signal.aborted;
  }

  /** Loads the first page, once: later and concurrent calls wait for that same request. */
  load(): Promise<void> {
    if (!this.started) {
      this.started = true;
      return this.fetch();
    }
    return this.inflight ?? Promise.resolve();
  }

  /**
   * Loads the next page, after the one in flight. Concurrent calls share one request. Resolves
   * to whether a page was requested (false: nothing more to load, or the listing was aborted).
   */
  loadMore(): Promise<boolean> {
    this.more ??= (async () => {
      await this.inflight;
      if (this.aborted || !this.token) return false;
      this.laterPageError = undefined;
      await this.fetch();
      return true;
    })().finally(() => {
      this.more = undefined;
    });
    return this.more;
  }

  /** Drops the listing: the request in flight is aborted and its page, if it still comes, ignored. */
  abort(): void {
    this.abortController.abort();
  }

  /** Replaces a loaded secret's summary (after DescribeSecret), or adds it at the end. */
  upsert(summary: SecretSummary): void {
    if (!this.byName.has(summary.name)) this.order.push(summary.name);
    this.byName.set(summary.name, summary);
  }

  remove(name: string): void {
    if (!this.byName.delete(name)) return;
    this.order = this.order.filter((n) => n !== name);
  }

  private fetch(): Promise<void> {
    const followed = this.options.emptyPagesFollowed ?? EMPTY_PAGES_FOLLOWED;
    const fetching = (async () => {
      // With filters, ListSecrets may return an empty page with a NextToken. Rather than a view
      // holding only "Load more", follow such tokens a few times while nothing is loaded yet.
      for (let pages = 1; ; pages++) {
        await this.fetchPage();
        const keepGoing = this.order.length === 0 && !!this.token && this.firstPageError === undefined &&
          this.laterPageError === undefined && !this.aborted && pages < followed;
        if (!keepGoing) return;
      }
    })().finally(() => {
      if (this.inflight === fetching) this.inflight = undefined;
    });
    this.inflight = fetching;
    return fetching;
  }

  private async fetchPage(): Promise<void> {
    const { log, name = 'a connection' } = this.options;
    const query = this.options.query();
    const firstPage = this.order.length === 0 && !this.token;
    const signal = this.abortController.signal;
    const around = this.options.aroundPage ?? ((work) => work());
    await around(async () => {
      try {
        // ListSecrets sorts on the server by SortBy (name, last-changed-date, ...; newer API) and
        // SortOrder. Asking for the view's order makes "Load more" append rather than reshuffle.
        // Where SortBy is not passed on (older service layer or endpoint), pages come by creation
        // date (newest first for "last changed", the closest proxy) and the view sorts the
        // secrets loaded so far on the client.
        const request = {
          maxResults: query.pageSize,
          nextToken: this.token,
          includePlannedDeletion: query.includeDeleted,
          filters: query.filter ? [query.filter] : undefined,
          sortBy: query.sortBy === 'name' ? 'name' : 'last-changed-date',
          sortOrder: query.sortBy === 'name' ? ('asc' as const) : ('desc' as const),
          signal,
        };
        const page = await this.options.service().listSecrets(request);
        if (signal.aborted) return;
        for (const s of page.secrets) this.upsert(s);
        this.token = page.nextToken;
        this.firstPageError = undefined;
      } catch (err) {
        if (signal.aborted) {
          log?.debug(`Listing secrets of ${name}: superseded, cancelled`);
          this.firstPageError = err; // nobody reads a dropped listing
          return;
        }
        if (firstPage) this.firstPageError = err;
        else this.laterPageError = err;
        log?.warn(`Listing secrets of ${name} failed: ${err instanceof Error ? err.message : 'error'}`);
      }
    });
  }
}
