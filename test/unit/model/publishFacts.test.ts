// What the publish engine tells before a publish (issue 16), against the local endpoint: the tools
// that manage the secret, the rotation that will replace the value, the replicas that get a copy; and
// a replica refused before anything is sent (Secrets Manager refuses writes to replicas).
import * as assert from 'node:assert/strict';
import { CreateSecretCommand, SecretsManagerClient, TagResourceCommand } from '@aws-sdk/client-secrets-manager';
import { AwsSecretsService } from '../../../src/aws/service';
import type { Logger } from '../../../src/aws/types';
import { NotPublished, PublishEngine, type Question } from '../../../src/model/publishEngine';
import { readSecretDocument, type DocumentBase } from '../../../src/model/secretDocument';
import { startEmulator, type Emulator } from '../../emulator/server';

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

describe('publish engine: owners, rotation and replication before a publish', () => {
  let emu: Emulator;
  let sm: SecretsManagerClient;
  let service: AwsSecretsService;
  let asked: Question[];
  let answer: string | undefined;
  let n = 0;
  const engine = () =>
    new PublishEngine({
      service: async () => service,
      connectionLabel: () => 'local · us-east-1',
      ask: async (q) => {
        asked.push(q);
        return answer;
      },
      pickLabels: async () => undefined,
      read: (_t, work) => work(new AbortController().signal),
      write: (_t, work) => work(),
      notify: () => undefined,
      settings: () => ({ confirm: true, publishJsonAs: 'compact', indent: 2 }),
      log: quiet,
      now: () => new Date(Date.now() + 3_600_000), // no "created minutes ago" warning
      newToken: () => `${String(++n).padStart(8, '0')}-feed-4000-8000-000000000000`,
    });
  const doc = async (name: string): Promise<DocumentBase> => {
    const read = await readSecretDocument(service, { connectionId: 'local@us-east-1', name }, 2);
    return { key: `k:${name}`, ref: { connectionId: 'local@us-east-1', name }, format: read.format, baseData: read.baseData, baseVersionId: read.baseVersionId, baseCreated: read.baseCreated, bom: read.bom, noVersion: read.noVersion, cleanText: read.text };
  };
  const fresh = async (tags: Record<string, string> = {}) => {
    const name = `facts/s-${++n}`;
    await sm.send(new CreateSecretCommand({ Name: name, SecretString: '{"password":"one-EXAMPLE"}', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }));
    return name;
  };

  before(async () => {
    emu = await startEmulator({ port: 0 });
    sm = new SecretsManagerClient({ region: 'us-east-1', endpoint: emu.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
    service = new AwsSecretsService({ id: 'local@us-east-1', region: 'us-east-1', endpoint: emu.url }, { logger: quiet, maxAttempts: 1, credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }) });
  });
  after(async () => {
    sm.destroy();
    service.dispose();
    await emu.stop();
  });
  beforeEach(() => {
    asked = [];
    answer = undefined;
  });

  it('the confirmation names CloudFormation, External Secrets and Terraform from the tags', async () => {
    const name = await fresh({ 'aws:cloudformation:stack-name': 'orders-prod', 'managed-by': 'external-secrets' });
    await sm.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'ManagedBy', Value: 'Terraform' }] }));
    await assert.rejects(engine().prepare(await doc(name), '{"password":"two-EXAMPLE"}'), NotPublished);
    const detail = asked[0].detail!;
    assert.match(detail, /Warning: CloudFormation stack orders-prod manages this secret/);
    assert.match(detail, /Warning: External Secrets Operator manages this secret \(tag managed-by=external-secrets\)/);
    assert.match(detail, /Warning: Terraform appears to manage this secret \(tag ManagedBy=Terraform\)/);
  });

  it('the confirmation says rotation will replace the value, and names the replicas that get it', async () => {
    const name = await fresh();
    await emu.admin.enableRotation(name, 7);
    await emu.admin.setReplication(name, { replicas: [{ Region: 'eu-west-1', Status: 'InSync' }] });
    await assert.rejects(engine().prepare(await doc(name), '{"password":"two-EXAMPLE"}'), NotPublished);
    const detail = asked[0].detail!;
    assert.match(detail, /Warning: Rotation is on \(every 7 days, by rotate-EXAMPLE; next rotation \d{4}-\d{2}-\d{2}\): that rotation creates a new version/);
    assert.match(detail, /Warning: This secret is replicated to eu-west-1 \(InSync\): Secrets Manager copies the new version/);
  });

  it('a replica is refused before anything is sent, with where to publish instead', async () => {
    const name = await fresh();
    await emu.admin.setReplication(name, { primaryRegion: 'eu-west-1' });
    const d = await doc(name);
    await emu.admin.resetCounters();
    await assert.rejects(engine().prepare(d, '{"password":"two-EXAMPLE"}'), (err: NotPublished) => {
      assert.equal(err.reason, 'refused');
      assert.match(err.message, /^Not published: facts\/s-\d+ is a replica of the secret in eu-west-1, and Secrets Manager changes a replicated secret only in its primary's region\. Open the primary/);
      return true;
    });
    assert.equal(asked.length, 0, 'nothing asked');
    assert.deepEqual((await emu.admin.counters()).byOperation, { DescribeSecret: 1 }, 'nothing sent but the read');
  });
});
