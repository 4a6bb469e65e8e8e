// Connections in the tree (issue 5): add / switch / remove through the real commands with scripted
// answers, connection nodes with several connections, the status bar, an empty account and an
// unreachable endpoint as nodes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Prompts } from '../../src/ui/prompts';
import type { ConnectionNode, TreeNode } from '../../src/views/nodes';
import { startEmulator } from '../emulator/server';
import { DEMO_NAMES } from '../emulator/seed';
import { activate, endpoint, ScriptedPrompts } from './helpers';

type InputOptions = Parameters<Prompts['input']>[0];

/** ScriptedPrompts that also keeps what each input box was opened with (its validator). */
class RecordingPrompts extends ScriptedPrompts {
  readonly inputs: InputOptions[] = [];
  override async input(o: InputOptions) {
    this.inputs.push(o);
    return super.input(o);
  }
}

const ENV_CREDENTIALS = (items: { label: string; value: unknown }[]) => items.find((i) => i.label === 'Environment credentials')!.value;

describe('tree connections', () => {
  let api: ExtensionApi;
  const provider = () => api.testing.tree.provider;
  const items = async (node?: TreeNode) => (await provider().getChildren(node)).map((c) => ({ node: c, item: provider().getTreeItem(c) as vscode.TreeItem }));
  const label = (i: vscode.TreeItem) => (typeof i.label === 'string' ? i.label : i.label?.label ?? '');
  const host = () => new URL(endpoint()).host;

  before(async () => {
    api = await activate();
  });
  afterEach(async () => {
    api.testing.usePrompts(undefined);
    // Back to the implicit default connection only (removing every saved one).
    for (let i = 0; i < 3; i++) for (const c of api.testing.connections.list()) await api.testing.connections.remove(c.id);
    assert.deepEqual(api.testing.connections.list().map((c) => c.id), [`env@us-east-1@${host()}`], 'restored the default connection');
  });

  it('adds a connection with a local endpoint; several connections show as nodes; removes it from its node', async () => {
    const prompts = new RecordingPrompts()
      .answerPick(ENV_CREDENTIALS)
      .answerPick((regions) => regions.find((r) => r.value === 'eu-west-1')!.value)
      .answerPick((where) => where.find((w) => w.value === 'local')!.value)
      .answerInput(endpoint());
    api.testing.usePrompts(prompts);
    await vscode.commands.executeCommand('secretsManager.addConnection');

    const [profilePick, regionPick, endpointPick] = prompts.picks;
    assert.ok(profilePick.items.some((i) => i.label === 'Environment credentials'));
    assert.equal(regionPick.items[0].value, 'us-east-1', 'the current / AWS_REGION region first');
    assert.ok(regionPick.items.length > 20, 'every known region offered');
    assert.equal(endpointPick.items[0].label, 'Configured endpoint', 'AWS_ENDPOINT_URL_SECRETS_MANAGER is named, not passed off as AWS');
    assert.equal(endpointPick.items[0].description, endpoint());
    assert.ok(endpointPick.items.some((i) => /^Local endpoint \(http:\/\/127\.0\.0\.1:\.\.\.\)$/.test(i.label)));
    const validate = prompts.inputs[0].validate!;
    assert.equal(validate(endpoint()), undefined);
    assert.match(validate('not a url') ?? '', /not an http\(s\) URL/);
    assert.match(validate('http://127.0.0.1') ?? '', /port/);
    assert.match(validate('https://secretsmanager.eu-west-1.amazonaws.com:443') ?? '', /this machine/);

    const id = `env@eu-west-1@${host()}`;
    assert.ok(api.testing.connections.get(id), 'connection added');
    const top = await items();
    assert.equal(top.length, 2, 'two connections: a node each');
    assert.ok(top.every((x) => x.item.contextValue === 'connection'));
    const added = top.find((x) => (x.node as ConnectionNode).connection.id === id)!;
    assert.equal(label(added.item), 'environment credentials');
    assert.equal(added.item.description, `eu-west-1 · ${host()}`);
    assert.equal(added.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const secrets = await items(added.node);
    assert.ok(secrets.some((x) => label(x.item) === DEMO_NAMES.json), 'the new connection lists its secrets');
    assert.equal(provider().getParent(secrets[0].node), added.node);
    assert.equal(api.testing.tree.status.text, '$(key) 2 connections');
    assert.equal(api.testing.tree.view.description, undefined, 'no single connection to name');

    await vscode.commands.executeCommand('secretsManager.removeConnection', added.node);
    assert.equal(api.testing.connections.get(id), undefined, 'removed');
    assert.ok((await items()).every((x) => x.node.kind === 'secret' || x.node.kind === 'loadMore'), 'back to secrets at the root');
    assert.match(api.testing.tree.status.text, /env · us-east-1/);
  });

  it('switches profile and region in place, without a reload', async () => {
    const config = process.env.AWS_CONFIG_FILE!;
    assert.ok(!fs.existsSync(config), 'the hermetic config file does not exist yet');
    fs.writeFileSync(config, '[profile team-dev]\nregion = eu-central-1\naws_access_key_id = AKIDLOCALEXAMPLE\naws_secret_access_key = local-secret-key-EXAMPLE\n');
    try {
      const prompts = new ScriptedPrompts()
        .answerPick((profiles) => profiles.find((p) => p.value === 'team-dev')!.value)
        .answerPick((regions) => regions.find((r) => r.value === 'eu-central-1')!.value);
      api.testing.usePrompts(prompts);
      await vscode.commands.executeCommand('secretsManager.switchConnection');
      const [profilePick, regionPick] = prompts.picks;
      assert.equal(profilePick.items[0].label, 'Environment credentials', 'the current choice first');
      assert.match(profilePick.items[0].description ?? '', /current/);
      assert.match(profilePick.items.find((p) => p.value === 'team-dev')!.description ?? '', /eu-central-1/, 'a profile shows its region');
      assert.deepEqual(regionPick.items.slice(0, 2).map((r) => [r.value, r.description]), [['us-east-1', 'current'], ['eu-central-1', 'profile team-dev']]);

      const list = api.testing.connections.list();
      assert.deepEqual(list.map((c) => [c.profile, c.region, c.endpoint]), [['team-dev', 'eu-central-1', endpoint()]], 'replaced, the endpoint from the environment kept');
      const top = await items();
      assert.ok(top.some((x) => label(x.item) === DEMO_NAMES.json), 'lists through the new profile');
      assert.equal(api.testing.tree.view.description, `team-dev · eu-central-1 · ${host()}`);
      assert.equal(api.testing.tree.status.text, `$(key) team-dev · eu-central-1 · ${host()}`);
    } finally {
      fs.rmSync(config, { force: true });
    }
  });

  it('says why the connection the environment implies cannot be removed', async () => {
    const prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
    const only = api.testing.connections.list()[0];
    await vscode.commands.executeCommand('secretsManager.removeConnection');
    assert.deepEqual(api.testing.connections.list(), [only], 'still there');
    assert.equal(prompts.shown.length, 1);
    assert.match(prompts.shown[0].message, /settings and AWS environment imply/);
    assert.deepEqual(prompts.shown[0].buttons, ['Switch Profile or Region...', 'Open Settings']);
  });

  it('Sign In opens a terminal running aws sso login for the profile, then offers Retry', async () => {
    const prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
    const before = vscode.window.terminals.length;
    await vscode.commands.executeCommand('secretsManager.signIn', 'team-dev');
    const terminal = vscode.window.terminals.find((t) => t.name === 'AWS sign-in');
    try {
      assert.ok(terminal, 'a sign-in terminal');
      assert.equal(vscode.window.terminals.length, before + 1);
      assert.equal(prompts.shown.length, 1);
      assert.match(prompts.shown[0].message, /aws sso login --profile team-dev/);
      assert.deepEqual(prompts.shown[0].buttons, ['Retry']);
    } finally {
      terminal?.dispose();
    }
  });

  it('Sign In for a profile with keys (not IAM Identity Center) opens no terminal and says how to refresh them', async () => {
    const configFile = process.env.AWS_CONFIG_FILE!;
    fs.writeFileSync(configFile, '[profile keys]\naws_access_key_id = AKIDKEYSEXAMPLE\naws_secret_access_key = x\n');
    try {
      const prompts = new ScriptedPrompts();
      api.testing.usePrompts(prompts);
      const before = vscode.window.terminals.length;
      await vscode.commands.executeCommand('secretsManager.signIn', 'keys');
      assert.equal(vscode.window.terminals.length, before, 'no aws sso login terminal');
      assert.equal(prompts.shown.length, 1);
      assert.match(prompts.shown[0].message, /Profile "keys" does not sign in through IAM Identity Center.*aws configure --profile keys/);
      assert.deepEqual(prompts.shown[0].buttons, ['Retry']);
    } finally {
      fs.rmSync(configFile, { force: true });
    }
  });

  it('shows "no secrets" with Create Secret for an empty account, and Endpoint unreachable for a closed port', async () => {
    const empty = await startEmulator({ port: 0, seed: 'none' });
    try {
      const emptyConn = await api.testing.connections.add({ region: 'us-east-1', endpoint: empty.url });
      const closed = await api.testing.connections.add({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' });
      const top = await items();
      assert.equal(top.length, 3);
      const nodeOf = (id: string) => top.find((x) => (x.node as ConnectionNode).connection.id === id)!.node;

      const none = await items(nodeOf(emptyConn.id));
      assert.equal(none.length, 1);
      assert.equal(none[0].item.contextValue, 'empty');
      assert.equal(label(none[0].item), 'No secrets in this account and region');
      assert.equal(none[0].item.command?.command, 'secretsManager.createSecret');

      const broken = await items(nodeOf(closed.id));
      assert.equal(broken.length, 1);
      assert.equal(broken[0].item.contextValue, 'error.unreachable');
      assert.match(label(broken[0].item), /Endpoint unreachable: 127\.0\.0\.1:9/);
      assert.equal(broken[0].item.command?.command, 'secretsManager.retry');
      assert.equal(provider().getParent(broken[0].node), nodeOf(closed.id));
    } finally {
      await empty.stop();
    }
  });
});
