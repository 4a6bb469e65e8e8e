// The endpoint's CloudTrail LookupEvents, through the real @aws-sdk/client-cloudtrail: the events of
// the calls it served (fields as AWS documents them, never a value), each lookup attribute, the time
// range, MaxResults and NextToken, the errors AWS answers with, the 90-day retention, rotation
// steps, access denied and throttling; and replication as DescribeSecret shows it.
import * as assert from 'node:assert/strict';
import { CloudTrailClient, LookupEventsCommand, type Event, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { AdminClient } from '../../emulator/admin-client';
import { DEMO_KEYS } from '../../emulator/principals';
import { DEMO_NAMES, demoSecretValues } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';
import { DAY, manualClock, rejectsWith, TOKEN, useEmulator } from './helpers';

const creds = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: 'x' });

function trailClient(url: string, accessKeyId = 'AKIDEXAMPLE'): CloudTrailClient {
  return new CloudTrailClient({ region: 'us-east-1', endpoint: url, credentials: creds(accessKeyId), maxAttempts: 1 });
}

function smClient(url: string, accessKeyId: string, region = 'us-east-1'): SecretsManagerClient {
  return new SecretsManagerClient({ region, endpoint: url, credentials: creds(accessKeyId), maxAttempts: 1 });
}

/** Every page of a lookup. */
async function lookupAll(ct: CloudTrailClient, input: LookupEventsCommandInput): Promise<{ events: Event[]; pages: number }> {
  const events: Event[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const r = await ct.send(new LookupEventsCommand({ ...input, NextToken }));
    events.push(...(r.Events ?? []));
    NextToken = r.NextToken;
    pages++;
  } while (NextToken);
  return { events, pages };
}

const record = (e: Event) => JSON.parse(e.CloudTrailEvent!) as Record<string, any>;

