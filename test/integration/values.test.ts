// Values shown only on purpose (issue 19), in the real extension host against the local
// endpoint: the tree's click command opens nothing on one event and opens on a double-click (two
// events) or Enter; the hide-values mode opens secrets masked, reveals per key and whole, never
// publishes a mask, and the status bar says when a value is on screen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecretCommand, DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import { MASK } from '../../src/model/mask';
import type { TreeNode } from '../../src/views/nodes';
import { activate, admin, ScriptedPrompts, sdk, sleep, waitFor } from './helpers';

const run = Date.now().toString(36);
const VALUE = { username: 'app', password: `pw-${run}-S3cret`, port: 5432 };

describe('values shown only on purpose', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let connectionId: string;
  const created: string[] = [];
  const config = () => vscode.workspace.getConfiguration('secretsManager');
  const secretTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && /^secretsmanager/.test(t.input.uri.scheme));
  const closeAll = async () => void (await vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  before(async () => {
    api = await activate();
    connectionId = api.testing.connections.list()[0].id;
    const name = `values-test/${run}/db`;
    await sdk().send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify(VALUE) }));
    created.push(name);
  });
  afterEach(async () => {
    api.testing.usePrompts(undefined);
    api.testing.tree.provider.setFilter(undefined);
    await closeAll();
    for (const key of ['hideValues', 'tree.openOnSingleClick']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    for (const name of created) await sdk().send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })).catch(() => undefined);
  });

  const secretNode = async (name: string): Promise<TreeNode> => {
    const provider = api.testing.tree.provider;
    // Other suites' secrets may push it past the first page: filter on its name, as a user would.
    provider.setFilter({ key: 'name', values: [name] });
    return waitFor(`${name} in the tree`, async () => (await provider.getChildren()).find((n) => n.kind === 'secret' && n.summary.name === name));
  };
  /** What the tree does on one open event of the list (a click, the second half of a double-click, Enter). */
  const openEvent = async (node: TreeNode) => {
    const item = api.testing.tree.provider.getTreeItem(node);
    assert.ok(item.command, 'the item has a click command');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
  };

  it('one open event (a click) opens nothing; two on the same item at once (a double-click) open it', async () => {
    await closeAll();
    const node = await secretNode(created[0]);
    await openEvent(node);
    await sleep(600);
    assert.deepEqual(secretTabs().map((t) => t.label), [], 'a single click put no value on screen');
    await openEvent(node);
    await sleep(100);
    await openEvent(node);
    await waitFor('the secret document', () => secretTabs().find((t) => t.label === 'db (AWSCURRENT)'));
  });

  it('Enter (the view keybinding) opens the focused item; one-click opening is a setting', async () => {
    await closeAll();
    const node = await secretNode(created[0]);
    await api.testing.tree.view.reveal(node, { select: true, focus: true });
    await vscode.commands.executeCommand('secretsManager.openFocused');
    await waitFor('the document opened by Enter', () => secretTabs().find((t) => t.label === 'db (AWSCURRENT)'));
    await closeAll();
    await config().update('tree.openOnSingleClick', true, vscode.ConfigurationTarget.Global);
    await openEvent(node);
    await waitFor('the document opened by one click', () => secretTabs().find((t) => t.label === 'db (AWSCURRENT)'));
  });

  it('hide values: a secret opens masked and read-only, a key is revealed on request, and nothing can publish the mask', async () => {
    const name = created[0];
    await vscode.commands.executeCommand('secretsManager.hideValues');
    assert.equal(config().get('hideValues'), true, 'the toggle writes the user setting');
    await waitFor('the status bar says values are hidden', () => (api.testing.values.status.text.includes('Values hidden') ? true : undefined));
    await admin().resetCounters();
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name } });
    const editor = await waitFor('the masked document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'secretsmanager-masked'));
    const doc = editor.document;
    assert.ok(!doc.getText().includes(VALUE.password) && !doc.getText().includes('"app"'), 'no value in the masked document');
    assert.ok(doc.getText().includes('"password"') && doc.getText().includes(MASK), 'keys shown, values masked');
    assert.equal(doc.languageId, 'secretsmanager-json', 'a secret language (its defaults keep inline suggestions away)');
    assert.ok(!api.testing.values.valuesVisible(), 'no value on screen');

    // Typing is refused (read-only file system), and a save cannot reach Secrets Manager.
    const typed = await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'x'));
    if (typed) assert.equal(await doc.save(), false, 'a masked document cannot be saved');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(doc.uri, new TextEncoder().encode(doc.getText()))), 'the masked scheme has no write path');
    if (doc.isDirty) await vscode.commands.executeCommand('workbench.action.files.revert');

    // Reveal one key: its value, and only it, appears.
    const password = api.testing.values.masked.view(doc.uri)!.leaves.find((l) => l.label === 'password')!;
    await vscode.commands.executeCommand('secretsManager.revealValue', doc.uri, password.path);
    await waitFor('the revealed password', () => (doc.getText().includes(VALUE.password) ? true : undefined));
    assert.ok(!doc.getText().includes('"app"'), 'other values stay masked');
    assert.ok(api.testing.values.valuesVisible(), 'a revealed value counts as on screen');
    await waitFor('the status bar says a value is visible', () => (api.testing.values.status.text.includes('visible') ? true : undefined));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    assert.deepEqual(lenses.map((l) => l.command?.title).sort(), ['$(eye) Reveal port', '$(eye) Reveal username', '$(eye-closed) Hide password'].sort());

    // Reveal all: the real document (which edits and publishes) replaces the masked one.
    const prompts = new ScriptedPrompts().answerPick((items) => items.find((i) => i.label === 'All values')!.value);
    api.testing.usePrompts(prompts);
    await vscode.commands.executeCommand('secretsManager.revealValue');
    const live = await waitFor('the secret document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'secretsmanager'));
    assert.ok(live.document.getText().includes(VALUE.password) && !live.document.getText().includes(MASK), 'the real value, no mask');
    await waitFor('the masked tab closed', () => (secretTabs().every((t) => (t.input as vscode.TabInputText).uri.scheme !== 'secretsmanager-masked') ? true : undefined));
    assert.equal((await admin().counters()).byOperation.PutSecretValue ?? 0, 0, 'nothing was published');
    assert.equal((await admin().secretState(name))!.versions.length, 1);
  });

  it('turning values off puts the open secret documents behind their masked view', async () => {
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name: created[0] } });
    await waitFor('the secret document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'secretsmanager'));
    assert.ok(api.testing.values.valuesVisible());
    await vscode.commands.executeCommand('secretsManager.hideValues');
    await waitFor('the masked view instead', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'secretsmanager-masked'));
    assert.ok(!secretTabs().some((t) => (t.input as vscode.TabInputText).uri.scheme === 'secretsmanager'), 'no secret document left open');
    assert.ok(!api.testing.values.valuesVisible());
  });
});
