// The local Secrets Manager endpoint: AWS JSON 1.1 over HTTP on 127.0.0.1, wire-compatible with the
// real @aws-sdk/client-secrets-manager (signatures are not checked), and CloudTrail's LookupEvents
// over the calls it served (cloudtrail.ts), for @aws-sdk/client-cloudtrail on the same port. Faults
// and counters for tests, an admin route under /__admin/, an optional state file (atomic
// write-then-rename).
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CLOUDTRAIL_TARGETS, Trail, type Caller } from './cloudtrail';
import { FaultInjector } from './faults';
import { Journal, type FinishEntry } from './journal';
import { seedDemo, seedSynthetic } from './seed';
import { DEVICE_PAGE, OidcError, oidcOperation, portalOperation, SsoPortal } from './sso';
import { seedDemoOrganisation, seedSyntheticOrganisation } from './ssoSeed';
import { OPERATIONS, READ_ONLY, REPLICA_WRITE_MESSAGE, ServiceError, Store, WRITES, type Operation } from './store';
import {
  ADMIN_METHODS,
  RACE_ACCESS_KEY_ID,
  type Counters,
  type EmulatorAdminApi,
  type EmulatorOptions,
  type Faults,
  type JournalEntry,
  type RaceWrite,
  type ReplicaStatus,
  type SecretState,
  type TrailEventState,
} from './types';

export type { EmulatorAdminApi, EmulatorOptions } from './types';

export interface Emulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** The admin surface in process; the same implementation serves /__admin/ over HTTP. */
  readonly admin: EmulatorAdminApi;
  /** The store itself, for in-process tests that need more than the admin surface. */
  readonly store: Store;
  /** The CloudTrail events of the calls served. */
  readonly trail: Trail;
  stop(): Promise<void>;
}

const ADMIN_PREFIX = '/__admin/';

/** The one implementation of the admin surface. */
class LocalAdmin implements EmulatorAdminApi {
  constructor(
    private readonly store: Store,
    private readonly faults: FaultInjector,
    private readonly journalOfWrites: Journal,
    private readonly clock: { offset: number },
    private readonly changed: () => void,
    private readonly trail: Trail,
    private readonly portal: SsoPortal,
  ) {}