describe('emulator: CloudTrail LookupEvents', () => {
  const time = manualClock();
  const ctx = useEmulator({ clock: time.clock });
  let ct: CloudTrailClient;
  let alice: SecretsManagerClient;
  let bob: SecretsManagerClient;
  let n = 0;
  const fresh = async (who = alice, value = `first-EXAMPLE-${n + 1}`) => {
    const name = `trail/s-${++n}`;
    await who.send(new CreateSecretCommand({ Name: name, SecretString: value, ClientRequestToken: TOKEN(1000 + n) }));
    return { name, arn: (await ctx.emu.admin.secretState(name))!.arn };
  };
  const byResource = (arn: string, extra: Partial<LookupEventsCommandInput> = {}) =>
    lookupAll(ct, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: arn }], ...extra });

  before(() => {
    ct = trailClient(ctx.emu.url);
    alice = smClient(ctx.emu.url, DEMO_KEYS.alice);
    bob = smClient(ctx.emu.url, DEMO_KEYS.bob);
  });
  after(() => {
    ct.destroy();
    alice.destroy();
    bob.destroy();
  });
  afterEach(() => ctx.emu.admin.clearFaults());

  describe('events of the calls served', () => {
    it('records each Secrets Manager call with the documented fields, newest first', async () => {
      const { name, arn } = await fresh();
      time.advance(60_000);
      await bob.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'second-EXAMPLE', ClientRequestToken: TOKEN(2001) }));
      const { events } = await byResource(arn);
      assert.deepEqual(events.map((e) => e.EventName), ['PutSecretValue', 'CreateSecret']);
      const [put, create] = events;
      assert.equal(put.EventSource, 'secretsmanager.amazonaws.com');
      assert.equal(put.ReadOnly, 'false');
      assert.equal(put.AccessKeyId, DEMO_KEYS.bob);
      assert.equal(put.Username, 'bob@example.com', 'an assumed role is named by its session');
      assert.equal(create.Username, 'alice', 'an IAM user by its name');
      assert.equal(put.EventTime!.getTime(), Math.floor(time.now / 1000) * 1000, 'whole seconds');
      assert.ok(put.EventTime!.getTime() > create.EventTime!.getTime());
      assert.deepEqual(put.Resources, [{ ResourceType: 'AWS::SecretsManager::Secret', ResourceName: arn }]);
      assert.match(put.EventId!, /^[0-9a-f-]{36}$/);
      const r = record(put);
      assert.equal(r.eventID, put.EventId);
      assert.equal(r.eventName, 'PutSecretValue');
      assert.equal(r.eventType, 'AwsApiCall');
      assert.equal(r.awsRegion, 'us-east-1');
      assert.equal(r.recipientAccountId, '123456789012');
      assert.equal(r.userIdentity.type, 'AssumedRole');
      assert.match(r.userIdentity.arn, /^arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_PowerUserAccess_[0-9a-f]+\/bob@example\.com$/);
      assert.match(r.userIdentity.sessionContext.sessionIssuer.arn, /^arn:aws:iam::123456789012:role\/aws-reserved\/sso\.amazonaws\.com\/AWSReservedSSO_PowerUserAccess_/);
      assert.equal(r.sourceIPAddress, '127.0.0.1', 'the request came from this machine');
      assert.match(r.userAgent, /aws-sdk-js/);
      assert.deepEqual(r.requestParameters, { secretId: name, clientRequestToken: TOKEN(2001) }, 'no secretString');
      assert.equal(r.responseElements.arn, arn);
      assert.equal(r.responseElements.versionId, TOKEN(2001));
      assert.deepEqual(r.responseElements.versionStages, ['AWSCURRENT']);
      assert.equal(record(create).userIdentity.type, 'IAMUser');
      assert.equal(record(create).userIdentity.arn, 'arn:aws:iam::123456789012:user/alice');
      assert.equal(record(create).requestParameters.clientRequestToken, TOKEN(1000 + n));
    });

    it('never records a value: requests without SecretString or SecretBinary, reads without their response', async () => {
      const { name, arn } = await fresh(alice, 'created-VALUE-EXAMPLE-a1');
      await alice.send(new PutSecretValueCommand({ SecretId: name, SecretString: '{"password":"put-VALUE-EXAMPLE-b2"}' }));
      await alice.send(new PutSecretValueCommand({ SecretId: name, SecretBinary: Buffer.from('binary-VALUE-EXAMPLE-c3') }));
      await alice.send(new GetSecretValueCommand({ SecretId: name }));
      await alice.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }));
      const { events } = await byResource(arn);
      assert.deepEqual(events.map((e) => e.EventName), ['GetSecretValue', 'GetSecretValue', 'PutSecretValue', 'PutSecretValue', 'CreateSecret']);
      const get = record(events[0]);
      assert.equal(get.readOnly, true);
      assert.equal(events[0].ReadOnly, 'true');
      assert.equal(get.responseElements, null, 'a read\'s response is not logged');
      const all = JSON.stringify((await ctx.emu.admin.trailEvents()).map((e) => e.record)) + events.map((e) => e.CloudTrailEvent).join('');
      for (const v of ['created-VALUE-EXAMPLE-a1', 'put-VALUE-EXAMPLE-b2', 'binary-VALUE-EXAMPLE-c3', Buffer.from('binary-VALUE-EXAMPLE-c3').toString('base64'), 'VALUE-EXAMPLE']) {
        assert.ok(!all.includes(v), `no ${v} in any event`);
      }
      assert.ok(!/secretString|secretBinary/i.test(all));
    });

    it('records refused and denied calls with errorCode and errorMessage; throttled ones are not recorded', async () => {
      const { name, arn } = await fresh();
      await rejectsWith(alice.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'AWSCURRENT', RemoveFromVersionId: TOKEN(1000 + n) })), 'InvalidParameterException');
      await ctx.emu.admin.setFaults({ deny: [{ operation: 'PutSecretValue', secretId: name }] });
      await rejectsWith(bob.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'denied-EXAMPLE' })), 'AccessDeniedException');
      await ctx.emu.admin.setFaults({ deny: null as never, throttle: { count: 1, operations: ['TagResource'] } });
      await rejectsWith(alice.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'k', Value: 'v' }] })), 'ThrottlingException');
      const { events } = await byResource(arn);
      assert.deepEqual(events.map((e) => e.EventName), ['PutSecretValue', 'UpdateSecretVersionStage', 'CreateSecret']);
      assert.equal(record(events[0]).errorCode, 'AccessDeniedException');
      assert.match(record(events[0]).errorMessage, /secretsmanager:PutSecretValue/);
      assert.equal(record(events[0]).responseElements, null);
      assert.equal(record(events[1]).errorCode, 'InvalidParameterException');
    });

    it('logs LookupEvents itself (cloudtrail.amazonaws.com, read-only, no resource)', async () => {
      await ct.send(new LookupEventsCommand({ MaxResults: 1 }));
      const [latest] = (await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'cloudtrail.amazonaws.com' }], MaxResults: 1 }))).Events!;
      assert.equal(latest.EventName, 'LookupEvents');
      assert.equal(latest.ReadOnly, 'true');
      assert.equal(latest.Resources, undefined);
      assert.deepEqual(record(latest).requestParameters, { maxResults: 1 });
    });

    it('a rotation: RotateSecret, then RotationStarted, the function\'s PutSecretValue (AWSPENDING) and UpdateSecretVersionStage, RotationSucceeded', async () => {
      const { name, arn } = await fresh();
      const current = TOKEN(1000 + n);
      await ctx.emu.admin.enableRotation(name, 30);
      time.advance(1000);
      const r = await bob.send(new RotateSecretCommand({ SecretId: name, RotateImmediately: true, ClientRequestToken: TOKEN(3001) }));
      const { events } = await byResource(arn);
      assert.deepEqual(events.slice(0, 5).map((e) => e.EventName).reverse(), ['RotateSecret', 'RotationStarted', 'PutSecretValue', 'UpdateSecretVersionStage', 'RotationSucceeded']);
      const [succeeded, stage, put, started, rotate] = events;
      assert.equal(rotate.Username, 'bob@example.com');
      for (const e of [started, succeeded]) {
        assert.equal(record(e).eventType, 'AwsServiceEvent');
        assert.equal(record(e).userIdentity.invokedBy, 'secretsmanager.amazonaws.com');
        assert.equal(record(e).additionalEventData.SecretId, arn);
        assert.equal(e.Username, undefined);
      }
      assert.equal(put.Username, 'rotate-EXAMPLE', 'the rotation function\'s role session');
      assert.deepEqual(record(put).requestParameters, { secretId: arn, clientRequestToken: r.VersionId, versionStages: ['AWSPENDING'] });
      assert.deepEqual(record(stage).requestParameters, { secretId: arn, versionStage: 'AWSCURRENT', moveToVersionId: r.VersionId, removeFromVersionId: current });
      assert.equal(record(rotate).responseElements.versionId, r.VersionId);
    });
  });

  describe('LookupAttributes, time range, paging', () => {
    it('filters by each attribute AWS documents, exactly', async () => {
      const { name, arn } = await fresh();
      await bob.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'x-EXAMPLE' }));
      const one = async (AttributeKey: string, AttributeValue: string) =>
        (await lookupAll(ct, { LookupAttributes: [{ AttributeKey: AttributeKey as never, AttributeValue }] })).events;
      const { events } = await byResource(arn);
      const put = events[0];
      assert.deepEqual((await one('EventId', put.EventId!)).map((e) => e.EventId), [put.EventId]);
      assert.ok((await one('EventName', 'PutSecretValue')).every((e) => e.EventName === 'PutSecretValue'));
      assert.ok((await one('EventName', 'PutSecretValue')).some((e) => e.EventId === put.EventId));
      assert.deepEqual(await one('EventName', 'putsecretvalue'), [], 'case-sensitive');
      assert.ok((await one('Username', 'bob@example.com')).every((e) => e.Username === 'bob@example.com'));
      assert.ok((await one('AccessKeyId', DEMO_KEYS.bob)).some((e) => e.EventId === put.EventId));
      assert.ok((await one('AccessKeyId', DEMO_KEYS.bob)).every((e) => e.AccessKeyId === DEMO_KEYS.bob));
      assert.ok((await one('ReadOnly', 'true')).every((e) => e.ReadOnly === 'true'));
      assert.ok((await one('ReadOnly', 'false')).some((e) => e.EventId === put.EventId));
      assert.ok((await one('ResourceType', 'AWS::SecretsManager::Secret')).some((e) => e.EventId === put.EventId));
      assert.ok((await one('EventSource', 'secretsmanager.amazonaws.com')).every((e) => e.EventSource === 'secretsmanager.amazonaws.com'));
      assert.deepEqual(await one('ResourceName', name), [], 'Resources name the secret by its ARN');
    });

    it('refuses more than one attribute, an unknown key, an empty value', async () => {
      const bad = (LookupAttributes: unknown) => rejectsWith(ct.send(new LookupEventsCommand({ LookupAttributes: LookupAttributes as never })), 'InvalidLookupAttributesException');
      await bad([{ AttributeKey: 'EventName', AttributeValue: 'PutSecretValue' }, { AttributeKey: 'Username', AttributeValue: 'alice' }]);
      await bad([{ AttributeKey: 'SecretId', AttributeValue: 'x' }]);
      await bad([{ AttributeKey: 'EventName', AttributeValue: '' }]);
    });

    it('StartTime and EndTime bound the events, inclusive; a start after the end is refused', async () => {
      const { name, arn } = await fresh();
      const t0 = time.now;
      time.advance(10 * 60_000);
      await alice.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'later-EXAMPLE' }));
      const t1 = time.now;
      const names = async (StartTime?: Date, EndTime?: Date) => (await byResource(arn, { StartTime, EndTime })).events.map((e) => e.EventName);
      assert.deepEqual(await names(new Date(t0 + 60_000)), ['PutSecretValue']);
      assert.deepEqual(await names(undefined, new Date(t1 - 60_000)), ['CreateSecret']);
      assert.deepEqual(await names(new Date(t0), new Date(t1)), ['PutSecretValue', 'CreateSecret']);
      await rejectsWith(ct.send(new LookupEventsCommand({ StartTime: new Date(t1), EndTime: new Date(t0) })), 'InvalidTimeRangeException');
    });

    it('MaxResults 1-50 (50 by default), NextToken through every page, each event once', async () => {
      const { name, arn } = await fresh();
      for (let i = 0; i < 60; i++) await alice.send(new GetSecretValueCommand({ SecretId: name }));
      const first = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: arn }] }));
      assert.equal(first.Events!.length, 50, '50 by default');
      assert.ok(first.NextToken);
      const { events, pages } = await byResource(arn, { MaxResults: 7 });
      assert.equal(events.length, 61);
      assert.equal(pages, 9);
      assert.equal(new Set(events.map((e) => e.EventId)).size, 61);
      assert.equal(events.at(-1)!.EventName, 'CreateSecret', 'the oldest last');
      for (const MaxResults of [0, 51]) await rejectsWith(ct.send(new LookupEventsCommand({ MaxResults })), 'InvalidMaxResultsException');
    });

    it('a NextToken works only with the parameters it was made for', async () => {
      const { arn } = await fresh();
      await fresh();
      const page = await ct.send(new LookupEventsCommand({ MaxResults: 1 }));
      assert.ok(page.NextToken);
      await rejectsWith(ct.send(new LookupEventsCommand({ MaxResults: 1, NextToken: page.NextToken, LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: arn }] })), 'InvalidNextTokenException');
      await rejectsWith(ct.send(new LookupEventsCommand({ NextToken: 'not-a-token' })), 'InvalidNextTokenException');
      // MaxResults may change between pages.
      assert.ok((await ct.send(new LookupEventsCommand({ MaxResults: 5, NextToken: page.NextToken }))).Events!.length > 0);
    });

    it('events newer than a page are not repeated by the pages after it', async () => {
      const { name, arn } = await fresh();
      for (let i = 0; i < 4; i++) await alice.send(new GetSecretValueCommand({ SecretId: name }));
      const p1 = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: arn }], MaxResults: 3 }));
      await alice.send(new GetSecretValueCommand({ SecretId: name }));
      const p2 = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: arn }], MaxResults: 3, NextToken: p1.NextToken }));
      assert.deepEqual(p2.Events!.map((e) => e.EventName), ['GetSecretValue', 'CreateSecret']);
      assert.equal(p2.NextToken, undefined);
    });

    it('EventCategory insight returns no event (none are recorded); another category is refused', async () => {
      assert.deepEqual((await ct.send(new LookupEventsCommand({ EventCategory: 'insight' }))).Events, []);
      await rejectsWith(ct.send(new LookupEventsCommand({ EventCategory: 'data' as never })), 'InvalidEventCategoryException');
    });

    it('keeps 90 days: older events are not returned', async () => {
      const { name, arn } = await fresh();
      time.advance(89 * DAY);
      await alice.send(new GetSecretValueCommand({ SecretId: name }));
      assert.deepEqual((await byResource(arn)).events.map((e) => e.EventName), ['GetSecretValue', 'CreateSecret']);
      time.advance(2 * DAY);
      assert.deepEqual((await byResource(arn)).events.map((e) => e.EventName), ['GetSecretValue'], 'the CreateSecret of 91 days ago is gone');
      // A StartTime before the retention window is accepted.
      assert.equal((await byResource(arn, { StartTime: new Date(time.now - 200 * DAY) })).events.length, 1);
    });
  });

  describe('faults', () => {
    it('access denied names cloudtrail:LookupEvents, and the denied lookup is logged', async () => {
      await ctx.emu.admin.setFaults({ deny: [{ operation: 'LookupEvents' }] });
      const err = await rejectsWith(ct.send(new LookupEventsCommand({})), 'AccessDeniedException');
      assert.match(err.message, /cloudtrail:LookupEvents/);
      await ctx.emu.admin.clearFaults();
      const [e] = (await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'LookupEvents' }], MaxResults: 2 }))).Events!;
      // The newest is the lookup just made; the denied one follows.
      const denied = (await lookupAll(ct, { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'LookupEvents' }] })).events.find((x) => record(x).errorCode);
      assert.ok(e && denied);
      assert.equal(record(denied).errorCode, 'AccessDeniedException');
    });

    it('throttling and latency apply to LookupEvents; counters count it', async () => {
      await ctx.emu.admin.resetCounters();
      await ctx.emu.admin.setFaults({ throttle: { count: 1, operations: ['LookupEvents'] } });
      await rejectsWith(ct.send(new LookupEventsCommand({})), 'ThrottlingException');
      await ct.send(new LookupEventsCommand({ MaxResults: 1 }));
      assert.equal((await ctx.emu.admin.counters()).byOperation.LookupEvents, 2);
    });

    it('the raceBeforeWrite fault\'s writer is in the trail too', async () => {
      const { name, arn } = await fresh();
      await ctx.emu.admin.setFaults({ raceBeforeWrite: { count: 1, operations: ['PutSecretValue'], secretId: name, write: { operation: 'PutSecretValue', secretString: 'race-EXAMPLE' } } });
      await alice.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'mine-EXAMPLE' }));
      const { events } = await byResource(arn);
      assert.deepEqual(events.map((e) => [e.EventName, e.Username]), [['PutSecretValue', 'alice'], ['PutSecretValue', 'other-writer'], ['CreateSecret', 'alice']]);
    });
  });
});

