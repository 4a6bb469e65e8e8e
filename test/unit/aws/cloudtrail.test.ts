// The CloudTrail service against the local endpoint with the real SDK (no mock): events reduced to
// the project's types, the errors it rejects with, the endpoint it picks, the credentials it shares
// with the connection's Secrets Manager client. (Where the client is built into: test/unit/bundles.test.ts.)
import * as assert from 'node:assert/strict';
import { AwsCloudTrailService, cloudTrailEndpoint, loadCloudTrailSdk, parseTrailEvent } from '../../../src/aws/cloudtrail';
import { sharedCredentials } from '../../../src/aws/credentials';
import type { ConnectionSpec } from '../../../src/aws/types';
import { DEMO_KEYS } from '../../emulator/principals';
import { DEMO_NAMES, demoSecretValues } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';
import { makeService, RecordingLogger, rejection, STATIC_PROFILE, useSandbox } from './helpers';

describe('aws/cloudtrail', () => {
  let emu: Emulator;
  const sandbox = useSandbox();
  const conn = (): ConnectionSpec => ({ id: 'dev@us-east-1', profile: 'dev', region: 'us-east-1', endpoint: emu.url });
  const staticCreds = (accessKeyId = 'AKIDEXAMPLE') => () => async () => ({ accessKeyId, secretAccessKey: 'x' });
  const service = (deps: Partial<ConstructorParameters<typeof AwsCloudTrailService>[1]> = {}) =>
    new AwsCloudTrailService(conn(), { logger: new RecordingLogger(), credentials: staticCreds(), maxAttempts: 1, env: {}, ...deps });

  before(async () => {
    emu = await startEmulator({ port: 0, seed: 'demo' });
  });
  after(() => emu?.stop());
  beforeEach(() => sandbox.writeConfig(STATIC_PROFILE.config, STATIC_PROFILE.credentials));
  afterEach(() => emu.admin.clearFaults());

  it('looks up a secret\'s events by its ARN: the project\'s types, newest first, with who, where and what', async () => {
    const svc = service();
    const arn = (await emu.admin.secretState(DEMO_NAMES.json))!.arn;
    const page = await svc.lookupEvents({ attribute: { key: 'ResourceName', value: arn }, maxResults: 50 });
    const writes = page.events.filter((e) => !e.readOnly);
    assert.deepEqual(writes.map((e) => e.eventName), ['UpdateSecretVersionStage', 'UpdateSecretVersionStage', 'PutSecretValue']);
    const [forward, rollback, put] = writes;
    assert.ok(page.events.every((e, i, all) => i === 0 || all[i - 1].eventTime >= e.eventTime), 'newest first');
    assert.equal(put.actor.type, 'AssumedRole');
    assert.equal(put.actor.sessionName, 'bob@example.com');
    assert.match(put.actor.roleArn!, /role\/aws-reserved\/sso\.amazonaws\.com\/AWSReservedSSO_PowerUserAccess_/);
    assert.equal(put.accessKeyId, DEMO_KEYS.bob);
    assert.equal(put.sourceIp, '203.0.113.45');
    assert.match(put.userAgent!, /aws-cli/);
    assert.ok(put.request.clientRequestToken && put.request.clientRequestToken === put.response.versionId);
    assert.deepEqual(put.resources, [arn]);
    assert.equal(rollback.actor.type, 'IAMUser');
    assert.equal(rollback.actor.userName, 'alice');
    assert.equal(rollback.request.versionStage, 'AWSCURRENT');
    assert.ok(rollback.request.moveToVersionId && rollback.request.removeFromVersionId);
    assert.equal(forward.request.moveToVersionId, rollback.request.removeFromVersionId);
    assert.ok(page.events.every((e) => e.eventTime instanceof Date && /^[0-9a-f-]{36}$/.test(e.eventId)));
    const text = JSON.stringify(page);
    for (const v of demoSecretValues()) assert.ok(!text.includes(v));
    svc.dispose();
  });

  it('rotation steps: Secrets Manager\'s own events name the secret in additionalEventData', async () => {
    const svc = service();
    const arn = (await emu.admin.secretState(DEMO_NAMES.rotating))!.arn;
    const { events } = await svc.lookupEvents({ attribute: { key: 'ResourceName', value: arn } });
    const failed = events.find((e) => e.eventName === 'RotationFailed')!;
    assert.equal(failed.eventType, 'AwsServiceEvent');
    assert.equal(failed.actor.invokedBy, 'secretsmanager.amazonaws.com');
    assert.equal(failed.serviceSecretId, arn);
    assert.equal(failed.sourceIp, 'secretsmanager.amazonaws.com');
    svc.dispose();
  });

  it('pages with NextToken and bounds by time', async () => {
    const svc = service();
    const first = await svc.lookupEvents({ maxResults: 3 });
    assert.equal(first.events.length, 3);
    assert.ok(first.nextToken);
    const second = await svc.lookupEvents({ maxResults: 3, nextToken: first.nextToken });
    assert.ok(second.events.every((e) => !first.events.some((f) => f.eventId === e.eventId)));
    const recent = await svc.lookupEvents({ startTime: new Date(Date.now() - 60_000) });
    assert.ok(recent.events.every((e) => e.eventTime.getTime() >= Date.now() - 61_000));
    svc.dispose();
  });

  it('access denied: an AwsError naming cloudtrail:LookupEvents; cancellation; refused parameters', async () => {
    const svc = service();
    await emu.admin.setFaults({ deny: [{ operation: 'LookupEvents' }] });
    const err = await rejection(svc.lookupEvents({}));
    assert.equal(err.kind, 'accessDenied');
    assert.equal(err.action, 'cloudtrail:LookupEvents');
    assert.match(err.message, /^Access denied: cloudtrail:LookupEvents is not allowed for profile "dev"\. Ask an administrator to grant cloudtrail:LookupEvents/);
    await emu.admin.clearFaults();
    const abort = new AbortController();
    abort.abort();
    assert.equal((await rejection(svc.lookupEvents({ signal: abort.signal }))).kind, 'cancelled');
    const bad = await rejection(svc.lookupEvents({ maxResults: 51 }));
    assert.equal(bad.kind, 'invalidInput');
    assert.match(bad.message, /^CloudTrail refused LookupEvents: /);
    await emu.admin.setFaults({ throttle: { count: 5, operations: ['LookupEvents'] } });
    const throttled = await rejection(svc.lookupEvents({}));
    assert.equal(throttled.kind, 'throttled');
    assert.match(throttled.message, /^CloudTrail is throttling requests/);
    svc.dispose();
  });

  it('loads the SDK module on the first lookup only, once', async () => {
    let loads = 0;
    const svc = service({ loadSdk: () => { loads++; return loadCloudTrailSdk(); } });
    assert.equal(loads, 0, 'not when the service is made');
    await svc.lookupEvents({ maxResults: 1 });
    await svc.lookupEvents({ maxResults: 1 });
    assert.equal(loads, 1);
    svc.dispose();
  });

  it('a connection\'s CloudTrail shares its credentials with Secrets Manager, and drops them with it', async () => {
    const secrets = makeService({ profile: 'dev', region: 'us-east-1', endpoint: emu.url });
    await emu.admin.resetCounters();
    await secrets.describeSecret(DEMO_NAMES.json);
    await secrets.cloudTrail().lookupEvents({ maxResults: 1 });
    assert.deepEqual((await emu.admin.counters()).byAccessKey, { AKIDDEVEXAMPLE: 2 }, 'both signed with the profile\'s keys');
    assert.equal(secrets.cloudTrail(), secrets.cloudTrail(), 'one CloudTrail per connection');
    await emu.admin.setFaults({ expiredAccessKeys: ['AKIDDEVEXAMPLE'] });
    const trail = secrets.cloudTrail();
    assert.equal((await rejection(trail.lookupEvents({}))).kind, 'notSignedIn');
    assert.notEqual(secrets.cloudTrail(), trail, 'rejected credentials drop the connection\'s clients');
    secrets.dispose();
  });

  it('picks the endpoint: AWS_ENDPOINT_URL_CLOUDTRAIL, else a shared custom endpoint, never a Secrets Manager-only one', () => {
    assert.equal(cloudTrailEndpoint({ endpoint: 'http://127.0.0.1:4566' }, {}), 'http://127.0.0.1:4566');
    assert.equal(cloudTrailEndpoint({ endpoint: 'http://127.0.0.1:4566' }, { AWS_ENDPOINT_URL_CLOUDTRAIL: 'https://ct.example' }), 'https://ct.example');
    assert.equal(cloudTrailEndpoint({ endpoint: 'https://vpce-0a1b-2c3d.secretsmanager.us-east-1.vpce.amazonaws.com' }, {}), undefined);
    assert.equal(cloudTrailEndpoint({}, {}), undefined);
  });

  it('keeps only the whitelisted fields of an event: nothing else of the record survives', () => {
    const e = parseTrailEvent({
      EventId: 'e1', EventName: 'PutSecretValue', EventTime: new Date(1_700_000_000_000), ReadOnly: 'false',
      CloudTrailEvent: JSON.stringify({
        userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/u', userName: 'u', extra: 'IDENTITY-EXTRA' },
        requestParameters: { secretId: 's', clientRequestToken: 't'.repeat(36), secretString: 'LEAK-EXAMPLE-1', secretBinary: 'TEFLSw==' },
        responseElements: { versionId: 't'.repeat(36), secretString: 'LEAK-EXAMPLE-2' },
        additionalEventData: { SecretId: 'arn', Other: 'LEAK-EXAMPLE-3' },
        errorMessage: 'first line\nsecond LEAK-EXAMPLE-4',
      }),
    })!;
    const text = JSON.stringify(e);
    for (const leak of ['LEAK-EXAMPLE', 'TEFLSw', 'IDENTITY-EXTRA']) assert.ok(!text.includes(leak), leak);
    assert.equal(e.request.clientRequestToken, 't'.repeat(36));
    assert.equal(e.errorMessage, 'first line');
    assert.equal(parseTrailEvent({ EventName: 'x' }), undefined, 'no id');
    assert.equal(parseTrailEvent({ EventId: 'x', EventName: 'y', EventTime: new Date(0), CloudTrailEvent: '{not json' })!.actor.type, undefined);
  });

  it('sharedCredentials: one resolution for concurrent callers, kept until 5 minutes before expiry, a failure not kept', async () => {
    let t = 0;
    let calls = 0;
    let fail = false;
    const expiring = sharedCredentials(async () => async () => {
      calls++;
      if (fail) throw new Error('no credentials');
      return { accessKeyId: `K${calls}`, secretAccessKey: 's', expiration: new Date(t + 10 * 60_000) };
    }, () => t);
    const [a, b] = await Promise.all([expiring(), expiring()]);
    assert.equal(calls, 1);
    assert.equal(a, b);
    t += 4 * 60_000;
    assert.equal((await expiring()).accessKeyId, 'K1');
    t += 2 * 60_000;
    assert.equal((await expiring()).accessKeyId, 'K2', 'renewed within 5 minutes of expiry');
    fail = true;
    t += 20 * 60_000;
    await assert.rejects(expiring(), /no credentials/);
    fail = false;
    assert.equal((await expiring()).accessKeyId, 'K4');
  });
});


