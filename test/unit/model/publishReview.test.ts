// A publish confirmed through its diff ("Show diff" in the confirmation, then Publish in the
// diff's title bar), against the local endpoint: the diff stands for the confirmation, so the
// check right before the write compares what the confirmation showed, label holders included.
import * as assert from 'node:assert/strict';
import { PutSecretValueCommand, CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsSecretsService } from '../../../src/aws/service';
import type { Logger } from '../../../src/aws/types';
import { NotPublished, PublishEngine, SHOW_DIFF, type Question } from '../../../src/model/publishEngine';
import { readSecretDocument, type DocumentBase } from '../../../src/model/secretDocument';
import { startEmulator, type Emulator } from '../../emulator/server';

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

describe('publish engine: a publish confirmed in its diff', () => {
  let emu: Emulator;
  let service: AwsSecretsService;
  let world: SecretsManagerClient;
  let asked: Question[];
  let answers: (string | undefined)[];
  let n = 0;
  const engine = () =>
    new PublishEngine({
      service: async () => service,
      connectionLabel: () => 'local · us-east-1',
      ask: async (q) => {
        asked.push(q);
        return answers.shift();
      },
      pickLabels: async () => ['QA'],
      read: (_t, work) => work(new AbortController().signal),
      write: (_t, work) => work(),
      notify: () => undefined,
      settings: () => ({ confirm: true, publishJsonAs: 'compact', indent: 2 }),
      log: quiet,
      now: () => new Date(Date.now() + 3_600_000),
      newToken: () => `${String(++n).padStart(8, '0')}-d1ff-4000-8000-000000000000`,
    });
  const open = async (name: string): Promise<DocumentBase> => {
    const ref = { connectionId: 'local@us-east-1', name };
    const read = await readSecretDocument(service, ref, 2);
    return { key: `k:${name}`, ref, format: read.format, baseData: read.baseData, baseVersionId: read.baseVersionId, baseCreated: read.baseCreated, bom: read.bom, noVersion: read.noVersion, cleanText: read.text };
  };

  before(async () => {
    emu = await startEmulator({ port: 0 });
    service = new AwsSecretsService({ id: 'local@us-east-1', region: 'us-east-1', endpoint: emu.url }, { logger: quiet, maxAttempts: 1, credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }) });
    world = new SecretsManagerClient({ region: 'us-east-1', endpoint: emu.url, credentials: { accessKeyId: 'AKIDWORLDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
  });
  after(async () => {
    service.dispose();
    world.destroy();
    await emu.stop();
  });
  beforeEach(() => {
    asked = [];
    answers = [];
  });

  it('"Publish with labels" (QA), Show diff, another writer moves QA while the diff is open, Publish from the diff: asked again, QA is not taken from them silently', async () => {
    const name = `review/labels-${++n}`;
    await world.send(new CreateSecretCommand({ Name: name, SecretString: 'live-EXAMPLE-1' }));
    const qa1 = (await world.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'qa-EXAMPLE-2', VersionStages: ['QA'] }))).VersionId!;
    const e = engine();
    const doc = await open(name);
    answers = [SHOW_DIFF()];
    let review: { text: string; labels?: readonly string[] } | undefined;
    await assert.rejects(e.prepare(doc, 'mine-EXAMPLE-3', { dirty: true, pickLabels: true }), (err: unknown) => {
      review = err instanceof NotPublished && err.reason === 'review' ? err.options.review?.confirmed : undefined;
      return review !== undefined;
    });
    assert.match(asked[0].detail ?? '', new RegExp(`QA moves from ${qa1.slice(0, 8)}`), 'the confirmation showed where QA was');

    // While the diff is open, another writer puts QA on a version of theirs.
    const qa2 = (await world.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'theirs-EXAMPLE-4', VersionStages: ['QA'] }))).VersionId!;

    asked = [];
    answers = [undefined];
    const prepared = await e.prepare(doc, 'mine-EXAMPLE-3', { dirty: true, reviewed: review });
    await assert.rejects(e.complete(doc, prepared), (err: unknown) => err instanceof NotPublished && err.reason === 'cancelled');
    assert.equal(asked.length, 1, 'asked again before the write');
    assert.match(asked[0].message, /changed while you were confirming \(QA moved\)/);
    const state = (await emu.admin.secretState(name))!;
    assert.equal(state.versions.find((v) => v.stages.includes('QA'))?.versionId, qa2, 'QA stays where the other writer put it');
    assert.equal(state.versions.length, 3, 'nothing published');
  });
});
