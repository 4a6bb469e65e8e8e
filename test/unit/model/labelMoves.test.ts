// A staging label move whose answer is lost, against the local endpoint: Secrets Manager commits
// it, the connection drops, and the SDK's retry (no request token) is refused because the label
// has moved. The move went through and is reported so, never as a failure to be tried again.
import * as assert from 'node:assert/strict';
import { AwsSecretsService } from '../../../src/aws/service';
import type { Logger } from '../../../src/aws/types';
import { moveStage } from '../../../src/model/labelMoves';
import { startEmulator, type Emulator } from '../../emulator/server';

const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

describe('label moves: a lost answer', () => {
  let emu: Emulator;
  let service: AwsSecretsService;
  let n = 0;

  before(async () => {
    emu = await startEmulator({ port: 0 });
    // As the extension: the SDK's default of 3 attempts.
    service = new AwsSecretsService({ id: 'local@us-east-1', region: 'us-east-1', endpoint: emu.url }, { logger: quiet, credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }) });
  });
  after(async () => {
    service.dispose();
    await emu.stop();
  });
  afterEach(() => emu.admin.clearFaults());

  async function twoVersions(): Promise<{ name: string; v1: string; v2: string }> {
    const name = `labels/lost-${++n}`;
    const v1 = (await service.createSecret({ name, data: { kind: 'string', text: 'one-EXAMPLE' }, clientRequestToken: `${String(n).padStart(8, '0')}-1111-4000-8000-000000000000` })).versionId;
    const v2 = (await service.putSecretValue({ secretId: name, data: { kind: 'string', text: 'two-EXAMPLE' }, clientRequestToken: `${String(n).padStart(8, '0')}-2222-4000-8000-000000000000` })).versionId;
    return { name, v1, v2 };
  }

  it('sent as it was, a rollback whose answer is lost once is reported as refused although it went through', async () => {
    const { name, v1, v2 } = await twoVersions();
    await emu.admin.setFaults({ dropAfterCommit: { count: 1, operations: ['UpdateSecretVersionStage'] } });
    await assert.rejects(service.updateVersionStage({ secretId: name, label: 'AWSCURRENT', moveToVersionId: v1, removeFromVersionId: v2 }), /not attached to version/);
    assert.ok((await emu.admin.secretState(name))!.versions.find((v) => v.versionId === v1)?.stages.includes('AWSCURRENT'), 'it went through');
  });

  it('a rollback whose answer is lost once: the SDK\'s retry is refused, and the move is found to have gone through', async () => {
    const { name, v1, v2 } = await twoVersions();
    await emu.admin.setFaults({ dropAfterCommit: { count: 1, operations: ['UpdateSecretVersionStage'] } });
    assert.equal(await moveStage(service, { secretId: name, label: 'AWSCURRENT', moveToVersionId: v1, removeFromVersionId: v2 }), 'found');
    const s = (await emu.admin.secretState(name))!;
    assert.deepEqual(s.versions.find((v) => v.versionId === v1)?.stages, ['AWSCURRENT']);
  });

  it('a label removal whose answer is lost: found', async () => {
    const { name, v1 } = await twoVersions();
    await service.updateVersionStage({ secretId: name, label: 'QA', moveToVersionId: v1 });
    await emu.admin.setFaults({ dropAfterCommit: { count: 1, operations: ['UpdateSecretVersionStage'] } });
    assert.equal(await moveStage(service, { secretId: name, label: 'QA', removeFromVersionId: v1 }), 'found');
  });

  it('a move refused because the plan is stale (someone else moved the label meanwhile) still fails', async () => {
    const { name, v1, v2 } = await twoVersions();
    const v3 = (await service.putSecretValue({ secretId: name, data: { kind: 'string', text: 'three-EXAMPLE' }, clientRequestToken: `${String(n).padStart(8, '0')}-3333-4000-8000-000000000000` })).versionId;
    assert.ok(v3);
    await assert.rejects(moveStage(service, { secretId: name, label: 'AWSCURRENT', moveToVersionId: v1, removeFromVersionId: v2 }), /not attached to version/);
  });
});
