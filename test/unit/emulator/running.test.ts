// Running the endpoint: the state file across restarts, the CLI, the demo seed.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
} from '@aws-sdk/client-secrets-manager';
import { DEMO_NAMES, demoSecretValues } from '../../emulator/seed';
import { startEmulator } from '../../emulator/server';
import { client, TOKEN, useEmulator } from './helpers';

const dirs: string[] = [];
const tmpDir = () => {
  dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'sm-emulator-')));
  return dirs[dirs.length - 1];
};
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('emulator: state file', () => {
  it('persists secrets, versions, labels, binaries and deletions across a restart', async () => {
    const file = path.join(tmpDir(), 'state.json');
    const a = await startEmulator({ port: 0, state: file });
    const ca = client(a.url);
    await ca.send(new CreateSecretCommand({ Name: 'kept/text', SecretString: 'persisted-EXAMPLE', ClientRequestToken: TOKEN(1), Tags: [{ Key: 't', Value: 'v' }] }));
    await ca.send(new PutSecretValueCommand({ SecretId: 'kept/text', SecretString: 'staged', ClientRequestToken: TOKEN(2), VersionStages: ['STAGING'] }));
    await ca.send(new CreateSecretCommand({ Name: 'kept/binary', SecretBinary: new Uint8Array([0, 255, 1]) }));
    await ca.send(new CreateSecretCommand({ Name: 'kept/deleted', SecretString: 'x' }));
    await ca.send(new DeleteSecretCommand({ SecretId: 'kept/deleted', RecoveryWindowInDays: 7 }));
    const before = await a.admin.secretState('kept/text');
    ca.destroy();
    await a.stop();
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['state.json'], 'written by rename: no temporary file left');

    const b = await startEmulator({ port: 0, state: file, seed: 'demo' });
    const cb = client(b.url);
    try {
      assert.deepEqual(await b.admin.secretState('kept/text'), before, 'same ARN, versions, labels, dates');
      assert.equal((await cb.send(new GetSecretValueCommand({ SecretId: 'kept/text', VersionStage: 'STAGING' }))).SecretString, 'staged');
      assert.deepEqual([...(await cb.send(new GetSecretValueCommand({ SecretId: 'kept/binary' }))).SecretBinary!], [0, 255, 1]);
      assert.ok((await cb.send(new DescribeSecretCommand({ SecretId: 'kept/deleted' }))).DeletedDate);
      const names = (await cb.send(new ListSecretsCommand({}))).SecretList!.map((s) => s.Name);
      assert.deepEqual(names, ['kept/text', 'kept/binary'], 'the existing state wins over the seed option');
    } finally {
      cb.destroy();
      await b.stop();
    }
  });

  it('saves soon after a change, before stop', async () => {
    const file = path.join(tmpDir(), 'state.json');
    const emu = await startEmulator({ port: 0, state: file });
    const c = client(emu.url);
    try {
      await c.send(new CreateSecretCommand({ Name: 'saved/early', SecretString: 'x' }));
      await new Promise((r) => setTimeout(r, 400));
      assert.ok(fs.readFileSync(file, 'utf8').includes('saved/early'));
    } finally {
      c.destroy();
      await emu.stop();
    }
  });
});

describe('emulator: options', () => {
  it('defaults to us-east-1 and account 123456789012; both can be set', async () => {
    const emu = await startEmulator({ region: 'eu-west-1', accountId: '111122223333' });
    const c = client(emu.url);
    try {
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(emu.url, `http://127.0.0.1:${emu.port}`);
      const r = await c.send(new CreateSecretCommand({ Name: 'region/check' }));
      assert.match(r.ARN!, /^arn:aws:secretsmanager:eu-west-1:111122223333:secret:region\/check-[A-Za-z0-9]{6}$/);
    } finally {
      c.destroy();
      await emu.stop();
    }
  });
});

describe('emulator: CLI', () => {
  const cli = path.join(__dirname, '../../emulator/cli.js');

  const run = (args: string[]) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const firstLine = new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', () => reject(new Error(`exited before printing a line: ${out}`)));
    });
    return { child, exited, firstLine };
  };

  it('prints the listening line, serves the demo data, and stops cleanly on SIGTERM', async function () {
    this.timeout(10_000);
    const { child, exited, firstLine } = run(['--port', '0', '--seed', 'demo']);
    const line = await firstLine;
    const m = /^Secrets Manager endpoint listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    assert.ok(m, line);
    const c = client(m[1]);
    assert.ok((await c.send(new ListSecretsCommand({}))).SecretList!.some((s) => s.Name === DEMO_NAMES.json));
    c.destroy();
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });

  it('flushes its --state file on SIGINT', async function () {
    this.timeout(10_000);
    const file = path.join(tmpDir(), 'cli-state.json');
    const { child, exited, firstLine } = run(['--state', file, '--synthetic', '3']);
    await firstLine;
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    assert.ok(fs.readFileSync(file, 'utf8').includes('app/svc-00003'));
  });

  it('refuses an unknown option (exit code 2)', async () => {
    const { exited } = run(['--colour', 'blue']);
    assert.equal(await exited, 2);
  });
});