describe('emulator: replication', () => {
  const ctx = useEmulator();
  let admin: AdminClient;
  before(() => {
    admin = new AdminClient(ctx.emu.url);
  });

  it('a primary: PrimaryRegion is its region, ReplicationStatus lists the replicas (DescribeSecret only)', async () => {
    await ctx.sm.send(new CreateSecretCommand({ Name: 'repl/primary', SecretString: 'p-EXAMPLE' }));
    await admin.setReplication('repl/primary', { replicas: [{ Region: 'eu-west-1', Status: 'InSync' }, { Region: 'ap-south-1', Status: 'Failed', StatusMessage: 'KMS key not found' }] });
    const d = await ctx.sm.send(new DescribeSecretCommand({ SecretId: 'repl/primary' }));
    assert.equal(d.PrimaryRegion, 'us-east-1');
    assert.deepEqual(d.ReplicationStatus, [{ Region: 'eu-west-1', Status: 'InSync' }, { Region: 'ap-south-1', Status: 'Failed', StatusMessage: 'KMS key not found' }]);
    const listed = (await ctx.sm.send(new ListSecretsCommand({ Filters: [{ Key: 'primary-region', Values: ['us-'] }] }))).SecretList!;
    assert.deepEqual(listed.map((s) => [s.Name, s.PrimaryRegion]), [['repl/primary', 'us-east-1']]);
    assert.equal((listed[0] as Record<string, unknown>).ReplicationStatus, undefined);
    await ctx.sm.send(new PutSecretValueCommand({ SecretId: 'repl/primary', SecretString: 'p2-EXAMPLE' }));
  });

  it('a replica: PrimaryRegion names the primary\'s; writes signed for this region are refused, reads are not', async () => {
    await ctx.sm.send(new CreateSecretCommand({ Name: 'repl/replica', SecretString: 'r-EXAMPLE' }));
    await admin.setReplication('repl/replica', { primaryRegion: 'eu-west-1' });
    const d = await ctx.sm.send(new DescribeSecretCommand({ SecretId: 'repl/replica' }));
    assert.equal(d.PrimaryRegion, 'eu-west-1');
    assert.equal(d.ReplicationStatus, undefined);
    assert.equal((await ctx.sm.send(new GetSecretValueCommand({ SecretId: 'repl/replica' }))).SecretString, 'r-EXAMPLE');
    const before = (await admin.secretState('repl/replica'))!.versions.length;
    const err = await rejectsWith(ctx.sm.send(new PutSecretValueCommand({ SecretId: 'repl/replica', SecretString: 'nope-EXAMPLE' })), 'InvalidRequestException');
    assert.match(err.message, /replica secret/);
    await rejectsWith(ctx.sm.send(new TagResourceCommand({ SecretId: 'repl/replica', Tags: [{ Key: 'k', Value: 'v' }] })), 'InvalidRequestException');
    assert.equal((await admin.secretState('repl/replica'))!.versions.length, before, 'nothing written');
    assert.equal((await admin.journal()).at(-1)!.outcome, 'InvalidRequestException', 'journaled as refused');
    // Signed for the primary's region, the same secret is the primary.
    const inPrimary = smClient(ctx.emu.url, 'AKIDEXAMPLE', 'eu-west-1');
    await inPrimary.send(new PutSecretValueCommand({ SecretId: 'repl/replica', SecretString: 'primary-EXAMPLE' }));
    inPrimary.destroy();
    await admin.setReplication('repl/replica', {});
    await ctx.sm.send(new PutSecretValueCommand({ SecretId: 'repl/replica', SecretString: 'not-a-replica-EXAMPLE' }));
  });

  it('refuses a replication that is both, or a malformed one', async () => {
    await ctx.sm.send(new CreateSecretCommand({ Name: 'repl/bad', SecretString: 'b-EXAMPLE' }));
    await assert.rejects(admin.setReplication('repl/bad', { primaryRegion: 'eu-west-1', replicas: [{ Region: 'x-1', Status: 'InSync' }] }), /either a replica/);
    await assert.rejects(admin.setReplication('repl/bad', { primaryRegion: 'Europe' }), /region name/);
    await assert.rejects(admin.setReplication('repl/bad', { replicas: [{ Region: 'eu-west-1', Status: 'Good' as never }] }), /InSync/);
  });
});

