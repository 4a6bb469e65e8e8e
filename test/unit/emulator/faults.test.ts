// Faults, counters and the admin route, as the extension's tests use them: over HTTP (AdminClient),
// seen through the real SDK.
import * as assert from 'node:assert/strict';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { AdminClient } from '../../emulator/admin-client';
import { client, DAY, rejectsWith, TOKEN, useEmulator } from './helpers';

describe('emulator: faults, counters and admin', () => {
  const ctx = useEmulator();
  let admin: AdminClient;
  let n = 0;
  const fresh = async () => {
    const name = `faults/s-${++n}`;
    await ctx.sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v0', ClientRequestToken: TOKEN(n) }));
    return name;
  };
  const list = () => ctx.sm.send(new ListSecretsCommand({}));
  before(() => {
    admin = new AdminClient(ctx.emu.url);
  });
  afterEach(async () => admin.clearFaults());

  describe('faults', () => {
    it('throttling: ThrottlingException (HTTP 400, "Rate exceeded") for the next N requests', async () => {
      await admin.setFaults({ throttle: { count: 2 } });
      for (let i = 0; i < 2; i++) {
        const err = (await rejectsWith(list(), 'ThrottlingException', 'Rate exceeded')) as Error & { $metadata: { httpStatusCode: number } };
        assert.equal(err.$metadata.httpStatusCode, 400);
      }
      await list();
      assert.equal((await admin.getFaults()).throttle?.count, 0);
    });

    it('counts down only on the requests a fault hits (operations filter)', async () => {
      const name = await fresh();
      await admin.setFaults({ throttle: { count: 1, operations: ['PutSecretValue'] } });
      await list();
      await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }));
      assert.deepEqual((await admin.getFaults()).throttle, { count: 1, operations: ['PutSecretValue'] }, 'untouched by other operations');
      await rejectsWith(ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'x' })), 'ThrottlingException');
      await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'x' }));
      assert.equal((await admin.secretState(name))!.versions.length, 2, 'the throttled put created nothing');
    });

    it('server error: InternalServiceError, HTTP 500', async () => {
      await admin.setFaults({ internalError: { count: 1, operations: ['ListSecrets'] } });
      const err = (await rejectsWith(list(), 'InternalServiceError')) as Error & { $metadata: { httpStatusCode: number } };
      assert.equal(err.$metadata.httpStatusCode, 500);
      await list();
    });

    it('expired credentials: ExpiredTokenException (HTTP 400)', async () => {
      await admin.setFaults({ expiredToken: { count: 1 } });
      const err = (await rejectsWith(list(), 'ExpiredTokenException', 'The security token included in the request is expired')) as Error & {
        $metadata: { httpStatusCode: number };
      };
      assert.equal(err.$metadata.httpStatusCode, 400);
      await list();
    });

    it('expired access keys: ExpiredTokenException for requests signed with them only; counted per key', async () => {
      await admin.resetCounters();
      await admin.setFaults({ expiredAccessKeys: ['AKIDEXAMPLE'] });
      await rejectsWith(list(), 'ExpiredTokenException');
      const fresh = new SecretsManagerClient({ region: 'us-east-1', endpoint: ctx.emu.url, credentials: { accessKeyId: 'AKIDFRESH', secretAccessKey: 'x' }, maxAttempts: 1 });
      try {
        await fresh.send(new ListSecretsCommand({}));
      } finally {
        fresh.destroy();
      }
      assert.deepEqual((await admin.counters()).byAccessKey, { AKIDEXAMPLE: 1, AKIDFRESH: 1 });
      await admin.setFaults({ expiredAccessKeys: null as unknown as string[] });
      await list();
    });

    it('access denied for chosen operations and secrets, naming the IAM action', async () => {
      const name = await fresh();
      const other = await fresh();
      await admin.setFaults({ deny: [{ operation: 'PutSecretValue', secretId: name }] });
      await rejectsWith(
        ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'x' })),
        'AccessDeniedException',
        `User: arn:aws:iam::123456789012:user/local is not authorized to perform: secretsmanager:PutSecretValue on resource: ${name} because no identity-based policy allows the secretsmanager:PutSecretValue action`,
      );
      await ctx.sm.send(new PutSecretValueCommand({ SecretId: other, SecretString: 'x' }));
      await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }));
      const { ARN } = await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }));
      await rejectsWith(ctx.sm.send(new PutSecretValueCommand({ SecretId: ARN, SecretString: 'x' })), 'AccessDeniedException', /on resource: arn:aws:secretsmanager:/);
      assert.equal((await admin.secretState(name))!.versions.length, 1, 'nothing written');
    });

    it('access denied for an operation on every resource; per secret inside BatchGetSecretValue', async () => {
      const name = await fresh();
      await admin.setFaults({ deny: [{ operation: 'ListSecrets' }, { operation: 'GetSecretValue', secretId: name }] });
      await rejectsWith(list(), 'AccessDeniedException', /perform: secretsmanager:ListSecrets on resource: \* because/);
      const other = await fresh();
      const batch = await ctx.sm.send(new BatchGetSecretValueCommand({ SecretIdList: [name, other] }));
      assert.deepEqual(batch.SecretValues!.map((v) => v.Name), [other]);
      assert.equal(batch.Errors![0].ErrorCode, 'AccessDeniedException');
      assert.match(batch.Errors![0].Message!, /secretsmanager:GetSecretValue on resource/);
    });

    it('dropped connection after a committed write: the SDK retry with the same token creates exactly one version', async () => {
      const name = await fresh();
      const retrying = client(ctx.emu.url, 'sdk-default');
      try {
        await admin.setFaults({ dropAfterCommit: { count: 1, operations: ['PutSecretValue'] } });
        await admin.resetCounters();
        const r = await retrying.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'once', ClientRequestToken: TOKEN(500) }));
        assert.equal(r.VersionId, TOKEN(500));
        assert.equal((await admin.counters()).byOperation.PutSecretValue, 2, 'committed and dropped, then retried');
        const state = (await admin.secretState(name))!;
        assert.deepEqual(
          state.versions.map((v) => [v.versionId, v.stages]),
          [
            [TOKEN(n), ['AWSPREVIOUS']],
            [TOKEN(500), ['AWSCURRENT']],
          ],
        );
      } finally {
        retrying.destroy();
      }
    });

    it('dropped connection on every attempt (count 3): the default SDK client (3 attempts) fails with a network error, one version made', async () => {
      await ctx.sm.send(new CreateSecretCommand({ Name: 'faults/dropped-thrice' }));
      const retrying = client(ctx.emu.url, 'sdk-default');
      try {
        await admin.setFaults({ dropAfterCommit: { count: 3, operations: ['PutSecretValue'] } });
        await admin.resetCounters();
        await admin.clearJournal();
        let caught: Error & { $metadata?: { attempts?: number }; $fault?: string } = new Error('no error');
        await assert.rejects(retrying.send(new PutSecretValueCommand({ SecretId: 'faults/dropped-thrice', SecretString: 'thrice' })), (err: typeof caught) => {
          caught = err;
          return true;
        });
        assert.equal(caught.$fault, undefined, `a network error, not a service error: ${caught.name}: ${caught.message}`);
        assert.match(`${(caught as { code?: string }).code} ${caught.message}`, /ECONNRESET|socket hang up/);
        assert.equal(caught.$metadata?.attempts, 3);
        assert.equal((await admin.counters()).byOperation.PutSecretValue, 3, 'three attempts, all committed and dropped');
        assert.equal((await admin.getFaults()).dropAfterCommit?.count, 0);
        const versions = (await admin.secretState('faults/dropped-thrice'))!.versions;
        assert.equal(versions.length, 1, 'the retries carried the same ClientRequestToken: one version');
        assert.deepEqual(versions[0].stages, ['AWSCURRENT']);
        const journal = await admin.journal();
        assert.deepEqual(
          journal.map((e) => [e.outcome, e.committed, e.created, e.versionId, e.clientRequestToken]),
          [
            ['dropped', true, true, versions[0].versionId, versions[0].versionId],
            ['dropped', true, false, versions[0].versionId, versions[0].versionId],
            ['dropped', true, false, versions[0].versionId, versions[0].versionId],
          ],
        );
      } finally {
        retrying.destroy();
      }
    });

    it('dropped connection after CreateSecret: the SDK retry (same token, same value) succeeds, one secret', async () => {
      const retrying = client(ctx.emu.url, 'sdk-default');
      try {
        await admin.setFaults({ dropAfterCommit: { count: 1, operations: ['CreateSecret'] } });
        const r = await retrying.send(new CreateSecretCommand({ Name: 'faults/created-once', SecretString: 'v', ClientRequestToken: TOKEN(502) }));
        assert.equal(r.VersionId, TOKEN(502));
        assert.equal((await admin.secretState('faults/created-once'))!.versions.length, 1);
        assert.equal((await admin.getFaults()).dropAfterCommit?.count, 0);
      } finally {
        retrying.destroy();
      }
    });

    it('dropped connection: without retries the caller sees a network error though the write happened; reads are never dropped', async () => {
      const name = await fresh();
      await admin.setFaults({ dropAfterCommit: { count: 1 } });
      await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }));
      await ctx.sm.send(new ListSecretVersionIdsCommand({ SecretId: name }));
      assert.equal((await admin.getFaults()).dropAfterCommit?.count, 1, 'reads do not use it up');
      await assert.rejects(ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'dropped', ClientRequestToken: TOKEN(501) })));
      assert.equal((await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }))).VersionId, TOKEN(501), 'committed');
    });

    it('latency per request', async () => {
      await admin.setFaults({ latencyMs: 150 });
      let started = Date.now();
      await list();
      assert.ok(Date.now() - started >= 150, `took ${Date.now() - started} ms`);
      await admin.setFaults({ latencyMs: null as unknown as number });
      started = Date.now();
      await list();
      assert.ok(Date.now() - started < 150);
    });

    it('refuses a malformed fault over HTTP', async () => {
      await assert.rejects(admin.setFaults({ throttle: { count: -1 } }), /HTTP 400/);
      await assert.rejects(admin.setFaults({ bogus: 1 } as never), /unknown fault/);
    });
  });

  describe('counters', () => {
    it('count requests per operation, whatever their outcome, with a total; admin calls are not counted', async () => {
      await admin.resetCounters();
      assert.deepEqual(await admin.counters(), { total: 0, byOperation: {}, byAccessKey: {} });
      await list();
      await ctx.sm.send(new DescribeSecretCommand({ SecretId: await fresh() }));
      await rejectsWith(ctx.sm.send(new DescribeSecretCommand({ SecretId: 'faults/none' })), 'ResourceNotFoundException');
      await admin.getFaults();
      assert.deepEqual(await admin.counters(), { total: 4, byOperation: { ListSecrets: 1, CreateSecret: 1, DescribeSecret: 2 }, byAccessKey: { AKIDEXAMPLE: 4 } });
      await admin.resetCounters();
      assert.deepEqual((await ctx.emu.admin.counters()).total, 0, 'the in-process handle sees the same counters');
    });
  });

  describe('admin route', () => {
    it('seeds synthetic secrets, reads a secret state, resets to empty', async () => {
      assert.equal(await admin.seedSynthetic(3, 'admin/syn'), 3);
      assert.equal(await admin.seedSynthetic(2, 'admin/syn'), 2, 'taken names are skipped');
      const listed = await ctx.sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: ['admin/syn-'] }] }));
      assert.deepEqual(listed.SecretList!.map((s) => s.Name), ['admin/syn-00001', 'admin/syn-00002', 'admin/syn-00003', 'admin/syn-00004', 'admin/syn-00005']);
      const state = (await admin.secretState('admin/syn-00002'))!;
      assert.equal(state.versions.length, 1);
      assert.deepEqual(state.versions[0].stages, ['AWSCURRENT']);
      assert.equal(typeof state.versions[0].created, 'number');
      assert.equal(state.arn, listed.SecretList![1].ARN);
      assert.equal(await admin.secretState('admin/none'), undefined);
    });

    it('advances the clock', async () => {
      const before = await admin.now();
      await admin.advanceClock(2 * DAY);
      const name = await fresh();
      const d = await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.ok(d.CreatedDate!.getTime() >= before + 2 * DAY);
      assert.ok(d.CreatedDate!.getTime() < Date.now() + 2 * DAY + 60_000);
    });

    it('answers an unknown admin method with 404', async () => {
      const res = await fetch(`${ctx.emu.url}/__admin/constructor`, { method: 'POST', body: '[]' });
      assert.equal(res.status, 404);
    });

    it('reset empties the endpoint: secrets, counters, faults', async () => {
      await fresh();
      await admin.setFaults({ latencyMs: 1 });
      await admin.reset();
      assert.deepEqual((await list()).SecretList, []);
      assert.deepEqual(await admin.getFaults(), {});
      assert.deepEqual(await admin.counters(), { total: 1, byOperation: { ListSecrets: 1 }, byAccessKey: { AKIDEXAMPLE: 1 } });
    });
  });
});