describe('emulator: demo seed', () => {
  const ctx = useEmulator({ seed: 'demo' });
  const stages = async (name: string) => (await ctx.sm.send(new DescribeSecretCommand({ SecretId: name }))).VersionIdsToStages!;

  it('holds a dozen secrets and a replica, one of them scheduled for deletion', async () => {
    const all = (await ctx.sm.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList!;
    assert.equal(all.length, 13);
    assert.deepEqual(all.filter((s) => s.DeletedDate).map((s) => s.Name), [DEMO_NAMES.deleted]);
    assert.ok(all.every((s) => s.Name === DEMO_NAMES.deleted || s.LastChangedDate! < new Date()), 'a history in the past');
  });

  it('JSON database credentials with AWSCURRENT, AWSPREVIOUS and a deprecated version', async () => {
    const v = JSON.parse((await ctx.sm.send(new GetSecretValueCommand({ SecretId: DEMO_NAMES.json }))).SecretString!);
    for (const key of ['username', 'password', 'host', 'port', 'dbname']) assert.ok(key in v, key);
    assert.deepEqual(Object.values(await stages(DEMO_NAMES.json)).flat().sort(), ['AWSCURRENT', 'AWSPREVIOUS']);
    const versions = await ctx.sm.send(new ListSecretVersionIdsCommand({ SecretId: DEMO_NAMES.json, IncludeDeprecated: true }));
    assert.deepEqual(versions.Versions!.map((x) => x.VersionStages), [[], ['AWSPREVIOUS'], ['AWSCURRENT']]);
  });

  it('a plain-text key, a binary, a STAGING label, an owned secret and a rotating one with AWSPENDING', async () => {
    const text = await ctx.sm.send(new GetSecretValueCommand({ SecretId: DEMO_NAMES.plaintext }));
    assert.throws(() => JSON.parse(text.SecretString!));
    const bin = await ctx.sm.send(new GetSecretValueCommand({ SecretId: DEMO_NAMES.binary }));
    assert.ok(bin.SecretBinary && bin.SecretString === undefined);
    assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bin.SecretBinary), 'real binary, not UTF-8 text');
    assert.ok(Object.values(await stages(DEMO_NAMES.customLabel)).flat().includes('STAGING'));
    assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: DEMO_NAMES.managed }))).OwningService, 'rds');
    const rotating = await ctx.sm.send(new DescribeSecretCommand({ SecretId: DEMO_NAMES.rotating }));
    assert.equal(rotating.RotationEnabled, true);
    assert.ok(Object.values(rotating.VersionIdsToStages!).flat().includes('AWSPENDING'));
    const primary = await ctx.sm.send(new DescribeSecretCommand({ SecretId: DEMO_NAMES.plaintext }));
    assert.equal(primary.PrimaryRegion, 'us-east-1');
    assert.deepEqual(primary.ReplicationStatus!.map((r) => [r.Region, r.Status]), [['eu-west-1', 'InSync'], ['ap-southeast-2', 'Failed']]);
    assert.equal((await ctx.sm.send(new DescribeSecretCommand({ SecretId: DEMO_NAMES.replica }))).PrimaryRegion, 'eu-west-1');
  });

  it('demoSecretValues() lists every stored value, each unique and marked EXAMPLE, and no metadata carries one', async () => {
    const values = demoSecretValues();
    assert.equal(new Set(values).size, values.length);
    const stored: string[] = [];
    const metadata: unknown[] = [];
    for (const s of (await ctx.sm.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList!) {
      metadata.push(s, await ctx.sm.send(new DescribeSecretCommand({ SecretId: s.Name })));
      metadata.push(await ctx.sm.send(new ListSecretVersionIdsCommand({ SecretId: s.Name, IncludeDeprecated: true })));
      for (const v of (await ctx.emu.admin.secretState(s.Name!))!.versions) stored.push(v.string ?? v.binaryBase64!);
    }
    assert.deepEqual([...stored].sort(), [...values].sort());
    for (const v of values) assert.ok(v.includes('EXAMPLE') || Buffer.from(v, 'base64').toString('latin1').includes('EXAMPLE'));
    const text = JSON.stringify(metadata);
    for (const v of values) assert.ok(!text.includes(v), 'a value in the metadata');
  });
});
