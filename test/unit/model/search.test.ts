// Find Secret in All Connections, in plain Node against several local endpoints over real HTTP.
import * as assert from 'node:assert/strict';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsSecretsService } from '../../../src/aws/service';
import { searchConnections, type SearchHit, type SearchTarget } from '../../../src/model/search';
import { startEmulator, type Emulator } from '../../emulator/server';
import { RecordingLogger } from '../aws/helpers';

function target(emu: Emulator, id: string): SearchTarget {
  const service = new AwsSecretsService({ id, region: 'us-east-1', endpoint: emu.url }, {
    logger: new RecordingLogger(),
    clientFactory: async () => new SecretsManagerClient({ region: 'us-east-1', endpoint: emu.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 }),
  });
  return { connectionId: id, label: id, service: async () => service };
}

describe('find a secret in every connection', () => {
  const emus: Emulator[] = [];
  before(async () => {
    for (let i = 0; i < 6; i++) {
      const emu = await startEmulator({ port: 0 });
      await emu.admin.seedSynthetic(3, `team${i}/db`);
      await emu.admin.seedSynthetic(2, 'other/app');
      emus.push(emu);
    }
  });
  after(() => Promise.all(emus.map((e) => e.stop())));
  afterEach(() => Promise.all(emus.map((e) => e.admin.clearFaults())));

  it('finds the matches of every connection, with one filtered ListSecrets each, a few connections at a time', async () => {
    await Promise.all(emus.map((e) => e.admin.resetCounters()));
    await Promise.all(emus.map((e) => e.admin.setFaults({ latencyMs: 40 })));
    const hits: SearchHit[] = [];
    // Count the requests in flight at once.
    let inFlight = 0;
    let most = 0;
    const counted = emus.map((e, i): SearchTarget => {
      const t = target(e, `c${i}`);
      return {
        ...t,
        service: async () => {
          const s = await t.service();
          return Object.assign(Object.create(s), {
            listSecrets: async (o: Parameters<typeof s.listSecrets>[0]) => {
              most = Math.max(most, ++inFlight);
              try {
                return await s.listSecrets(o);
              } finally {
                inFlight--;
              }
            },
          });
        },
      };
    });
    const result = await searchConnections(counted, 'team', { concurrency: 3, onHits: (h) => hits.push(...h) });
    assert.equal(result.hits, 18);
    assert.deepEqual(hits.map((h) => h.summary.name).sort().slice(0, 3), ['team0/db-00001', 'team0/db-00002', 'team0/db-00003']);
    assert.ok(hits.every((h) => h.summary.name.startsWith(`team${h.connectionId.slice(1)}/`)), 'each hit names its connection');
    for (const e of emus) assert.deepEqual((await e.admin.counters()).byOperation, { ListSecrets: 1 });
    assert.equal(most, 3, 'three connections at a time');
  });

  it('a failing connection is reported and the others still answer', async () => {
    await emus[2].admin.setFaults({ deny: [{ operation: 'ListSecrets' }] });
    const failures: string[] = [];
    const result = await searchConnections(emus.map((e, i) => target(e, `c${i}`)), 'other/', { onHits: () => undefined, onFailure: (f) => failures.push(f.connectionId) });
    assert.deepEqual(failures, ['c2']);
    assert.equal(result.hits, 10, 'two in each of the five others');
    assert.match((result.failures[0].error as Error).message, /secretsmanager:ListSecrets/);
  });

  it('Cancel stops it: nothing more is reported, connections not reached are not asked', async () => {
    await Promise.all(emus.map((e) => e.admin.resetCounters()));
    await Promise.all(emus.map((e) => e.admin.setFaults({ latencyMs: 300 })));
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    let reported = 0;
    const result = await searchConnections(emus.map((e, i) => target(e, `c${i}`)), 'team', { concurrency: 2, signal: abort.signal, onHits: () => reported++ });
    assert.ok(result.cancelled);
    assert.equal(reported, 0);
    const asked = (await Promise.all(emus.map((e) => e.admin.counters()))).filter((c) => c.byOperation.ListSecrets).length;
    assert.equal(asked, 2, 'only the two in flight');
  });

  it('reads at most a few pages per connection and says which were cut off', async () => {
    const big = await startEmulator({ port: 0 });
    try {
      await big.admin.seedSynthetic(250, 'bulk/item');
      const result = await searchConnections([target(big, 'big')], 'bulk/', { maxPagesPerConnection: 2, onHits: () => undefined });
      assert.equal(result.hits, 200);
      assert.deepEqual(result.truncated, ['big']);
    } finally {
      await big.stop();
    }
  });
});
