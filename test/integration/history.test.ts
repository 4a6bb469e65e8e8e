// The History view (issue 16) in the real VS Code host against the local endpoint and its CloudTrail:
// two principals publish and one rolls back, and the timeline names each; changed key names on
// demand; compare two entries; CloudTrail access denied keeps the timeline and names
// cloudtrail:LookupEvents; rotation in view; a replica opens read-only, with Open Primary; the
// owners and replicas named before a publish. No value anywhere in the view, its tooltips or the log.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecretCommand, DeleteSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import { DEMO_KEYS } from '../emulator/principals';
import { DEMO_NAMES, demoSecretValues } from '../emulator/seed';
import type { HistoryNode } from '../../src/views/history';
import { activate, admin, endpoint, ScriptedPrompts, sdk, sleep, waitFor } from './helpers';

const run = Date.now().toString(36);

interface Item {
  node: HistoryNode;
  item: vscode.TreeItem;
}

const text = (v: string | vscode.TreeItemLabel | vscode.MarkdownString | undefined) => (typeof v === 'string' ? v : v && 'value' in v ? v.value : v && 'label' in v ? v.label : '');
const plain = (md: string) => md.replace(/\\(.)/g, '$1');

describe('History view', function () {
  this.timeout(90_000);
  let api: ExtensionApi;
  let connectionId: string;
  let prompts: ScriptedPrompts;
  const created: string[] = [];
  const values: string[] = [...demoSecretValues()];
  const as = (key: string) => new SecretsManagerClient({ region: 'us-east-1', endpoint: endpoint(), credentials: { accessKeyId: key, secretAccessKey: 'x' }, maxAttempts: 1 });
  const bob = as(DEMO_KEYS.bob);

  const provider = () => api.testing.history.provider!;
  /** Every item of the view, depth first: roots, timeline entries, their details. */
  async function walk(node?: HistoryNode): Promise<Item[]> {
    const out: Item[] = [];
    for (const child of provider().getChildren(node)) {
      out.push({ node: child, item: provider().getTreeItem(child) });
      out.push(...(await walk(child)));
    }
    return out;
  }
  const entries = () => provider().getChildren(provider().getChildren().find((n) => n.kind === 'timeline'));
  const items = (nodes: HistoryNode[]) => nodes.map((n) => provider().getTreeItem(n));
  const facts = () => provider().getChildren().filter((n) => n.kind === 'fact').map((n) => ({ node: n, item: provider().getTreeItem(n) }));
  /** Everything the view shows: labels, descriptions, tooltips. */
  const everything = async () => (await walk()).map(({ item }) => `${text(item.label)}\n${text(item.description as string)}\n${plain(text(item.tooltip as vscode.MarkdownString))}`).join('\n');
  const show = async (name: string) => {
    await vscode.commands.executeCommand('secretsManager.showHistory', { ref: { connectionId, name } });
    return waitFor(`the history of ${name}`, () => (provider().current?.target.name === name ? provider().current : undefined));
  };
  const fresh = async (kind: string, value: string) => {
    const name = `history-test/${run}/${kind}`;
    await bob.send(new CreateSecretCommand({ Name: name, SecretString: value }));
    created.push(name);
    values.push(value);
    return name;
  };
  async function publishThroughEditor(name: string, value: string): Promise<void> {
    const uri = api.testing.editor.uriOf({ connectionId, name });
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name } });
    const editor = await waitFor(`an editor for ${name}`, () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    const doc = editor.document;
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), value)));
    values.push(value);
    prompts.answerModal('Publish');
    assert.equal(await doc.save(), true);
    await api.testing.editor.publish.settled();
  }

  before(async () => {
    api = await activate();
    connectionId = api.testing.connections.list()[0].id;
  });
  beforeEach(() => {
    prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
  });
  afterEach(async () => {
    await admin().clearFaults();
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'secretsmanager')) {
      await vscode.window.showTextDocument(doc, { preview: false });
      await Promise.resolve(vscode.commands.executeCommand('workbench.action.files.revert')).catch(() => undefined);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.testing.usePrompts(undefined);
  });
  after(async () => {
    const log = api.testing.logLines().join('\n');
    for (const v of values.filter((x) => x.length >= 8)) assert.ok(!log.includes(v), `no value in the log: ${v.slice(0, 4)}...`);
    for (const name of created) await sdk().send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })).catch(() => undefined);
    bob.destroy();
  });

  it('two principals publish, one rolls back: the timeline names each, with the call and the event', async () => {
    const name = await fresh('two-principals', '{"user":"app","password":"Bob-First-EXAMPLE-201"}');
    // "local" (the extension's keys) publishes through the editor; bob publishes with the CLI's keys; "local" rolls back.
    await publishThroughEditor(name, '{\n  "user": "app",\n  "password": "Local-Second-EXAMPLE-202"\n}');
    // Closed, so that no open document reads the secret again while the history is read.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await bob.send(new PutSecretValueCommand({ SecretId: name, SecretString: '{"user":"app","password":"Bob-Third-EXAMPLE-203","ssl":true}' }));
    values.push('Bob-Third-EXAMPLE-203');
    prompts.answerModal('Promote');
    await vscode.commands.executeCommand('secretsManager.rollback', { ref: { connectionId, name } });
    // The rollback re-reads what shows the secret (the tree's node, a document still in memory): let that finish.
    for (let before = -1, now = (await admin().counters()).total; now !== before; before = now, now = (await admin().counters()).total) await sleep(300);
    await admin().resetCounters();

    const h = await show(name);
    assert.equal(h.history.versions.length, 3);
    const counters = (await admin().counters()).byOperation;
    assert.deepEqual({ DescribeSecret: counters.DescribeSecret, ListSecretVersionIds: counters.ListSecretVersionIds, LookupEvents: counters.LookupEvents, GetSecretValue: counters.GetSecretValue }, { DescribeSecret: 1, ListSecretVersionIds: 1, LookupEvents: 1, GetSecretValue: undefined }, 'no value read for the history');
    assert.ok(prompts.progressShown.some((p) => p.cancellable && /Reading the history of/.test(p.title)), 'a progress notification with Cancel');

    const e = items(entries());
    const rows = e.map((i) => `${text(i.label)} | ${text(i.description as string)}`);
    const state = (await admin().secretState(name))!;
    const [v1, v2, v3] = state.versions.map((v) => v.versionId.slice(0, 8));
    assert.match(rows[0], new RegExp(`^Rolled back: AWSCURRENT → ${v2} \\| from ${v3} · .* · local · UpdateSecretVersionStage$`));
    assert.match(rows[1], new RegExp(`^AWSCURRENT → ${v3} \\| from ${v2} · .* · bob@example\\.com · PutSecretValue$`));
    assert.match(rows[2], new RegExp(`^${v3}  AWSPREVIOUS \\| .* · bob@example\\.com · PutSecretValue$`));
    assert.match(rows[3], new RegExp(`^AWSCURRENT → ${v2} \\| from ${v1} · .* · local · PutSecretValue$`));
    assert.match(rows[4], new RegExp(`^${v2}  AWSCURRENT \\| .* · local · PutSecretValue$`));
    assert.match(rows[5], new RegExp(`^${v1}  \\(no label\\) \\| .* · bob@example\\.com · CreateSecret$`));
    assert.equal(rows.length, 6);
    // The tooltip names the principal ARN, the access key, the source and the event id.
    const bobTip = plain(text(e[1].tooltip as vscode.MarkdownString));
    assert.match(bobTip, /Who: IAM Identity Center user bob@example\.com, permission set PowerUserAccess/);
    assert.match(bobTip, /Principal: arn:aws:sts::123456789012:assumed-role\/AWSReservedSSO_PowerUserAccess_\w+\/bob@example\.com/);
    assert.match(bobTip, new RegExp(`Access key: ${DEMO_KEYS.bob}`));
    assert.match(bobTip, /From: 127\.0\.0\.1/);
    assert.match(bobTip, /Event: PutSecretValue [0-9a-f-]{36} \(us-east-1\)/);
    assert.match(plain(text(e[0].tooltip as vscode.MarkdownString)), /Who: IAM user local/);
    assert.match(plain(text(e[0].tooltip as vscode.MarkdownString)), /A rollback: AWSCURRENT went back to an older version/);
    assert.equal(e[2].contextValue, 'history.version.event');
    assert.equal(e[5].contextValue, 'history.firstVersion.event');
    // The facts at the top.
    const f = facts().map((x) => text(x.item.label));
    assert.deepEqual(f, ['Attribution: CloudTrail', 'Rotation: off']);
    assert.match(String(api.testing.history.view.description), new RegExp(`^${name} · `));
    assert.ok(!(await everything()).match(/EXAMPLE-20\d/), 'no value in the view');

    // Copy the event id of an entry.
    await vscode.commands.executeCommand('secretsManager.copyEventId', entries()[1]);
    assert.match(await vscode.env.clipboard.readText(), /^[0-9a-f-]{36}$/);
  });

  it('changed key names only when asked for, names and never values; Compare opens the lossless diff', async () => {
    const name = await fresh('keys', '{"user":"app","password":"Keys-One-EXAMPLE-211","port":5432}');
    await bob.send(new PutSecretValueCommand({ SecretId: name, SecretString: '{"user":"app","password":"Keys-Two-EXAMPLE-212","ssl":true}' }));
    values.push('Keys-Two-EXAMPLE-212');
    await show(name);
    const newest = entries().find((n) => n.kind === 'entry' && n.entry.kind === 'version' && n.entry.labels.includes('AWSCURRENT'))!;
    const before = provider().getChildren(newest).map((n) => text(provider().getTreeItem(n).label));
    assert.ok(before.some((l) => /^Changed key names since \w{8}: show \(reads both versions\)$/.test(l)), 'offered, not read');
    await admin().resetCounters();
    await vscode.commands.executeCommand('secretsManager.showChangedKeys', newest);
    assert.deepEqual((await admin().counters()).byOperation, { GetSecretValue: 2 }, 'both versions read, nothing else');
    const after = provider().getChildren(newest).map((n) => text(provider().getTreeItem(n).label));
    assert.ok(after.some((l) => /^Since \w{8}: Keys added: ssl$/.test(l)), after.join('\n'));
    assert.ok(after.some((l) => /^Since \w{8}: Keys removed: port$/.test(l)));
    assert.ok(after.some((l) => /^Since \w{8}: Keys changed: password$/.test(l)));
    assert.ok(!(await everything()).includes('EXAMPLE-21'), 'names only');
    assert.ok(prompts.progressShown.some((p) => p.cancellable && /to compare key names/.test(p.title)));

    // Compare two entries: the existing diff of two stored versions (JSON keys in a stable order).
    const versions = entries().filter((n) => n.kind === 'entry' && n.entry.kind === 'version');
    await vscode.commands.executeCommand('secretsManager.compareVersions', versions[0], versions);
    const tab = await waitFor('the diff', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t.input : undefined;
    });
    assert.match(tab.original.query, /version=.*&keys=sorted/);
    assert.match(tab.modified.query, /version=.*&keys=sorted/);
  });

  it('CloudTrail access denied keeps the timeline, and names cloudtrail:LookupEvents', async () => {
    const name = await fresh('denied', 'Denied-Value-EXAMPLE-221');
    await admin().setFaults({ deny: [{ operation: 'LookupEvents' }] });
    const h = await show(name);
    assert.equal(h.history.timeline.attribution.state, 'failed');
    const [attribution] = facts();
    assert.equal(text(attribution.item.label), 'No attribution');
    assert.equal(text(attribution.item.description as string), 'access denied (cloudtrail:LookupEvents)');
    assert.match(plain(text(attribution.item.tooltip as vscode.MarkdownString)), /Ask for cloudtrail:LookupEvents to see who changed what/);
    const rows = items(entries()).map((i) => `${text(i.label)} | ${text(i.description as string)}`);
    assert.equal(rows.length, 1, 'the version is listed');
    assert.match(rows[0], /^\w{8}  AWSCURRENT \| .* · CloudTrail denied$/);
    const warned = prompts.shown.find((s) => /cloudtrail:LookupEvents/.test(s.message));
    assert.ok(warned && warned.level === 'warn' && !warned.modal, 'said once, beside the view');
    assert.ok(api.testing.logLines().some((l) => /LookupEvents .*: accessDenied \(AccessDeniedException\)/.test(l)));
  });

  it('rotation in view: schedule, function, last and next; today\'s failed rotation with AWSPENDING newer than AWSCURRENT', async () => {
    await show(DEMO_NAMES.rotating);
    const f = Object.fromEntries(facts().map((x) => [text(x.item.label), `${text(x.item.description as string)} | ${plain(text(x.item.tooltip as vscode.MarkdownString))}`]));
    assert.match(f['Rotation: on'], /^every 30 days, by rotate-EXAMPLE; last \d{4}-\d{2}-\d{2}, next \d{4}-\d{2}-\d{2} \| /);
    assert.match(f['Rotation: on'], /Function: arn:aws:lambda:us-east-1:123456789012:function:rotate-EXAMPLE/);
    assert.match(f['Rotation failed'], /^AWSPENDING on \w{8} \| [\s\S]*The last rotation failed \(RotationFailed, .*\): AWSPENDING is left on \w{8}, newer than AWSCURRENT/);
    const titles = items(entries()).map((i) => text(i.label));
    assert.equal(titles[0], 'Rotation failed');
    assert.ok(titles.includes('Rotation succeeded') && titles.includes('Rotation started') && titles.includes('Rotation configured'));
    assert.ok(items(entries()).some((i) => /rotate-EXAMPLE \(rotate-EXAMPLE-role\) · PutSecretValue \(rotation\)$/.test(text(i.description as string))));
  });

  it('a replica: marked in the tree, opens read-only with Open Primary; Open Primary adds the primary\'s region and opens it there', async () => {
    const name = await fresh('replica', 'Replica-Value-EXAMPLE-231');
    await admin().setReplication(name, { primaryRegion: 'eu-west-1' });
    const tree = api.testing.tree.provider;
    tree.setFilter({ key: 'name', values: [name] });
    const node = await waitFor('the replica in the tree', async () => (await tree.getChildren()).find((n) => n.kind === 'secret'));
    const item = tree.resolveTreeItem(tree.getTreeItem(node), node); // the tooltip is built on hover
    assert.equal(item.contextValue, 'secret.replica');
    assert.match(String(item.description), /replica of eu-west-1$/);
    assert.match(plain(text(item.tooltip as vscode.MarkdownString)), /\| Replica of \| the secret in eu-west-1 \(read-only here: Open Primary\) \|/);

    prompts.answerToast(/is a replica of the secret in eu-west-1/, 'Open Primary').answerModal((shown) => {
      assert.match(shown.message, /^The primary of .* is in eu-west-1\. Add a connection to eu-west-1 to open it there\?$/);
      return 'Add Connection';
    });
    const connectionsBefore = api.testing.connections.list().map((c) => c.id);
    await vscode.commands.executeCommand('secretsManager.openSecret', node);
    const replicaUri = api.testing.editor.uriOf({ connectionId, name, replicaOf: 'eu-west-1' });
    const stat = await vscode.workspace.fs.stat(replicaUri);
    assert.equal(stat.permissions, vscode.FilePermission.Readonly, 'the replica\'s document is read-only');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(replicaUri, new TextEncoder().encode('x'))), /is a replica of the secret in eu-west-1/);
    const primary = await waitFor('the primary\'s connection', () => api.testing.connections.list().find((c) => c.region === 'eu-west-1'));
    try {
      assert.equal(primary.endpoint, api.testing.connections.get(connectionId)!.endpoint, 'the same endpoint and profile');
      const primaryUri = api.testing.editor.uriOf({ connectionId: primary.id, name });
      const doc = await waitFor('the primary\'s document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === primaryUri.toString()));
      assert.equal((await vscode.workspace.fs.stat(primaryUri)).permissions, undefined, 'editable in the primary\'s region');
      assert.equal(doc.getText(), 'Replica-Value-EXAMPLE-231');
    } finally {
      tree.setFilter(undefined);
      for (const c of api.testing.connections.list()) if (!connectionsBefore.includes(c.id)) await api.testing.connections.remove(c.id);
    }
  });

  it('a replica opened any other way is refused at publish, before anything is sent', async () => {
    const name = await fresh('replica-restored', 'Replica-Restored-EXAMPLE-241');
    await admin().setReplication(name, { primaryRegion: 'eu-west-1' });
    // As a tab restored from before it was a replica: the plain live document.
    const uri = api.testing.editor.uriOf({ connectionId, name });
    const editor = await api.testing.editor.open(uri);
    const doc = editor.document;
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), 'Replica-Edited-EXAMPLE-242')));
    values.push('Replica-Edited-EXAMPLE-242');
    await admin().resetCounters();
    await vscode.commands.executeCommand('secretsManager.publish');
    const refused = await waitFor('the refusal', () => prompts.shown.find((s) => /is a replica of the secret in eu-west-1/.test(s.message)));
    assert.equal(refused.level, 'error');
    assert.equal((await admin().counters()).byOperation.PutSecretValue, undefined, 'nothing sent');
    assert.ok(doc.isDirty, 'the text stays');
  });

  it('a primary\'s replicas, and the tools its tags name, in the view and before a publish', async () => {
    const name = await fresh('owned', '{"password":"Owned-One-EXAMPLE-251"}');
    await admin().setReplication(name, { replicas: [{ Region: 'eu-west-1', Status: 'InSync' }, { Region: 'ap-south-1', Status: 'Failed', StatusMessage: 'KMS key not found' }] });
    await sdk().send(new (await import('@aws-sdk/client-secrets-manager')).TagResourceCommand({ SecretId: name, Tags: [{ Key: 'aws:cloudformation:stack-name', Value: 'orders-prod' }, { Key: 'managed-by', Value: 'external-secrets' }] }));
    await show(name);
    const f = Object.fromEntries(facts().map((x) => [text(x.item.label), text(x.item.description as string)]));
    assert.equal(f.Replicated, 'eu-west-1 (InSync), ap-south-1 (Failed)');
    assert.equal(f['Managed by CloudFormation stack orders-prod'], 'tag aws:cloudformation:stack-name=orders-prod');
    assert.equal(f['Managed by External Secrets Operator'], 'tag managed-by=external-secrets');
    let detail = '';
    const uri = api.testing.editor.uriOf({ connectionId, name });
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name } });
    const editor = await waitFor('the editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    const doc = editor.document;
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), '{"password":"Owned-Two-EXAMPLE-252"}')));
    values.push('Owned-Two-EXAMPLE-252');
    prompts.answerModal((shown) => {
      detail = shown.detail ?? '';
      return undefined;
    });
    await vscode.commands.executeCommand('secretsManager.publish');
    await waitFor('the confirmation', () => detail || undefined);
    assert.match(detail, /Warning: CloudFormation stack orders-prod manages this secret \(tag aws:cloudformation:stack-name=orders-prod\)/);
    assert.match(detail, /Warning: External Secrets Operator manages this secret/);
    assert.match(detail, /Warning: This secret is replicated to eu-west-1 \(InSync\), ap-south-1 \(Failed\).* Replication to ap-south-1 has failed/);
  });

  it('no stored value in any item or tooltip of the History view, for every demo secret', async () => {
    for (const name of [DEMO_NAMES.json, DEMO_NAMES.customLabel, DEMO_NAMES.binary, DEMO_NAMES.replica, DEMO_NAMES.plaintext]) {
      await show(name);
      const all = await everything();
      for (const v of values.filter((x) => x.length >= 8)) assert.ok(!all.includes(v), `a value in the History of ${name}: ${v.slice(0, 4)}...`);
    }
    // The demo's prod/db/postgres: alice's rollback and bob's two steps; its older versions past 90 days.
    await show(DEMO_NAMES.json);
    const rows = items(entries()).map((i) => `${text(i.label)} | ${text(i.description as string)}`);
    assert.match(rows[1], /^Rolled back: AWSCURRENT → \w{8} \| from \w{8} · .* · alice · UpdateSecretVersionStage$/);
    assert.ok(rows.filter((r) => / · older than 90 days$/.test(r)).length === 2);
  });
});
