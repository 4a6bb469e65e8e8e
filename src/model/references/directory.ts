// What the references know about secrets: metadata by name or ARN, per connection, looked up in
// batches and shared by every document. Where a secret comes from, cheapest first:
//   1. the secrets the tree has already loaded (no call);
//   2. the cache of earlier lookups (10 minutes; 30 s for a failure);
//   3. one ListSecrets per 10 names, filtered by name (Secrets Manager matches name prefixes, so a
//      complete ARN's name without its suffix finds it too), with IncludePlannedDeletion so a
//      secret scheduled for deletion is told apart from one that does not exist;
//   4. DescribeSecret for a name the filtered page could not settle (more than one page of
//      matches), or for every name where ListSecrets is denied (IAM may allow DescribeSecret only).
// A name asked for while its lookup is running waits for that lookup. No `vscode`, no SDK: the
// service is injected; unit tests run it against the local endpoint.
import { AwsError } from '../../aws/errors';
import type { Logger, SecretsService, SecretSummary, SecretVersion } from '../../aws/types';
import { namePrefixOf } from './arn';
import type { SecretArn } from './types';
import * as l10n from '@vscode/l10n';

export const METADATA_TTL_MS = 10 * 60_000;
export const FAILURE_TTL_MS = 30_000;
/** ListSecrets takes at most 10 values per filter. */
export const NAMES_PER_LIST = 10;
/** Lookups of one batch in flight at once. */
export const PARALLEL_CALLS = 4;

export type LookupSource = 'view' | 'ListSecrets' | 'DescribeSecret' | 'action';

export type Lookup =
  | { readonly state: 'found'; readonly summary: SecretSummary; readonly source: LookupSource; readonly at: number }
  /** No such secret; `sameName`: a secret of the ARN's name exists, with another suffix (deleted and created again). */
  | { readonly state: 'missing'; readonly at: number; readonly sameName?: SecretSummary }
  | { readonly state: 'denied' | 'failed'; readonly message: string; readonly at: number };

/** A secret as a reference names it: the id as written, and its ARN if it is one. */
export interface SecretQuery {
  readonly id: string;
  readonly arn?: SecretArn;
}

export interface DirectorySource {
  service(connectionId: string): SecretsService;
  /** The secrets the tree has loaded for the connection (metadata only). */
  loaded(connectionId: string): readonly SecretSummary[];
}

