// The two safeguard settings in the real VS Code host: a workspace's .vscode/settings.json (what
// a cloned repository brings) cannot turn off the publish confirmation or the clipboard clearing;
// the user's own settings can. The reader's logic is unit-tested in test/unit/ui/settings.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecretCommand, DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import { activate, admin, ScriptedPrompts, sdk, waitFor } from './helpers';

describe('settings: safeguards a workspace cannot weaken', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let folder: vscode.WorkspaceFolder | undefined;
  let settingsFile: vscode.Uri;
  const config = () => vscode.workspace.getConfiguration('secretsManager');
  const name = `settings-test/t${Date.now()}`;

  /** Writes the workspace folder's .vscode/settings.json and waits until VS Code has read it. */
  async function writeWorkspaceSettings(values: Record<string, unknown>): Promise<void> {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder!.uri, '.vscode'));
    // json.indent (a window setting, same value as the default) shows when the file has been read.
    await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(JSON.stringify({ ...values, 'secretsManager.json.indent': 2 }, null, 2)));
    await waitFor('VS Code to read the workspace settings', () => config().inspect('json.indent')?.workspaceValue === 2);
  }

  before(async function () {
    api = await activate();
    folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) this.skip(); // the harness opens a workspace folder (SM_WORKSPACE_DIR)
    settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    await sdk().send(new CreateSecretCommand({ Name: name, SecretString: 'before-EXAMPLE' }));
  });
  afterEach(async () => {
    api.testing.usePrompts(undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    if (!folder) return;
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, '.vscode'), { recursive: true }).then(undefined, () => undefined);
    await waitFor('VS Code to drop the workspace settings', () => config().inspect('json.indent')?.workspaceValue === undefined);
    for (const key of ['publish.confirm', 'clipboard.clearAfterSeconds']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await sdk().send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })).catch(() => undefined);
  });

  it('are machine settings: VS Code does not write them to workspace settings', async () => {
    for (const key of ['publish.confirm', 'clipboard.clearAfterSeconds']) {
      await assert.rejects(Promise.resolve(config().update(key, key === 'publish.confirm' ? false : 0, vscode.ConfigurationTarget.Workspace)), key);
    }
  });

  it('publish.confirm: false in the workspace settings is ignored: the reader says true and a publish still asks', async () => {
    await writeWorkspaceSettings({ 'secretsManager.publish.confirm': false, 'secretsManager.clipboard.clearAfterSeconds': 0 });
    assert.equal(api.testing.settings.publishConfirm(), true);
    assert.equal(api.testing.settings.publish().confirm, true);
    assert.equal(api.testing.settings.clipboardClearAfterSeconds(), 30);

    const prompts = new ScriptedPrompts().answerModal(undefined); // Cancel
    api.testing.usePrompts(prompts);
    const connectionId = api.testing.connections.list()[0].id;
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name } });
    const uri = api.testing.editor.uriOf({ connectionId, name });
    const editor = await waitFor('the secret editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    const doc = editor.document;
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), 'after-EXAMPLE')));
    await vscode.commands.executeCommand('secretsManager.publish');
    assert.ok(prompts.shown.some((m) => m.modal && /^Publish a new version of /.test(m.message)), 'the confirmation was shown');
    assert.ok(doc.isDirty, 'cancelled: nothing saved');
    assert.equal((await admin().secretState(name))!.versions.length, 1, 'nothing published');
  });

  it('the user can turn them off in user settings, and the reader honours it', async () => {
    await config().update('publish.confirm', false, vscode.ConfigurationTarget.Global);
    await config().update('clipboard.clearAfterSeconds', 0, vscode.ConfigurationTarget.Global);
    try {
      assert.equal(api.testing.settings.publishConfirm(), false);
      assert.equal(api.testing.settings.clipboardClearAfterSeconds(), 0);
    } finally {
      await config().update('publish.confirm', undefined, vscode.ConfigurationTarget.Global);
      await config().update('clipboard.clearAfterSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(api.testing.settings.publishConfirm(), true, 'restored');
    assert.equal(api.testing.settings.clipboardClearAfterSeconds(), 30, 'restored');
  });
});
