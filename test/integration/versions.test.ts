// Version and lifecycle actions (issue 7): each asserts the endpoint's state afterwards, and a
// failed or cancelled action leaves it unchanged.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import type { SecretRef } from '../../src/model/refs';
import { activate, admin, ScriptedPrompts, sdk, sleep, twoVersions, versionLabels } from './helpers';

describe('versions and lifecycle actions', () => {
  let api: ExtensionApi;
  let connectionId: string;
  const client = sdk();
  const ref = (name: string, versionId?: string, stage?: string): SecretRef => ({ connectionId, name, versionId, stage });
  const run = async (prompts: ScriptedPrompts, command: string, ...args: unknown[]) => {
    api.testing.usePrompts(prompts);
    await vscode.commands.executeCommand(command, ...args);
  };

  before(async () => {
    api = await activate();
    connectionId = api.testing.connections.list()[0].id;
  });
  afterEach(async () => {
    api.testing.usePrompts(undefined);
    await admin().clearFaults();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => client.destroy());

  it('promotes a version to AWSCURRENT after showing what moves; AWSPREVIOUS follows', async () => {
    const { name, v1, v2 } = await twoVersions(client);
    const prompts = new ScriptedPrompts().answerModal((shown) => {
      assert.match(shown.detail ?? '', new RegExp(`AWSCURRENT moves from ${v2.slice(0, 8)} to ${v1.slice(0, 8)}`));
      assert.match(shown.detail ?? '', new RegExp(`AWSPREVIOUS moves to ${v2.slice(0, 8)}`));
      return 'Promote';
    });
    await run(prompts, 'secretsManager.promoteVersion', ref(name, v1));
    assert.deepEqual(await versionLabels(name), { [v1]: ['AWSCURRENT'], [v2]: ['AWSPREVIOUS'] });
  });

  it('rolls back to AWSPREVIOUS in one step, and leaves everything unchanged when cancelled', async () => {
    const { name, v1, v2 } = await twoVersions(client);
    await run(new ScriptedPrompts().answerModal(undefined), 'secretsManager.rollback', ref(name));
    assert.deepEqual(await versionLabels(name), { [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });
    await run(new ScriptedPrompts().answerModal('Promote'), 'secretsManager.rollback', ref(name));
    assert.deepEqual(await versionLabels(name), { [v1]: ['AWSCURRENT'], [v2]: ['AWSPREVIOUS'] });
  });

  it('attaches, moves and removes a custom label; AWSCURRENT is never removed', async () => {
    const { name, v1, v2 } = await twoVersions(client);
    await run(new ScriptedPrompts().answerInput('BLUE'), 'secretsManager.addLabel', ref(name, v1));
    assert.deepEqual((await versionLabels(name))[v1], ['AWSPREVIOUS', 'BLUE']);
    await run(new ScriptedPrompts().answerInput('BLUE').answerModal('Move Label'), 'secretsManager.addLabel', ref(name, v2));
    assert.deepEqual(await versionLabels(name), { [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT', 'BLUE'] });
    const remove = new ScriptedPrompts().answerPick((items) => {
      assert.deepEqual(items.map((i) => i.value), ['BLUE'], 'AWSCURRENT is not offered for removal');
      return 'BLUE';
    }).answerModal('Remove Label');
    await run(remove, 'secretsManager.removeLabel', ref(name, v2));
    assert.deepEqual((await versionLabels(name))[v2], ['AWSCURRENT']);
  });

  it('refuses an invalid label name before calling Secrets Manager', async () => {
    const { name, v1 } = await twoVersions(client);
    await admin().resetCounters();
    // The input box cannot submit a refused value: the user types it, reads the rule, and dismisses the box.
    const prompts = new ScriptedPrompts().answerInput('x'.repeat(257), undefined);
    await run(prompts, 'secretsManager.addLabel', ref(name, v1));
    await sleep(100);
    assert.equal(prompts.refusedInputs.length, 1, 'the input box refused the value');
    assert.match(prompts.refusedInputs[0].message, /A staging label has 1 to 256 characters \(this one has 257\)/, 'with the rule');
    assert.ok(!prompts.shown.some((m) => m.level === 'error'), 'dismissing the box is no error');
    assert.equal((await admin().counters()).byOperation.UpdateSecretVersionStage, undefined);
  });

  it('schedules deletion with a recovery window, then restores', async () => {
    const { name } = await twoVersions(client);
    const prompts = new ScriptedPrompts().answerPick(() => 'custom').answerInput('7').answerModal('Schedule Deletion');
    await run(prompts, 'secretsManager.deleteSecret', ref(name));
    const deleted = (await admin().secretState(name))!;
    assert.ok(deleted.deletionDate);
    const days = Math.round((deleted.deletionDate! - Date.now()) / 86_400_000);
    assert.ok(days >= 6 && days <= 8, `deletion in about 7 days (${days})`);
    await run(new ScriptedPrompts(), 'secretsManager.restoreSecret', ref(name));
    assert.equal((await admin().secretState(name))!.deletionDate, undefined);
  });

  it('force-deletes only after the name is typed exactly', async () => {
    const { name } = await twoVersions(client);
    await run(new ScriptedPrompts().answerPick(() => 'force').answerInput(undefined), 'secretsManager.deleteSecret', ref(name));
    assert.ok(await admin().secretState(name), 'not deleted when the prompt is dismissed');
    await run(new ScriptedPrompts().answerPick(() => 'force').answerInput(name), 'secretsManager.deleteSecret', ref(name));
    assert.equal(await admin().secretState(name), undefined);
  });

  it('leaves the secret unchanged and says why when the action is denied', async () => {
    const { name, v1, v2 } = await twoVersions(client);
    await admin().setFaults({ deny: [{ operation: 'UpdateSecretVersionStage' }] });
    const prompts = new ScriptedPrompts().answerModal('Promote');
    await run(prompts, 'secretsManager.promoteVersion', ref(name, v1));
    await sleep(200);
    assert.deepEqual(await versionLabels(name), { [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] });
    const error = prompts.shown.find((m) => m.level === 'error');
    assert.ok(error, 'an error was shown');
    assert.match(error.message, /secretsmanager:UpdateSecretVersionStage/);
    assert.ok(error.buttons.includes('Show Log'));
  });

  it('copies one field of a JSON value, and clears the clipboard afterwards', async () => {
    const { name } = await twoVersions(client);
    await vscode.workspace.getConfiguration('secretsManager').update('clipboard.clearAfterSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      const mark = api.testing.logLines().length;
      const prompts = new ScriptedPrompts().answerPick(() => 'k');
      await run(prompts, 'secretsManager.copyValue', ref(name));
      assert.equal(await vscode.env.clipboard.readText(), 'v2-EXAMPLE');
      const told = prompts.shown.find((m) => m.level === 'info' && /^Copied k of /.test(m.message));
      assert.ok(told, 'a notification names what was copied');
      assert.match(told.message, /The clipboard will be cleared in 1 s \(at .+\) if it still holds it\./, 'and when the clipboard is cleared');
      assert.ok(!told.message.includes('v2-EXAMPLE'));
      assert.ok(!api.testing.logLines().slice(mark).join('\n').includes('v2-EXAMPLE'), 'the copied value is not logged');
      await sleep(1600);
      assert.equal(await vscode.env.clipboard.readText(), '');
    } finally {
      await vscode.workspace.getConfiguration('secretsManager').update('clipboard.clearAfterSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('restores an old value through the normal publish path', async () => {
    const { name, v1 } = await twoVersions(client);
    const prompts = new ScriptedPrompts().answerModal('Publish');
    await run(prompts, 'secretsManager.restoreValue', ref(name, v1));
    const document = vscode.window.activeTextEditor!.document;
    assert.equal(document.isDirty, true, 'the old value waits in the editor for an explicit save');
    assert.equal(JSON.parse(document.getText()).k, 'v1-EXAMPLE');
    assert.equal(await document.save(), true);
    const s = (await admin().secretState(name))!;
    assert.equal(s.versions.length, 3);
    assert.equal(s.versions.find((v) => v.stages.includes('AWSCURRENT'))!.string, '{"k":"v1-EXAMPLE"}');
  });

  it('edits the description and tags', async () => {
    const { name } = await twoVersions(client);
    await run(new ScriptedPrompts().answerInput('New description'), 'secretsManager.editDescription', ref(name));
    await run(new ScriptedPrompts().answerInput('team=core, env=dev'), 'secretsManager.editTags', ref(name));
    const s = (await admin().secretState(name))!;
    assert.equal(s.description, 'New description');
    assert.deepEqual(s.tags.map((t) => `${t.Key}=${t.Value}`).sort(), ['env=dev', 'team=core']);
  });

  it('opens a diff between two versions', async () => {
    const { name, v1, v2 } = await twoVersions(client);
    await run(new ScriptedPrompts(), 'secretsManager.compareVersions', ref(name, v1, 'AWSPREVIOUS'), [ref(name, v1, 'AWSPREVIOUS'), ref(name, v2, 'AWSCURRENT')]);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor is open');
    assert.match((tab.input as vscode.TabInputTextDiff).original.query, new RegExp(v1));
    assert.match((tab.input as vscode.TabInputTextDiff).modified.query, new RegExp(v2));
  });
  it('compares versions with JSON keys in a stable order: a reorder is no difference, a changed value is', async () => {
    const name = `versions/reorder-${Date.now()}`;
    await client.send(new CreateSecretCommand({ Name: name, SecretString: '{"user":"app","host":"db.example","port":5432}' }));
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: '{"port":5432,"host":"db.example","user":"app"}' }));
    const s = (await admin().secretState(name))!;
    const [v1, v2] = [s.versions[0].versionId, s.versions[1].versionId];
    const sides = async () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      assert.ok(input instanceof vscode.TabInputTextDiff, 'a diff editor is open');
      return Promise.all([input.original, input.modified].map(async (u) => (await vscode.workspace.openTextDocument(u)).getText()));
    };
    await run(new ScriptedPrompts(), 'secretsManager.compareVersions', ref(name, v1, 'AWSPREVIOUS'), [ref(name, v1, 'AWSPREVIOUS'), ref(name, v2, 'AWSCURRENT')]);
    const [left, right] = await sides();
    assert.equal(left, right, 'only the key order differs: both sides read the same');
    assert.deepEqual(Object.keys(JSON.parse(left)), ['host', 'port', 'user']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: '{"user":"app","host":"db2.example","port":5432}' }));
    await run(new ScriptedPrompts(), 'secretsManager.compareWithPrevious', ref(name));
    const [prev, current] = await sides();
    assert.notEqual(prev, current, 'a changed value is a difference');
    assert.equal(prev.replace('db.example', 'db2.example'), current, 'and it is the only one');
  });

  it('creates a secret from the selection of any editor, with description and tags', async () => {
    const name = `versions/from-selection-${Date.now()}`;
    const source = await vscode.workspace.openTextDocument({ content: 'before SELECTED-EXAMPLE-VALUE after' });
    const editor = await vscode.window.showTextDocument(source);
    editor.selection = new vscode.Selection(0, 7, 0, 29);
    const prompts = new ScriptedPrompts().answerInput(name, 'From a selection', 'team=core').answerModal('Create');
    await run(prompts, 'secretsManager.createSecretFromSelection');
    const created = vscode.window.activeTextEditor!.document;
    assert.match(created.uri.query, /create=1/);
    assert.equal(created.getText(), 'SELECTED-EXAMPLE-VALUE');
    assert.equal(await created.save(), true);
    let s = await admin().secretState(name);
    for (let i = 0; i < 20 && !(s?.description && s.tags.length); i++) {
      await sleep(100);
      s = await admin().secretState(name);
    }
    assert.deepEqual(s!.versions.map((v) => [v.string, v.stages]), [['SELECTED-EXAMPLE-VALUE', ['AWSCURRENT']]]);
    assert.equal(s!.description, 'From a selection');
    assert.deepEqual(s!.tags, [{ Key: 'team', Value: 'core' }]);
  });
});
