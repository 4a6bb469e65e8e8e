// IAM Identity Center accounts (issue 20) in the real host against the local endpoint: sign in
// with the device flow (no AWS CLI v2 here), discover 50 accounts x 3 roles, add three, see their
// different secrets, publish in one with the account named in the confirmation; a production
// account asks for its name; an expired token gives one sign-in question for every connection of
// the session; a role without Secrets Manager permission is an error node naming the IAM action
// while the other accounts keep working; no token or role credential in logs, messages, settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadSharedConfig } from '../../src/aws/config';
import type { ConnectionSpec } from '../../src/aws/types';
import type { ExtensionApi } from '../../src/extension';
import type { AccountChoice } from '../../src/model/accounts';
import type { PickItem } from '../../src/ui/prompts';
import type { AccountNode } from '../../src/views/accountNode';
import type { ConnectionNode, TreeNode } from '../../src/views/nodes';
import { activate, admin, endpoint, ScriptedPrompts, waitFor } from './helpers';

const START_URL = 'https://d-9067test50.awsapps.com/start';
const label = (i: vscode.TreeItem) => (typeof i.label === 'string' ? i.label : i.label?.label ?? '');

describe('IAM Identity Center accounts', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let prompts: ScriptedPrompts;
  const provider = () => api.testing.tree.provider;
  const children = async (node?: TreeNode) => (await provider().getChildren(node)).map((n) => ({ node: n, item: provider().getTreeItem(n) as vscode.TreeItem }));
  const accountConnections = () => api.testing.connections.list().filter((c) => c.sso);
  const choose = (...pairs: [string, string][]) => (items: PickItem<AccountChoice>[]) =>
    pairs.map(([account, role]) => items.find((i) => i.value.accountName === account && i.value.roleName === role)!.value);
  const host = () => new URL(endpoint()).host;
  // The extension's nodes are classes of its bundle, not of this file's imports: tell them by kind.
  const isAccountConnection = (n: TreeNode): n is ConnectionNode => n.kind === 'connection' && !!(n as ConnectionNode).connection.sso;
  const isAccount = (n: TreeNode): n is AccountNode => n.kind === 'account';
  const isMessage = (n: TreeNode) => n.kind === 'message';
  const idOf = (accountId: string, role: string) => `${accountId}.${role}@us-east-1@${host()}`;

  before(async () => {
    api = await activate();
    await admin().ssoSeed(50, 3, 2);
    await admin().ssoAutoApprove(true);
  });
  beforeEach(() => {
    prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
  });
  afterEach(async () => {
    api.testing.usePrompts(undefined);
    await admin().clearFaults();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    for (const c of accountConnections()) await api.testing.connections.remove(c.id);
    await vscode.workspace.getConfiguration('secretsManager').update('accounts.production', undefined, vscode.ConfigurationTarget.Global);
  });

  it('signs in with the device flow, discovers 50 accounts x 3 roles, adds three; each lists its own secrets', async () => {
    await admin().resetCounters();
    prompts
      .answerInput(START_URL)
      .answerPick((regions) => regions.find((r) => r.value === 'eu-west-1')!.value)
      .answerPick(choose(['account-007', 'AdministratorAccess'], ['account-023', 'AdministratorAccess'], ['account-042', 'ReadOnlyAccess']))
      .answerPick((regions) => regions.filter((r) => r.picked).map((r) => r.value));
    await vscode.commands.executeCommand('secretsManager.addAccounts');

    // No sso-session in the (empty) config: straight to the start URL; no AWS CLI v2: the device flow.
    const signIn = prompts.shown.find((s) => /To sign in to .*confirm the code [A-Z]{4}-[A-Z]{4}/.test(s.message));
    assert.ok(signIn, `the device code was shown: ${prompts.shown.map((s) => s.message).join(' | ')}`);
    assert.deepEqual(signIn.buttons, ['Open Browser', 'Copy Code']);
    const counts = (await admin().counters()).byOperation;
    assert.equal(counts.StartDeviceAuthorization, 1);
    assert.equal(counts.ListAccounts, 1, '50 accounts in one page of 100');
    assert.equal(counts.ListAccountRoles, 50);
    assert.equal(counts.ListSecrets ?? 0, 0, 'nothing listed before an account connection is expanded');

    const pick = prompts.picks.find((p) => /^Add Accounts: 50 accounts, 150 roles/.test(p.title));
    assert.ok(pick, `the multi-select names what was found (${prompts.picks.map((p) => p.title).join(' | ')})`);
    const item = pick.items.find((i) => i.label === 'account-007 / AdministratorAccess')!;
    assert.equal(item.description, '100000000007');
    assert.equal(item.detail, 'aws+account-007@example.com');
    const regionPick = prompts.picks.at(-1)!;
    assert.deepEqual(regionPick.items.filter((i) => i.picked).map((i) => i.value), ['us-east-1'], 'the current region is picked');

    assert.deepEqual(accountConnections().map((c) => c.id).sort(), [idOf('100000000007', 'AdministratorAccess'), idOf('100000000023', 'AdministratorAccess'), idOf('100000000042', 'ReadOnlyAccess')].sort());
    const c7 = api.testing.connections.get(idOf('100000000007', 'AdministratorAccess'))!;
    assert.deepEqual(c7.sso, { startUrl: START_URL, ssoRegion: 'eu-west-1', accountId: '100000000007', accountName: 'account-007', roleName: 'AdministratorAccess' });
    assert.equal(c7.profile, undefined, 'no profile written or used');
    assert.equal(c7.endpoint, endpoint());

    // The token is in the AWS CLI's cache, where `aws sso login` would have put it.
    const cache = path.join(os.homedir(), '.aws', 'sso', 'cache');
    const files = fs.readdirSync(cache);
    assert.equal(files.length, 1);
    const cached = JSON.parse(fs.readFileSync(path.join(cache, files[0]), 'utf8'));
    assert.equal(cached.startUrl, START_URL);
    assert.match(cached.expiresAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // Three account connections and the default one: a node each, collapsed, named by account and role.
    const top = await children();
    const accountNodes = top.filter((x) => isAccountConnection(x.node));
    assert.equal(accountNodes.length, 3);
    const n7 = accountNodes.find((x) => label(x.item) === 'account-007 / AdministratorAccess')!;
    assert.ok(n7, accountNodes.map((x) => label(x.item)).join(', '));
    assert.equal(n7.item.description, `100000000007 · us-east-1 · ${host()}`);
    assert.equal(n7.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(n7.item.contextValue, 'connection.account');
    const names = async (accountName: string) =>
      (await children(accountNodes.find((x) => label(x.item).startsWith(`${accountName} /`))!.node)).map((x) => label(x.item)).sort();
    assert.deepEqual(await names('account-007'), ['account-007/secret-1', 'account-007/secret-2']);
    assert.deepEqual(await names('account-023'), ['account-023/secret-1', 'account-023/secret-2']);
    assert.deepEqual(await names('account-042'), ['account-042/secret-1', 'account-042/secret-2']);

    // The status bar names account, id, role and region when one of them is selected.
    await api.testing.tree.view.reveal(n7.node, { select: true, focus: false });
    await waitFor('the status bar to name the account', () => api.testing.tree.status.text.includes('account-007 (100000000007)') || undefined);
    assert.equal(api.testing.tree.status.text, `$(key) account-007 (100000000007) · AdministratorAccess · us-east-1 · ${host()}`);
  });

  it('publishes in one account; the confirmation names the account, id, role and region; only that account changes', async () => {
    const connectionId = idOf('100000000023', 'AdministratorAccess');
    const name = 'account-023/secret-1';
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name } });
    const uri = api.testing.editor.uriOf({ connectionId, name });
    const editor = await waitFor('the account secret to open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    assert.match(editor.document.getText(), /"account": "account-023"/);
    const doc = editor.document;
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), '{"account":"account-023","n":1,"rotated":"EXAMPLE-a23"}'));
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await api.testing.editor.publish.settled();
    const confirmation = prompts.shown.find((s) => s.modal && /Publish/.test(s.buttons.join(' ')))!;
    assert.ok(confirmation, 'a publish confirmation was shown');
    assert.match(`${confirmation.message}\n${confirmation.detail}`, /account-023 \(100000000023\) \/ AdministratorAccess · us-east-1/);
    const state = (await admin().ssoSecretState('100000000023', name))!;
    assert.equal(state.versions.find((v) => v.stages.includes('AWSCURRENT'))!.string, '{"account":"account-023","n":1,"rotated":"EXAMPLE-a23"}');
    assert.equal((await admin().ssoSecretState('100000000007', 'account-007/secret-1'))!.versions.length, 1, 'another account is untouched');
    assert.equal(await admin().secretState(name), undefined, "the endpoint's own account has no such secret");
  });

  it('asks for the name of an account marked production before publishing to it', async () => {
    await vscode.workspace.getConfiguration('secretsManager').update('accounts.production', ['*-042'], vscode.ConfigurationTarget.Global);
    // The tree says so, on that account's connection only.
    const marked = await waitFor('the tree to mark account-042 production', async () => {
      const top = (await children()).filter((x) => isAccountConnection(x.node));
      return top.some((x) => String(x.item.description).endsWith('production')) ? top : undefined;
    });
    assert.deepEqual(marked.filter((x) => String(x.item.description).endsWith(' · production')).map((x) => label(x.item)), ['account-042 / ReadOnlyAccess']);
    assert.match(String(marked.find((x) => label(x.item).startsWith('account-042'))!.item.tooltip), /Marked production: a publish asks for the account name\./);
    const connectionId = idOf('100000000042', 'ReadOnlyAccess');
    const name = 'account-042/secret-2';
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name } });
    const uri = api.testing.editor.uriOf({ connectionId, name });
    const editor = await waitFor('the production secret to open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    const doc = editor.document;
    await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), '{"account":"account-042","n":2,"changed":"EXAMPLE-p42"}'));
    // Publish in the plan, then a wrong name (refused), then Escape: nothing is sent.
    prompts.answerModal('Publish').answerInput('account-007', undefined);
    await vscode.commands.executeCommand('secretsManager.publish');
    await api.testing.editor.publish.settled();
    assert.equal(prompts.refusedInputs.length, 1);
    assert.match(prompts.refusedInputs[0].title, /^Publish to production account account-042 \(100000000042\)$/);
    assert.equal((await admin().ssoSecretState('100000000042', name))!.versions.length, 1, 'not published');
    assert.ok(doc.isDirty, 'the text is kept');
    // Again, with the name typed.
    prompts.answerModal('Publish').answerInput('account-042');
    await vscode.commands.executeCommand('secretsManager.publish');
    await api.testing.editor.publish.settled();
    const after = (await admin().ssoSecretState('100000000042', name))!;
    assert.equal(after.versions.find((v) => v.stages.includes('AWSCURRENT'))!.string, '{"account":"account-042","n":2,"changed":"EXAMPLE-p42"}');
  });

  it('an expired token asks once to sign in again for all three connections', async () => {
    await admin().ssoExpireTokens(true);
    // Every connection must get credentials again (as after a restart of VS Code).
    for (const c of accountConnections()) api.testing.connections.service(c.id).dispose();
    provider().refresh();
    await admin().resetCounters();
    prompts.answerModal('Sign In');
    const top = await children();
    const nodes = top.filter((x) => isAccountConnection(x.node)).map((x) => x.node);
    assert.equal(nodes.length, 3);
    const listed = await Promise.all(nodes.map((n) => children(n)));
    const questions = prompts.shown.filter((s) => s.modal && /sign-in .* has expired/.test(s.message));
    assert.equal(questions.length, 1, prompts.shown.map((s) => s.message).join(' | '));
    assert.match(questions[0].message, /Sign in again for the 3 connections that use it\?/);
    assert.ok(listed.every((l) => l.length === 2 && l.every((x) => !isMessage(x.node))), 'every connection lists its secrets after the one sign-in');
    const counts = (await admin().counters()).byOperation;
    assert.equal(counts.StartDeviceAuthorization, 1, 'one sign-in');
  });

  it('a role without Secrets Manager permission shows an error node naming the IAM action; the others keep working; four group by account', async () => {
    // The session is known now: picked from the list, no sign-in needed.
    prompts
      .answerPick((sessions) => sessions.find((s) => String(s.description ?? s.label).includes(START_URL))!.value)
      .answerPick(choose(['account-007', 'BillingReadOnly']))
      .answerPick((regions) => regions.filter((r) => r.picked).map((r) => r.value));
    await vscode.commands.executeCommand('secretsManager.addAccounts');
    assert.equal(accountConnections().length, 4);
    const top = await children();
    const groups = top.filter((x) => isAccount(x.node));
    assert.deepEqual(groups.map((g) => label(g.item)).sort(), ['account-007', 'account-023', 'account-042']);
    const g7 = groups.find((g) => label(g.item) === 'account-007')!;
    assert.equal(g7.item.description, '100000000007');
    assert.equal(g7.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const roles = await children(g7.node);
    assert.deepEqual(roles.map((r) => label(r.item)).sort(), ['AdministratorAccess', 'BillingReadOnly']);
    assert.equal(provider().getParent(roles[0].node), g7.node);
    const billing = roles.find((r) => label(r.item) === 'BillingReadOnly')!;
    const denied = await children(billing.node);
    assert.equal(denied.length, 1);
    assert.ok(isMessage(denied[0].node));
    assert.equal(label(denied[0].item), 'Access denied: secretsmanager:ListSecrets');
    assert.equal(denied[0].item.contextValue, 'error.denied');
    const admin7 = roles.find((r) => label(r.item) === 'AdministratorAccess')!;
    assert.deepEqual((await children(admin7.node)).map((x) => label(x.item)).sort(), ['account-007/secret-1', 'account-007/secret-2']);
    const g23 = groups.find((g) => label(g.item) === 'account-023')!;
    const [role23] = await children(g23.node);
    assert.equal((await children(role23.node)).length, 2);
  });

  it('Save as Profile writes a normal CLI profile for an account connection, on request only', async () => {
    const file = process.env.AWS_CONFIG_FILE!;
    assert.ok(!fs.existsSync(file), 'no profile was written by adding accounts');
    const connectionId = idOf('100000000023', 'AdministratorAccess');
    try {
      prompts.answerInput('ci-account-023');
      await vscode.commands.executeCommand('secretsManager.saveAsProfile', { connectionId });
      const config = await loadSharedConfig(process.env);
      assert.deepEqual(config.profiles['ci-account-023'], { sso_start_url: START_URL, sso_region: 'eu-west-1', sso_account_id: '100000000023', sso_role_name: 'AdministratorAccess', region: 'us-east-1' });
      assert.deepEqual(config.problems, []);
      assert.ok(prompts.shown.some((s) => /Saved profile ci-account-023 in .*aws --profile ci-account-023 now reaches account-023 \(100000000023\)/.test(s.message)));
      // The name it suggests is taken now: the box says so.
      prompts.answerInput('ci-account-023', undefined);
      await vscode.commands.executeCommand('secretsManager.saveAsProfile', { connectionId });
      assert.match(prompts.refusedInputs.at(-1)!.message, /Profile ci-account-023 exists already/);
    } finally {
      fs.rmSync(file, { force: true }); // the other suites expect no config file
    }
  });

  it('no token or role credential in the log, the messages, the connections or the settings', async () => {
    const secrets = (await admin().ssoIssuedSecrets()).filter((s) => s.length >= 16);
    assert.ok(secrets.length >= 6, `checked ${secrets.length} tokens and keys`);
    const cache = path.join(os.homedir(), '.aws', 'sso', 'cache');
    for (const f of fs.readdirSync(cache)) {
      const t = JSON.parse(fs.readFileSync(path.join(cache, f), 'utf8'));
      secrets.push(...[t.accessToken, t.refreshToken, t.clientSecret].filter(Boolean));
    }
    const log = api.testing.logLines().join('\n');
    assert.match(log, /IAM Identity Center: 50 accounts|Add Accounts: 50 accounts/);
    const shown = api.testing.shownTexts().texts.join('\n');
    const stored = JSON.stringify(api.testing.connections.list() as ConnectionSpec[]);
    const settings = JSON.stringify(vscode.workspace.getConfiguration('secretsManager'));
    for (const s of secrets) {
      assert.ok(!log.includes(s), `a token or key appears in the log: ${s.slice(0, 4)}...`);
      assert.ok(!shown.includes(s), `a token or key was shown: ${s.slice(0, 4)}...`);
      assert.ok(!stored.includes(s), `a token or key is in the saved connections: ${s.slice(0, 4)}...`);
      assert.ok(!settings.includes(s), `a token or key is in the settings: ${s.slice(0, 4)}...`);
    }
  });
});
