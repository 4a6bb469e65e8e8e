// Reading a history against the local endpoint with the real SDK clients: the demo's histories, the
// window and the pages, the pace, a denied or failing CloudTrail that keeps the versions, Cancel.
import * as assert from 'node:assert/strict';
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient, UpdateSecretVersionStageCommand } from '@aws-sdk/client-secrets-manager';
import { AwsSecretsService } from '../../../src/aws/service';
import type { Logger } from '../../../src/aws/types';
import { isCancellation } from '../../../src/model/errorPolicy';
import type { HistoryEntry } from '../../../src/model/history';
import { loadHistory, lookupWindow } from '../../../src/model/historyLoader';
import { DEMO_KEYS } from '../../emulator/principals';
import { DEMO_NAMES, demoSecretValues } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const DAY = 86_400_000;

describe('history loader', () => {
  let emu: Emulator;
  let service: AwsSecretsService;
  const sm = (key: string) => new SecretsManagerClient({ region: 'us-east-1', endpoint: emu.url, credentials: { accessKeyId: key, secretAccessKey: 'x' }, maxAttempts: 1 });
  const load = (name: string, o: Parameters<typeof loadHistory>[2] = {}) => loadHistory(service, name, { minIntervalMs: 0, ...o });
  const who = (entries: readonly HistoryEntry[]) => entries.map((e) => `${e.kind}:${e.kind === 'version' ? e.by?.who ?? e.missing?.why : e.by.who}`);

  before(async () => {
    emu = await startEmulator({ port: 0, seed: 'demo' });
    service = new AwsSecretsService({ id: 'local@us-east-1', region: 'us-east-1', endpoint: emu.url }, {
      logger: quiet,
      maxAttempts: 1,
      credentials: async () => ({ accessKeyId: 'AKIDLOCALEXAMPLE', secretAccessKey: 'x' }),
    });
  });
  after(async () => {
    service.dispose();
    await emu.stop();
  });
  afterEach(() => emu.admin.clearFaults());

  it('the demo\'s prod/db/postgres: bob published, alice rolled back, bob moved AWSCURRENT on; the two older versions are past 90 days', async () => {
    const h = await load(DEMO_NAMES.json);
    assert.deepEqual(who(h.timeline.entries), ['move:bob@example.com', 'move:alice', 'move:bob@example.com', 'version:bob@example.com', 'version:retention', 'version:retention']);
    const rollback = h.timeline.entries[1];
    assert.equal(rollback.kind === 'move' && rollback.rollback, true);
    assert.equal(h.timeline.attribution.state, 'complete');
    assert.equal(h.lookups, 1, 'one page');
    assert.equal(h.replication.role, 'none');
    const text = JSON.stringify(h);
    for (const v of demoSecretValues()) assert.ok(!text.includes(v), 'no value in a history');
  });

  it('the demo\'s rotating secret: Terraform, a rotation, today\'s failed rotation with AWSPENDING newer than AWSCURRENT', async () => {
    const h = await load(DEMO_NAMES.rotating);
    assert.equal(h.rotation.enabled, true);
    assert.equal(h.rotation.schedule, 'every 30 days');
    assert.equal(h.rotation.functionName, 'rotate-EXAMPLE');
    assert.equal(h.rotation.pending?.newer, true);
    assert.ok(h.rotation.failed, 'RotationFailed after the last success');
    const kinds = h.timeline.entries.map((e) => (e.kind === 'rotation' ? e.step : e.kind));
    assert.deepEqual(kinds, ['RotationFailed', 'version', 'RotationStarted', 'RotationSucceeded', 'move', 'version', 'RotationStarted', 'RotateSecret', 'version']);
    assert.deepEqual(h.owners, []);
  });

  it('the demo\'s replica: its versions were written in the primary\'s region; a primary lists its replicas', async () => {
    const replica = await load(DEMO_NAMES.replica);
    assert.deepEqual(replica.replication, { role: 'replica', primaryRegion: 'eu-west-1', replicas: [] });
    assert.deepEqual(who(replica.timeline.entries), ['version:otherRegion']);
    assert.match(replica.timeline.attribution.text, /This is a replica: its versions were written in eu-west-1/);
    const primary = await load(DEMO_NAMES.plaintext);
    assert.equal(primary.replication.role, 'primary');
    assert.deepEqual(primary.replication.replicas.map((r) => r.status), ['InSync', 'Failed']);
  });

  it('CloudTrail access denied keeps the versions and names cloudtrail:LookupEvents', async () => {
    await emu.admin.setFaults({ deny: [{ operation: 'LookupEvents' }] });
    const h = await load(DEMO_NAMES.json);
    assert.equal(h.timeline.attribution.state, 'failed');
    assert.equal(h.timeline.attribution.failure?.action, 'cloudtrail:LookupEvents');
    assert.match(h.timeline.attribution.text, /cloudtrail:LookupEvents/);
    assert.deepEqual(who(h.timeline.entries), ['version:denied', 'version:denied', 'version:denied']);
  });

  it('reads every page, newest first, up to the page limit, at most two requests a second', async () => {
    const name = `loader/busy-${Date.now()}`;
    const alice = sm(DEMO_KEYS.alice);
    await alice.send(new CreateSecretCommand({ Name: name, SecretString: 'v1-EXAMPLE' }));
    for (let i = 0; i < 120; i++) await alice.send(new GetSecretValueCommand({ SecretId: name }));
    await sm(DEMO_KEYS.bob).send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v2-EXAMPLE' }));
    const pauses: number[] = [];
    const full = await load(name, { minIntervalMs: 500, sleep: async (ms) => void pauses.push(ms) });
    assert.equal(full.lookups, 3, '124 events: three pages of 50');
    assert.deepEqual(pauses, [500, 500], 'a pause before each page after the first');
    assert.equal(full.timeline.counts.reads, 122, 'the reads are counted, the loader\'s own DescribeSecret and ListSecretVersionIds among them (CloudTrail logs them)');
    assert.deepEqual(who(full.timeline.entries), ['move:bob@example.com', 'version:bob@example.com', 'version:alice']);
    const capped = await load(name, { maxPages: 1 });
    assert.equal(capped.timeline.attribution.state, 'partial');
    assert.match(capped.timeline.attribution.text, /the lookup stopped after 1 pages/);
    assert.deepEqual(who(capped.timeline.entries), ['move:bob@example.com', 'version:bob@example.com', 'version:notRead'], 'the creation is older than the page read');
    alice.destroy();
  });

  it('a later page that fails keeps what was read, and says so; a lookup that fails at once keeps the versions', async () => {
    const name = `loader/flaky-${Date.now()}`;
    const alice = sm(DEMO_KEYS.alice);
    await alice.send(new CreateSecretCommand({ Name: name, SecretString: 'v1-EXAMPLE' }));
    for (let i = 0; i < 60; i++) await alice.send(new GetSecretValueCommand({ SecretId: name }));
    let pages = 0;
    const h = await load(name, {
      sleep: async () => {
        if (++pages === 1) await emu.admin.setFaults({ internalError: { count: 10, operations: ['LookupEvents'] } });
      },
      minIntervalMs: 1,
    });
    assert.equal(h.timeline.attribution.state, 'partial');
    assert.match(h.timeline.attribution.text, /then the lookup failed \(CloudTrail had an internal error during LookupEvents/);
    await emu.admin.setFaults({ internalError: { count: 10, operations: ['LookupEvents'] } });
    const failed = await load(name);
    assert.equal(failed.timeline.attribution.state, 'failed');
    assert.deepEqual(who(failed.timeline.entries), ['version:unavailable']);
    alice.destroy();
  });

  it('Cancel aborts the read: a cancellation, not a history', async () => {
    await emu.admin.setFaults({ latencyMs: 300 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    await assert.rejects(load(DEMO_NAMES.json, { signal: abort.signal }), (err) => isCancellation(err));
  });

  it('looks back from just before the oldest version, at most 90 days', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const v = (daysAgo: number) => ({ versionId: `v${daysAgo}`, stages: [], createdDate: new Date(now.getTime() - daysAgo * DAY) });
    assert.equal(lookupWindow({}, [v(3), v(12)], now).from.toISOString(), '2026-05-19T23:55:00.000Z');
    assert.equal(lookupWindow({}, [v(300)], now).from.toISOString(), '2026-03-03T00:00:00.000Z');
    assert.equal(lookupWindow({ createdDate: new Date(now.getTime() - 1 * DAY) }, [], now).from.toISOString(), '2026-05-30T23:55:00.000Z');
  });

  it('a history after a label move made by UpdateSecretVersionStage with the ARN', async () => {
    const name = `loader/arn-${Date.now()}`;
    const bob = sm(DEMO_KEYS.bob);
    await bob.send(new CreateSecretCommand({ Name: name, SecretString: 'one-EXAMPLE', ClientRequestToken: '11111111-aaaa-4aaa-8aaa-000000000001' }));
    await bob.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two-EXAMPLE', ClientRequestToken: '22222222-aaaa-4aaa-8aaa-000000000002' }));
    const arn = (await emu.admin.secretState(name))!.arn;
    await sm(DEMO_KEYS.carol).send(new UpdateSecretVersionStageCommand({ SecretId: arn, VersionStage: 'AWSCURRENT', MoveToVersionId: '11111111-aaaa-4aaa-8aaa-000000000001', RemoveFromVersionId: '22222222-aaaa-4aaa-8aaa-000000000002' }));
    const h = await load(name);
    assert.deepEqual(who(h.timeline.entries), ['move:carol@example.com', 'move:bob@example.com', 'version:bob@example.com', 'version:bob@example.com']);
    bob.destroy();
  });
});