  async counters(): Promise<Counters> {
    return this.faults.counters();
  }
  async resetCounters(): Promise<void> {
    this.faults.resetCounters();
  }
  async setFaults(faults: Faults): Promise<void> {
    this.faults.set(faults);
  }
  async getFaults(): Promise<Faults> {
    return this.faults.get();
  }
  async clearFaults(): Promise<void> {
    this.faults.clear();
  }
  async seedSynthetic(count: number, prefix?: string): Promise<number> {
    if (!Number.isInteger(count) || count < 0) throw new TypeError('count must be a non-negative integer');
    const added = seedSynthetic(this.store, count, prefix ?? undefined); // null over HTTP
    this.changed();
    return added;
  }
  async seedDemo(): Promise<void> {
    seedDemo(this.store, this.trail);
    this.changed();
  }
  async reset(): Promise<void> {
    this.store.clear();
    this.faults.resetCounters();
    this.faults.clear();
    this.journalOfWrites.clear();
    this.trail.clear();
    this.portal.clear();
    this.clock.offset = 0;
    this.changed();
  }
  async advanceClock(ms: number): Promise<void> {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new TypeError('ms must be a non-negative number');
    this.clock.offset += ms;
  }
  async now(): Promise<number> {
    return this.store.now();
  }
  async secretState(secretId: string): Promise<SecretState | undefined> {
    return stateOf(this.store, secretId);
  }
  async ssoSeed(accounts: number, rolesPerAccount?: number, secretsPerAccount?: number): Promise<void> {
    seedSyntheticOrganisation(this.portal, accounts, rolesPerAccount ?? undefined, secretsPerAccount ?? undefined); // null over HTTP
  }
  async ssoSeedDemo(): Promise<void> {
    seedDemoOrganisation(this.portal);
  }
  async ssoOrganisation() {
    return this.portal.organisation();
  }
  async ssoIssueToken(startUrl: string, expiresInSeconds?: number) {
    if (typeof startUrl !== 'string' || !startUrl) throw new TypeError('startUrl must be a start URL');
    return this.portal.issueToken(startUrl, expiresInSeconds ?? undefined);
  }
  async ssoExpireTokens(roleCredentials?: boolean): Promise<void> {
    this.portal.expireTokens(roleCredentials === true);
  }
  async ssoApproveDevice(userCode: string): Promise<boolean> {
    return this.portal.approveDevice(userCode);
  }
  async ssoAutoApprove(on: boolean): Promise<void> {
    this.portal.autoApprove = on === true;
  }
  async ssoIssuedSecrets(): Promise<string[]> {
    return this.portal.issuedSecrets();
  }
  async ssoSecretState(accountId: string, secretId: string): Promise<SecretState | undefined> {
    return stateOf(this.portal.storeOf(accountId), secretId);
  }
  async createManagedSecret(name: string, owningService: string, secretString: string): Promise<void> {
    this.store.create({ Name: name, SecretString: secretString }, owningService);
    this.changed();
  }
  async enableRotation(secretId: string, days?: number): Promise<void> {
    const s = this.store.raw(secretId);
    s.rotationEnabled = true;
    s.rotationDays = days ?? 30; // null over HTTP
    s.rotationLambdaArn ??= `arn:aws:lambda:${this.store.region}:${this.store.accountId}:function:rotate-EXAMPLE`;
    this.changed();
  }
  async journal(sinceSeq?: number): Promise<JournalEntry[]> {
    return this.journalOfWrites.list(sinceSeq ?? undefined); // null over HTTP
  }
  async clearJournal(): Promise<void> {
    this.journalOfWrites.clear();
  }
  async journalDropped(): Promise<number> {
    return this.journalOfWrites.dropped;
  }
  async setReplication(secretId: string, replication: { primaryRegion?: string; replicas?: ReplicaStatus[] }): Promise<void> {
    const s = this.store.raw(secretId);
    const { primaryRegion, replicas } = replication ?? {};
    if (primaryRegion !== undefined && primaryRegion !== null && (typeof primaryRegion !== 'string' || !/^[a-z]{2,}(-[a-z0-9]+)*-\d+$/.test(primaryRegion))) throw new TypeError('primaryRegion must be a region name');
    if (replicas !== undefined && replicas !== null && (!Array.isArray(replicas) || replicas.some((r) => typeof r?.Region !== 'string' || !['InSync', 'Failed', 'InProgress'].includes(r.Status)))) {
      throw new TypeError('replicas must be a list of {Region, Status: InSync | Failed | InProgress, StatusMessage?, KmsKeyId?}');
    }
    if (primaryRegion && replicas?.length) throw new TypeError('a secret is either a replica (primaryRegion) or a primary (replicas)');
    s.primaryRegion = primaryRegion ?? undefined;
    s.replicas = replicas?.length ? replicas.map((r) => ({ ...r })) : undefined;
    this.changed();
  }
  async trailEvents(): Promise<TrailEventState[]> {
    return this.trail.all().map((e) => ({
      eventId: e.eventId,
      eventName: e.eventName,
      eventSource: e.eventSource,
      eventTime: e.eventTime,
      readOnly: e.readOnly,
      accessKeyId: e.accessKeyId,
      username: e.username,
      resources: e.resources,
      record: e.record,
    }));
  }
  async clearTrail(): Promise<void> {
    this.trail.clear();
  }
  async serviceEvent(secretId: string, eventName: string): Promise<void> {
    if (typeof eventName !== 'string' || !/^[A-Za-z]+$/.test(eventName)) throw new TypeError('eventName must be an event name such as RotationFailed');
    this.trail.serviceEvent(eventName, this.store.raw(secretId));
  }
}

