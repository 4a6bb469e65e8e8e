// Secret-level operations through the real SDK: create, describe, update, delete and restore, tags,
// rotation, batch reads, secret IDs, the wire format of errors and unknown operations.
import * as assert from 'node:assert/strict';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  RotateSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { DAY, labels, manualClock, rejectsWith, TOKEN, useEmulator } from './helpers';

describe('emulator: secrets', () => {
  const time = manualClock();
  const ctx = useEmulator({ clock: time.clock });
  let n = 0;
  const fresh = async (extra: Partial<ConstructorParameters<typeof CreateSecretCommand>[0]> = {}) => {
    const name = `secrets/s-${++n}`;
    await ctx.sm.send(new CreateSecretCommand({ Name: name, SecretString: `value-${n}-EXAMPLE`, ClientRequestToken: TOKEN(n), ...extra }));
    return name;
  };

  describe('CreateSecret', () => {
    it('validates the name: 1 to 512 letters, digits and /_+=.@-', async () => {
      await ctx.sm.send(new CreateSecretCommand({ Name: 'a/b_c+d=e.f@g-H9' }));
      await ctx.sm.send(new CreateSecretCommand({ Name: 'n'.repeat(512) }));
      for (const bad of ['', 'n'.repeat(513), 'has space', 'rds!db-1', 'colon:x', 'star*']) {
        await rejectsWith(ctx.sm.send(new CreateSecretCommand({ Name: bad })), 'InvalidParameterException', undefined);
      }
      await rejectsWith(ctx.sm.send(new DescribeSecretCommand({ SecretId: 'has space' })), 'ResourceNotFoundException');
    });

    it('refuses an existing name (ResourceExistsException) and one scheduled for deletion (InvalidRequestException)', async () => {
      const name = await fresh();
      await rejectsWith(ctx.sm.send(new CreateSecretCommand({ Name: name, SecretString: 'other' })), 'ResourceExistsException', /already exists/);
      await ctx.sm.send(new DeleteSecretCommand({ SecretId: name }));
      await rejectsWith(ctx.sm.send(new CreateSecretCommand({ Name: name, SecretString: 'other' })), 'InvalidRequestException', /scheduled for deletion/);
    });

    it('creates the first version with AWSCURRENT, the token as VersionId; Description, Tags and KmsKeyId kept', async () => {
      const r = await ctx.sm.send(
        new CreateSecretCommand({
          Name: 'secrets/full',
          SecretString: 'first-EXAMPLE',
          ClientRequestToken: TOKEN(500),
          Description: 'Full example',
          KmsKeyId: 'alias/example',
          Tags: [{ Key: 'team', Value: 'a' }],
        }),
      );
      assert.equal(r.VersionId, TOKEN(500));
      assert.match(r.ARN!, /^arn:aws:secretsmanager:us-east-1:123456789012:secret:secrets\/full-[A-Za-z0-9]{6}$/);
      const d = await ctx.sm.send(new DescribeSecretCommand({ SecretId: 'secrets/full' }));
      assert.equal(d.ARN, r.ARN);
      assert.equal(d.Description, 'Full example');
      assert.equal(d.KmsKeyId, 'alias/example');
      assert.deepEqual(d.Tags, [{ Key: 'team', Value: 'a' }]);
      assert.deepEqual(d.VersionIdsToStages, { [TOKEN(500)]: ['AWSCURRENT'] });
    });

    it('creates with a binary value, or with no value (no version at all)', async () => {
      await ctx.sm.send(new CreateSecretCommand({ Name: 'secrets/bin', SecretBinary: new Uint8Array([0xde, 0xad, 0xbe, 0xef]) }));
      assert.deepEqual([...(await ctx.sm.send(new GetSecretValueCommand({ SecretId: 'secrets/bin' }))).SecretBinary!], [0xde, 0xad, 0xbe, 0xef]);
      const empty = await ctx.sm.send(new CreateSecretCommand({ Name: 'secrets/empty' }));
      assert.equal(empty.VersionId, undefined);
      await rejectsWith(ctx.sm.send(new GetSecretValueCommand({ SecretId: 'secrets/empty' })), 'ResourceNotFoundException');
    });

    it('without a value: no version, so no VersionIdsToStages and no value; the first PutSecretValue also gets AWSCURRENT', async () => {
      await ctx.sm.send(new CreateSecretCommand({ Name: 'secrets/no-value', Description: 'to be filled' }));
      // AWS "only returns fields that have a value": the field is absent, not an empty map.
      const raw = async (target: string, body: object) =>
        (await (
          await fetch(ctx.emu.url, { method: 'POST', headers: { 'x-amz-target': `secretsmanager.${target}` }, body: JSON.stringify(body) })
        ).json()) as Record<string, unknown> & { SecretList?: Record<string, unknown>[] };
      const described = await raw('DescribeSecret', { SecretId: 'secrets/no-value' });
      assert.equal(described.Name, 'secrets/no-value');
      assert.ok(!('VersionIdsToStages' in described), JSON.stringify(described));
      const listed = await raw('ListSecrets', { Filters: [{ Key: 'name', Values: ['secrets/no-value'] }] });
      assert.ok(!('SecretVersionsToStages' in listed.SecretList![0]));
      assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: 'secrets/no-value' }))).VersionIdsToStages, undefined);
      await rejectsWith(
        ctx.sm.send(new GetSecretValueCommand({ SecretId: 'secrets/no-value' })),
        'ResourceNotFoundException',
        "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
      );
      const r = await ctx.sm.send(new PutSecretValueCommand({ SecretId: 'secrets/no-value', SecretString: 'first', ClientRequestToken: TOKEN(502), VersionStages: ['STAGING'] }));
      assert.deepEqual([...r.VersionStages!].sort(), ['AWSCURRENT', 'STAGING']);
      assert.deepEqual(await labels(ctx.sm, 'secrets/no-value'), { [TOKEN(502)]: ['AWSCURRENT', 'STAGING'] });
      assert.equal((await ctx.sm.send(new GetSecretValueCommand({ SecretId: 'secrets/no-value' }))).SecretString, 'first');
    });

    it('checks the value as PutSecretValue does, creating nothing when refused', async () => {
      await rejectsWith(ctx.sm.send(new CreateSecretCommand({ Name: 'secrets/both', SecretString: 'a', SecretBinary: new Uint8Array([1]) })), 'InvalidParameterException');
      await rejectsWith(ctx.sm.send(new CreateSecretCommand({ Name: 'secrets/big', SecretString: 'a'.repeat(65_537) })), 'InvalidParameterException');
      await rejectsWith(ctx.sm.send(new CreateSecretCommand({ Name: 'secrets/tok', SecretString: 'a', ClientRequestToken: 'short' })), 'InvalidParameterException');
      for (const name of ['secrets/both', 'secrets/big', 'secrets/tok']) assert.equal(await ctx.emu.admin.secretState(name), undefined);
    });

    it('a retried create (same name, token and value) succeeds without a change', async () => {
      const input = { Name: 'secrets/retried', SecretString: 'once-EXAMPLE', ClientRequestToken: TOKEN(501) };
      const a = await ctx.sm.send(new CreateSecretCommand(input));
      const state = await ctx.emu.admin.secretState('secrets/retried');
      const b = await ctx.sm.send(new CreateSecretCommand(input));
      assert.deepEqual([b.ARN, b.VersionId], [a.ARN, a.VersionId]);
      assert.deepEqual(await ctx.emu.admin.secretState('secrets/retried'), state);
      await rejectsWith(ctx.sm.send(new CreateSecretCommand({ ...input, SecretString: 'twice' })), 'ResourceExistsException');
    });
  });

  describe('secret IDs', () => {
    it('finds a secret by name, full ARN or partial ARN (without the random suffix)', async () => {
      const name = await fresh();
      const { ARN } = await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: ARN }))).Name, name);
      assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: ARN!.slice(0, -7) }))).Name, name);
      assert.equal((await ctx.sm.send(new GetSecretValueCommand({ SecretId: ARN }))).Name, name);
      await rejectsWith(ctx.sm.send(new DescribeSecretCommand({ SecretId: `${ARN!.slice(0, -6)}zzzzzz` })), 'ResourceNotFoundException');
      await rejectsWith(ctx.sm.send(new DescribeSecretCommand({ SecretId: ARN!.replace('us-east-1', 'eu-west-1') })), 'ResourceNotFoundException');
    });
  });

  describe('DescribeSecret', () => {
    it('carries VersionIdsToStages (labelled versions), dates, tags, description, and no PrimaryRegion', async () => {
      const created = time.now;
      const name = await fresh({ Description: 'described', Tags: [{ Key: 'k', Value: 'v' }] });
      time.advance(DAY);
      await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two', ClientRequestToken: TOKEN(600) }));
      await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'three', ClientRequestToken: TOKEN(601) }));
      const d = await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.deepEqual(d.VersionIdsToStages, { [TOKEN(600)]: ['AWSPREVIOUS'], [TOKEN(601)]: ['AWSCURRENT'] }, 'the deprecated version is left out');
      assert.equal(d.CreatedDate!.getTime(), created);
      assert.equal(d.LastChangedDate!.getTime(), time.now);
      assert.equal(d.Description, 'described');
      assert.deepEqual(d.Tags, [{ Key: 'k', Value: 'v' }]);
      for (const absent of ['PrimaryRegion', 'DeletedDate', 'LastAccessedDate', 'OwningService', 'RotationEnabled', 'NextRotationDate', 'LastRotatedDate', 'KmsKeyId'] as const) {
        assert.equal(d[absent], undefined, absent);
      }
    });

    it('carries OwningService, and rotation dates for a rotating secret', async () => {
      await ctx.emu.admin.createManagedSecret('rds!db-describe-EXAMPLE', 'rds', '{"password":"describe-EXAMPLE"}');
      assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: 'rds!db-describe-EXAMPLE' }))).OwningService, 'rds');
      const name = await fresh();
      await ctx.emu.admin.enableRotation(name, 30);
      await ctx.sm.send(new RotateSecretCommand({ SecretId: name }));
      const d = await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal(d.RotationEnabled, true);
      assert.equal(d.LastRotatedDate!.getTime(), time.now);
      assert.equal(d.NextRotationDate!.getTime(), Math.floor((time.now + 30 * DAY) / DAY) * DAY);
      assert.equal(d.RotationRules?.AutomaticallyAfterDays, 30);
    });
  });

  describe('UpdateSecret', () => {
    it('changes Description and KmsKeyId without a new version', async () => {
      const name = await fresh();
      const r = await ctx.sm.send(new UpdateSecretCommand({ SecretId: name, Description: 'new text', KmsKeyId: 'alias/other' }));
      assert.equal(r.VersionId, undefined);
      const d = await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.deepEqual([d.Description, d.KmsKeyId], ['new text', 'alias/other']);
      assert.equal(Object.keys(d.VersionIdsToStages!).length, 1);
    });

    it('with a value: a new version as PutSecretValue without VersionStages, idempotent by token', async () => {
      const name = await fresh();
      const first = TOKEN(n);
      const r = await ctx.sm.send(new UpdateSecretCommand({ SecretId: name, SecretString: 'updated', ClientRequestToken: TOKEN(700) }));
      assert.equal(r.VersionId, TOKEN(700));
      assert.deepEqual(await labels(ctx.sm, name), { [first]: ['AWSPREVIOUS'], [TOKEN(700)]: ['AWSCURRENT'] });
      await ctx.sm.send(new UpdateSecretCommand({ SecretId: name, SecretString: 'updated', ClientRequestToken: TOKEN(700) }));
      assert.equal((await ctx.emu.admin.secretState(name))!.versions.length, 2);
      await rejectsWith(ctx.sm.send(new UpdateSecretCommand({ SecretId: name, SecretString: 'changed', ClientRequestToken: TOKEN(700), Description: 'no' })), 'ResourceExistsException');
      assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }))).Description, undefined, 'a refused update changes nothing');
    });
  });

  it('LastChangedDate moves with every change, not with reads', async () => {
    const name = await fresh();
    const changed = async () => (await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }))).LastChangedDate!.getTime();
    const step = async (what: string, action: () => Promise<unknown>, moves = true) => {
      time.advance(60_000);
      const before = await changed();
      await action();
      assert.equal(await changed(), moves ? time.now : before, what);
    };
    await step('PutSecretValue', () => ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'p', ClientRequestToken: TOKEN(800) })));
    await step('UpdateSecret', () => ctx.sm.send(new UpdateSecretCommand({ SecretId: name, Description: 'd' })));
    await step('UpdateSecretVersionStage', () => ctx.sm.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'X', MoveToVersionId: TOKEN(800) })));
    await step('TagResource', () => ctx.sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'a', Value: 'b' }] })));
    await step('UntagResource', () => ctx.sm.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['a'] })));
    await step('GetSecretValue', () => ctx.sm.send(new GetSecretValueCommand({ SecretId: name })), false);
    await step('DeleteSecret', () => ctx.sm.send(new DeleteSecretCommand({ SecretId: name })));
    await step('RestoreSecret', () => ctx.sm.send(new RestoreSecretCommand({ SecretId: name })));
  });

  describe('DeleteSecret and RestoreSecret', () => {
    it('takes a recovery window of 7 to 30 days, not with ForceDeleteWithoutRecovery', async () => {
      const name = await fresh();
      await rejectsWith(ctx.sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 6 })), 'InvalidParameterException');
      await rejectsWith(ctx.sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 31 })), 'InvalidParameterException');
      await rejectsWith(
        ctx.sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })),
        'InvalidParameterException',
        /ForceDeleteWithoutRecovery/,
      );
      assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate, undefined, 'not deleted by refused calls');
      const r = await ctx.sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
      assert.equal(r.DeletionDate!.getTime(), time.now + 7 * DAY);
    });

    it('schedules for 30 days by default: DeletedDate set, hidden from reads and listing; RestoreSecret clears it', async () => {
      const name = await fresh();
      const r = await ctx.sm.send(new DeleteSecretCommand({ SecretId: name }));
      assert.equal(r.DeletionDate!.getTime(), time.now + 30 * DAY);
      const d = await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }));
      assert.equal(d.DeletedDate!.getTime(), time.now, 'DeletedDate: when the deletion was asked for');
      await rejectsWith(ctx.sm.send(new GetSecretValueCommand({ SecretId: name })), 'InvalidRequestException');
      await rejectsWith(ctx.sm.send(new DeleteSecretCommand({ SecretId: name })), 'InvalidRequestException', /already scheduled for deletion/);
      await rejectsWith(ctx.sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })), 'InvalidRequestException');
      const listed = await ctx.sm.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [name] }] }));
      assert.deepEqual(listed.SecretList, []);
      await ctx.sm.send(new RestoreSecretCommand({ SecretId: name }));
      assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }))).DeletedDate, undefined);
      assert.equal((await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, `value-${name.split('-')[1]}-EXAMPLE`);
    });

    it('force-deletes at once (the name can be reused); a scheduled secret goes at the end of its window', async () => {
      const name = await fresh();
      await ctx.sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
      await rejectsWith(ctx.sm.send(new DescribeSecretCommand({ SecretId: name })), 'ResourceNotFoundException');
      await ctx.sm.send(new CreateSecretCommand({ Name: name, SecretString: 'again' }));
      const other = await fresh();
      await ctx.sm.send(new DeleteSecretCommand({ SecretId: other, RecoveryWindowInDays: 7 }));
      time.advance(7 * DAY - 1000);
      assert.ok(await ctx.sm.send(new DescribeSecretCommand({ SecretId: other })));
      time.advance(1000);
      await rejectsWith(ctx.sm.send(new DescribeSecretCommand({ SecretId: other })), 'ResourceNotFoundException');
    });
  });

  describe('TagResource and UntagResource', () => {
    it('adds, overwrites and removes tags (Key/Value)', async () => {
      const name = await fresh({ Tags: [{ Key: 'a', Value: '1' }] });
      await ctx.sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }] }));
      assert.deepEqual((await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }))).Tags, [{ Key: 'a', Value: '2' }, { Key: 'b', Value: '3' }]);
      await ctx.sm.send(new UntagResourceCommand({ SecretId: name, TagKeys: ['a', 'missing'] }));
      assert.deepEqual((await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }))).Tags, [{ Key: 'b', Value: '3' }]);
      await rejectsWith(ctx.sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: '', Value: 'x' }] })), 'InvalidParameterException');
    });
  });

  describe('RotateSecret', () => {
    it('moves AWSPENDING to AWSCURRENT (AWSPREVIOUS follows) on a secret with rotation enabled', async () => {
      const name = await fresh();
      const first = TOKEN(n);
      await ctx.emu.admin.enableRotation(name);
      await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'pending-EXAMPLE', ClientRequestToken: TOKEN(900), VersionStages: ['AWSPENDING'] }));
      const r = await ctx.sm.send(new RotateSecretCommand({ SecretId: name }));
      assert.equal(r.VersionId, TOKEN(900));
      assert.deepEqual(await labels(ctx.sm, name), { [first]: ['AWSPREVIOUS'], [TOKEN(900)]: ['AWSCURRENT'] });
      assert.equal((await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'pending-EXAMPLE');
    });

    it('refuses a secret without rotation configured (InvalidRequestException), changing nothing', async () => {
      const name = await fresh();
      await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'p', VersionStages: ['AWSPENDING'] }));
      const before = await ctx.emu.admin.secretState(name);
      await rejectsWith(ctx.sm.send(new RotateSecretCommand({ SecretId: name })), 'InvalidRequestException');
      assert.deepEqual(await ctx.emu.admin.secretState(name), before);
    });

    it('with a RotationLambdaARN and no AWSPENDING version: a new version (copy of the value) becomes AWSCURRENT', async () => {
      const name = await fresh();
      const first = TOKEN(n);
      const r = await ctx.sm.send(
        new RotateSecretCommand({ SecretId: name, RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:rot', ClientRequestToken: TOKEN(901) }),
      );
      assert.equal(r.VersionId, TOKEN(901));
      assert.deepEqual(await labels(ctx.sm, name), { [first]: ['AWSPREVIOUS'], [TOKEN(901)]: ['AWSCURRENT'] });
      assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }))).RotationEnabled, true);
    });
  });

  describe('BatchGetSecretValue', () => {
    it('by SecretIdList: values, and errors per secret', async () => {
      const a = await fresh();
      const b = await ctx.sm.send(new CreateSecretCommand({ Name: 'secrets/batch-bin', SecretBinary: new Uint8Array([9, 8]) }));
      const gone = await fresh();
      await ctx.sm.send(new DeleteSecretCommand({ SecretId: gone }));
      const r = await ctx.sm.send(new BatchGetSecretValueCommand({ SecretIdList: [a, b.ARN!, 'secrets/missing', gone] }));
      assert.deepEqual(r.SecretValues!.map((v) => v.Name), [a, 'secrets/batch-bin']);
      assert.deepEqual([...r.SecretValues![1].SecretBinary!], [9, 8]);
      assert.deepEqual(r.SecretValues![0].VersionStages, ['AWSCURRENT']);
      assert.deepEqual(
        r.Errors!.map((e) => [e.SecretId, e.ErrorCode]),
        [
          ['secrets/missing', 'ResourceNotFoundException'],
          [gone, 'InvalidRequestException'],
        ],
      );
    });

    it('by Filters, paged; not both', async () => {
      for (let i = 0; i < 3; i++) await ctx.sm.send(new CreateSecretCommand({ Name: `batchf/s-${i}`, SecretString: `b${i}` }));
      const first = await ctx.sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['batchf/'] }], MaxResults: 2 }));
      assert.deepEqual(first.SecretValues!.map((v) => v.SecretString), ['b0', 'b1']);
      const second = await ctx.sm.send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['batchf/'] }], MaxResults: 2, NextToken: first.NextToken }));
      assert.deepEqual(second.SecretValues!.map((v) => v.SecretString), ['b2']);
      assert.equal(second.NextToken, undefined);
      await rejectsWith(
        ctx.sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['batchf/s-0'], Filters: [{ Key: 'name', Values: ['batchf/'] }] })),
        'InvalidParameterException',
      );
    });
  });

  describe('wire format', () => {
    const raw = (target: string, body: string, method = 'POST') =>
      fetch(ctx.emu.url, { method, headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' }, body: method === 'POST' ? body : undefined });

    it('answers an unknown operation with UnknownOperationException (HTTP 400)', async () => {
      for (const res of [await raw('secretsmanager.Frobnicate', '{}'), await raw('secretsmanager.ListSecrets', '', 'GET')]) {
        assert.equal(res.status, 400);
        assert.equal(res.headers.get('content-type'), 'application/x-amz-json-1.1');
        assert.equal(((await res.json()) as { __type: string }).__type, 'UnknownOperationException');
      }
    });

    it('sends errors as {"__type", "message"} with the HTTP status AWS uses', async () => {
      const res = await raw('secretsmanager.DescribeSecret', JSON.stringify({ SecretId: 'secrets/none' }));
      assert.equal(res.status, 400);
      assert.deepEqual(await res.json(), { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
      const bad = await raw('secretsmanager.ListSecrets', '{not json');
      assert.equal(((await bad.json()) as { __type: string }).__type, 'SerializationException');
    });

    it('sends dates as epoch seconds (numbers)', async () => {
      const name = await fresh();
      const res = await raw('secretsmanager.DescribeSecret', JSON.stringify({ SecretId: name }));
      const body = (await res.json()) as { CreatedDate: unknown };
      assert.equal(body.CreatedDate, time.now / 1000);
    });
  });
});
