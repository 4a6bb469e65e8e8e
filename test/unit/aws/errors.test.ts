// Every error kind, produced through the local endpoint's fault and deny injection with the real
// SDK over HTTP; and no secret value in any error or log line.
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { AwsError, classifyError } from '../../../src/aws/errors';
import { newClientRequestToken } from '../../../src/aws/service';
import type { ConnectionSpec } from '../../../src/aws/types';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Faults } from '../../emulator/types';
import { DEMO_NAMES } from '../../emulator/seed';
import { closedPort, makeService, RecordingLogger, rejection, silentServer, STATIC_PROFILE, useSandbox } from './helpers';

describe('aws/errors', () => {
  let emu: Emulator;
  const sandbox = useSandbox();
  const local = (): Omit<ConnectionSpec, 'id'> => ({ profile: 'dev', region: 'us-east-1', endpoint: emu.url });
  const put = (secretId: string, text = 'x') => ({ secretId, data: { kind: 'string' as const, text }, clientRequestToken: newClientRequestToken() });

  before(async () => {
    emu = await startEmulator({ port: 0, seed: 'demo' });
  });
  after(() => emu?.stop());
  beforeEach(() => sandbox.writeConfig(STATIC_PROFILE.config, STATIC_PROFILE.credentials));
  afterEach(() => emu.admin.clearFaults());

  it('accessDenied names the IAM action and the secret; other secrets are unaffected', async () => {
    const svc = makeService(local());
    await emu.admin.setFaults({ deny: [{ operation: 'PutSecretValue', secretId: DEMO_NAMES.plaintext }] });
    const err = await rejection(svc.putSecretValue(put(DEMO_NAMES.plaintext)));
    assert.equal(err.kind, 'accessDenied');
    assert.equal(err.action, 'secretsmanager:PutSecretValue');
    assert.equal(err.secretId, DEMO_NAMES.plaintext);
    assert.equal(err.operation, 'PutSecretValue');
    assert.equal(err.profile, 'dev');
    assert.equal(err.code, 'AccessDeniedException');
    assert.match(err.message, /^Access denied: secretsmanager:PutSecretValue on "prod\/payments\/api-key" is not allowed for profile "dev"\./);
    assert.equal(err.retryable, false);
    const ok = await svc.getSecretValue(DEMO_NAMES.plaintext);
    assert.equal(ok.name, DEMO_NAMES.plaintext);
  });

  it('notFound, scheduledForDeletion (offering restore), ownedByAnotherService, invalidInput', async () => {
    const svc = makeService(local());
    const missing = await rejection(svc.describeSecret('no/such/secret'));
    assert.equal(missing.kind, 'notFound');
    assert.match(missing.message, /"no\/such\/secret"/);
    const deleted = await rejection(svc.putSecretValue(put(DEMO_NAMES.deleted)));
    assert.equal(deleted.kind, 'scheduledForDeletion');
    assert.match(deleted.message, /Restore/);
    assert.equal((await rejection(svc.putSecretValue(put(DEMO_NAMES.managed)))).kind, 'ownedByAnotherService');
    const tooBig = await rejection(svc.putSecretValue(put(DEMO_NAMES.plaintext, 'x'.repeat(65_537))));
    assert.equal(tooBig.kind, 'invalidInput');
    assert.match(tooBig.message, /^Secrets Manager refused PutSecretValue on "prod\/payments\/api-key": \S/);
    const badRecovery = await rejection(svc.deleteSecret({ secretId: DEMO_NAMES.plaintext, recoveryWindowInDays: 3 }));
    assert.equal(badRecovery.kind, 'invalidInput');
  });

  it('tokenReused: the same ClientRequestToken with different data', async () => {
    const svc = makeService(local());
    const token = newClientRequestToken();
    await svc.putSecretValue({ secretId: DEMO_NAMES.customLabel, data: { kind: 'string', text: 'one' }, clientRequestToken: token, versionStages: ['UNIT'] });
    const err = await rejection(svc.putSecretValue({ secretId: DEMO_NAMES.customLabel, data: { kind: 'string', text: 'two' }, clientRequestToken: token, versionStages: ['UNIT'] }));
    assert.equal(err.kind, 'tokenReused');
    assert.equal(err.code, 'ResourceExistsException');
  });

  it('throttled once the retries are exhausted (and every attempt was made)', async () => {
    const svc = makeService(local(), { maxAttempts: 2 });
    await svc.describeSecret(DEMO_NAMES.json);
    await emu.admin.setFaults({ throttle: { count: 2, operations: ['ListSecrets'] } });
    await emu.admin.resetCounters();
    const err = await rejection(svc.listSecrets());
    assert.equal(err.kind, 'throttled');
    assert.equal(err.retryable, true);
    assert.equal((await emu.admin.counters()).byOperation.ListSecrets, 2);
  });

  it('ExpiredTokenException: notSignedIn, credentials expired, sign in again', async () => {
    await emu.admin.setFaults({ expiredToken: { count: 1 } });
    const err = await rejection(makeService(local()).listSecrets());
    assert.equal(err.kind, 'notSignedIn');
    assert.match(err.message, /credentials of profile "dev" have expired\. Sign in again/);
  });

  it('a server error after retries: unknown, retryable', async () => {
    await emu.admin.setFaults({ internalError: { count: 1 } });
    const err = await rejection(makeService(local()).listSecrets());
    assert.equal(err.kind, 'unknown');
    assert.equal(err.retryable, true);
    assert.match(err.message, /internal error during ListSecrets/);
  });

  it('endpointUnreachable against a closed port names the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const err = await rejection(makeService({ ...local(), endpoint: url }).describeSecret(DEMO_NAMES.json));
    assert.equal(err.kind, 'endpointUnreachable');
    assert.equal(err.endpoint, url);
    assert.ok(err.message.includes(url), err.message);
    assert.match(err.message, /ECONNREFUSED/);
  });

  it('endpointUnreachable when the endpoint accepts but never answers (timeout)', async () => {
    const silent = await silentServer();
    try {
      const err = await rejection(makeService({ ...local(), endpoint: silent.url }, { idleTimeoutMs: 200 }).listSecrets());
      assert.equal(err.kind, 'endpointUnreachable');
      assert.ok(err.message.includes(silent.url), err.message);
    } finally {
      await silent.close();
    }
  });

  it('without an endpoint override the message names the region\'s endpoint', () => {
    const err = classifyError(Object.assign(new Error('getaddrinfo ENOTFOUND secretsmanager.eu-west-1.amazonaws.com'), { code: 'ENOTFOUND' }), {
      operation: 'ListSecrets',
      connection: { id: 'x', profile: 'dev', region: 'eu-west-1' },
    });
    assert.equal(err.kind, 'endpointUnreachable');
    assert.match(err.message, /Secrets Manager endpoint of eu-west-1/);
  });

  it('a region that does not exist: ENOTFOUND for an unknown region says to check the region, not the network', () => {
    const notFound = (region: string) => Object.assign(new Error(`getaddrinfo ENOTFOUND secretsmanager.${region}.amazonaws.com`), { code: 'ENOTFOUND' });
    const err = classifyError(notFound('us-esat-1'), { operation: 'ListSecrets', connection: { id: 'x', region: 'us-esat-1' } });
    assert.equal(err.kind, 'invalidInput');
    assert.match(err.message, /no endpoint in "us-esat-1".*Check the region \(the secretsManager\.region setting, the profile's region or AWS_REGION\)/);
    // A known region that does not resolve is a network problem; a custom endpoint is the user's own host.
    assert.equal(classifyError(notFound('eu-west-1'), { operation: 'ListSecrets', connection: { id: 'x', region: 'eu-west-1' } }).kind, 'endpointUnreachable');
    assert.equal(classifyError(notFound('local'), { operation: 'ListSecrets', connection: { id: 'x', region: 'local', endpoint: 'http://nohost.invalid' } }).kind, 'endpointUnreachable');
  });

  it('a malformed region name is refused before any request; a custom endpoint accepts any name', async () => {
    await emu.admin.resetCounters();
    for (const [region, hint] of [['us east 1', /like us-east-1/], ['US-EAST-1', /did you mean us-east-1\?/], ['', /like us-east-1/]] as const) {
      const err = await rejection(makeService({ region }).listSecrets());
      assert.equal(err.kind, 'invalidInput');
      assert.match(err.message, /is not an AWS region name/);
      assert.match(err.message, hint);
    }
    assert.equal((await emu.admin.counters()).total, 0, 'nothing was sent');
    await makeService({ ...local(), region: 'local' }).listSecrets({ maxResults: 1 });
  });

  it('classifies the remaining service error codes', () => {
    const ctx = { operation: 'CreateSecret', secretId: 's', connection: { id: 'x', profile: 'p', region: 'us-east-1' } };
    const sdkError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: status } });
    assert.equal(classifyError(sdkError('LimitExceededException', 'Too many secrets.'), ctx).kind, 'limitExceeded');
    assert.equal(classifyError(sdkError('ResourceExistsException', 'exists'), ctx).kind, 'alreadyExists');
    assert.equal(classifyError(sdkError('ResourceExistsException', 'exists'), { ...ctx, operation: 'PutSecretValue' }).kind, 'tokenReused');
    assert.equal(classifyError(sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.'), ctx).kind, 'notSignedIn');
    assert.equal(classifyError(sdkError('DecryptionFailure', 'KMS'), ctx).kind, 'invalidInput');
    assert.equal(classifyError(Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }), ctx).kind, 'cancelled');
    const agg = new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:4566'), { code: 'ECONNREFUSED' })], '');
    assert.equal(classifyError(agg, ctx).kind, 'endpointUnreachable');
    assert.equal(classifyError(sdkError('SomethingNew', 'odd', 418), ctx).kind, 'unknown');
    const same = new AwsError('notFound', 'x', { operation: 'DescribeSecret' });
    assert.equal(classifyError(same, ctx), same);
  });

  describe('no secret value anywhere', () => {
    const MARKER = `LEAK-MARKER-${process.pid}-${Date.now()}-EXAMPLE`;
    const MARKER_B64 = Buffer.from(MARKER).toString('base64').slice(0, 24);
    const SECRET = 'unit/redaction';
    const leaks = (err: AwsError, logger: RecordingLogger) =>
      [err.message, String(err.stack), JSON.stringify(err), inspect(err, { depth: 6 }), String(err), ...logger.lines].filter((t) => t.includes(MARKER) || t.includes(MARKER_B64));
    before(() => {
      emu.store.CreateSecret({ Name: SECRET, SecretString: 'initial' });
    });

    const cases: [string, Faults][] = [
      ['access denied', { deny: [{ operation: 'PutSecretValue' }] }],
      ['a server error', { internalError: { count: 1 } }],
      ['expired credentials', { expiredToken: { count: 1 } }],
      ['a dropped connection', { dropAfterCommit: { count: 1, operations: ['PutSecretValue'] } }],
    ];
    for (const [what, faults] of cases) {
      it(`putSecretValue failing with ${what}: not in the error's message, stack, JSON, inspect, nor the log`, async () => {
        const logger = new RecordingLogger();
        const svc = makeService(local(), { logger });
        await emu.admin.setFaults(faults);
        const err = await rejection(svc.putSecretValue(put(SECRET, MARKER)));
        assert.deepEqual(leaks(err, logger), []);
        assert.ok(logger.lines.length > 0);
      });
    }

    it('a value too large (invalidInput), binary data and a successful publish: not in errors nor the log', async () => {
      const logger = new RecordingLogger();
      const svc = makeService(local(), { logger });
      const big = await rejection(svc.putSecretValue(put(SECRET, MARKER.repeat(3000))));
      assert.equal(big.kind, 'invalidInput');
      assert.deepEqual(leaks(big, logger), []);
      await emu.admin.setFaults({ deny: [{ operation: 'PutSecretValue' }] });
      const bin = await rejection(svc.putSecretValue({ secretId: SECRET, data: { kind: 'binary', bytes: Buffer.from(MARKER) }, clientRequestToken: newClientRequestToken() }));
      assert.deepEqual(leaks(bin, logger), []);
      await emu.admin.clearFaults();
      await svc.putSecretValue(put(SECRET, MARKER));
      assert.deepEqual((await svc.getSecretValue(SECRET)).data, { kind: 'string', text: MARKER });
      assert.ok(!logger.lines.join('\n').includes(MARKER));
      assert.ok(logger.lines.some((l) => /^debug PutSecretValue unit\/redaction on dev@us-east-1: ok in \d+ ms$/.test(l)));
    });
  });
});
