// Faults injected at the local endpoint and its request counters. Off unless set; each counted
// fault is used up only by the requests it hits.
import { OPERATIONS, ServiceError, WRITES } from './store';
import type { Counters, DenyRule, FaultCount, Faults, RaceFault, RaceWrite } from './types';

const COUNTED = ['throttle', 'internalError', 'expiredToken', 'dropAfterCommit'] as const;

function checkCount(name: string, f: unknown): FaultCount {
  const c = f as FaultCount;
  if (typeof c !== 'object' || !Number.isInteger(c.count) || c.count < 0) throw new TypeError(`${name}.count must be a non-negative integer`);
  if (c.operations !== undefined && (!Array.isArray(c.operations) || c.operations.some((o) => typeof o !== 'string'))) {
    throw new TypeError(`${name}.operations must be a list of operation names`);
  }
  return { count: c.count, operations: c.operations && [...c.operations] };
}

/** A field of a fault that may be left out; null (over HTTP) counts as left out. */
const given = (v: unknown) => v !== undefined && v !== null;

const RACE_FIELDS: Record<RaceWrite['operation'], string[]> = {
  PutSecretValue: ['operation', 'secretString', 'secretBinaryBase64', 'versionStages', 'clientRequestToken'],
  UpdateSecretVersionStage: ['operation', 'versionStage', 'moveToLabelHolder'],
};

function checkRaceWrite(w: unknown): RaceWrite {
  const name = 'raceBeforeWrite.write';
  const write = w as Record<string, unknown>;
  if (typeof write !== 'object' || write === null || !Object.hasOwn(RACE_FIELDS, String(write.operation))) {
    throw new TypeError(`${name} must be {operation: "PutSecretValue" | "UpdateSecretVersionStage", ...}`);
  }
  const operation = write.operation as RaceWrite['operation'];
  // A misspelt field would otherwise be a race write other than the one the test meant.
  const unknown = Object.keys(write).filter((k) => !RACE_FIELDS[operation].includes(k));
  if (unknown.length) throw new TypeError(`${name} of ${operation} takes ${RACE_FIELDS[operation].join(', ')}; not ${unknown.join(', ')}`);
  const optString = (key: string) => {
    if (given(write[key]) && typeof write[key] !== 'string') throw new TypeError(`${name}.${key} must be a string`);
    return given(write[key]) ? (write[key] as string) : undefined;
  };
  const label = (key: string) => {
    if (typeof write[key] !== 'string' || write[key] === '') throw new TypeError(`${name}.${key} must be a staging label`);
    return write[key] as string;
  };
  if (operation === 'UpdateSecretVersionStage') {
    return { operation, versionStage: label('versionStage'), moveToLabelHolder: label('moveToLabelHolder') };
  }
  const secretString = optString('secretString');
  const secretBinaryBase64 = optString('secretBinaryBase64');
  if ((secretString === undefined) === (secretBinaryBase64 === undefined)) throw new TypeError(`${name} needs exactly one of secretString and secretBinaryBase64`);
  const stages = write.versionStages;
  if (given(stages) && (!Array.isArray(stages) || stages.some((l) => typeof l !== 'string'))) throw new TypeError(`${name}.versionStages must be a list of staging labels`);
  const out: RaceWrite = { operation, secretString, secretBinaryBase64, versionStages: given(stages) ? [...(stages as string[])] : undefined, clientRequestToken: optString('clientRequestToken') };
  for (const key of Object.keys(out) as (keyof typeof out)[]) if (out[key] === undefined) delete out[key];
  return out;
}

function checkRace(f: unknown): RaceFault {
  const { count, operations } = checkCount('raceBeforeWrite', f);
  const unknown = operations?.filter((o) => !(OPERATIONS as readonly string[]).includes(o));
  if (unknown?.length) throw new TypeError(`raceBeforeWrite.operations: no operation ${unknown.join(', ')}`);
  const { secretId, write } = f as RaceFault;
  if (given(secretId) && (typeof secretId !== 'string' || secretId === '')) throw new TypeError('raceBeforeWrite.secretId must be a secret name or ARN');
  const out: RaceFault = { count, write: checkRaceWrite(write) };
  if (operations) out.operations = operations;
  if (given(secretId)) out.secretId = secretId;
  return out;
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
      } else if (key === 'raceBeforeWrite') {
        next.raceBeforeWrite = checkRace(value);
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

  private canonical(secretId: string): string {
    return this.resolve(secretId) ?? secretId;
  }

  /** AccessDeniedException if a deny rule covers this operation on this secret. */
  denied(operation: string, secretId: string | undefined): ServiceError | undefined {
    const target = secretId === undefined ? undefined : this.canonical(secretId);
    const rule = this.faults.deny?.find(
      (r) => (!r.operation || r.operation === operation) && (!r.secretId || (target !== undefined && this.canonical(r.secretId) === target)),
    );
    if (!rule) return undefined;
    // LookupEvents is CloudTrail's; everything else Secrets Manager's.
    const action = `${operation === 'LookupEvents' ? 'cloudtrail' : 'secretsmanager'}:${operation}`;
    return new ServiceError(
      'AccessDeniedException',
      `User: arn:aws:iam::${this.accountId}:user/local is not authorized to perform: ${action} on resource: ${secretId ?? '*'} because no identity-based policy allows the ${action} action`,
    );
  }

  /**
   * The other writer's request due just before this one, if raceBeforeWrite matches it (a request
   * naming a secret: SecretId, or Name for CreateSecret); uses up one count.
   */
  raceBefore(operation: string, secretId: string | undefined): RaceWrite | undefined {
    const f = this.faults.raceBeforeWrite;
    if (!f || f.count <= 0 || !secretId) return undefined;
    if (!(f.operations ? f.operations.includes(operation) : WRITES.has(operation))) return undefined;
    if (f.secretId !== undefined && this.canonical(f.secretId) !== this.canonical(secretId)) return undefined;
    f.count -= 1;
    return structuredClone(f.write);
  }

  /** Whether this committed write loses its response (the connection is dropped instead). */
  dropAfterCommit(operation: string): boolean {
    return this.take('dropAfterCommit', operation);
  }
}
