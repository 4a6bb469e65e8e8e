// Faults injected at the local endpoint (issue 9): the user sees progress, then either success
// or a clear error, and never loses an edit or gets an extra version.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { startEmulator } from '../emulator/server';
import type { ConnectionNode, TreeNode } from '../../src/views/nodes';
import type { ExtensionApi } from '../../src/extension';
import { activate, admin, endpoint, ScriptedPrompts, sdk, waitFor } from './helpers';

describe('faults', () => {
  let api: ExtensionApi;
  before(async () => {
    api = await activate();
  });
  const connectionId = () => api.testing.connections.list()[0].id;
  /** A fresh plain-text secret, opened and edited (not saved) in an editor. */
  const editedSecret = async (value: string, edit: string, conn = connectionId()) => {
    const name = `faults/t${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    const client = sdk();
    await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
    client.destroy();
    await vscode.commands.executeCommand('secretsManager.openSecret', { connectionId: conn, name });
    const editor = await waitFor('the secret editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path.includes(name.split('/').pop()!) && e.document.getText() === value));
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), edit)));
    return { name, editor };
  };
  afterEach(async () => {
    await admin().clearFaults();
    api.testing.usePrompts(undefined);
    api.testing.tree.provider.setFilter(undefined);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('throttling bursts during a 10,000-secret listing are absorbed by retries: it completes, with progress, no error', async function () {
    this.timeout(180_000);
    const big = await startEmulator({ port: 0, synthetic: 10_000 });
    const conn = await api.testing.connections.add({ region: 'us-east-1', endpoint: big.url });
    const prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
    try {
      const provider = api.testing.tree.provider;
      const node = (await provider.getChildren()).find((n) => n.kind === 'connection' && (n as ConnectionNode).connection.id === conn.id)!;
      await big.admin.setFaults({ throttle: { count: 2, operations: ['ListSecrets'] } });
      let children = await provider.getChildren(node);
      for (let page = 2; children.some((c) => c.kind === 'loadMore'); page++) {
        // A second burst halfway through.
        if (page === 50) await big.admin.setFaults({ throttle: { count: 2, operations: ['ListSecrets'] } });
        await provider.loadMore(conn.id);
        children = await provider.getChildren(node);
      }
      assert.equal(children.length, 10_000);
      assert.ok(!children.some((c) => c.kind === 'message'), 'no error node');
      assert.equal((await big.admin.counters()).byOperation.ListSecrets, 104, '100 pages plus 4 throttled attempts');
      assert.equal((await big.admin.getFaults()).throttle?.count, 0, 'both bursts hit the listing');
      const listingProgress = prompts.progressShown.filter((p) => p.viewId === 'secretsManager.secrets' && p.title.includes(conn.id));
      assert.equal(listingProgress.length, 100, 'every page shows progress on the view');
      assert.ok(!prompts.shown.some((m) => m.level === 'error' || m.level === 'warn'), 'no error shown');
    } finally {
      await api.testing.connections.remove(conn.id);
      await big.stop();
    }
  });

  it('server errors while publishing keep the editor dirty; the retry publishes exactly once', async () => {
    const name = `faults/t${Date.now()}`;
    const client = sdk();
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'before' }));
    client.destroy();
    const prompts = new ScriptedPrompts().answerModal('Publish');
    api.testing.usePrompts(prompts);
    await vscode.commands.executeCommand('secretsManager.openSecret', { connectionId: api.testing.connections.list()[0].id, name });
    const editor = vscode.window.activeTextEditor!;
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'after-EXAMPLE-')));
    await admin().setFaults({ internalError: { count: 10, operations: ['PutSecretValue'] } });
    assert.equal(await editor.document.save(), false);
    assert.equal(editor.document.isDirty, true);
    assert.equal(editor.document.getText(), 'after-EXAMPLE-before');
    assert.equal((await admin().secretState(name))!.versions.length, 1);
    await admin().clearFaults();
    // The retry sends the request the user already confirmed: no second question.
    assert.equal(await editor.document.save(), true);
    assert.equal((await admin().secretState(name))!.versions.length, 2);
    assert.equal(prompts.shown.filter((m) => m.modal).length, 1, 'the retry was not confirmed again');
  });
  it('a rollback whose answer is lost: told it went through, not that it failed (the SDK\'s retry of it is refused)', async () => {
    const name = `faults/rollback-lost-${Date.now()}`;
    const client = sdk();
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two' }));
    client.destroy();
    const prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
    await admin().setFaults({ dropAfterCommit: { count: 1, operations: ['UpdateSecretVersionStage'] } });
    prompts.answerModal('Promote');
    await vscode.commands.executeCommand('secretsManager.rollback', { connectionId: connectionId(), name });
    assert.ok(!prompts.shown.some((m) => m.level === 'error'), 'no error');
    assert.ok(prompts.shown.some((m) => /^The answer from Secrets Manager was lost, but the change went through: AWSCURRENT of \S+ is on \w{8}\.$/.test(m.message)));
    assert.equal((await admin().secretState(name))!.versions.find((v) => v.stages.includes('AWSCURRENT'))!.string, 'one', 'rolled back, once');
  });

  it('a rollback while a document of that secret is dirty is caught by the conflict check', async () => {
    const name = `faults/rollback-${Date.now()}`;
    const client = sdk();
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two' }));
    client.destroy();
    const prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
    const connectionId = api.testing.connections.list()[0].id;
    await vscode.commands.executeCommand('secretsManager.openSecret', { connectionId, name });
    const editor = vscode.window.activeTextEditor!;
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'mine-')));
    prompts.answerModal('Promote');
    await vscode.commands.executeCommand('secretsManager.rollback', { connectionId, name });
    const state = (await admin().secretState(name))!;
    assert.equal(state.versions.find((v) => v.stages.includes('AWSCURRENT'))!.string, 'one', 'rolled back');
    prompts.answerModal(undefined);
    assert.equal(await editor.document.save(), false, 'the save stops at the conflict');
    assert.ok(prompts.shown.some((m) => /changed since you opened it/.test(m.message)), 'the user is told another change happened');
    assert.equal(editor.document.isDirty, true);
    assert.equal((await admin().secretState(name))!.versions.length, 2, 'nothing published over the rollback');
  });

  it('a slow endpoint: the user cancels the conflict check; the edit stays, nothing is sent, no error', async () => {
    const prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
    const { name, editor } = await editedSecret('slow-before', 'slow-EXAMPLE-');
    await admin().setFaults({ latencyMs: 4000 });
    await admin().resetCounters();
    prompts.cancelProgress(/Checking .* for newer versions/, 300);
    const started = Date.now();
    await vscode.commands.executeCommand('secretsManager.publish');
    assert.ok(Date.now() - started < 2500, `Cancel returns at once, not when the endpoint answers (${Date.now() - started} ms)`);
    assert.ok(prompts.progressShown.some((p) => p.cancellable && /Checking/.test(p.title)), 'the slow step offered Cancel');
    assert.equal(editor.document.isDirty, true);
    assert.equal(editor.document.getText(), 'slow-EXAMPLE-slow-before');
    assert.ok(!prompts.shown.some((m) => m.level === 'error'), 'a cancel is not an error');
    await admin().clearFaults();
    assert.equal((await admin().counters()).byOperation.PutSecretValue, undefined, 'nothing was sent');
    assert.equal((await admin().secretState(name))!.versions.length, 1);
    // The endpoint is fast again: the same edit publishes once.
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await waitFor('the publish', () => !editor.document.isDirty);
    assert.equal((await admin().secretState(name))!.versions.length, 2);
  });

  it('a slow endpoint: cancelling Roll Back while it reads the secret changes nothing', async () => {
    const name = `faults/slow-rollback-${Date.now()}`;
    const client = sdk();
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'one' }));
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'two' }));
    client.destroy();
    const before = (await admin().secretState(name))!.versions.map((v) => [v.versionId, v.stages]);
    // No answer for the confirmation: the cancel comes before it (strict prompts fail the test if it is asked).
    const prompts = new ScriptedPrompts().cancelProgress(/Reading/, 200);
    api.testing.usePrompts(prompts);
    await admin().setFaults({ latencyMs: 3000 });
    const started = Date.now();
    await vscode.commands.executeCommand('secretsManager.rollback', { connectionId: connectionId(), name });
    assert.ok(Date.now() - started < 2000, `Cancel returns at once (${Date.now() - started} ms)`);
    await admin().clearFaults();
    assert.ok(!prompts.shown.some((m) => m.modal), 'no confirmation after the cancel');
    assert.ok(!prompts.shown.some((m) => m.level === 'error'), 'a cancel is not an error');
    assert.deepEqual((await admin().secretState(name))!.versions.map((v) => [v.versionId, v.stages]), before);
  });

  it('credentials expire mid-session: the publish says so and offers Retry; after signing in, Retry publishes once with the new keys', async () => {
    const configFile = process.env.AWS_CONFIG_FILE!;
    const credentialsFile = process.env.AWS_SHARED_CREDENTIALS_FILE!;
    assert.ok(configFile && credentialsFile && !fs.existsSync(configFile), 'the hermetic environment names config files that do not exist');
    const keys = (id: string) => `[rotating]\naws_access_key_id = ${id}\naws_secret_access_key = secretEXAMPLE\n`;
    fs.writeFileSync(configFile, '[profile rotating]\nregion = us-east-1\n');
    fs.writeFileSync(credentialsFile, keys('AKIDOLDEXAMPLE'));
    const conn = await api.testing.connections.add({ profile: 'rotating', region: 'us-east-1', endpoint: endpoint() });
    try {
      const prompts = new ScriptedPrompts();
      api.testing.usePrompts(prompts);
      const { name, editor } = await editedSecret('before-expiry', 'mine-EXAMPLE-', conn.id);
      // The session's keys expire while the document is being edited.
      await admin().setFaults({ expiredAccessKeys: ['AKIDOLDEXAMPLE'] });
      await admin().resetCounters();
      let errorShown: { message: string; buttons: string[] } | undefined;
      prompts.answerToast(/Not published/, (shown) => {
        errorShown = shown;
        // The user signs in again (aws configure, saml2aws, ...): the profile gets fresh keys.
        fs.writeFileSync(credentialsFile, keys('AKIDNEWEXAMPLE'));
        return 'Retry';
      });
      prompts.answerModal('Publish');
      await vscode.commands.executeCommand('secretsManager.publish');
      assert.ok(errorShown, 'the failure was shown');
      assert.match(errorShown.message, /credentials of profile "rotating" have expired/);
      assert.ok(errorShown.buttons.includes('Retry'), `Retry is offered (${errorShown.buttons.join(', ')})`);
      await waitFor('the retried publish', () => !editor.document.isDirty);
      const s = (await admin().secretState(name))!;
      assert.equal(s.versions.length, 2, 'exactly one new version');
      assert.equal(s.versions.find((v) => v.stages.includes('AWSCURRENT'))!.string, 'mine-EXAMPLE-before-expiry');
      const byKey = (await admin().counters()).byAccessKey;
      assert.ok(byKey.AKIDOLDEXAMPLE >= 1 && byKey.AKIDNEWEXAMPLE >= 2, `the retry used the new keys (${JSON.stringify(byKey)})`);
    } finally {
      await api.testing.connections.remove(conn.id);
      fs.rmSync(configFile, { force: true });
      fs.rmSync(credentialsFile, { force: true });
    }
  });

  it('a publish while the tree is listing: the tree ends with the new version, without listing again', async () => {
    const prompts = new ScriptedPrompts().answerModal('Publish');
    api.testing.usePrompts(prompts);
    const { name, editor } = await editedSecret('during-refresh', 'new-EXAMPLE-');
    const provider = api.testing.tree.provider;
    provider.setFilter({ key: 'name', values: [name] });
    await provider.getChildren();
    // Every request now takes 400 ms: the listing is answered from the state before the publish.
    await admin().setFaults({ latencyMs: 400 });
    await admin().resetCounters();
    provider.refresh();
    const listing = provider.getChildren();
    await vscode.commands.executeCommand('secretsManager.publish');
    await listing;
    await waitFor('the publish', () => !editor.document.isDirty);
    const current = (await admin().secretState(name))!.versions.find((v) => v.stages.includes('AWSCURRENT'))!.versionId;
    const node = await waitFor('the secret node with the new version', async () => {
      const n = (await provider.getChildren()).find((c) => c.kind === 'secret' && (c as { summary: { name: string } }).summary.name === name) as
        | { summary: { versionsToStages: Record<string, string[]> } }
        | undefined;
      return n && n.summary.versionsToStages[current]?.includes('AWSCURRENT') ? n : undefined;
    }, 5000);
    assert.ok(node);
    assert.equal((await admin().counters()).byOperation.ListSecrets, 1, 'one listing (the refresh); the publish refreshed only its secret');
  });

  it('the endpoint goes away mid-session: the edit stays, the tree says so with Retry; once it is back both work, one version', async () => {
    const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sm-away-')), 'state.json');
    let away = await startEmulator({ port: 0, state: stateFile });
    const port = Number(new URL(away.url).port);
    const conn = await api.testing.connections.add({ region: 'us-east-1', endpoint: away.url });
    const provider = api.testing.tree.provider;
    const connectionNode = async () => (await provider.getChildren()).find((n) => n.kind === 'connection' && (n as ConnectionNode).connection.id === conn.id)!;
    const under = async (node: TreeNode) => (await provider.getChildren(node)).map((n) => provider.getTreeItem(n) as vscode.TreeItem);
    try {
      const client = new SecretsManagerClient({ region: 'us-east-1', endpoint: away.url, credentials: { accessKeyId: 'AKIDLOCALEXAMPLE', secretAccessKey: 'x' } });
      await client.send(new CreateSecretCommand({ Name: 'away/db', SecretString: 'before' }));
      client.destroy();
      const prompts = new ScriptedPrompts();
      api.testing.usePrompts(prompts);
      await vscode.commands.executeCommand('secretsManager.openSecret', { connectionId: conn.id, name: 'away/db' });
      const editor = await waitFor('the editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path.startsWith('/away/db') && e.document.getText() === 'before'));
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'after-EXAMPLE-')));

      await away.stop();
      await vscode.commands.executeCommand('secretsManager.publish');
      const error = prompts.shown.find((m) => m.level === 'error');
      assert.ok(error, 'the failure is shown');
      assert.match(error.message, /Can't reach/);
      assert.ok(error.message.includes(`127.0.0.1:${port}`), 'the message names the endpoint');
      assert.ok(error.buttons.includes('Retry'));
      assert.equal(editor.document.isDirty, true);
      assert.equal(editor.document.getText(), 'after-EXAMPLE-before');

      provider.refreshConnection(conn.id);
      const down = await under(await connectionNode());
      assert.equal(down.length, 1);
      assert.equal(down[0].contextValue, 'error.unreachable');
      assert.equal(down[0].command?.command, 'secretsManager.retry');

      away = await startEmulator({ port, state: stateFile });
      prompts.answerModal('Publish');
      await vscode.commands.executeCommand('secretsManager.publish');
      await waitFor('the publish', () => !editor.document.isDirty);
      const s = (await away.admin.secretState('away/db'))!;
      assert.deepEqual(s.versions.map((v) => [v.string, v.stages]), [['before', ['AWSPREVIOUS']], ['after-EXAMPLE-before', ['AWSCURRENT']]]);
      provider.refreshConnection(conn.id);
      assert.deepEqual((await under(await connectionNode())).map((i) => (typeof i.label === 'string' ? i.label : i.label?.label)), ['away/db']);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await api.testing.connections.remove(conn.id);
      await away.stop();
      fs.rmSync(path.dirname(stateFile), { recursive: true, force: true });
    }
  });
});
