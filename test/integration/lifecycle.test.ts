// Version and lifecycle actions (issue 7), beyond versions.test.ts: a denied write leaves the
// endpoint's state as it was; Compare with AWSPREVIOUS, Copy ARN / Name / a plain-text value,
// Open in Console, Rotate Now, Restore of a live secret, the default deletion window, and the
// tree refreshing only the affected secret.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecretCommand, DeleteSecretCommand, PutSecretValueCommand, TagResourceCommand, UpdateSecretCommand, UpdateSecretVersionStageCommand } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import { refOf, type SecretRef } from '../../src/model/refs';
import type { TreeNode } from '../../src/views/nodes';
import { DEMO_NAMES } from '../emulator/seed';
import { activate, admin, ScriptedPrompts, sdk, twoVersions, versionLabels, waitFor } from './helpers';

const DAY_MS = 86_400_000;

describe('lifecycle actions: failures, copy, console, rotation, restore, tree refresh', () => {
  let api: ExtensionApi;
  let connectionId: string;
  const client = sdk();
  let n = 0;

  const ref = (name: string, versionId?: string): SecretRef => ({ connectionId, name, versionId });
  const run = async (prompts: ScriptedPrompts, command: string, ...args: unknown[]) => {
    api.testing.usePrompts(prompts);
    await vscode.commands.executeCommand(command, ...args);
  };
  const plainSecret = async (value: string) => {
    const name = `lifecycle/t${Date.now()}-${++n}`;
    await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
    return name;
  };
  const holder = async (name: string, label: string) => (await admin().secretState(name))!.versions.find((v) => v.stages.includes(label))?.versionId;
  const calls = async () => (await admin().counters()).byOperation;
  const errorOf = (prompts: ScriptedPrompts) => prompts.shown.find((m) => m.level === 'error');
  /** Everything a user could see change: each version's labels and value, deletion, description, tags, rotation. */
  const stateOf = async (name: string) => {
    const s = await admin().secretState(name);
    assert.ok(s, `${name} exists`);
    return {
      versions: s.versions.map((v) => ({ versionId: v.versionId, stages: [...v.stages].sort(), value: v.string ?? v.binaryBase64 })),
      deletedDate: s.deletedDate,
      deletionDate: s.deletionDate,
      description: s.description,
      tags: s.tags.map((t) => `${t.Key}=${t.Value}`).sort(),
      rotationEnabled: s.rotationEnabled,
      lastRotated: s.lastRotated,
    };
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

  it('a denied write leaves the secret exactly as it was and names the IAM action, with Show Log', async () => {
    const { name, v1, v2 } = await twoVersions(client, 'lifecycle');
    await client.send(new UpdateSecretVersionStageCommand({ SecretId: name, VersionStage: 'BLUE', MoveToVersionId: v1 }));
    await client.send(new UpdateSecretCommand({ SecretId: name, Description: 'before' }));
    await client.send(new TagResourceCommand({ SecretId: name, Tags: [{ Key: 'team', Value: 'core' }, { Key: 'env', Value: 'dev' }] }));
    await admin().enableRotation(name);

    const denied = async (operation: string, body: () => Promise<void>) => {
      await admin().setFaults({ deny: [{ operation }] });
      try {
        await body();
      } finally {
        await admin().clearFaults();
      }
    };
    type Row = { command: string; operation: string; arg: SecretRef; answers: (p: ScriptedPrompts) => ScriptedPrompts };
    const expectUnchanged = async (row: Row) => {
      const what = `${row.command} with ${row.operation} denied`;
      const before = await stateOf(name);
      const prompts = row.answers(new ScriptedPrompts());
      await denied(row.operation, () => run(prompts, `secretsManager.${row.command}`, row.arg));
      assert.deepEqual(await stateOf(name), before, `${what}: the endpoint's state is unchanged`);
      const error = errorOf(prompts);
      assert.ok(error, `${what}: an error is shown`);
      assert.match(error.message, new RegExp(`secretsmanager:${row.operation}\\b`), `${what}: the message names the IAM action`);
      assert.match(error.message, /Ask an administrator to grant/, `${what}: the message says what to do`);
      assert.ok(error.buttons.includes('Show Log'), `${what}: Show Log is offered`);
    };
    const rows: Row[] = [
      { command: 'promoteVersion', operation: 'UpdateSecretVersionStage', arg: ref(name, v1), answers: (p) => p.answerModal('Promote') },
      { command: 'rollback', operation: 'UpdateSecretVersionStage', arg: ref(name), answers: (p) => p.answerModal('Promote') },
      { command: 'addLabel', operation: 'UpdateSecretVersionStage', arg: ref(name, v2), answers: (p) => p.answerInput('GREEN') },
      { command: 'removeLabel', operation: 'UpdateSecretVersionStage', arg: ref(name, v1), answers: (p) => p.answerPick(() => 'BLUE').answerModal('Remove Label') },
      { command: 'deleteSecret', operation: 'DeleteSecret', arg: ref(name), answers: (p) => p.answerPick(() => 'default').answerModal('Schedule Deletion') },
      { command: 'deleteSecret', operation: 'DeleteSecret', arg: ref(name), answers: (p) => p.answerPick(() => 'force').answerInput(name) },
      { command: 'editDescription', operation: 'UpdateSecret', arg: ref(name), answers: (p) => p.answerInput('after') },
      // Changes team, adds owner, removes env: no tag may be removed when the tagging is refused.
      { command: 'editTags', operation: 'TagResource', arg: ref(name), answers: (p) => p.answerInput('team=platform, owner=me') },
      { command: 'editTags', operation: 'UntagResource', arg: ref(name), answers: (p) => p.answerInput('team=core') },
      { command: 'rotateNow', operation: 'RotateSecret', arg: ref(name), answers: (p) => p.answerModal('Rotate') },
    ];
    for (const row of rows) await expectUnchanged(row);

    // Restore Value, then its publish (Ctrl+S runs Publish New Version): refused, the old value stays in the editor.
    await run(new ScriptedPrompts(), 'secretsManager.restoreValue', ref(name, v1));
    const document = vscode.window.activeTextEditor!.document;
    const before = await stateOf(name);
    await denied('PutSecretValue', () => run(new ScriptedPrompts().answerModal('Publish'), 'secretsManager.publish', document.uri));
    assert.deepEqual(await stateOf(name), before, "publish with PutSecretValue denied: the endpoint's state is unchanged");
    assert.match(api.testing.editor.lastFailure(document.uri) ?? '', /secretsmanager:PutSecretValue\b.*Your text is still in the editor/);
    assert.ok(document.isDirty, 'the restored value waits in the editor');
    assert.equal(JSON.parse(document.getText()).k, 'v1-EXAMPLE');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await client.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
    await expectUnchanged({ command: 'restoreSecret', operation: 'RestoreSecret', arg: ref(name), answers: (p) => p });
  });

  it('compares AWSCURRENT with AWSPREVIOUS in a diff; without AWSPREVIOUS it says so and opens nothing', async () => {
    const name = await plainSecret('{"k":"first-EXAMPLE-601"}');
    const alone = new ScriptedPrompts();
    await run(alone, 'secretsManager.compareWithPrevious', ref(name));
    assert.match(errorOf(alone)?.message ?? '', /has no AWSPREVIOUS version/);
    const diffs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff);
    assert.deepEqual(diffs(), [], 'no diff opened');

    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: '{"k":"second-EXAMPLE-602"}' }));
    const [previous, current] = [await holder(name, 'AWSPREVIOUS'), await holder(name, 'AWSCURRENT')];
    await run(new ScriptedPrompts(), 'secretsManager.compareWithPrevious', ref(name));
    const tab = await waitFor('a diff tab', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    });
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(tab.label, `${name}: AWSPREVIOUS ↔ AWSCURRENT`);
    assert.match(input.original.query, new RegExp(`version=${previous}`));
    assert.match(input.modified.query, new RegExp(`version=${current}`));
    assert.match((await vscode.workspace.openTextDocument(input.original)).getText(), /first-EXAMPLE-601/, 'the original side shows the AWSPREVIOUS value');
    assert.match((await vscode.workspace.openTextDocument(input.modified)).getText(), /second-EXAMPLE-602/, 'the modified side shows the AWSCURRENT value');
  });

  it('copies the whole value of a plain-text secret without asking for a field, then its ARN and its name', async () => {
    const name = await plainSecret('plain-Text-EXAMPLE-701');
    const prompts = new ScriptedPrompts();
    await run(prompts, 'secretsManager.copyValue', ref(name));
    assert.equal(await vscode.env.clipboard.readText(), 'plain-Text-EXAMPLE-701');
    assert.deepEqual(prompts.picks, [], 'no field to choose from a plain-text value');
    await run(new ScriptedPrompts(), 'secretsManager.copyArn', ref(name));
    const arn = (await admin().secretState(name))!.arn;
    assert.ok(arn.startsWith('arn:aws:secretsmanager:') && arn.includes(`:secret:${name}-`), `the endpoint's ARN of the secret: ${arn}`);
    assert.equal(await vscode.env.clipboard.readText(), arn, 'the ARN the endpoint gave the secret');
    await run(new ScriptedPrompts(), 'secretsManager.copyName', ref(name));
    assert.equal(await vscode.env.clipboard.readText(), name);
  });

  it('refuses Open in Console for a connection with a custom endpoint, and opens nothing', async () => {
    assert.ok(api.testing.connections.list()[0].endpoint, 'the test connection has a custom endpoint');
    const env = vscode.env as { openExternal: typeof vscode.env.openExternal };
    const original = env.openExternal;
    const opened: string[] = [];
    env.openExternal = async (uri) => {
      opened.push(uri.toString());
      return true;
    };
    try {
      assert.notEqual(vscode.env.openExternal, original, 'the test watches openExternal');
      const prompts = new ScriptedPrompts();
      await run(prompts, 'secretsManager.openInConsole', ref(DEMO_NAMES.plaintext));
      assert.deepEqual(opened, [], 'nothing was opened');
      assert.match(errorOf(prompts)?.message ?? '', /custom endpoint.*console/);
    } finally {
      env.openExternal = original;
    }
  });

  it('Rotate Now refuses a secret without rotation (no RotateSecret), asks first, then AWSPENDING becomes AWSCURRENT', async () => {
    const name = await plainSecret('rotate-Old-EXAMPLE-901');
    await admin().resetCounters();
    const refused = new ScriptedPrompts();
    await run(refused, 'secretsManager.rotateNow', ref(name));
    assert.match(errorOf(refused)?.message ?? '', new RegExp(`Rotation is not configured for ${name}`));
    assert.ok(!refused.shown.some((m) => m.modal), 'no confirmation for a rotation that cannot run');
    assert.equal((await calls()).RotateSecret, undefined, 'no RotateSecret sent');

    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'rotate-New-EXAMPLE-902', VersionStages: ['AWSPENDING'] }));
    await admin().enableRotation(name);
    const [old, pending] = [await holder(name, 'AWSCURRENT'), await holder(name, 'AWSPENDING')];
    await run(new ScriptedPrompts().answerModal(undefined), 'secretsManager.rotateNow', ref(name));
    assert.equal((await calls()).RotateSecret, undefined, 'dismissing the confirmation sends nothing');
    assert.equal((await admin().secretState(name))!.lastRotated, undefined);

    const confirm = new ScriptedPrompts().answerModal('Rotate');
    await run(confirm, 'secretsManager.rotateNow', ref(name));
    assert.equal(confirm.shown.find((m) => m.modal)?.message, `Rotate ${name} now?`);
    assert.deepEqual(await versionLabels(name), { [old!]: ['AWSPREVIOUS'], [pending!]: ['AWSCURRENT'] });
    const s = (await admin().secretState(name))!;
    assert.equal(s.versions.find((v) => v.stages.includes('AWSCURRENT'))!.string, 'rotate-New-EXAMPLE-902');
    assert.ok(s.lastRotated && Math.abs(s.lastRotated - (await admin().now())) < 60_000, 'rotated just now');
  });

  it('Restore Secret on a secret not scheduled for deletion says so and sends nothing', async () => {
    const name = await plainSecret('restore-EXAMPLE-1001');
    const before = await stateOf(name);
    await admin().resetCounters();
    const prompts = new ScriptedPrompts();
    await run(prompts, 'secretsManager.restoreSecret', ref(name));
    assert.deepEqual(prompts.shown.map((m) => m.message), [`${name} is not scheduled for deletion: there is nothing to restore.`]);
    assert.equal((await calls()).RestoreSecret, undefined, 'no RestoreSecret sent');
    assert.deepEqual(await stateOf(name), before);
  });

  it('schedules deletion with the default 30-day recovery window', async () => {
    const name = await plainSecret('delete-EXAMPLE-1101');
    const prompts = new ScriptedPrompts().answerPick(() => 'default').answerModal('Schedule Deletion');
    await run(prompts, 'secretsManager.deleteSecret', ref(name));
    assert.equal(prompts.picks[0].items.find((i) => i.value === 'default')?.label, 'Schedule deletion (30-day recovery window)');
    assert.equal(prompts.shown.find((m) => m.modal)?.message, `Schedule ${name} for deletion in 30 days?`);
    const s = (await admin().secretState(name))!;
    assert.ok(s.deletionDate, 'scheduled for deletion');
    const ahead = s.deletionDate - (await admin().now());
    assert.ok(Math.abs(ahead - 30 * DAY_MS) < 60_000, `deletion 30 days ahead (${(ahead / DAY_MS).toFixed(2)} days)`);
  });

  it('after Add Label from the tree, refreshes only that secret (no ListSecrets) and shows the new label', async () => {
    const { name, v1 } = await twoVersions(client, 'lifecycle');
    const provider = api.testing.tree.provider;
    const labelOf = (node: TreeNode) => {
      const l = provider.getTreeItem(node).label;
      return typeof l === 'string' ? l : l?.label;
    };
    const versionNode = async (secret: TreeNode) => (await provider.getChildren(secret)).find((v) => refOf(v)?.versionId === v1);
    provider.setFilter({ key: 'name', values: [name] });
    try {
      const [secret] = await provider.getChildren();
      assert.equal(labelOf(secret), name);
      const version = await versionNode(secret);
      assert.equal(version && labelOf(version), 'AWSPREVIOUS');
      const fired: (TreeNode | undefined)[] = [];
      const sub = provider.onDidChangeTreeData((e) => fired.push(e));
      await admin().resetCounters();
      try {
        await run(new ScriptedPrompts().answerInput('BLUE'), 'secretsManager.addLabel', version);
        await waitFor('the tree to refresh the secret', () => fired.length > 0);
      } finally {
        sub.dispose();
      }
      assert.deepEqual(fired, [secret], 'only that secret node, not the whole tree');
      assert.equal((await calls()).ListSecrets, undefined, 'no listing');
      assert.deepEqual(labelOf((await versionNode(secret))!)?.split(', ').sort(), ['AWSPREVIOUS', 'BLUE']);
    } finally {
      provider.setFilter(undefined);
    }
  });
});
