// A new secret's document (Create Secret, Create Secret from Selection, Move Selection into
// Secrets Manager) whose CreateSecret answer was lost, against the local endpoint: the retry finds
// the secret it created, and a further edit is published on top of it rather than created again.
import * as assert from 'node:assert/strict';
import { AwsSecretsService } from '../../../src/aws/service';
import type { Logger } from '../../../src/aws/types';
import { NotPublished, PublishEngine, type Question } from '../../../src/model/publishEngine';
import type { DocumentBase } from '../../../src/model/secretDocument';
import { startEmulator, type Emulator } from '../../emulator/server';

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

describe('publish engine: a new secret whose CreateSecret answer was lost', () => {
  let emu: Emulator;
  let service: AwsSecretsService;
  let asked: Question[];
  let notices: string[];
  let n = 0;
  const engine = () =>
    new PublishEngine({
      service: async () => service,
      connectionLabel: () => 'local · us-east-1',
      ask: async (q) => {
        asked.push(q);
        return q.buttons[0];
      },
      pickLabels: async () => undefined,
      read: (_t, work) => work(new AbortController().signal),
      write: (_t, work) => work(),
      notify: (m) => void notices.push(m),
      settings: () => ({ confirm: true, publishJsonAs: 'compact', indent: 2 }),
      log: quiet,
      now: () => new Date(Date.now() + 3_600_000),
      newToken: () => `${String(++n).padStart(8, '0')}-c0c0-4000-8000-000000000000`,
    });
  const newSecretDoc = (name: string): DocumentBase => ({
    key: `k:${name}?create=1`, ref: { connectionId: 'local@us-east-1', name, create: true }, format: 'text', bom: false, noVersion: true, cleanText: '',
  });

  before(async () => {
    emu = await startEmulator({ port: 0 });
    service = new AwsSecretsService({ id: 'local@us-east-1', region: 'us-east-1', endpoint: emu.url }, { logger: quiet, maxAttempts: 1, credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }) });
  });
  after(async () => {
    service.dispose();
    await emu.stop();
  });
  beforeEach(() => {
    asked = [];
    notices = [];
  });

  it('a further edit after the lost answer is published as a new version of the secret it created, not created again', async () => {
    const e = engine();
    const name = `create/lost-${++n}`;
    const doc = newSecretDoc(name);
    const first = await e.prepare(doc, 'first-EXAMPLE', { dirty: true });
    assert.equal(first.kind, 'intent');
    await emu.admin.setFaults({ dropAfterCommit: { count: 1, operations: ['CreateSecret'] } });
    await assert.rejects(e.complete(doc, first), (err: unknown) => err instanceof NotPublished && err.reason === 'failed');
    await emu.admin.clearFaults();
    asked = [];

    const second = await e.prepare(doc, 'second-EXAMPLE', { dirty: true });
    assert.ok(notices.some((m) => /Your earlier publish of create\/lost-\d+ went through: version \w{8} \(AWSCURRENT\)\. Nothing was sent again\./.test(m)), 'the user is told the secret was created');
    assert.ok(!asked.some((q) => /^Create the secret/.test(q.message)), 'not asked to create a secret that exists');
    assert.equal(second.kind, 'intent');
    const published = await e.complete(doc, second);
    assert.equal(published?.intent.create, false, 'a PutSecretValue on the secret created');
    const state = (await emu.admin.secretState(name))!;
    assert.deepEqual(state.versions.map((v) => [v.string, [...v.stages].sort()]), [['first-EXAMPLE', ['AWSPREVIOUS']], ['second-EXAMPLE', ['AWSCURRENT']]]);
  });

  it('Retry with the same text after the lost answer finds the secret and sends nothing again', async () => {
    const e = engine();
    const name = `create/retry-${++n}`;
    const doc = newSecretDoc(name);
    const first = await e.prepare(doc, 'only-EXAMPLE', { dirty: true });
    await emu.admin.setFaults({ dropAfterCommit: { count: 1, operations: ['CreateSecret'] } });
    await assert.rejects(e.complete(doc, first), NotPublished);
    await emu.admin.clearFaults();
    const again = await e.prepare(doc, 'only-EXAMPLE', { dirty: true });
    assert.equal(again.kind, 'published');
    assert.equal((await emu.admin.secretState(name))!.versions.length, 1);
  });
});
