// Faults injected at the local endpoint and its request counters. Off unless set; each counted
// fault is used up only by the requests it hits.
import { ServiceError } from './store';
import type { Counters, DenyRule, FaultCount, Faults } from './types';

const COUNTED = ['throttle', 'internalError', 'expiredToken', 'dropAfterCommit'] as const;

function checkCount(name: string, f: unknown): FaultCount {
  const c = f as FaultCount;
  if (typeof c !== 'object' || !Number.isInteger(c.count) || c.count < 0) throw new TypeError(`${name}.count must be a non-negative integer`);
  if (c.operations !== undefined && (!Array.isArray(c.operations) || c.operations.some((o) => typeof o !== 'string'))) {
    throw new TypeError(`${name}.operations must be a list of operation names`);
  }
  return { count: c.count, operations: c.operations && [...c.operations] };
}

export class FaultInjector {
  private faults: Faults = {};
  private counts: Record<string, number> = {};
  private keyCounts: Record<string, number> = {};

  /**
   * @param resolve the canonical name of a secret given by name or ARN (undefined if unknown), so
   * that a rule naming a secret one way matches a request naming it the other way.
   */
  constructor(
    private readonly accountId: string,
    private readonly resolve: (secretId: string) => string | undefined,
  ) {}

  // ---- counters ---------------------------------------------------------------------------------
  count(operation: string, accessKeyId: string | undefined): void {
    this.counts[operation] = (this.counts[operation] ?? 0) + 1;
    const key = accessKeyId ?? '(unsigned)';
    this.keyCounts[key] = (this.keyCounts[key] ?? 0) + 1;
  }

  counters(): Counters {
    const byOperation = { ...this.counts };
    return { total: Object.values(byOperation).reduce((a, b) => a + b, 0), byOperation, byAccessKey: { ...this.keyCounts } };
  }

  resetCounters(): void {
    this.counts = {};
    this.keyCounts = {};
  }

  // ---- configuration ----------------------------------------------------------------------------
  /** Merges `partial` into the active faults; a key set to null (over HTTP) clears that fault. */
  set(partial: Faults): void {
    const next: Faults = { ...this.faults };
    for (const [key, value] of Object.entries(partial ?? {})) {
      if (value === null || value === undefined) {
        delete next[key as keyof Faults];
      } else if (key === 'latencyMs') {
        if (typeof value !== 'number' || value < 0) throw new TypeError('latencyMs must be a non-negative number');
        next.latencyMs = value;
      } else if (key === 'expiredAccessKeys') {
        if (!Array.isArray(value) || value.some((k) => typeof k !== 'string')) throw new TypeError('expiredAccessKeys must be a list of access key ids');
        next.expiredAccessKeys = [...value];
      } else if (key === 'deny') {
        if (!Array.isArray(value)) throw new TypeError('deny must be a list of {operation?, secretId?}');
        next.deny = value.map((r: DenyRule) => ({ operation: r.operation, secretId: r.secretId }));
      } else if ((COUNTED as readonly string[]).includes(key)) {
        next[key as (typeof COUNTED)[number]] = checkCount(key, value);
      } else {
        throw new TypeError(`unknown fault ${key}`);
      }
    }
    this.faults = next;
  }

  get(): Faults {
    return JSON.parse(JSON.stringify(this.faults));
  }

  clear(): void {
    this.faults = {};
  }

  get latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  // ---- per request ------------------------------------------------------------------------------
  private take(kind: (typeof COUNTED)[number], operation: string): boolean {
    const f = this.faults[kind];
    if (!f || f.count <= 0 || (f.operations && !f.operations.includes(operation))) return false;
    f.count -= 1;
    return true;
  }

  /** The fault a request gets before it reaches the store, if any. */
  before(operation: string, secretId: string | undefined, accessKeyId?: string): ServiceError | undefined {
    if (this.take('expiredToken', operation) || (accessKeyId !== undefined && this.faults.expiredAccessKeys?.includes(accessKeyId))) {
      return new ServiceError('ExpiredTokenException', 'The security token included in the request is expired');
    }
    if (this.take('throttle', operation)) return new ServiceError('ThrottlingException', 'Rate exceeded');
    if (this.take('internalError', operation)) {
      return new ServiceError('InternalServiceError', 'An error occurred on the server side.', 500);
    }
    return this.denied(operation, secretId);
  }

  /** AccessDeniedException if a deny rule covers this operation on this secret. */
  denied(operation: string, secretId: string | undefined): ServiceError | undefined {
    const canonical = (id: string) => this.resolve(id) ?? id;
    const target = secretId === undefined ? undefined : canonical(secretId);
    const rule = this.faults.deny?.find(
      (r) => (!r.operation || r.operation === operation) && (!r.secretId || (target !== undefined && canonical(r.secretId) === target)),
    );
    if (!rule) return undefined;
    const action = `secretsmanager:${operation}`;
    return new ServiceError(
      'AccessDeniedException',
      `User: arn:aws:iam::${this.accountId}:user/local is not authorized to perform: ${action} on resource: ${secretId ?? '*'} because no identity-based policy allows the ${action} action`,
    );
  }

  /** Whether this committed write loses its response (the connection is dropped instead). */
  dropAfterCommit(operation: string): boolean {
    return this.take('dropAfterCommit', operation);
  }
}
