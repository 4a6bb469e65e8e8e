// PutSecretValue through the real SDK over HTTP: label moves, idempotency, limits, refusals.
import * as assert from 'node:assert/strict';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretCommand,
} from '@aws-sdk/client-secrets-manager';
import { labels, rejectsWith, TOKEN, useEmulator } from './helpers';

describe('emulator: PutSecretValue', () => {
  const ctx = useEmulator();
  let n = 0;
  /** A new secret with one version (TOKEN(1000 + n), AWSCURRENT). */
  const fresh = async (value = 'v0-EXAMPLE') => {
    const name = `put/secret-${++n}`;
    await ctx.sm.send(new CreateSecretCommand({ Name: name, SecretString: value, ClientRequestToken: TOKEN(1000 + n) }));
    return { name, first: TOKEN(1000 + n) };
  };
  const put = (SecretId: string, SecretString: string, ClientRequestToken?: string, VersionStages?: string[]) =>
    ctx.sm.send(new PutSecretValueCommand({ SecretId, SecretString, ClientRequestToken, VersionStages }));
  const versionCount = async (name: string) => (await ctx.emu.admin.secretState(name))!.versions.length;

  describe('labels', () => {
    it('without VersionStages moves AWSCURRENT to the new version and AWSPREVIOUS to the one it left', async () => {
      const { name, first } = await fresh();
      const r = await put(name, 'v1', TOKEN(1));
      assert.equal(r.VersionId, TOKEN(1), 'the token becomes the VersionId');
      assert.deepEqual(r.VersionStages, ['AWSCURRENT']);
      assert.equal(r.Name, name);
      assert.deepEqual(await labels(ctx.sm, name), { [first]: ['AWSPREVIOUS'], [TOKEN(1)]: ['AWSCURRENT'] });
      await put(name, 'v2', TOKEN(2));
      assert.deepEqual(await labels(ctx.sm, name), { [TOKEN(1)]: ['AWSPREVIOUS'], [TOKEN(2)]: ['AWSCURRENT'] }, 'the first version is now deprecated');
      assert.equal(await versionCount(name), 3, 'the deprecated version is still stored');
    });

    it('generates a VersionId when no token is sent', async () => {
      const { name } = await fresh();
      // Without a token in the request body (the SDK would add one), a UUID is generated.
      const res = await fetch(ctx.emu.url, {
        method: 'POST',
        headers: { 'x-amz-target': 'secretsmanager.PutSecretValue', 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({ SecretId: name, SecretString: 'no-token' }),
      });
      const body = (await res.json()) as { VersionId: string };
      assert.equal(res.status, 200);
      assert.match(body.VersionId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });

    it('gives the first version of a secret AWSCURRENT, with or without VersionStages', async () => {
      await ctx.sm.send(new CreateSecretCommand({ Name: 'put/empty-a' }));
      assert.deepEqual(await labels(ctx.sm, 'put/empty-a'), {}, 'created without a value: no version');
      await put('put/empty-a', 'x', TOKEN(3));
      assert.deepEqual(await labels(ctx.sm, 'put/empty-a'), { [TOKEN(3)]: ['AWSCURRENT'] });
      await ctx.sm.send(new CreateSecretCommand({ Name: 'put/empty-b' }));
      const r = await put('put/empty-b', 'x', TOKEN(4), ['STAGING']);
      assert.deepEqual([...r.VersionStages!].sort(), ['AWSCURRENT', 'STAGING']);
      assert.deepEqual(await labels(ctx.sm, 'put/empty-b'), { [TOKEN(4)]: ['AWSCURRENT', 'STAGING'] });
    });

    it('with VersionStages without AWSCURRENT: exactly those labels, taken off their holders; AWSCURRENT stays', async () => {
      const { name, first } = await fresh();
      await put(name, 'p1', TOKEN(5), ['AWSPENDING', 'BLUE']);
      assert.deepEqual(await labels(ctx.sm, name), { [first]: ['AWSCURRENT'], [TOKEN(5)]: ['AWSPENDING', 'BLUE'] });
      const r = await put(name, 'p2', TOKEN(6), ['AWSPENDING']);
      assert.deepEqual(r.VersionStages, ['AWSPENDING']);
      assert.deepEqual(
        await labels(ctx.sm, name),
        { [first]: ['AWSCURRENT'], [TOKEN(5)]: ['BLUE'], [TOKEN(6)]: ['AWSPENDING'] },
        'AWSPENDING moved, BLUE stayed, no AWSPREVIOUS appeared',
      );
      assert.equal((await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'v0-EXAMPLE');
    });

    it('with VersionStages listing AWSCURRENT: it moves, and AWSPREVIOUS follows to the version it left', async () => {
      const { name, first } = await fresh();
      await put(name, 'q1', TOKEN(7));
      assert.deepEqual(await labels(ctx.sm, name), { [first]: ['AWSPREVIOUS'], [TOKEN(7)]: ['AWSCURRENT'] });
      await put(name, 'q2', TOKEN(8), ['AWSCURRENT', 'GREEN']);
      assert.deepEqual(
        await labels(ctx.sm, name),
        { [TOKEN(7)]: ['AWSPREVIOUS'], [TOKEN(8)]: ['AWSCURRENT', 'GREEN'] },
        'AWSPREVIOUS left the first version for the one AWSCURRENT left',
      );
    });
  });

  describe('idempotency', () => {
    it('same token and same data: succeeds, creates nothing, same response', async () => {
      const { name } = await fresh();
      const a = await put(name, 'same', TOKEN(10));
      const before = await ctx.emu.admin.secretState(name);
      const b = await put(name, 'same', TOKEN(10));
      assert.deepEqual({ ...b, $metadata: undefined }, { ...a, $metadata: undefined });
      assert.deepEqual(await ctx.emu.admin.secretState(name), before, 'nothing changed, not even LastChangedDate');
    });

    it('same token and same data after the labels moved: the version as it is now, and no label moves, whatever VersionStages says', async () => {
      const { name, first } = await fresh();
      await put(name, 'once', TOKEN(13));
      await put(name, 'later', TOKEN(14));
      const before = await ctx.emu.admin.secretState(name);
      assert.deepEqual(await labels(ctx.sm, name), { [TOKEN(13)]: ['AWSPREVIOUS'], [TOKEN(14)]: ['AWSCURRENT'] });
      const again = await put(name, 'once', TOKEN(13));
      assert.equal(again.VersionId, TOKEN(13));
      assert.deepEqual(again.VersionStages, ['AWSPREVIOUS'], 'the labels it has now, not AWSCURRENT');
      const staged = await put(name, 'once', TOKEN(13), ['AWSCURRENT', 'BLUE']);
      assert.deepEqual(staged.VersionStages, ['AWSPREVIOUS']);
      const deprecated = await put(name, 'v0-EXAMPLE', first);
      assert.deepEqual(deprecated.VersionStages, [], 'a deprecated version stays deprecated');
      assert.deepEqual(await ctx.emu.admin.secretState(name), before, 'no label moved, no version added, LastChangedDate kept');
      await rejectsWith(put(name, 'other', TOKEN(13), ['AWSCURRENT']), 'ResourceExistsException');
      assert.deepEqual(await ctx.emu.admin.secretState(name), before);
    });

    it('same token and same binary data: succeeds without a new version', async () => {
      const { name } = await fresh();
      const bytes = new Uint8Array([0, 1, 2, 255]);
      await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretBinary: bytes, ClientRequestToken: TOKEN(11) }));
      await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretBinary: bytes, ClientRequestToken: TOKEN(11) }));
      assert.equal(await versionCount(name), 2);
    });

    it('same token and different data: ResourceExistsException, nothing changes', async () => {
      const { name } = await fresh();
      await put(name, 'same', TOKEN(12));
      const before = await ctx.emu.admin.secretState(name);
      await rejectsWith(put(name, 'other', TOKEN(12)), 'ResourceExistsException');
      await rejectsWith(ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretBinary: new Uint8Array([1]), ClientRequestToken: TOKEN(12) })), 'ResourceExistsException');
      assert.deepEqual(await ctx.emu.admin.secretState(name), before);
      assert.equal((await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString, 'same');
    });
  });

  describe('validation', () => {
    it('accepts 65,536 bytes and refuses 65,537, counting UTF-8 bytes for strings', async () => {
      const { name } = await fresh();
      await put(name, 'a'.repeat(65_536));
      await put(name, 'é'.repeat(32_768)); // 65,536 bytes
      const before = await versionCount(name);
      await rejectsWith(put(name, 'a'.repeat(65_537)), 'InvalidParameterException', /65537 bytes/);
      await rejectsWith(put(name, 'é'.repeat(32_768) + 'a'), 'InvalidParameterException', /65537 bytes/);
      assert.equal(await versionCount(name), before);
    });

    it('accepts 65,536 binary bytes and refuses 65,537', async () => {
      const { name } = await fresh();
      await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretBinary: new Uint8Array(65_536).fill(7) }));
      await rejectsWith(ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretBinary: new Uint8Array(65_537) })), 'InvalidParameterException');
      const v = await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }));
      assert.equal(v.SecretBinary?.length, 65_536);
    });

    it('needs exactly one of SecretString and SecretBinary', async () => {
      const { name } = await fresh();
      await rejectsWith(ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'a', SecretBinary: new Uint8Array([1]) })), 'InvalidParameterException');
      await rejectsWith(ctx.sm.send(new PutSecretValueCommand({ SecretId: name })), 'InvalidParameterException');
      assert.equal(await versionCount(name), 1);
    });

    it('takes a ClientRequestToken of 32 to 64 characters only', async () => {
      const { name } = await fresh();
      await rejectsWith(put(name, 'a', 'x'.repeat(31)), 'InvalidParameterException');
      await rejectsWith(put(name, 'a', 'x'.repeat(65)), 'InvalidParameterException');
      assert.equal((await put(name, 'a', 'y'.repeat(32))).VersionId, 'y'.repeat(32));
      assert.equal((await put(name, 'b', 'z'.repeat(64))).VersionId, 'z'.repeat(64));
    });

    it('allows 20 labels on a version and refuses 21 (LimitExceededException)', async () => {
      const { name } = await fresh();
      const twenty = Array.from({ length: 20 }, (_, i) => `L${i}`);
      const r = await put(name, 'a', TOKEN(20), twenty);
      assert.equal(r.VersionStages?.length, 20);
      const before = await ctx.emu.admin.secretState(name);
      await rejectsWith(put(name, 'b', TOKEN(21), [...twenty, 'L20']), 'LimitExceededException');
      assert.deepEqual(await ctx.emu.admin.secretState(name), before, 'nothing changed');
    });

    it('takes labels of 1 to 256 characters', async () => {
      const { name } = await fresh();
      await rejectsWith(put(name, 'a', undefined, ['']), 'InvalidParameterException');
      await rejectsWith(put(name, 'a', undefined, ['x'.repeat(257)]), 'InvalidParameterException');
      await put(name, 'a', TOKEN(22), ['x'.repeat(256)]);
      assert.deepEqual((await labels(ctx.sm, name))[TOKEN(22)], ['x'.repeat(256)]);
    });
  });

  describe('refusals', () => {
    it('a secret scheduled for deletion: InvalidRequestException', async () => {
      const { name } = await fresh();
      await ctx.sm.send(new DeleteSecretCommand({ SecretId: name }));
      await rejectsWith(put(name, 'a'), 'InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
    });

    it('a missing secret: ResourceNotFoundException', async () => {
      await rejectsWith(put('put/no-such-secret', 'a'), 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    });

    it('a secret managed by another service: InvalidRequestException naming it, for Put, Update and Delete', async () => {
      await ctx.emu.admin.createManagedSecret('rds!db-put-EXAMPLE', 'rds', '{"password":"managed-EXAMPLE"}');
      const before = await ctx.emu.admin.secretState('rds!db-put-EXAMPLE');
      await rejectsWith(put('rds!db-put-EXAMPLE', 'a'), 'InvalidRequestException', /managed by rds/);
      await rejectsWith(ctx.sm.send(new UpdateSecretCommand({ SecretId: 'rds!db-put-EXAMPLE', Description: 'x' })), 'InvalidRequestException', /managed by rds/);
      await rejectsWith(ctx.sm.send(new DeleteSecretCommand({ SecretId: 'rds!db-put-EXAMPLE' })), 'InvalidRequestException', /managed by rds/);
      assert.deepEqual(await ctx.emu.admin.secretState('rds!db-put-EXAMPLE'), before);
    });
  });

  it('stores binaries byte for byte (base64 on the wire both ways)', async () => {
    const { name } = await fresh();
    const bytes = new Uint8Array([0, 0xff, 0x80, 0x0a, 0x7f, 0xc3, 0x28]);
    await ctx.sm.send(new PutSecretValueCommand({ SecretId: name, SecretBinary: bytes }));
    const v = await ctx.sm.send(new GetSecretValueCommand({ SecretId: name }));
    assert.deepEqual([...v.SecretBinary!], [...bytes]);
    assert.equal(v.SecretString, undefined);
    assert.equal((await ctx.emu.admin.secretState(name))!.versions.at(-1)!.binaryBase64, Buffer.from(bytes).toString('base64'));
  });
});