export interface DirectoryOptions {
  readonly now?: () => number;
  readonly ttlMs?: number;
  readonly log?: Pick<Logger, 'debug' | 'warn'>;
  /** Runs every request: the extension marks them as background work (no MFA prompt). */
  readonly run?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** The part of a secret ARN after `secret:` (the name and its suffix). */
export function resourceOf(arn: string): string {
  const i = arn.indexOf(':secret:');
  return i < 0 ? '' : arn.slice(i + 8);
}

const arnField = (arn: string, n: number) => arn.split(':')[n] ?? '';

/** Whether a secret is the one a reference names (by name, by ARN, by partial ARN; region and account agree). */
export function matchesSecret(q: SecretQuery, s: SecretSummary): boolean {
  if (!q.arn) return s.name === q.id || (!!s.arn && s.arn === q.id);
  if (q.arn.region && s.arn && arnField(s.arn, 3) !== q.arn.region) return false;
  if (q.arn.account && s.arn && arnField(s.arn, 4) !== q.arn.account) return false;
  return resourceOf(s.arn) === q.arn.resource || s.name === q.arn.resource;
}

interface ViewIndex {
  byName: Map<string, SecretSummary>;
  byResource: Map<string, SecretSummary>;
}

async function pool(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

export class SecretDirectory {
  private readonly entries = new Map<string, Lookup>();
  /** Every secret seen per connection, by name: the pool of names for completion and "did you mean". */
  private readonly known = new Map<string, Map<string, SecretSummary>>();
  private readonly inflight = new Map<string, Promise<Lookup>>();
  private readonly accounts = new Map<string, string>();
  private readonly listDenied = new Set<string>();
  private readonly versionCache = new Map<string, { at: number; versions: Promise<SecretVersion[] | undefined> }>();
  private readonly searches = new Map<string, { at: number; done: Promise<SecretSummary[]> }>();
  /** Bumped by invalidate(): answers to requests sent before it are not cached. */
  private generation = 0;
  private readonly now: () => number;
  private readonly ttl: number;
  private readonly run: <T>(work: () => Promise<T>) => Promise<T>;

  constructor(
    private readonly source: DirectorySource,
    private readonly options: DirectoryOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.ttl = options.ttlMs ?? METADATA_TTL_MS;
    this.run = options.run ?? ((work) => work());
  }

  private key(connectionId: string, id: string): string {
    return `${connectionId}\n${id}`;
  }

  private fresh(l: Lookup | undefined): Lookup | undefined {
    if (!l) return undefined;
    const ttl = l.state === 'failed' ? Math.min(FAILURE_TTL_MS, this.ttl) : this.ttl;
    return this.now() - l.at < ttl ? l : undefined;
  }

  private viewIndex(connectionId: string): ViewIndex {
    const index: ViewIndex = { byName: new Map(), byResource: new Map() };
    let loaded: readonly SecretSummary[] = [];
    try {
      loaded = this.source.loaded(connectionId);
    } catch {
      /* no such connection any more */
    }
    for (const s of loaded) {
      index.byName.set(s.name, s);
      if (s.arn) index.byResource.set(resourceOf(s.arn), s);
    }
    return index;
  }

  private fromView(index: ViewIndex, q: SecretQuery): SecretSummary | undefined {
    const candidates = q.arn
      ? [index.byResource.get(q.arn.resource), index.byName.get(q.arn.resource)]
      : [index.byName.get(q.id), q.id.startsWith('arn:') ? index.byResource.get(resourceOf(q.id)) : undefined];
    return candidates.find((s): s is SecretSummary => !!s && matchesSecret(q, s));
  }

  private learn(connectionId: string, s: SecretSummary): void {
    let names = this.known.get(connectionId);
    if (!names) this.known.set(connectionId, (names = new Map()));
    names.set(s.name, s);
    const account = s.arn ? arnField(s.arn, 4) : '';
    if (/^\d{12}$/.test(account)) this.accounts.set(connectionId, account);
  }

  /** What is known now, without a request: the view's secret, or a fresh cached lookup. */
  peek(connectionId: string, q: SecretQuery): Lookup | undefined {
    const view = this.fromView(this.viewIndex(connectionId), q);
    if (view) {
      this.learn(connectionId, view);
      return { state: 'found', summary: view, source: 'view', at: this.now() };
    }
    return this.fresh(this.entries.get(this.key(connectionId, q.id)));
  }

  /** The connection's AWS account, once any secret it returned said so. */
  account(connectionId: string): string | undefined {
    if (!this.accounts.has(connectionId)) for (const s of this.viewIndex(connectionId).byName.values()) this.learn(connectionId, s);
    return this.accounts.get(connectionId);
  }

  /** Every secret known for the connection: the view's, then the ones lookups returned (by name). */
  names(connectionId: string): SecretSummary[] {
    const out = new Map<string, SecretSummary>();
    for (const s of this.viewIndex(connectionId).byName.values()) out.set(s.name, s);
    for (const s of this.known.get(connectionId)?.values() ?? []) if (!out.has(s.name)) out.set(s.name, s);
    return [...out.values()];
  }

  /**
   * Looks the secrets up, in as few calls as it can (see the top of this file), and resolves to
   * what was found for each id. Ids already known or being looked up cost nothing.
   */
  async lookup(connectionId: string, queries: readonly SecretQuery[]): Promise<Map<string, Lookup>> {
    const out = new Map<string, Lookup>();
    const index = this.viewIndex(connectionId);
    const waits: Promise<void>[] = [];
    const todo: SecretQuery[] = [];
    for (const q of queries) {
      if (out.has(q.id) || todo.some((t) => t.id === q.id)) continue;
      const view = this.fromView(index, q);
      if (view) {
        this.learn(connectionId, view);
        out.set(q.id, { state: 'found', summary: view, source: 'view', at: this.now() });
        continue;
      }
      const k = this.key(connectionId, q.id);
      const cached = this.fresh(this.entries.get(k));
      if (cached) {
        out.set(q.id, cached);
        continue;
      }
      const running = this.inflight.get(k);
      if (running) {
        waits.push(running.then((l) => void out.set(q.id, l)));
        continue;
      }
      todo.push(q);
    }
    if (todo.length) for (const [id, p] of this.fetch(connectionId, todo)) waits.push(p.then((l) => void out.set(id, l)));
    await Promise.all(waits);
    return out;
  }

  private fetch(connectionId: string, todo: readonly SecretQuery[]): Map<string, Promise<Lookup>> {
    const settleOf = new Map<string, (l: Lookup) => void>();
    const promises = new Map<string, Promise<Lookup>>();
    const generation = this.generation;
    for (const q of todo) {
      const k = this.key(connectionId, q.id);
      const p = new Promise<Lookup>((resolve) => settleOf.set(q.id, resolve));
      this.inflight.set(k, p);
      void p.then(() => {
        if (this.inflight.get(k) === p) this.inflight.delete(k);
      });
      promises.set(q.id, p);
    }
    const settled = new Set<string>();
    const settle = (q: SecretQuery, l: Lookup) => {
      if (settled.has(q.id)) return;
      settled.add(q.id);
      if (generation === this.generation) this.entries.set(this.key(connectionId, q.id), l);
      settleOf.get(q.id)!(l);
    };
    void this.run(async () => {
      const service = this.source.service(connectionId);
      if (this.listDenied.has(connectionId)) {
        await pool(todo.map((q) => async () => settle(q, await this.describe(connectionId, service, q))), PARALLEL_CALLS);
        return;
      }
      const byPrefix = new Map<string, SecretQuery[]>();
      for (const q of todo) {
        const prefix = namePrefixOf(q.id, q.arn);
        byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), q]);
      }
      const prefixes = [...byPrefix.keys()];
      const chunks: string[][] = [];
      for (let i = 0; i < prefixes.length; i += NAMES_PER_LIST) chunks.push(prefixes.slice(i, i + NAMES_PER_LIST));
      await pool(chunks.map((chunk) => async () => {
        const queries = chunk.flatMap((p) => byPrefix.get(p)!);
        let page;
        try {
          page = await service.listSecrets({ filters: [{ key: 'name', values: chunk }], includePlannedDeletion: true, maxResults: 100 });
        } catch (err) {
          if (err instanceof AwsError && err.kind === 'accessDenied') {
            this.listDenied.add(connectionId);
            this.options.log?.debug(`References: ListSecrets is denied on ${connectionId}; looking secrets up one by one (DescribeSecret)`);
            for (const q of queries) settle(q, await this.describe(connectionId, service, q));
            return;
          }
          for (const q of queries) settle(q, this.failure(err));
          return;
        }
        for (const s of page.secrets) this.learn(connectionId, s);
        for (const q of queries) {
          const s = page.secrets.find((x) => matchesSecret(q, x));
          const sameName = s ? undefined : sameNameOf(q, page.secrets);
          if (s) settle(q, { state: 'found', summary: s, source: 'ListSecrets', at: this.now() });
          else if (sameName) settle(q, { state: 'missing', at: this.now(), sameName });
          // More matches than one page: this one may be on a later page.
          else if (page.nextToken) settle(q, await this.describe(connectionId, service, q));
          else settle(q, { state: 'missing', at: this.now() });
        }
      }), PARALLEL_CALLS);
    }).catch((err) => {
      for (const q of todo) settle(q, this.failure(err));
    }).finally(() => {
      for (const q of todo) settle(q, this.failure(new Error(l10n.t('The lookup ended without an answer.'))));
    });
    return promises;
  }

  private readonly warned = new Map<string, number>();

  private failure(err: unknown): Lookup {
    const message = err instanceof Error ? err.message : l10n.t('The lookup failed.');
    const denied = err instanceof AwsError && err.kind === 'accessDenied';
    // One line per distinct failure every 30 s, not one per batch of names.
    const last = this.warned.get(message);
    if (last === undefined || this.now() - last >= FAILURE_TTL_MS) {
      this.warned.set(message, this.now());
      this.options.log?.warn(`References: a lookup failed: ${message}`);
    }
    return { state: denied ? 'denied' : 'failed', message, at: this.now() };
  }

  private async describe(connectionId: string, service: SecretsService, q: SecretQuery): Promise<Lookup> {
    // An ARN written with placeholders cannot be sent: ask by its name.
    const id = q.arn && q.id.includes('${') ? q.arn.nameIfComplete ?? q.arn.resource : q.id;
    try {
      const s = await service.describeSecret(id);
      this.learn(connectionId, s);
      if (matchesSecret(q, s)) return { state: 'found', summary: s, source: 'DescribeSecret', at: this.now() };
      return { state: 'missing', at: this.now(), sameName: s };
    } catch (err) {
      if (!(err instanceof AwsError && err.kind === 'notFound')) return this.failure(err);
      // A complete ARN that names nothing: is there a secret of its name (deleted and created again)?
      const name = q.arn?.nameIfComplete;
      if (!name || name === id) return { state: 'missing', at: this.now() };
      try {
        const same = await service.describeSecret(name);
        this.learn(connectionId, same);
        return { state: 'missing', at: this.now(), sameName: same };
      } catch (again) {
        return again instanceof AwsError && again.kind === 'notFound' ? { state: 'missing', at: this.now() } : this.failure(again);
      }
    }
  }

  /**
   * One ListSecrets of the names starting with `prefix` (a page of at most 100), once per prefix
   * until the cache expires: names to complete, and to suggest for a name that does not exist.
   */
  search(connectionId: string, prefix: string): Promise<SecretSummary[]> {
    const k = this.key(connectionId, `prefix:${prefix}`);
    const cached = this.searches.get(k);
    if (cached && this.now() - cached.at < this.ttl) return cached.done;
    const done = this.run(async () => {
      try {
        // An empty prefix: the first page of every secret.
        const page = await this.source.service(connectionId).listSecrets({ filters: prefix ? [{ key: 'name', values: [prefix] }] : undefined, maxResults: 100 });
        for (const s of page.secrets) this.learn(connectionId, s);
        return [...page.secrets];
      } catch (err) {
        this.failure(err);
        this.searches.delete(k);
        return [];
      }
    });
    this.searches.set(k, { at: this.now(), done });
    return done;
  }

  /** Every version of a secret, labelled or not (ListSecretVersionIds), cached; undefined when it cannot be read. */
  versions(connectionId: string, secretId: string): Promise<SecretVersion[] | undefined> {
    const k = this.key(connectionId, secretId);
    const cached = this.versionCache.get(k);
    if (cached && this.now() - cached.at < this.ttl) return cached.versions;
    const versions = this.run(async () => {
      try {
        return await this.source.service(connectionId).listVersions(secretId, true);
      } catch (err) {
        this.failure(err);
        this.versionCache.delete(k);
        return undefined;
      }
    });
    this.versionCache.set(k, { at: this.now(), versions });
    return versions;
  }

  /**
   * A secret changed through the extension (publish, label move, delete, restore, create): what
   * is known of it is dropped or replaced; after a create or a delete, so is every "missing".
   */
  changed(connectionId: string, name: string, summary?: SecretSummary, structural = false): void {
    for (const [k, l] of this.entries) {
      if (!k.startsWith(`${connectionId}\n`)) continue;
      const id = k.slice(connectionId.length + 1);
      const about = l.state === 'found' ? l.summary.name === name : id === name || id.endsWith(`:secret:${name}`) || resourceOf(id).startsWith(`${name}-`);
      if (about || (structural && l.state === 'missing')) this.entries.delete(k);
    }
    for (const k of [...this.versionCache.keys()]) if (k === this.key(connectionId, name)) this.versionCache.delete(k);
    if (summary) {
      this.learn(connectionId, summary);
      this.entries.set(this.key(connectionId, name), { state: 'found', summary, source: 'action', at: this.now() });
    } else if (structural) this.known.get(connectionId)?.delete(name);
  }

  /** Forget everything (or everything of one connection): the next lookup asks again. */
  invalidate(connectionId?: string): void {
    this.generation++;
    const mine = (k: string) => !connectionId || k.startsWith(`${connectionId}\n`);
    for (const map of [this.entries, this.versionCache, this.searches] as Map<string, unknown>[]) for (const k of [...map.keys()]) if (mine(k)) map.delete(k);
    if (connectionId) {
      this.known.delete(connectionId);
      this.listDenied.delete(connectionId);
    } else {
      this.known.clear();
      this.listDenied.clear();
    }
  }
}

/** A complete ARN whose suffix is not its secret's any more: the secret of that name. */
function sameNameOf(q: SecretQuery, secrets: readonly SecretSummary[]): SecretSummary | undefined {
  const name = q.arn?.nameIfComplete;
  return name ? secrets.find((s) => s.name === name) : undefined;
}