describe('emulator: the demo history', () => {
  let emu: Emulator;
  let ct: CloudTrailClient;
  before(async () => {
    emu = await startEmulator({ port: 0, seed: 'demo' });
    ct = trailClient(emu.url);
  });
  after(async () => {
    ct.destroy();
    await emu.stop();
  });
  const history = async (name: string) => {
    const arn = (await emu.admin.secretState(name))!.arn;
    return (await lookupAll(ct, { LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: arn }] })).events.filter((e) => e.ReadOnly === 'false').reverse();
  };

  it('prod/db/postgres: bob published, alice rolled back, bob moved AWSCURRENT forward; the older versions are past 90 days', async () => {
    const events = await history(DEMO_NAMES.json);
    assert.deepEqual(events.map((e) => [e.EventName, e.Username]), [
      ['PutSecretValue', 'bob@example.com'],
      ['UpdateSecretVersionStage', 'alice'],
      ['UpdateSecretVersionStage', 'bob@example.com'],
    ]);
    const state = (await emu.admin.secretState(DEMO_NAMES.json))!;
    const [v1, v2, v3] = state.versions.map((v) => v.versionId);
    assert.equal(record(events[0]).requestParameters.clientRequestToken, v3);
    assert.equal(record(events[1]).requestParameters.moveToVersionId, v2, 'the rollback');
    assert.equal(record(events[2]).requestParameters.moveToVersionId, v3);
    assert.deepEqual(state.versions.map((v) => v.stages), [[], ['AWSPREVIOUS'], ['AWSCURRENT']], 'the labels end as before');
    assert.ok(v1);
  });

  it('prod/auth/jwt-signing-key: Terraform created it with its rotation; a rotation succeeded; today\'s failed after AWSPENDING', async () => {
    const events = await history(DEMO_NAMES.rotating);
    assert.deepEqual(events.map((e) => e.EventName), [
      'CreateSecret', 'RotateSecret',
      'RotationStarted', 'PutSecretValue', 'UpdateSecretVersionStage', 'RotationSucceeded',
      'RotationStarted', 'PutSecretValue', 'RotationFailed',
    ]);
    assert.equal(events[0].Username, 'gha-deploy-4711');
    assert.equal(events[3].Username, 'rotate-EXAMPLE');
    const state = (await emu.admin.secretState(DEMO_NAMES.rotating))!;
    assert.deepEqual(state.versions.map((v) => v.stages), [['AWSPREVIOUS'], ['AWSCURRENT'], ['AWSPENDING']]);
  });

  it('several principals across the demo; the replica has no history in this region; no value in any event', async () => {
    const all = await emu.admin.trailEvents();
    const users = new Set(all.map((e) => e.username).filter(Boolean));
    for (const u of ['alice', 'bob@example.com', 'carol@example.com', 'gha-deploy-4711', 'rotate-EXAMPLE']) assert.ok(users.has(u), u);
    assert.deepEqual(await history(DEMO_NAMES.replica), []);
    const text = JSON.stringify(all);
    for (const v of demoSecretValues()) assert.ok(!text.includes(v), `a demo value in the trail: ${v.slice(0, 4)}...`);
  });

  it('keeps the trail in the state file', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sm-trail-')), 'state.json');
    const a = await startEmulator({ port: 0, seed: 'demo', state: file });
    const count = a.trail.size;
    await a.stop();
    const b = await startEmulator({ port: 0, state: file });
    assert.equal(b.trail.size, count);
    await b.stop();
  });
});
