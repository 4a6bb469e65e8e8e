// The write journal, as model-based tests read it: over HTTP (AdminClient), fed by the real SDK.
import * as assert from 'node:assert/strict';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { AdminClient } from '../../emulator/admin-client';
import { Journal } from '../../emulator/journal';
import { startEmulator } from '../../emulator/server';
import { Store } from '../../emulator/store';
import { JOURNAL_MAX_ENTRIES, type JournalEntry } from '../../emulator/types';
import { manualClock, rejectsWith, TOKEN, useEmulator } from './helpers';

describe('emulator: write journal', () => {
  const time = manualClock();
  const ctx = useEmulator({ clock: time.clock });
  let admin: AdminClient;
  let n = 0;
  /** A new secret with one version TOKEN(n * 100), AWSCURRENT; the journal cleared after it. */
  const fresh = async () => {
    const name = `journal/s-${++n}`;
    await ctx.sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v0-EXAMPLE', ClientRequestToken: TOKEN(n * 100) }));
    await admin.clearJournal();
    return { name, first: TOKEN(n * 100) };
  };
  const journal = async (sinceSeq?: number) => admin.journal(sinceSeq);
  before(() => {
    admin = new AdminClient(ctx.emu.url);
  });
  afterEach(async () => admin.clearFaults());

  it('journals each write with what was sent and what it changed, and no read', async () => {
    const at = time.now;
    const r = await ctx.sm.send(new CreateSecretCommand({ Name: 'journal/full', SecretString: 'first-EXAMPLE', ClientRequestToken: TOKEN(1) }));
    await admin.clearJournal();
    await ctx.sm.send(new PutSecretValueCommand({ SecretId: r.ARN, SecretString: 'staged-EXAMPLE', ClientRequestToken: TOKEN(2), VersionStages: ['STAGING'] }));
    await ctx.sm.send(new GetSecretValueCommand({ SecretId: 'journal/full' }));
    await ctx.sm.send(new DescribeSecretCommand({ SecretId: 'journal/full' }));
    await ctx.sm.send(new ListSecretsCommand({}));
    await ctx.sm.send(new ListSecretVersionIdsCommand({ SecretId: 'journal/full' }));
    time.advance(1000);
    await ctx.sm.send(new UpdateSecretVersionStageCommand({ SecretId: 'journal/full', VersionStage: 'AWSCURRENT', MoveToVersionId: TOKEN(2), RemoveFromVersionId: TOKEN(1) }));
    const entries = await journal();
    assert.deepEqual(
      entries.map(({ seq, ...rest }) => rest),
      [
        {
          at,
          operation: 'PutSecretValue',
          secretName: 'journal/full',
          accessKeyId: 'AKIDEXAMPLE',
          clientRequestToken: TOKEN(2),
          versionStages: ['STAGING'],
          secretString: 'staged-EXAMPLE',
          outcome: 'ok',
          committed: true,
          versionId: TOKEN(2),
          created: true,
          stagesBefore: { [TOKEN(1)]: ['AWSCURRENT'] },
          stagesAfter: { [TOKEN(1)]: ['AWSCURRENT'], [TOKEN(2)]: ['STAGING'] },
        },
        {
          at: at + 1000,
          operation: 'UpdateSecretVersionStage',
          secretName: 'journal/full',
          accessKeyId: 'AKIDEXAMPLE',
          versionStage: 'AWSCURRENT',
          moveToVersionId: TOKEN(2),
          removeFromVersionId: TOKEN(1),
          outcome: 'ok',
          committed: true,
          created: false,
          stagesBefore: { [TOKEN(1)]: ['AWSCURRENT'], [TOKEN(2)]: ['STAGING'] },
          stagesAfter: { [TOKEN(1)]: ['AWSPREVIOUS'], [TOKEN(2)]: ['STAGING', 'AWSCURRENT'] },
        },
      ],
      'the secret named by ARN is journaled by its name; reads are not journaled',
    );
    assert.equal(entries[1].seq, entries[0].seq + 1);
    assert.deepStrictEqual(await ctx.emu.admin.journal(), entries, 'in process exactly as over HTTP');
  });

  it('journals every write operation, in order, whatever its outcome', async () => {
    const { name, first } = await fresh();
    const sm = ctx.sm;
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v1', ClientRequestToken: TOKEN(1) }));
    await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'v1', ClientRequestToken: TOKEN(1) }));
    await rejectsWith(sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'other', ClientRequestToken: TOKEN(1) })), 'ResourceExistsException');
    await sm.send(new UpdateSecretCommand({ SecretId: name, Description: 'd' }));
    await sm.send(new UpdateSecretCommand({ SecretId: name, SecretBinary: new Uint8Array([0, 255]), ClientRequestToken: TOKEN(2) }));
    await sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'k', Value: 'v' }] }));
    await sm.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['k'] }));
    await ctx.emu.admin.enableRotation(name);
    await sm.send(new RotateSecretCommand({ SecretId: name, ClientRequestToken: TOKEN(3) }));
    await sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
    await rejectsWith(sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'late', ClientRequestToken: TOKEN(4) })), 'InvalidRequestException');
    await sm.send(new RestoreSecretCommand({ SecretId: name }));
    await rejectsWith(sm.send(new CreateSecretCommand({ Name: name, SecretString: 'dup' })), 'ResourceExistsException');
    await sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
    await rejectsWith(sm.send(new TagResourceCommand({ SecretId: 'journal/none', Tags: [{ Key: 'k', Value: 'v' }] })), 'ResourceNotFoundException');
    await sm.send(new CreateSecretCommand({ Name: 'journal/empty' }));
    const entries = await journal();
    assert.deepEqual(
      entries.map((e) => [e.operation, e.outcome, e.committed, e.versionId, e.created]),
      [
        ['PutSecretValue', 'ok', true, TOKEN(1), true],
        ['PutSecretValue', 'ok', true, TOKEN(1), false],
        ['PutSecretValue', 'ResourceExistsException', false, undefined, false],
        ['UpdateSecret', 'ok', true, undefined, false],
        ['UpdateSecret', 'ok', true, TOKEN(2), true],
        ['TagResource', 'ok', true, undefined, false],
        ['UntagResource', 'ok', true, undefined, false],
        ['RotateSecret', 'ok', true, TOKEN(3), true],
        ['DeleteSecret', 'ok', true, undefined, false],
        ['PutSecretValue', 'InvalidRequestException', false, undefined, false],
        ['RestoreSecret', 'ok', true, undefined, false],
        ['CreateSecret', 'ResourceExistsException', false, undefined, false],
        ['DeleteSecret', 'ok', true, undefined, false],
        ['TagResource', 'ResourceNotFoundException', false, undefined, false],
        ['CreateSecret', 'ok', true, undefined, false],
      ],
    );
    assert.deepEqual(entries.map((e) => e.seq), entries.map((_, i) => entries[0].seq + i), 'increasing without gaps');
    const [put, repeat, refused] = entries;
    assert.deepEqual([put.stagesBefore, put.stagesAfter], [{ [first]: ['AWSCURRENT'] }, { [first]: ['AWSPREVIOUS'], [TOKEN(1)]: ['AWSCURRENT'] }]);
    assert.deepEqual([repeat.stagesBefore, repeat.stagesAfter], [put.stagesAfter, put.stagesAfter], 'the idempotent repeat changed nothing');
    assert.equal(refused.secretString, 'other', 'the value as sent, even when refused');
    assert.deepEqual(refused.stagesAfter, refused.stagesBefore);
    assert.equal(entries[4].secretBinaryBase64, Buffer.from([0, 255]).toString('base64'));
    assert.equal(entries[4].secretString, undefined);
    const forced = entries[12];
    assert.ok(forced.stagesBefore && forced.stagesAfter === undefined, 'force-deleted: no secret after it');
    assert.equal(forced.secretName, name);
    assert.deepEqual([entries[13].secretName, entries[13].stagesBefore, entries[13].stagesAfter], ['journal/none', undefined, undefined]);
    const created = entries[14];
    assert.deepEqual([created.secretName, created.stagesBefore, created.stagesAfter], ['journal/empty', undefined, {}], 'created without a version');
    assert.ok(entries.every((e) => e.accessKeyId === 'AKIDEXAMPLE'));
  });

  it('journals requests refused by faults, dropped after commit, unsigned or malformed', async () => {
    const { name, first } = await fresh();
    const put = (ClientRequestToken: string) => ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: ClientRequestToken, ClientRequestToken }));
    await admin.setFaults({ throttle: { count: 1 } });
    await rejectsWith(put(TOKEN(1)), 'ThrottlingException');
    await admin.setFaults({ internalError: { count: 1 } });
    await rejectsWith(put(TOKEN(2)), 'InternalServiceError');
    await admin.setFaults({ expiredToken: { count: 1 } });
    await rejectsWith(put(TOKEN(3)), 'ExpiredTokenException');
    await admin.setFaults({ deny: [{ operation: 'PutSecretValue', secretId: name }] });
    await rejectsWith(put(TOKEN(4)), 'AccessDeniedException');
    await admin.setFaults({ deny: null as never, dropAfterCommit: { count: 1 } });
    await assert.rejects(put(TOKEN(5)));
    const raw = (body: string, authorization?: string) =>
      fetch(ctx.emu.url, {
        method: 'POST',
        headers: { 'x-amz-target': 'secretsmanager.PutSecretValue', ...(authorization ? { authorization } : {}) },
        body,
      });
    assert.equal((await raw(JSON.stringify({ SecretId: name, SecretString: 'unsigned', ClientRequestToken: TOKEN(6) }))).status, 200);
    await raw(JSON.stringify({ SecretId: name, SecretString: 'signed', ClientRequestToken: TOKEN(7) }), 'AWS4-HMAC-SHA256 Credential=AKIDOTHER/20250304/us-east-1/secretsmanager/aws4_request, SignedHeaders=host, Signature=0');
    assert.equal((await raw('{not json')).status, 400);
    const entries = await journal();
    assert.deepEqual(
      entries.map((e) => [e.outcome, e.committed, e.accessKeyId, e.clientRequestToken, e.created]),
      [
        ['ThrottlingException', false, 'AKIDEXAMPLE', TOKEN(1), false],
        ['InternalServiceError', false, 'AKIDEXAMPLE', TOKEN(2), false],
        ['ExpiredTokenException', false, 'AKIDEXAMPLE', TOKEN(3), false],
        ['AccessDeniedException', false, 'AKIDEXAMPLE', TOKEN(4), false],
        ['dropped', true, 'AKIDEXAMPLE', TOKEN(5), true],
        ['ok', true, '(unsigned)', TOKEN(6), true],
        ['ok', true, 'AKIDOTHER', TOKEN(7), true],
        ['SerializationException', false, '(unsigned)', undefined, false],
      ],
    );
    for (const refused of entries.slice(0, 4)) assert.deepEqual([refused.stagesBefore, refused.stagesAfter], [{ [first]: ['AWSCURRENT'] }, { [first]: ['AWSCURRENT'] }]);
    assert.deepEqual(entries[4].stagesAfter, { [first]: ['AWSPREVIOUS'], [TOKEN(5)]: ['AWSCURRENT'] }, 'dropped, yet committed');
    assert.equal(entries[7].secretName, undefined, 'no secret named');
  });

  it('gives the entries after a seq; clearJournal empties it and seq goes on; reset empties it too', async () => {
    const { name } = await fresh();
    for (let i = 1; i <= 3; i++) await ctx.sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: `k${i}`, Value: 'v' }] }));
    const all = await journal();
    assert.equal(all.length, 3);
    assert.deepEqual(await journal(all[0].seq), all.slice(1));
    assert.deepEqual(await journal(all[2].seq), []);
    assert.deepEqual(await journal(0), all);
    assert.deepEqual(await journal(-5), all);
    await admin.clearJournal();
    assert.deepEqual(await journal(), []);
    assert.equal(await admin.journalDropped(), 0);
    await ctx.sm.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['k1'] }));
    const [next] = await journal();
    assert.equal(next.seq, all[2].seq + 1, 'never reused');
    await assert.rejects(ctx.emu.admin.journal('x' as never), /sinceSeq must be a number/);
    await admin.reset();
    assert.deepEqual(await journal(), []);
    await ctx.sm.send(new CreateSecretCommand({ Name: name }));
    assert.equal((await journal())[0].seq, next.seq + 1);
  });

  it('entries are copies: changing one read does not change the journal', async () => {
    const { name } = await fresh();
    await ctx.sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'k', Value: 'v' }] }));
    const [entry] = await ctx.emu.admin.journal();
    entry.stagesAfter![TOKEN(1)] = ['MUTATED'];
    entry.outcome = 'mutated';
    assert.deepEqual((await ctx.emu.admin.journal()).map((e) => [e.outcome, Object.keys(e.stagesAfter!).length]), [['ok', 1]]);
  });

  it('counts journaled requests as the counters count requests (each SDK attempt is one entry)', async () => {
    const { name } = await fresh();
    const retrying = new SecretsManagerClient({ region: 'us-east-1', endpoint: ctx.emu.url, credentials: { accessKeyId: 'AKIDRETRY', secretAccessKey: 'x' } });
    try {
      await admin.setFaults({ throttle: { count: 1, operations: ['PutSecretValue'] } });
      await admin.resetCounters();
      await retrying.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'after retries', ClientRequestToken: TOKEN(1) }));
      assert.equal((await admin.counters()).byOperation.PutSecretValue, 2);
      assert.deepEqual((await journal()).map((e) => [e.outcome, e.accessKeyId, e.clientRequestToken]), [
        ['ThrottlingException', 'AKIDRETRY', TOKEN(1)],
        ['ok', 'AKIDRETRY', TOKEN(1)],
      ]);
    } finally {
      retrying.destroy();
    }
  });
});

