// The secrets tree (issue 5) in the real extension host, against the local endpoint with demo
// data: grouping, items, paging, filter, states as nodes, call counts, and never a value.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecretCommand, DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/views/nodes';
import { DEMO_NAMES, demoSecretValues } from '../emulator/seed';
import { activate, admin, endpoint, ScriptedPrompts, sdk, sleep, waitFor } from './helpers';

type Row = { node: TreeNode; item: vscode.TreeItem };

describe('secrets tree', () => {
  let api: ExtensionApi;
  const provider = () => api.testing.tree.provider;
  const items = async (node?: TreeNode): Promise<Row[]> => {
    const children = await provider().getChildren(node);
    // As the user sees them: a secret's tooltip is resolved on hover.
    return children.map((c) => ({ node: c, item: provider().resolveTreeItem(provider().getTreeItem(c), c) }));
  };
  const label = (i: vscode.TreeItem) => (typeof i.label === 'string' ? i.label : i.label?.label ?? '');
  const icon = (i: vscode.TreeItem) => (i.iconPath as vscode.ThemeIcon | undefined)?.id;
  const tooltip = (i: vscode.TreeItem) => (i.tooltip instanceof vscode.MarkdownString ? i.tooltip.value : String(i.tooltip ?? ''));
  const secretNamed = async (name: string, rows?: Row[]) => {
    const found = (rows ?? (await items())).find((x) => label(x.item) === name);
    assert.ok(found, `secret ${name} is in the tree`);
    return found;
  };
  const treeSettings = () => vscode.workspace.getConfiguration('secretsManager.tree');
  const connectionId = () => api.testing.connections.list()[0].id;

  before(async () => {
    api = await activate();
  });
  afterEach(async () => {
    await admin().clearFaults();
    api.testing.usePrompts(undefined);
    for (const key of ['includeDeleted', 'pageSize', 'sortBy']) await treeSettings().update(key, undefined, vscode.ConfigurationTarget.Global);
    provider().setFilter(undefined);
  });

  it('shows the first page after exactly one ListSecrets call and nothing per secret', async () => {
    provider().refresh();
    await admin().resetCounters();
    const top = await items();
    assert.ok(top.length >= 10, 'the demo secrets are listed at the root (single connection)');
    assert.ok(top.every((x) => x.node.kind === 'secret' || x.node.kind === 'loadMore'), 'no connection node with a single connection');
    assert.deepEqual((await admin().counters()).byOperation, { ListSecrets: 1 }, 'no ListSecretVersionIds / DescribeSecret before expanding');
  });

  it('names the single connection in the view description and the status bar', async () => {
    const host = new URL(endpoint()).host;
    await items();
    assert.equal(api.testing.connections.list().length, 1);
    assert.equal(api.testing.tree.view.description, `env · us-east-1 · ${host}`);
    assert.equal(api.testing.tree.status.text, `$(key) env · us-east-1 · ${host}`);
    assert.equal(api.testing.tree.status.command, 'secretsManager.switchConnection');
  });

  it('groups versions by label: AWSCURRENT, AWSPREVIOUS, then deprecated ones under a collapsed node', async () => {
    const secret = await secretNamed(DEMO_NAMES.json);
    await admin().resetCounters();
    const versions = await items(secret.node);
    assert.deepEqual((await admin().counters()).byOperation, { ListSecretVersionIds: 1 }, 'expanding costs one ListSecretVersionIds');
    assert.deepEqual(versions.map((v) => label(v.item)), ['AWSCURRENT', 'AWSPREVIOUS', 'Deprecated versions']);
    assert.deepEqual(versions.map((v) => v.item.contextValue), ['version.current', 'version', 'deprecatedGroup']);
    assert.equal(versions[2].item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const deprecated = await items(versions[2].node);
    assert.equal(deprecated.length, 1);
    assert.equal(deprecated[0].item.contextValue, 'version.deprecated');
    assert.equal(icon(deprecated[0].item), 'archive');
    assert.equal(provider().getParent(deprecated[0].node), versions[2].node, 'a deprecated version sits under the group');
    // Version ids: short id (8 characters), labels, created date.
    const state = (await admin().secretState(DEMO_NAMES.json))!;
    const current = state.versions.find((v) => v.stages.includes('AWSCURRENT'))!;
    assert.match(String(versions[0].item.description), new RegExp(`^${current.versionId.slice(0, 8)} · created \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC$`));
    assert.equal(label(deprecated[0].item), state.versions.find((v) => v.stages.length === 0)!.versionId.slice(0, 8));
  });

  it('orders AWSCURRENT, AWSPENDING, custom labels by name, and shows every label of a version', async () => {
    const rotating = await items((await secretNamed(DEMO_NAMES.rotating)).node);
    assert.deepEqual(rotating.map((v) => label(v.item)), ['AWSCURRENT', 'AWSPENDING', 'AWSPREVIOUS']);
    const custom = await items((await secretNamed(DEMO_NAMES.customLabel)).node);
    assert.deepEqual(custom.map((v) => label(v.item)), ['AWSCURRENT', 'QA, STAGING']);
    assert.equal(custom[1].item.contextValue, 'version');
  });

  it('renders items: icons, descriptions, tooltips and the commands a click runs', async () => {
    const top = await items();
    const json = await secretNamed(DEMO_NAMES.json, top);
    assert.equal(icon(json.item), 'key');
    assert.equal(json.item.contextValue, 'secret');
    assert.equal(json.item.description, 'Orders database credentials (PostgreSQL)');
    const tip = tooltip(json.item);
    for (const row of ['ARN', 'KMS key', 'Created', 'Last changed', 'Last accessed', 'Rotation', 'Staging labels', 'Tags']) assert.match(tip, new RegExp(`\\| ${row} \\|`), row);
    const plain = tip.replace(/\\(.)/g, '$1'); // Markdown escapes undone
    assert.ok(plain.includes((await admin().secretState(DEMO_NAMES.json))!.arn), 'ARN in the tooltip');
    assert.ok(plain.includes('team=orders'), 'tags in the tooltip');
    assert.equal(json.item.command?.command, 'secretsManager.treeItemOpen', 'a click goes through the gate that opens only on purpose');
    assert.deepEqual((json.item.command?.arguments?.[0] as { ref: unknown }).ref, { connectionId: connectionId(), name: DEMO_NAMES.json, arn: (await admin().secretState(DEMO_NAMES.json))!.arn });

    const managed = await secretNamed(DEMO_NAMES.managed, top);
    assert.equal(managed.item.contextValue, 'secret.managed');
    assert.equal(icon(managed.item), 'lock');
    assert.match(String(managed.item.description), /managed by rds$/);
    assert.match(tooltip(managed.item), /\| Managed by \| rds \|/);

    const rotating = await secretNamed(DEMO_NAMES.rotating, top);
    assert.match(tooltip(rotating.item), /\| Rotation \| enabled, every 30 days, by rotate\\-EXAMPLE; last \d{4}\\-\d{2}\\-\d{2}, next \d{4}\\-\d{2}\\-\d{2} \|/);
    assert.match(tooltip(rotating.item), /\| Rotation pending \| A rotation is in progress, or its last attempt failed: AWSPENDING is on \w{8}\\\. /);

    const versions = await items(json.node);
    assert.equal(icon(versions[0].item), 'star-full');
    assert.equal(versions[0].item.command?.command, 'secretsManager.treeItemOpen', 'AWSCURRENT opens (on purpose) the editable document');
    assert.equal((versions[0].item.command?.arguments?.[0] as { ref: { stage: string } }).ref.stage, 'AWSCURRENT');
    assert.equal(versions[1].item.command?.command, 'secretsManager.treeItemOpen');
    assert.equal(versions[1].item.command?.title, 'Open Version');
    const prevRef = (versions[1].item.command?.arguments?.[0] as { ref: { versionId: string; stage: string; name: string } }).ref;
    assert.equal(prevRef.stage, 'AWSPREVIOUS');
    assert.equal(prevRef.name, DEMO_NAMES.json);
    assert.ok(prevRef.versionId.length > 8, 'the full version id travels in the ref');
  });

  it('marks secrets owned by another service and hides deleted ones until asked', async () => {
    assert.ok(!(await items()).some((x) => label(x.item) === DEMO_NAMES.deleted));
    await vscode.commands.executeCommand('secretsManager.toggleDeleted');
    assert.equal(treeSettings().get('includeDeleted'), true);
    const deleted = await waitFor('the deleted secret', async () => (await items()).find((x) => label(x.item) === DEMO_NAMES.deleted));
    assert.equal(deleted.item.contextValue, 'secret.deleted');
    assert.equal(icon(deleted.item), 'trash');
    assert.match(String(deleted.item.description), /^deleted on \d{4}-\d{2}-\d{2}$/);
    assert.match(tooltip(deleted.item), /\| Deletion date \|/);
    assert.equal(deleted.item.command, undefined, 'a secret scheduled for deletion cannot be opened');
    assert.match(String(api.testing.tree.view.description), /incl\. deleted/);
  });

  it('loads 250 secrets page by page with "Load more"', async () => {
    await admin().seedSynthetic(250, 'paging/app');
    provider().setFilter({ key: 'name', values: ['paging/'] });
    await admin().resetCounters();
    let top = await items();
    assert.equal(top.length, 101, '100 secrets and a Load more node');
    assert.equal(top[100].item.contextValue, 'loadMore');
    assert.equal((await admin().counters()).byOperation.ListSecrets, 1, 'the first page is one call');
    await vscode.commands.executeCommand('secretsManager.loadMore', top[100].node);
    top = await items();
    assert.equal(top.length, 201);
    await vscode.commands.executeCommand('secretsManager.loadMore', top[200].node);
    top = await items();
    assert.equal(top.length, 250, 'all loaded, no Load more left');
    assert.ok(top.every((x) => x.item.contextValue === 'secret'));
    const names = top.map((x) => label(x.item));
    assert.deepEqual(names, [...names].sort(), 'sorted by name within the loaded pages');
    assert.equal(new Set(names).size, 250, 'no secret twice');
    assert.deepEqual((await admin().counters()).byOperation, { ListSecrets: 3 });
  });

  it('honours secretsManager.tree.pageSize', async () => {
    await treeSettings().update('pageSize', 4, vscode.ConfigurationTarget.Global);
    provider().setFilter({ key: 'name', values: ['prod/'] }); // 6 demo secrets
    const top = await items();
    assert.equal(top.length, 5, '4 secrets and Load more');
    assert.equal(top[4].node.kind, 'loadMore');
    assert.match(String(top[4].item.tooltip), /next 4 secrets/);
  });

  it('keeps the loaded secrets when a later page fails, and retries that page', async () => {
    await admin().seedSynthetic(150, 'pagefail/app');
    provider().setFilter({ key: 'name', values: ['pagefail/'] });
    let top = await items();
    assert.equal(top.length, 101);
    await admin().setFaults({ deny: [{ operation: 'ListSecrets' }] });
    await vscode.commands.executeCommand('secretsManager.loadMore', top[100].node);
    top = await items();
    assert.equal(top.length, 101, 'the first 100 stay');
    assert.equal(top[100].item.contextValue, 'error.denied');
    assert.match(label(top[100].item), /Access denied: secretsmanager:ListSecrets/);
    await admin().clearFaults();
    await vscode.commands.executeCommand('secretsManager.retry', top[100].node);
    top = await items();
    assert.equal(top.length, 150, 'the retried page is added');
  });

  it('sorts by name, or by last changed when asked (within the loaded secrets)', async () => {
    const stamp = Date.now();
    const client = sdk();
    const [older, newer] = [`tree/sort-${stamp}/a-older`, `tree/sort-${stamp}/b-newer`];
    try {
      await client.send(new CreateSecretCommand({ Name: older, SecretString: 'x' }));
      await admin().advanceClock(5_000);
      await client.send(new CreateSecretCommand({ Name: newer, SecretString: 'y' }));
      provider().setFilter({ key: 'name', values: [`tree/sort-${stamp}/`] });
      assert.deepEqual((await items()).map((x) => label(x.item)), [older, newer], 'by name');
      api.testing.usePrompts(new ScriptedPrompts().answerPick((picks) => picks.find((p) => p.value === 'lastChanged')!.value));
      await vscode.commands.executeCommand('secretsManager.sortBy');
      assert.equal(treeSettings().get('sortBy'), 'lastChanged');
      assert.deepEqual((await items()).map((x) => label(x.item)), [newer, older], 'most recently changed first');
      assert.match(String(api.testing.tree.view.description), /by last changed/);
    } finally {
      for (const n of [older, newer]) await client.send(new DeleteSecretCommand({ SecretId: n, ForceDeleteWithoutRecovery: true })).catch(() => undefined);
      client.destroy();
    }
  });

  it('filters on the server and shows the filter in the view description', async () => {
    const prompts = new ScriptedPrompts()
      .answerPick((picks) => picks.find((i) => i.value === 'name')!.value)
      .answerInput('prod/payments');
    api.testing.usePrompts(prompts);
    // The previous test's clean-up (settings, filter) makes the view list again in the background:
    // let that finish before counting.
    await items();
    for (let before = -1, now = (await admin().counters()).total; now !== before; before = now, now = (await admin().counters()).total) await sleep(200);
    await admin().resetCounters();
    await vscode.commands.executeCommand('secretsManager.filter');
    const top = await items();
    assert.deepEqual(top.map((x) => label(x.item)), ['prod/payments/api-key']);
    assert.equal((await admin().counters()).byOperation.ListSecrets, 1, 'one filtered ListSecrets call');
    assert.match(String(api.testing.tree.view.description), /filter: name prod\/payments/);
    await vscode.commands.executeCommand('secretsManager.clearFilter');
    assert.ok((await items()).length > 1);
    assert.doesNotMatch(String(api.testing.tree.view.description ?? ''), /filter/);
  });

  it('filters by tag value and by description', async () => {
    provider().setFilter({ key: 'tag-value', values: ['identity'] });
    assert.deepEqual((await items()).map((x) => label(x.item)), [DEMO_NAMES.rotating]);
    provider().setFilter({ key: 'description', values: ['orders database'] });
    assert.deepEqual((await items()).map((x) => label(x.item)), [DEMO_NAMES.json]);
  });

  it('shows a "no match" node that clears the filter, not an empty view', async () => {
    provider().setFilter({ key: 'name', values: [`nothing-is-called-this-${Date.now()}`] });
    const top = await items();
    assert.equal(top.length, 1);
    assert.equal(top[0].item.contextValue, 'empty');
    assert.equal(top[0].item.command?.command, 'secretsManager.clearFilter');
  });

  it('shows an access-denied node naming the IAM action instead of a pop-up; Retry lists again', async () => {
    const prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
    await admin().setFaults({ deny: [{ operation: 'ListSecrets' }] });
    provider().refresh();
    const top = await items();
    assert.equal(top.length, 1);
    assert.equal(top[0].item.contextValue, 'error.denied');
    assert.match(label(top[0].item), /Access denied: secretsmanager:ListSecrets/);
    assert.match(tooltip(top[0].item), /Ask an administrator to grant secretsmanager:ListSecrets/);
    assert.equal(top[0].item.command?.command, 'secretsManager.retry');
    await admin().clearFaults();
    await vscode.commands.executeCommand(top[0].item.command!.command, ...(top[0].item.command!.arguments ?? []));
    const again = await items();
    assert.ok(again.length >= 10 && again.every((x) => x.node.kind === 'secret' || x.node.kind === 'loadMore'), 'Retry listed the secrets');
    assert.deepEqual(prompts.shown, [], 'no pop-up');
  });

  it('shows a credentials node when the credentials are rejected', async () => {
    await admin().setFaults({ expiredToken: { count: 10, operations: ['ListSecrets'] } });
    provider().refresh();
    const top = await items();
    assert.equal(top.length, 1);
    assert.equal(top[0].item.contextValue, 'error.credentials');
    assert.match(tooltip(top[0].item), /expired/);
  });

  it('shows an error node under a secret whose versions cannot be listed', async () => {
    const secret = await secretNamed(DEMO_NAMES.plaintext);
    await admin().setFaults({ deny: [{ operation: 'ListSecretVersionIds' }] });
    const children = await items(secret.node);
    assert.equal(children.length, 1);
    assert.equal(children[0].item.contextValue, 'error.denied');
    assert.match(label(children[0].item), /secretsmanager:ListSecretVersionIds/);
    await admin().clearFaults();
    const fired: (TreeNode | undefined)[] = [];
    const sub = provider().onDidChangeTreeData((e) => fired.push(e));
    await vscode.commands.executeCommand('secretsManager.retry', children[0].node);
    sub.dispose();
    assert.deepEqual(fired, [secret.node], 'Retry refreshes that secret only');
    assert.deepEqual((await items(secret.node)).map((v) => label(v.item)), ['AWSCURRENT']);
  });

  it('a refresh aborts the listing in flight and the waiting view gets the new listing', async () => {
    await admin().setFaults({ latencyMs: 1500 });
    provider().refresh();
    const slow = provider().getChildren();
    await new Promise((r) => setTimeout(r, 200));
    await admin().clearFaults();
    provider().refresh();
    const children = await slow;
    assert.ok(children.length >= 10 && children.every((c) => c.kind === 'secret' || c.kind === 'loadMore'), 'no error node from the aborted listing');
    assert.ok(api.testing.logLines().some((l) => /superseded, cancelled/.test(l)), 'the first listing was aborted');
  });

  it('refreshes only the affected secret after an action (Edit Description)', async () => {
    const name = `tree/refresh-${Date.now()}`;
    const client = sdk();
    await client.send(new CreateSecretCommand({ Name: name, Description: 'before', SecretString: 'v' }));
    try {
      provider().setFilter({ key: 'name', values: [name] });
      const [secret] = await items();
      assert.equal(secret.item.description, 'before');
      const fired: (TreeNode | undefined)[] = [];
      const sub = provider().onDidChangeTreeData((e) => fired.push(e));
      api.testing.usePrompts(new ScriptedPrompts().answerInput('after'));
      await admin().resetCounters();
      await vscode.commands.executeCommand('secretsManager.editDescription', secret.node);
      await waitFor('the tree to refresh the secret', () => fired.length > 0);
      sub.dispose();
      assert.deepEqual(fired, [secret.node], 'only that node, not the whole tree');
      assert.equal(provider().getTreeItem(secret.node).description, 'after', 're-described');
      const calls = (await admin().counters()).byOperation;
      assert.equal(calls.DescribeSecret, 1);
      assert.equal(calls.ListSecrets, undefined, 'no listing');
    } finally {
      await client.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
      client.destroy();
    }
  });

  it('drops a secret that no longer exists when it is refreshed, without listing again', async () => {
    const name = `tree/gone-${Date.now()}`;
    const client = sdk();
    await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v' }));
    provider().setFilter({ key: 'name', values: ['tree/gone-'] });
    assert.ok((await items()).some((x) => label(x.item) === name));
    await client.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
    client.destroy();
    await admin().resetCounters();
    await provider().refreshSecret({ connectionId: connectionId(), secretId: name });
    assert.ok(!(await items()).some((x) => label(x.item) === name));
    assert.deepEqual((await admin().counters()).byOperation, { DescribeSecret: 1 });
  });

  it('never shows a secret value in any label, description, tooltip or id of the expanded tree', async () => {
    await treeSettings().update('includeDeleted', true, vscode.ConfigurationTarget.Global);
    provider().refresh();
    const seen: string[] = [];
    let versions = 0;
    const walk = async (node?: TreeNode) => {
      for (const { node: child, item } of await items(node)) {
        if (child.kind === 'version') versions++;
        seen.push(label(item), String(item.description ?? ''), tooltip(item), item.id ?? '', item.accessibilityInformation?.label ?? '', JSON.stringify(item.command?.title ?? ''));
        if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None) await walk(child);
      }
    };
    await walk();
    const text = seen.join('\n');
    for (const name of Object.values(DEMO_NAMES)) assert.ok(text.includes(name), `the walk saw ${name}`);
    assert.ok(versions >= 15, `the walk expanded every secret (${versions} versions)`);
    for (const value of demoSecretValues()) {
      assert.ok(!text.includes(value), `a secret value appears in the tree: ${value.slice(0, 6)}...`);
      for (const fragment of value.match(/[A-Za-z0-9-]*EXAMPLE[A-Za-z0-9-]*/g) ?? []) {
        if (fragment.length > 12) assert.ok(!text.includes(fragment), `a fragment of a secret value appears in the tree`);
      }
    }
  });
});
