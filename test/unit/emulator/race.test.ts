// raceBeforeWrite: another writer overtakes a request, seen through the real SDK, the journal and
// the admin route over HTTP.
import * as assert from 'node:assert/strict';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { AdminClient } from '../../emulator/admin-client';
import type { Faults, RaceFault } from '../../emulator/types';
import { labels, rejectsWith, TOKEN, useEmulator } from './helpers';

describe('emulator: raceBeforeWrite', () => {
  const ctx = useEmulator();
  let admin: AdminClient;
  let n = 0;
  /** A new secret with one version TOKEN(n * 100), AWSCURRENT; the journal cleared after it. */
  const fresh = async () => {
    const name = `race/s-${++n}`;
    await ctx.sm.send(new CreateSecretCommand({ Name: name, SecretString: 'v0-EXAMPLE', ClientRequestToken: TOKEN(n * 100) }));
    await admin.clearJournal();
    return { name, first: TOKEN(n * 100) };
  };
  const put = (SecretId: string, SecretString: string, ClientRequestToken: string, VersionStages?: string[]) =>
    ctx.sm.send(new PutSecretValueCommand({ SecretId, SecretString, ClientRequestToken, VersionStages }));
  const race = (fault: RaceFault) => admin.setFaults({ raceBeforeWrite: fault });
  before(() => {
    admin = new AdminClient(ctx.emu.url);
  });
  afterEach(async () => admin.clearFaults());

  it('a PutSecretValue by another writer lands just before the client\'s own: the client\'s check is stale', async () => {
    const { name, first } = await fresh();
    const checked = await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }));
    assert.equal(checked.VersionId, first);
    await race({ count: 1, operations: ['PutSecretValue'], write: { operation: 'PutSecretValue', secretString: 'theirs-EXAMPLE', clientRequestToken: TOKEN(1) } });
    await admin.resetCounters();
    const mine = await put(name, 'mine-EXAMPLE', TOKEN(2));
    assert.deepEqual(await admin.counters(), { total: 1, byOperation: { PutSecretValue: 1 }, byAccessKey: { AKIDEXAMPLE: 1 } }, 'the race write is no request');
    assert.deepEqual(mine.VersionStages, ['AWSCURRENT']);
    assert.deepEqual(await labels(ctx.sm, name), { [TOKEN(1)]: ['AWSPREVIOUS'], [TOKEN(2)]: ['AWSCURRENT'] }, 'AWSPREVIOUS is theirs, not the version the client read');
    const [theirs, ours] = await admin.journal();
    assert.deepEqual(
      { ...theirs, seq: 0, at: 0 },
      {
        seq: 0,
        at: 0,
        operation: 'PutSecretValue',
        secretName: name,
        accessKeyId: 'AKIDRACEWRITER',
        clientRequestToken: TOKEN(1),
        secretString: 'theirs-EXAMPLE',
        outcome: 'ok',
        committed: true,
        versionId: TOKEN(1),
        created: true,
        stagesBefore: { [first]: ['AWSCURRENT'] },
        stagesAfter: { [first]: ['AWSPREVIOUS'], [TOKEN(1)]: ['AWSCURRENT'] },
      },
    );
    assert.equal(ours.seq, theirs.seq + 1);
    assert.deepEqual([ours.accessKeyId, ours.stagesBefore], ['AKIDEXAMPLE', theirs.stagesAfter], 'the client\'s request found the race write done');
    assert.equal((await admin.getFaults()).raceBeforeWrite?.count, 0);
    await put(name, 'again-EXAMPLE', TOKEN(3));
    assert.equal((await admin.journal()).length, 3, 'used up: no race before the next request');
  });

  it('UpdateSecretVersionStage by label holder: a rotation finishes (AWSCURRENT to the AWSPENDING version) just before the client writes', async () => {
    const { name, first } = await fresh();
    await put(name, 'pending-EXAMPLE', TOKEN(1), ['AWSPENDING']);
    await admin.clearJournal();
    await race({ count: 1, write: { operation: 'UpdateSecretVersionStage', versionStage: 'AWSCURRENT', moveToLabelHolder: 'AWSPENDING' } });
    await ctx.sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'k', Value: 'v' }] }));
    const [theirs, ours] = await admin.journal();
    assert.deepEqual(
      [theirs.operation, theirs.accessKeyId, theirs.versionStage, theirs.moveToVersionId, theirs.removeFromVersionId, theirs.outcome],
      ['UpdateSecretVersionStage', 'AKIDRACEWRITER', 'AWSCURRENT', TOKEN(1), first, 'ok'],
      'the endpoint found both versions by label',
    );
    assert.deepEqual(theirs.stagesAfter, { [first]: ['AWSPREVIOUS'], [TOKEN(1)]: ['AWSPENDING', 'AWSCURRENT'] });
    assert.deepEqual([ours.operation, ours.outcome], ['TagResource', 'ok']);
    assert.equal((await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'pending-EXAMPLE');
  });

  it('matches writes only by default, listed operations (reads too) when given, and only the given secret', async () => {
    const { name } = await fresh();
    const other = await fresh();
    const write = { operation: 'PutSecretValue', secretString: 'theirs-EXAMPLE' } as const;
    await race({ count: 1, secretId: name, write });
    await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }));
    await ctx.sm.send(new TagResourceCommand({ SecretId: other.name, Tags: [{ Key: 'k', Value: 'v' }] }));
    assert.equal((await admin.getFaults()).raceBeforeWrite?.count, 1, 'not used up by a read, nor by a write to another secret');
    await ctx.sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'k', Value: 'v' }] }));
    assert.deepEqual((await admin.journal()).map((e) => [e.operation, e.accessKeyId, e.secretName]), [
      ['TagResource', 'AKIDEXAMPLE', other.name],
      ['PutSecretValue', 'AKIDRACEWRITER', name],
      ['TagResource', 'AKIDEXAMPLE', name],
    ]);
    await admin.clearJournal();
    const { arn } = (await ctx.emu.admin.secretState(name))!;
    await race({ count: 1, operations: ['GetSecretValue'], secretId: arn, write });
    await put(name, 'mine', TOKEN(1));
    const read = await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }));
    assert.equal(read.SecretString, 'theirs-EXAMPLE', 'listed: a read is overtaken too (the secret named by ARN in the fault)');
    assert.deepEqual((await admin.journal()).map((e) => [e.operation, e.accessKeyId]), [
      ['PutSecretValue', 'AKIDEXAMPLE'],
      ['PutSecretValue', 'AKIDRACEWRITER'],
    ]);
  });

  it('a race write that fails is journaled with its error, uses up a count, and the client\'s request is handled normally', async () => {
    const { name } = await fresh();
    await ctx.sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
    await admin.clearJournal();
    await race({ count: 1, write: { operation: 'PutSecretValue', secretString: 'theirs-EXAMPLE' } });
    await ctx.sm.send(new RestoreSecretCommand({ SecretId: name }));
    const [theirs, ours] = await admin.journal();
    assert.deepEqual([theirs.accessKeyId, theirs.outcome, theirs.committed, theirs.created], ['AKIDRACEWRITER', 'InvalidRequestException', false, false]);
    assert.deepEqual(theirs.stagesAfter, theirs.stagesBefore);
    assert.deepEqual([ours.operation, ours.outcome], ['RestoreSecret', 'ok']);
    assert.equal((await admin.getFaults()).raceBeforeWrite?.count, 0);
    assert.equal((await ctx.emu.admin.secretState(name))!.versions.length, 1, 'no version from the failed race write');
  });

  it('goes through the store\'s rules: an existing token with other data is refused, the same data is a no-op', async () => {
    const { name, first } = await fresh();
    await race({ count: 1, write: { operation: 'PutSecretValue', secretString: 'theirs-EXAMPLE', clientRequestToken: first } });
    await put(name, 'mine-1', TOKEN(1));
    await race({ count: 1, write: { operation: 'PutSecretValue', secretString: 'mine-1', clientRequestToken: TOKEN(1) } });
    await put(name, 'mine-2', TOKEN(2));
    const entries = await admin.journal();
    assert.deepEqual(entries.map((e) => [e.accessKeyId, e.outcome, e.versionId, e.created]), [
      ['AKIDRACEWRITER', 'ResourceExistsException', undefined, false],
      ['AKIDEXAMPLE', 'ok', TOKEN(1), true],
      ['AKIDRACEWRITER', 'ok', TOKEN(1), false],
      ['AKIDEXAMPLE', 'ok', TOKEN(2), true],
    ]);
    assert.deepEqual(entries[2].stagesAfter, entries[2].stagesBefore, 'the idempotent repeat moved no label');
  });

  it('a label move with no version holding moveToLabelHolder is sent without version ids and refused; nothing changes', async () => {
    const { name, first } = await fresh();
    await race({ count: 1, write: { operation: 'UpdateSecretVersionStage', versionStage: 'AWSCURRENT', moveToLabelHolder: 'AWSPENDING' } });
    await put(name, 'mine', TOKEN(1));
    const [theirs] = await admin.journal();
    assert.deepEqual(
      [theirs.outcome, theirs.moveToVersionId, theirs.removeFromVersionId, theirs.stagesAfter],
      ['InvalidParameterException', undefined, undefined, { [first]: ['AWSCURRENT'] }],
    );
    await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'blue', ClientRequestToken: TOKEN(2), VersionStages: ['BLUE'] }));
    await race({ count: 1, write: { operation: 'UpdateSecretVersionStage', versionStage: 'BLUE', moveToLabelHolder: 'AWSPENDING' } });
    await put(name, 'mine-2', TOKEN(3));
    assert.deepEqual((await labels(ctx.sm, name))[TOKEN(2)], ['BLUE'], 'not removed from its holder');
  });

  it('happens whatever fault the overtaken request then gets', async () => {
    const { name, first } = await fresh();
    await admin.setFaults({ throttle: { count: 1 }, raceBeforeWrite: { count: 1, write: { operation: 'PutSecretValue', secretString: 'theirs-EXAMPLE', clientRequestToken: TOKEN(1) } } });
    await rejectsWith(put(name, 'mine', TOKEN(2)), 'ThrottlingException');
    assert.deepEqual(await labels(ctx.sm, name), { [first]: ['AWSPREVIOUS'], [TOKEN(1)]: ['AWSCURRENT'] });
    assert.deepEqual((await admin.journal()).map((e) => [e.accessKeyId, e.outcome]), [
      ['AKIDRACEWRITER', 'ok'],
      ['AKIDEXAMPLE', 'ThrottlingException'],
    ]);
  });

  it('refuses a malformed fault with a message saying what is wrong (in process and over HTTP)', async () => {
    const put = { operation: 'PutSecretValue', secretString: 'x' };
    const bad: [unknown, RegExp][] = [
      [{ write: put }, /raceBeforeWrite\.count must be a non-negative integer/],
      [{ count: 1 }, /raceBeforeWrite\.write must be \{operation: /],
      [{ count: 1, write: { operation: 'DeleteSecret' } }, /raceBeforeWrite\.write must be/],
      [{ count: 1, write: { operation: 'PutSecretValue' } }, /exactly one of secretString and secretBinaryBase64/],
      [{ count: 1, write: { ...put, secretBinaryBase64: 'AA==' } }, /exactly one of secretString and secretBinaryBase64/],
      [{ count: 1, write: { ...put, secretString: 5 } }, /raceBeforeWrite\.write\.secretString must be a string/],
      [{ count: 1, write: { ...put, versionStages: 'AWSCURRENT' } }, /versionStages must be a list of staging labels/],
      [{ count: 1, write: { ...put, moveToVersionId: 'x' } }, /takes operation, secretString, secretBinaryBase64, versionStages, clientRequestToken; not moveToVersionId/],
      [{ count: 1, write: { operation: 'UpdateSecretVersionStage', versionStage: 'AWSCURRENT' } }, /moveToLabelHolder must be a staging label/],
      [{ count: 1, write: { operation: 'UpdateSecretVersionStage', versionStage: '', moveToLabelHolder: 'AWSPENDING' } }, /versionStage must be a staging label/],
      [{ count: 1, operations: ['PutSecretValues'], write: put }, /raceBeforeWrite\.operations: no operation PutSecretValues/],
      [{ count: 1, secretId: 7, write: put }, /raceBeforeWrite\.secretId must be a secret name or ARN/],
    ];
    for (const [fault, message] of bad) {
      await assert.rejects(ctx.emu.admin.setFaults({ raceBeforeWrite: fault } as Faults), (err: Error) => err instanceof TypeError && message.test(err.message));
      await assert.rejects(admin.setFaults({ raceBeforeWrite: fault } as Faults), (err: Error) => /HTTP 400/.test(err.message) && message.test(err.message));
    }
    assert.deepEqual(await admin.getFaults(), {}, 'nothing set');
    await admin.setFaults({ raceBeforeWrite: { count: 2, operations: ['PutSecretValue'], write: { operation: 'PutSecretValue', secretBinaryBase64: 'AAE=', versionStages: ['BLUE'] } } });
    assert.deepEqual(await admin.getFaults(), {
      raceBeforeWrite: { count: 2, operations: ['PutSecretValue'], write: { operation: 'PutSecretValue', secretBinaryBase64: 'AAE=', versionStages: ['BLUE'] } },
    });
  });
});