describe('emulator: journal capacity', () => {
  it(`keeps the newest ${JOURNAL_MAX_ENTRIES} entries by default, dropping the oldest and counting them`, () => {
    const store = new Store(() => 0);
    store.call('CreateSecret', { Name: 'cap/s', SecretString: 'x' });
    const big = new Journal(store);
    for (let i = 0; i < JOURNAL_MAX_ENTRIES + 5; i++) big.begin('TagResource', 'cap/s', { SecretId: 'cap/s', Tags: [] }, undefined)('ok', {});
    const kept = big.list();
    assert.equal(kept.length, JOURNAL_MAX_ENTRIES);
    assert.deepEqual([kept[0].seq, kept.at(-1)!.seq], [6, JOURNAL_MAX_ENTRIES + 5]);
    assert.equal(big.dropped, 5);
    assert.deepEqual(big.list(JOURNAL_MAX_ENTRIES).map((e: JournalEntry) => e.seq), [JOURNAL_MAX_ENTRIES + 1, JOURNAL_MAX_ENTRIES + 2, JOURNAL_MAX_ENTRIES + 3, JOURNAL_MAX_ENTRIES + 4, JOURNAL_MAX_ENTRIES + 5]);
    assert.deepEqual(big.list(3).length, JOURNAL_MAX_ENTRIES, 'dropped entries are not returned');
    big.clear();
    assert.equal(big.dropped, 0);
    assert.deepEqual(big.list(), []);
  });

  it('journalDropped over HTTP', async () => {
    const emu = await startEmulator();
    try {
      assert.equal(await new AdminClient(emu.url).journalDropped(), 0);
    } finally {
      await emu.stop();
    }
  });
});