function stateOf(store: Store, secretId: string): SecretState | undefined {
  const s = store.find(secretId);
  if (!s) return undefined;
  return {
    name: s.name,
    arn: s.arn,
    description: s.description,
    kmsKeyId: s.kmsKeyId,
    created: s.created,
    lastChanged: s.lastChanged,
    lastAccessed: s.lastAccessed,
    deletedDate: s.deletedDate,
    deletionDate: s.deletionDate,
    tags: s.tags.map((t) => ({ ...t })),
    rotationEnabled: s.rotationEnabled,
    rotationLambdaArn: s.rotationLambdaArn,
    lastRotated: s.lastRotated,
    owningService: s.owningService,
    versions: [...s.versions.values()].map((v) => ({
      versionId: v.id,
      stages: [...v.stages],
      created: v.created,
      lastAccessed: v.lastAccessed,
      string: v.string,
      binaryBase64: v.binary?.toString('base64'),
    })),
  };
}

/** Saves the store to `file` (debounced) by writing `file.tmp-<pid>` and renaming it over `file`. */
class StateFile {
  private timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly file: string,
    private readonly store: Store,
    private readonly trail: Trail,
  ) {}

  load(): boolean {
    if (!fs.existsSync(this.file)) return false;
    try {
      const data = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      this.store.load(data);
      this.trail.load(data?.trail);
    } catch (err) {
      throw new Error(`cannot load the state file ${this.file}: ${(err as Error).message}`);
    }
    return true;
  }

  changed(): void {
    this.timer ??= setTimeout(() => this.flush(), 100).unref();
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const tmp = `${this.file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify({ ...(this.store.toJSON() as object), trail: this.trail.toJSON() }));
    fs.renameSync(tmp, this.file);
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, err: ServiceError): void {
  send(res, err.status, { __type: err.type, message: err.message }, err.type);
}

const isOperation = (op: string): op is Operation => (OPERATIONS as readonly string[]).includes(op);

type Json = Record<string, unknown>;

/** The request raceBeforeWrite sends, as another writer (say a rotation function) would. */
function raceInput(store: Store, write: RaceWrite, secretId: string): Json {
  if (write.operation === 'PutSecretValue') {
    return {
      SecretId: secretId,
      SecretString: write.secretString,
      SecretBinary: write.secretBinaryBase64,
      VersionStages: write.versionStages,
      ClientRequestToken: write.clientRequestToken,
    };
  }
  // That writer looks the versions up first, by label, as a rotation's last step does. With no
  // version to move to it sends neither id: RemoveFromVersionId alone would remove the label.
  const versions = [...(store.find(secretId)?.versions.values() ?? [])];
  const to = versions.find((v) => v.stages.has(write.moveToLabelHolder))?.id;
  return {
    SecretId: secretId,
    VersionStage: write.versionStage,
    MoveToVersionId: to,
    RemoveFromVersionId: to && versions.find((v) => v.stages.has(write.versionStage))?.id,
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const baseClock = options.clock ?? Date.now;
  const clock = { offset: 0 };
  const store = new Store(() => baseClock() + clock.offset, options.region, options.accountId);
  const faults = new FaultInjector(store.accountId, (id) => store.find(id)?.name);
  store.authorize = (operation, secretId) => {
    const denied = faults.denied(operation, secretId);
    if (denied) throw denied;
  };
  const log = options.log ?? (() => undefined);
  const trail = new Trail(store);
  const state = options.state ? new StateFile(options.state, store, trail) : undefined;
  const changed = () => state?.changed();
  const journal = new Journal(store);
  // IAM Identity Center: not kept in the state file (the demo organisation is seeded at each start).
  const portal = new SsoPortal(store.now.bind(store), store.region);
  const admin = new LocalAdmin(store, faults, journal, clock, changed, trail, portal);
  if (options.seed === 'demo') {
    seedDemoOrganisation(portal);
    portal.autoApprove = true;
  }

  if (!state?.load()) {
    if (options.seed === 'demo') seedDemo(store, trail);
    if (options.synthetic) seedSynthetic(store, options.synthetic);
    changed();
  }

  async function handleAdmin(method: string, body: string, res: http.ServerResponse): Promise<void> {
    if (!Object.hasOwn(ADMIN_METHODS, method)) {
      sendError(res, new ServiceError('UnknownAdminMethod', `No admin method ${method}. Methods: ${Object.keys(ADMIN_METHODS).join(', ')}`, 404));
      return;
    }
    let args: unknown;
    try {
      args = body.trim() ? JSON.parse(body) : [];
    } catch {
      args = undefined;
    }
    if (!Array.isArray(args)) {
      sendError(res, new ServiceError('InvalidAdminRequest', 'The body must be a JSON array of the arguments.'));
      return;
    }
    try {
      const fn = admin[method as keyof EmulatorAdminApi] as (...a: unknown[]) => Promise<unknown>;
      const result = await fn.apply(admin, args);
      send(res, 200, { result: result ?? null });
    } catch (err) {
      sendError(res, err instanceof ServiceError ? err : new ServiceError('InvalidAdminRequest', (err as Error).message));
    }
  }

  /**
   * raceBeforeWrite: another writer's request to the same secret, handled (and journaled) just
   * before this one. Its failure is journaled and logged, and this request goes on regardless.
   */
  function race(operation: string, secretId: string | undefined): void {
    const write = faults.raceBefore(operation, secretId);
    if (!write || !secretId) return;
    const input = raceInput(store, write, secretId);
    const finish = journal.begin(write.operation, secretId, input, RACE_ACCESS_KEY_ID);
    const recorded = trail.begin(write.operation, secretId, input, { accessKeyId: RACE_ACCESS_KEY_ID });
    try {
      const result = store.call(write.operation, input);
      finish('ok', result);
      recorded({ result });
      changed();
      log(`${operation}: overtaken by a ${write.operation} (fault)`);
    } catch (err) {
      const type = err instanceof ServiceError ? err.type : 'InternalServiceError';
      finish(type);
      recorded({ error: { type, message: err instanceof Error ? err.message : type } });
      if (!(err instanceof ServiceError)) log(`internal error: ${(err as Error).stack}`);
      log(`${operation}: the ${write.operation} racing it failed: ${type} (fault)`);
    }
  }

  /** CloudTrail's LookupEvents, over the events recorded so far. Logged itself, like any management read. */
  function handleCloudTrail(operation: string, body: string, caller: Caller, res: http.ServerResponse): void {
    let input: Json | undefined;
    try {
      input = body.trim() ? JSON.parse(body) : {};
      if (typeof input !== 'object' || input === null || Array.isArray(input)) input = undefined;
    } catch {
      input = undefined;
    }
    if (operation !== 'LookupEvents') {
      sendError(res, new ServiceError('UnknownOperationException', `CloudTrail operation ${operation || '(none)'} is not supported by this endpoint.`));
      return;
    }
    if (!input) {
      sendError(res, new ServiceError('SerializationException', 'The request body is not a JSON object.'));
      return;
    }
    const fault = faults.before(operation, undefined, caller.accessKeyId);
    if (fault) {
      if (fault.type === 'AccessDeniedException') trail.recordLookup(input, caller, { type: fault.type, message: fault.message });
      log(`${operation}: ${fault.type} (fault)`);
      sendError(res, fault);
      return;
    }
    try {
      const result = trail.LookupEvents(input);
      trail.recordLookup(input, caller);
      log(`${operation}: 200`);
      send(res, 200, result);
    } catch (err) {
      if (err instanceof ServiceError) trail.recordLookup(input, caller, { type: err.type, message: err.message });
      throw err;
    }
  }

  /**
   * The SSO portal (REST-JSON, GET with a query, the token in x-amz-sso_bearer_token) and OIDC
   * (POST with a JSON body) of IAM Identity Center. Faults apply by operation name: throttle
   * answers TooManyRequestsException (portal) or SlowDownException (OIDC), and latency delays.
   */
  async function handleSso(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse): Promise<boolean> {
    const portalOp = portalOperation(url.pathname);
    const oidcOp = oidcOperation(url.pathname);
    if (url.pathname === DEVICE_PAGE && req.method === 'GET') {
      const ok = portal.approveDevice(url.searchParams.get('user_code') ?? '');
      const html = ok ? '<h1>Signed in</h1><p>You can close this page and return to VS Code.</p>' : '<h1>Unknown or expired code</h1>';
      res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Local IAM Identity Center</title>${html}`);
      return true;
    }
    const operation = portalOp ?? oidcOp;
    if (!operation) return false;
    faults.count(operation, '(sso bearer token)');
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const restJson = (status: number, payload: unknown, errorType?: string) => {
      const text = JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
        'x-amzn-requestid': randomUUID(),
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(text);
    };
    const fail = (err: unknown) => {
      if (err instanceof OidcError) restJson(err.status, { error: err.code, error_description: err.message }, err.type);
      else if (err instanceof ServiceError) restJson(err.status, { message: err.message }, err.type);
      else throw err;
      log(`${operation}: ${(err as ServiceError).type}`);
    };
    const fault = faults.before(operation, undefined);
    if (fault) {
      if (fault.type === 'ThrottlingException') {
        fail(oidcOp ? new OidcError('SlowDownException', 'slow_down', 'Client is polling too frequently') : new ServiceError('TooManyRequestsException', 'HTTP 429 Unknown Code', 429));
      } else fail(fault);
      return true;
    }
    try {
      if (portalOp) {
        if ((portalOp === 'Logout') !== (req.method === 'POST')) throw new ServiceError('InvalidRequestException', `${portalOp} does not take ${req.method}`);
        restJson(200, portal.portal(portalOp, url.searchParams, req.headers['x-amz-sso_bearer_token']));
      } else {
        let input: unknown;
        try {
          input = body.trim() ? JSON.parse(body) : {};
        } catch {
          input = undefined;
        }
        if (req.method !== 'POST' || typeof input !== 'object' || input === null || Array.isArray(input)) throw new OidcError('InvalidRequestException', 'invalid_request', 'The body must be a JSON object.');
        restJson(200, portal.oidc(operation, input as Json, `http://${req.headers.host ?? '127.0.0.1'}`));
      }
      log(`${operation}: 200`);
    } catch (err) {
      fail(err);
    }
    return true;
  }

  /**
   * A Secrets Manager request signed with role credentials of an account of the organisation:
   * served by that account's own store (faults apply; no journal or CloudTrail: those are the
   * endpoint's own account's). False when the key is not one the portal handed out.
   */
  function handleAccountRequest(operation: string, input: Json | undefined, secretId: string | undefined, accessKeyId: string | undefined, res: http.ServerResponse): boolean {
    if (!accessKeyId || !portal.keyAccount(accessKeyId)) return false;
    if (!isOperation(operation)) throw new ServiceError('UnknownOperationException', `Operation ${operation || '(none)'} is not supported by this endpoint.`);
    if (!input) throw new ServiceError('SerializationException', 'The request body is not a JSON object.');
    const fault = faults.before(operation, secretId, accessKeyId);
    if (fault) throw fault;
    const accountStore = portal.route(accessKeyId, operation, secretId)!;
    const result = accountStore.call(operation, input);
    log(`${operation} (account ${accountStore.accountId}): 200`);
    send(res, 200, result);
    return true;
  }

  async function handleApi(req: http.IncomingMessage, body: string, res: http.ServerResponse): Promise<void> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const cloudTrail = CLOUDTRAIL_TARGETS.find((t) => target.startsWith(t));
    const operation = cloudTrail ? target.slice(cloudTrail.length) : target.startsWith('secretsmanager.') ? target.slice('secretsmanager.'.length) : target;
    // SigV4: "AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ..." (not verified).
    const scope = /Credential=([^/,\s]+)\/[^/]*\/([^/]*)\//.exec(String(req.headers.authorization ?? ''));
    const accessKeyId = scope?.[1] ?? /Credential=([^/,\s]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
    /** The region the request was signed for: a secret whose primary is elsewhere is a replica to it. */
    const region = scope?.[2] || store.region;
    const caller: Caller = { accessKeyId, sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, ''), userAgent: String(req.headers['user-agent'] ?? '') || undefined };
    faults.count(operation || '(none)', accessKeyId);
    if (cloudTrail) {
      if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
      handleCloudTrail(operation, body, caller, res);
      return;
    }
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    // From here on nothing awaits: requests are handled, and journaled, one at a time.
    let input: Json | undefined;
    try {
      input = body.trim() ? JSON.parse(body) : {};
      if (typeof input !== 'object' || input === null || Array.isArray(input)) input = undefined;
    } catch {
      input = undefined;
    }
    const secretId = typeof input?.SecretId === 'string' ? input.SecretId : operation === 'CreateSecret' && typeof input?.Name === 'string' ? input.Name : undefined;
    if (handleAccountRequest(operation, input, secretId, accessKeyId, res)) return;
    const supported = req.method === 'POST' && isOperation(operation);
    if (supported && input) race(operation, secretId);
    const finish: FinishEntry = WRITES.has(operation) ? journal.begin(operation, secretId, input, accessKeyId) : () => undefined;
    // CloudTrail logs what reached Secrets Manager: successes, refusals and denials (not throttling).
    const recorded = supported && input ? trail.begin(operation, secretId, input, caller) : () => undefined;
    try {
      if (!supported) {
        finish('UnknownOperationException');
        sendError(res, new ServiceError('UnknownOperationException', `Operation ${operation || '(none)'} is not supported by this endpoint.`));
        return;
      }
      if (!input) {
        finish('SerializationException');
        sendError(res, new ServiceError('SerializationException', 'The request body is not a JSON object.'));
        return;
      }
      const fault = faults.before(operation, secretId, accessKeyId);
      if (fault) {
        finish(fault.type);
        if (fault.type === 'AccessDeniedException') recorded({ error: { type: fault.type, message: fault.message } });
        log(`${operation}: ${fault.type} (fault)`);
        sendError(res, fault);
        return;
      }
      if (WRITES.has(operation) && operation !== 'CreateSecret' && secretId) {
        const target = store.find(secretId);
        if (target && store.isReplica(target, region)) throw new ServiceError('InvalidRequestException', REPLICA_WRITE_MESSAGE);
      }
      const result = store.call(operation, input);
      if (!READ_ONLY.has(operation)) changed();
      recorded({ result });
      if (WRITES.has(operation) && faults.dropAfterCommit(operation)) {
        finish('dropped', result);
        log(`${operation}: committed, connection dropped (fault)`);
        req.socket.destroy();
        return;
      }
      finish('ok', result);
      log(`${operation}: 200`);
      send(res, 200, result);
    } catch (err) {
      // Answered by the caller: the store's ServiceError as it is, anything else as HTTP 500.
      finish(err instanceof ServiceError ? err.type : 'InternalServiceError');
      if (err instanceof ServiceError) recorded({ error: { type: err.type, message: err.message } });
      throw err;
    }
  }

  const server = http.createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = url.pathname;
      if (path.startsWith(ADMIN_PREFIX)) await handleAdmin(path.slice(ADMIN_PREFIX.length), body, res);
      else if (!(await handleSso(req, url, body, res))) await handleApi(req, body, res);
    } catch (err) {
      if (err instanceof ServiceError) {
        log(`${req.headers['x-amz-target'] ?? req.url}: ${err.type}`);
        sendError(res, err);
      } else {
        log(`internal error: ${(err as Error).stack}`);
        if (!res.headersSent) sendError(res, new ServiceError('InternalServiceError', 'An error occurred on the server side.', 500));
      }
    }
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    admin,
    store,
    trail,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        state?.flush();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
