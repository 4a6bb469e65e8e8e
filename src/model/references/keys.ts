// The JSON key names of a secret version, for the key check and key completion. Reading them
// means reading the value (GetSecretValue, which CloudTrail logs), so the UI asks for them only on
// connections the user opted in. The value is dropped as soon as its key names are taken: only
// names are kept, in memory, for KEY_CACHE_TTL_MS. A version asked for again while its read is
// running waits for that read. No `vscode`, no SDK.
import { AwsError } from '../../aws/errors';
import type { Logger, SecretData, SecretsService } from '../../aws/types';
import { parseJson, type JsonNode } from '../format';
import * as l10n from '@vscode/l10n';

/** How long key names are kept: five minutes, then the value is read again when needed. */
export const KEY_CACHE_TTL_MS = 5 * 60_000;
const FAILURE_TTL_MS = 30_000;
/** GetSecretValue calls of key checks in flight at once. */
export const KEY_READS_IN_PARALLEL = 8;
/** Nested key paths kept per version (a.b.c), for ExternalSecret properties and jmesPath. */
const MAX_PATHS = 500;
const MAX_DEPTH = 4;

export type KeyNames =
  /** `keys`: the top-level keys; `paths`: dotted paths of nested object keys (names only). */
  | { readonly state: 'keys'; readonly keys: readonly string[]; readonly paths: readonly string[]; readonly at: number }
  | { readonly state: 'notJson' | 'binary'; readonly at: number }
  | { readonly state: 'missing' | 'denied' | 'failed'; readonly message: string; readonly at: number };

/** Which version: by id, by staging label, or AWSCURRENT. */
export interface VersionSelector {
  readonly versionId?: string;
  readonly versionStage?: string;
}

/** The key names of a secret's data: nothing of the value is returned. */
export function keyNamesOf(data: SecretData): { state: 'keys'; keys: string[]; paths: string[] } | { state: 'notJson' | 'binary' } {
  if (data.kind === 'binary') return { state: 'binary' };
  const parsed = parseJson(data.text);
  if (!parsed.ok || parsed.node.type !== 'object') return { state: 'notJson' };
  const keys: string[] = [];
  const paths: string[] = [];
  const walk = (node: JsonNode, prefix: string, depth: number) => {
    if (node.type !== 'object') return;
    for (const e of node.entries) {
      const path = prefix ? `${prefix}.${e.key}` : e.key;
      if (!prefix && !keys.includes(e.key)) keys.push(e.key);
      if (prefix && paths.length < MAX_PATHS && !paths.includes(path)) paths.push(path);
      if (depth < MAX_DEPTH) walk(e.value, path, depth + 1);
    }
  };
  walk(parsed.node, '', 1);
  return { state: 'keys', keys, paths };
}

/** Whether a reference's key is in the names: a top-level key, or (for paths) a nested one; jmesPath quotes ignored. */
export function hasKey(names: Extract<KeyNames, { state: 'keys' }>, key: string, isPath: boolean): boolean {
  if (names.keys.includes(key)) return true;
  if (!isPath) return false;
  const path = key.replace(/"([^"]*)"/g, '$1');
  return names.keys.includes(path) || names.paths.includes(path);
}

export interface KeyCacheOptions {
  readonly now?: () => number;
  readonly ttlMs?: number;
  readonly log?: Pick<Logger, 'debug' | 'warn'>;
  readonly run?: <T>(work: () => Promise<T>) => Promise<T>;
}

export class KeyCache {
  private readonly entries = new Map<string, KeyNames>();
  private readonly inflight = new Map<string, Promise<KeyNames>>();
  private readonly now: () => number;
  private readonly ttl: number;
  private generation = 0;
  private reading = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly service: (connectionId: string) => SecretsService,
    private readonly options: KeyCacheOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.ttl = options.ttlMs ?? KEY_CACHE_TTL_MS;
  }

  private key(connectionId: string, secretId: string, v: VersionSelector): string {
    return [connectionId, secretId, v.versionId ?? '', v.versionId ? '' : v.versionStage ?? 'AWSCURRENT'].join('\n');
  }

  private fresh(k: KeyNames | undefined): KeyNames | undefined {
    if (!k) return undefined;
    const ttl = k.state === 'failed' ? Math.min(FAILURE_TTL_MS, this.ttl) : this.ttl;
    return this.now() - k.at < ttl ? k : undefined;
  }

  /** Cached key names, without a request. */
  peek(connectionId: string, secretId: string, v: VersionSelector): KeyNames | undefined {
    return this.fresh(this.entries.get(this.key(connectionId, secretId, v)));
  }

  /** The version's key names: cached, or one GetSecretValue (shared by concurrent callers). */
  load(connectionId: string, secretId: string, v: VersionSelector): Promise<KeyNames> {
    const k = this.key(connectionId, secretId, v);
    const cached = this.fresh(this.entries.get(k));
    if (cached) return Promise.resolve(cached);
    const running = this.inflight.get(k);
    if (running) return running;
    const generation = this.generation;
    const run = this.options.run ?? ((work) => work());
    const p = run(async (): Promise<KeyNames> => {
      let names: KeyNames;
      try {
        const selector = v.versionId ? { versionId: v.versionId } : { versionStage: v.versionStage ?? 'AWSCURRENT' };
        // The value lives only in this scope: its key names are taken and it is dropped.
        names = await this.slot(async () => ({ ...keyNamesOf((await this.service(connectionId).getSecretValue(secretId, selector)).data), at: this.now() }));
      } catch (err) {
        const message = err instanceof Error ? err.message : l10n.t('The value could not be read.');
        const kind = err instanceof AwsError ? err.kind : undefined;
        this.options.log?.warn(`References: reading the key names of ${secretId} failed: ${message}`);
        names = { state: kind === 'notFound' ? 'missing' : kind === 'accessDenied' ? 'denied' : 'failed', message, at: this.now() };
      }
      if (generation === this.generation) this.entries.set(k, names);
      return names;
    }).finally(() => this.inflight.delete(k));
    this.inflight.set(k, p);
    return p;
  }

  /** At most KEY_READS_IN_PARALLEL reads at once. */
  private async slot<T>(work: () => Promise<T>): Promise<T> {
    if (this.reading >= KEY_READS_IN_PARALLEL) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.reading++;
    try {
      return await work();
    } finally {
      this.reading--;
      this.queue.shift()?.();
    }
  }

  /** Forget the key names of one secret (it changed), of a connection, or all. */
  clear(connectionId?: string, secretId?: string): void {
    this.generation++;
    for (const k of [...this.entries.keys()]) {
      const [c, s] = k.split('\n');
      if ((!connectionId || c === connectionId) && (!secretId || s === secretId)) this.entries.delete(k);
    }
  }

  /** How many versions' key names are held (tests: the cache keeps names only, and expires). */
  get size(): number {
    return [...this.entries.values()].filter((e) => this.fresh(e)).length;
  }

  /** Everything held, for a leak check: key names and states, nothing else exists to hold. */
  held(): readonly KeyNames[] {
    return [...this.entries.values()];
  }
}
