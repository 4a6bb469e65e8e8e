// Secret documents and save-to-publish, in the real VS Code host against the local endpoint.
// Secrets that a test changes are created by the test (and deleted after), so the demo data
// the other suites rely on stays as seeded.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecretCommand, DeleteSecretCommand, PutSecretValueCommand, RestoreSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import { DEMO_NAMES, demoSecretValues } from '../emulator/seed';
import type { SecretState } from '../emulator/types';
import { activate, admin, ScriptedPrompts, sdk, waitFor } from './helpers';

const CURRENT = 'AWSCURRENT';
const run = Date.now().toString(36);

describe('editor: secret documents and save-to-publish', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let connectionId: string;
  let prompts: ScriptedPrompts;
  const created: string[] = [];
  const values: string[] = [...demoSecretValues()];

  const uriOf = (name: string, extra: { versionId?: string; stage?: string } = {}) => api.testing.editor.uriOf({ connectionId, name, ...extra });
  const state = async (name: string): Promise<SecretState> => {
    const s = await admin().secretState(name);
    assert.ok(s, `secret ${name} exists on the endpoint`);
    return s;
  };
  const holder = (s: SecretState, label: string) => s.versions.find((v) => v.stages.includes(label))?.versionId;

  /** A fresh secret for one test (tests never change the demo secrets). */
  async function fresh(kind: string, value: { string?: string; binary?: Uint8Array }): Promise<string> {
    const name = `editor-test/${run}/${kind}`;
    await sdk().send(new CreateSecretCommand({ Name: name, SecretString: value.string, SecretBinary: value.binary }));
    created.push(name);
    if (value.string) values.push(value.string);
    return name;
  }

  async function open(name: string): Promise<vscode.TextEditor> {
    const uri = uriOf(name);
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name } });
    return waitFor(`an editor for ${name}`, () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
  }

  async function replaceAll(editor: vscode.TextEditor, text: string): Promise<void> {
    const doc = editor.document;
    const ok = await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text));
    assert.ok(ok, 'the edit applies');
    assert.ok(doc.isDirty);
  }

  async function revertAndCloseAll(): Promise<void> {
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'secretsmanager')) {
      await vscode.window.showTextDocument(doc, { preview: false });
      await Promise.resolve(vscode.commands.executeCommand('workbench.action.files.revert')).catch((e) => console.log(`      (revert failed: ${e})`));
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
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
    await revertAndCloseAll();
    api.testing.usePrompts(undefined);
  });
  after(async () => {
    // Nothing a test typed or published reached the log.
    const log = api.testing.logLines().join('\n');
    for (const v of values) assert.ok(!log.includes(v), 'no secret value in the log');
    for (const name of created) await sdk().send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })).catch(() => undefined);
  });

  it('opens a JSON secret pretty-printed, in the JSON secret language, editable, in one GetSecretValue', async () => {
    await admin().resetCounters();
    const editor = await open(DEMO_NAMES.json);
    assert.deepEqual((await admin().counters()).byOperation, { GetSecretValue: 1 });
    const doc = editor.document;
    assert.equal(doc.languageId, 'secretsmanager-json');
    assert.match(doc.getText(), /^\{\n  "username": "orders_app",\n  "password": /, "pretty-printed, keys in their stored order");
    assert.ok(doc.getText().includes('"password": "Curr-Pa55word-EXAMPLE-3"'), 'AWSCURRENT is shown');
    const stat = await vscode.workspace.fs.stat(doc.uri);
    assert.equal(stat.permissions, undefined, 'the AWSCURRENT document is writable');
    assert.equal(doc.uri.path, `/${DEMO_NAMES.json} (AWSCURRENT)`, 'the tab reads "db (AWSCURRENT)"');
  });

  it('opens plain text as text and a binary secret as base64', async () => {
    const text = await open(DEMO_NAMES.plaintext);
    assert.equal(text.document.languageId, 'secretsmanager-text');
    assert.equal(text.document.getText(), 'sk_live_EXAMPLE_4eC39HqLyjWDarjtT1zdp7dc');
    const bin = await open(DEMO_NAMES.binary);
    assert.equal(bin.document.languageId, 'secretsmanager-base64');
    const expected = (await state(DEMO_NAMES.binary)).versions.at(-1)!.binaryBase64;
    assert.equal(bin.document.getText(), expected);
  });

  it('opens a secret from the palette through a searchable pick of names (no values)', async () => {
    prompts.answerPick((items) => {
      assert.ok(items.length >= 10, 'the demo secrets are offered');
      assert.ok(!JSON.stringify(items).includes('EXAMPLE_4eC39'), 'no value in the pick');
      return items.find((i) => i.label === DEMO_NAMES.plaintext)!.value;
    });
    await vscode.commands.executeCommand('secretsManager.openSecret');
    const uri = uriOf(DEMO_NAMES.plaintext);
    await waitFor('the picked secret to open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    assert.equal(prompts.picks[0].title, 'Open Secret');
  });

  it('opens an older version read-only and says how to publish or promote it', async () => {
    const s = await state(DEMO_NAMES.json);
    const previous = holder(s, 'AWSPREVIOUS')!;
    await vscode.commands.executeCommand('secretsManager.openVersion', { ref: { connectionId, name: DEMO_NAMES.json, versionId: previous, stage: 'AWSPREVIOUS' } });
    const uri = uriOf(DEMO_NAMES.json, { versionId: previous, stage: 'AWSPREVIOUS' });
    const editor = await waitFor('the version editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    assert.ok(editor.document.getText().includes('Prev-Pa55word-EXAMPLE-2'));
    assert.equal((await vscode.workspace.fs.stat(uri)).permissions, vscode.FilePermission.Readonly);
    const msg = await waitFor('the read-only message', () => prompts.shown.find((m) => /read-only version/.test(m.message)));
    assert.match(msg.message, /Edit as New Version/);
    assert.match(msg.message, /Promote to AWSCURRENT/);
    assert.deepEqual(msg.buttons, ['Edit as New Version', 'Promote to AWSCURRENT']);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{}'))), /read-only version/);
  });

  it('publishes exactly one version on save; AWSCURRENT and AWSPREVIOUS move; the save reads the secret for the plan, again right before the write, and once after', async () => {
    const name = await fresh('publish', { string: JSON.stringify({ user: 'app', password: 'First-EXAMPLE-101' }) });
    const before = await state(name);
    const first = holder(before, CURRENT)!;
    const editor = await open(name);
    await replaceAll(editor, '{\n  "user": "app",\n  "password": "Second-EXAMPLE-102",\n  "ssl": true\n}');
    values.push('Second-EXAMPLE-102');
    await admin().resetCounters();
    prompts.answerModal('Publish');
    assert.equal(await editor.document.save(), true, 'the save succeeds');
    // The confirmation's plan, the check right before the write, the write; after the save, one
    // more DescribeSecret checks who holds AWSPREVIOUS (and refreshes the tree's node).
    await api.testing.editor.publish.settled();
    assert.deepEqual((await admin().counters()).byOperation, { DescribeSecret: 3, PutSecretValue: 1 });
    assert.ok(!editor.document.isDirty);

    const after = await state(name);
    assert.equal(after.versions.length, before.versions.length + 1, 'exactly one new version');
    const added = after.versions.at(-1)!;
    assert.deepEqual(added.stages, [CURRENT]);
    assert.equal(added.string, '{"user":"app","password":"Second-EXAMPLE-102","ssl":true}', 'published compact, as the console does');
    assert.deepEqual(after.versions.find((v) => v.versionId === first)!.stages, ['AWSPREVIOUS']);

    const confirm = prompts.shown.find((m) => m.modal)!;
    assert.equal(confirm.message, `Publish a new version of ${name}?`);
    assert.deepEqual(confirm.buttons, ['Publish', 'Publish with labels...', 'Show diff']);
    assert.ok(confirm.detail!.includes(`AWSCURRENT moves from ${first.slice(0, 8)} to the new version; AWSPREVIOUS moves to ${first.slice(0, 8)}.`));
    assert.ok(confirm.detail!.includes('Keys added: ssl'));
    assert.ok(confirm.detail!.includes('Keys changed: password'));
    assert.match(confirm.detail!, /The current version was created less than a minute ago/);
    const done = await waitFor('the published notification', () => prompts.shown.find((m) => m.message.startsWith('Published')));
    assert.equal(done.message, `Published ${name}: new version ${added.versionId.slice(0, 8)} (AWSCURRENT).`);
    assert.deepEqual(done.buttons, ['Show Versions', 'Compare with Previous']);
    assert.ok(!prompts.allText().includes('EXAMPLE-10'), 'no value in any message');

    // The document now stands for the new version: a second edit conflicts with nobody.
    await replaceAll(editor, '{"user":"app","password":"Third-EXAMPLE-103"}');
    values.push('Third-EXAMPLE-103');
    prompts.answerModal('Publish');
    assert.equal(await editor.document.save(), true);
    const third = await state(name);
    assert.equal(third.versions.length, before.versions.length + 2);
    assert.equal(holder(third, 'AWSPREVIOUS'), added.versionId);
    assert.ok(!prompts.shown.some((m) => /changed since you opened it/.test(m.message)), 'no false conflict');
  });

  it('publishes from the Publish command (Ctrl+S) after asking, and cancelling there keeps the edit without an error', async () => {
    const name = await fresh('command', { string: 'token-EXAMPLE-201' });
    const editor = await open(name);
    await replaceAll(editor, 'token-EXAMPLE-202');
    values.push('token-EXAMPLE-202');
    prompts.answerModal(undefined); // Cancel
    await vscode.commands.executeCommand('secretsManager.publish');
    assert.ok(editor.document.isDirty, 'still dirty');
    assert.equal(editor.document.getText(), 'token-EXAMPLE-202');
    assert.equal((await state(name)).versions.length, 1, 'nothing published');
    assert.ok(!prompts.shown.some((m) => m.level === 'error'), 'a cancel is not an error');

    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await waitFor('the save', () => !editor.document.isDirty);
    const s = await state(name);
    assert.equal(s.versions.length, 2);
    assert.equal(s.versions.at(-1)!.string, 'token-EXAMPLE-202', 'plain text is published exactly as typed');
    assert.deepEqual(s.versions.at(-1)!.stages, [CURRENT]);
  });

  it('publishes with custom labels only, leaving AWSCURRENT where it is', async () => {
    const name = await fresh('labels', { string: JSON.stringify({ key: 'Live-EXAMPLE-301' }) });
    const live = holder(await state(name), CURRENT)!;
    const editor = await open(name);
    await replaceAll(editor, '{"key": "Candidate-EXAMPLE-302"}');
    values.push('Candidate-EXAMPLE-302');
    prompts
      .answerModal('Publish with labels...', 'Publish')
      .answerPick((items) => {
        assert.deepEqual(items.map((i) => [i.label, i.picked]), [['AWSCURRENT', true], ['AWSPENDING', false], ['New label...', false]]);
        return ['\u0000new'];
      })
      .answerInput('STAGING');
    assert.equal(await editor.document.save(), true);
    const s = await state(name);
    assert.equal(s.versions.length, 2);
    assert.deepEqual(s.versions.at(-1)!.stages, ['STAGING']);
    assert.equal(holder(s, CURRENT), live, 'AWSCURRENT did not move');
    assert.equal(holder(s, 'AWSPREVIOUS'), undefined, 'and so AWSPREVIOUS did not either');
    const confirms = prompts.shown.filter((m) => m.modal);
    assert.equal(confirms.length, 2, 'the confirmation is shown again with the chosen labels');
    assert.ok(confirms[1].detail!.includes(`AWSCURRENT stays where it is, on ${live.slice(0, 8)}: the new version does not become current`));
    assert.ok(confirms[1].detail!.includes('STAGING is attached to the new version.'));
    // The AWSCURRENT document shows AWSCURRENT's value again.
    await waitFor('the document to show AWSCURRENT again', () => editor.document.getText().includes('Live-EXAMPLE-301'));
    assert.ok(!editor.document.isDirty);
  });

  it('"Publish New Version with Labels..." publishes with AWSPENDING only', async () => {
    const name = await fresh('pending', { string: 'pending-EXAMPLE-351' });
    const live = holder(await state(name), CURRENT)!;
    const editor = await open(name);
    await replaceAll(editor, 'pending-EXAMPLE-352');
    values.push('pending-EXAMPLE-352');
    prompts.answerPick(() => ['AWSPENDING']).answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publishWithLabels');
    await waitFor('the publish', async () => (await state(name)).versions.length === 2);
    const s = await state(name);
    assert.deepEqual(s.versions.at(-1)!.stages, ['AWSPENDING']);
    assert.equal(holder(s, CURRENT), live);
    const confirm = prompts.shown.find((m) => m.modal)!;
    assert.ok(confirm.detail!.includes(`AWSCURRENT stays where it is, on ${live.slice(0, 8)}`));
    assert.ok(confirm.detail!.includes('AWSPENDING is attached to the new version.'));
  });

  it('publishes nothing for a reformatted but equal JSON save', async () => {
    const name = await fresh('noop', { string: '{"a":1,"b":{"c":[1,2]}}' });
    const editor = await open(name);
    await replaceAll(editor, '{ "b": { "c": [ 1, 2.0 ] },\n\n "a": 1 }');
    await admin().resetCounters();
    assert.equal(await editor.document.save(), true, 'the document is marked saved');
    assert.ok(!editor.document.isDirty);
    assert.deepEqual((await admin().counters()).byOperation, {}, 'not a single request');
    assert.equal((await state(name)).versions.length, 1);
    assert.ok(prompts.shown.some((m) => m.message === `No change to ${name}: the value equals AWSCURRENT's, so nothing was published.`));
    assert.ok(!prompts.shown.some((m) => m.modal), 'no confirmation');
  });

  it('refuses invalid JSON with its position and keeps the document dirty', async () => {
    const name = await fresh('badjson', { string: JSON.stringify({ user: 'app', password: 'Json-EXAMPLE-401' }) });
    const editor = await open(name);
    const broken = '{\n  "user": "app",\n  "password": "Json-EXAMPLE-401"\n  "extra": 1\n}';
    await replaceAll(editor, broken);
    await admin().resetCounters();
    prompts.answerModal(undefined); // not "Publish as Plain Text"
    assert.equal(await editor.document.save(), false, 'the save fails');
    assert.ok(editor.document.isDirty);
    assert.equal(editor.document.getText(), broken, 'the text is intact');
    const ask = prompts.shown.find((m) => m.modal)!;
    assert.equal(ask.message, "The secret was JSON and the text is no longer valid JSON: Expected ',' or '}' after a property value (line 4, column 3). Publish it as plain text instead?");
    assert.deepEqual(ask.buttons, ['Publish as Plain Text']);
    assert.match(api.testing.editor.lastFailure(editor.document.uri)!, /^Not published: .*line 4, column 3.*Fix it, or save again and choose "Publish as Plain Text"/);
    assert.deepEqual((await admin().counters()).byOperation, {}, 'nothing was sent');
    const diagnostics = await waitFor('the editor to mark where the JSON breaks', () => {
      const d = vscode.languages.getDiagnostics(editor.document.uri);
      return d.length ? d : undefined;
    });
    assert.equal(diagnostics.length, 1);
    assert.ok(!diagnostics[0].message.includes('EXAMPLE'), 'the diagnostic quotes no value');
    assert.equal(diagnostics[0].range.start.line, 3);
  });

  it('refuses 65,537 bytes (UTF-8) with a clear message and keeps the text', async () => {
    const name = await fresh('size', { string: 'small-EXAMPLE-501' });
    const editor = await open(name);
    const big = `${'é'.repeat(32_768)}x`;
    await replaceAll(editor, big);
    await admin().resetCounters();
    assert.equal(await editor.document.save(), false);
    assert.ok(editor.document.isDirty);
    assert.equal(editor.document.getText(), big);
    assert.equal(
      api.testing.editor.lastFailure(editor.document.uri),
      'Not published: The secret is 65,537 bytes of UTF-8; Secrets Manager accepts at most 65,536 bytes. Remove at least 1 byte.',
    );
    assert.deepEqual((await admin().counters()).byOperation, {});
    // 65,536 bytes is fine.
    await replaceAll(editor, 'é'.repeat(32_768));
    prompts.answerModal('Publish');
    assert.equal(await editor.document.save(), true);
    assert.equal((await state(name)).versions.length, 2);
  });

  it('publishes an edited binary secret back as SecretBinary', async () => {
    const name = await fresh('binary', { binary: new Uint8Array([1, 2, 3, 4]) });
    const editor = await open(name);
    assert.equal(editor.document.getText(), 'AQIDBA==');
    await replaceAll(editor, 'AQIDBAU=');
    prompts.answerModal('Publish');
    assert.equal(await editor.document.save(), true);
    const v = (await state(name)).versions.at(-1)!;
    assert.equal(v.binaryBase64, 'AQIDBAU=');
    assert.equal(v.string, undefined);
    await replaceAll(editor, 'not base64!');
    assert.equal(await editor.document.save(), false);
    assert.match(api.testing.editor.lastFailure(editor.document.uri)!, /no longer valid base64/);
  });

  it('detects another writer: Cancel keeps the edit, Overwrite publishes over them', async () => {
    const name = await fresh('conflict', { string: JSON.stringify({ k: 'Base-EXAMPLE-601' }) });
    const editor = await open(name);
    const read = holder(await state(name), CURRENT)!;
    await sdk().send(new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify({ k: 'Theirs-EXAMPLE-602' }) }));
    values.push(JSON.stringify({ k: 'Theirs-EXAMPLE-602' }));
    const theirs = holder(await state(name), CURRENT)!;
    await replaceAll(editor, '{"k": "Mine-EXAMPLE-603"}');
    values.push('Mine-EXAMPLE-603');

    prompts.answerModal(undefined); // Cancel
    assert.equal(await editor.document.save(), false);
    assert.ok(editor.document.isDirty);
    const conflict = prompts.shown.find((m) => m.modal)!;
    assert.equal(conflict.message, `${name} changed since you opened it: someone published ${theirs.slice(0, 8)} as AWSCURRENT after you read ${read.slice(0, 8)}.`);
    assert.deepEqual(conflict.buttons, ['Compare', 'Overwrite']);
    assert.equal((await state(name)).versions.length, 2, 'nothing published');

    prompts.answerModal('Overwrite', 'Publish');
    assert.equal(await editor.document.save(), true);
    const s = await state(name);
    assert.equal(s.versions.length, 3);
    assert.equal(s.versions.at(-1)!.string, '{"k":"Mine-EXAMPLE-603"}');
    assert.equal(holder(s, 'AWSPREVIOUS'), theirs, "theirs becomes AWSPREVIOUS");
    const confirm = prompts.shown.filter((m) => m.modal).at(-1)!;
    assert.match(confirm.detail!, /Someone else published .* after you opened this secret/);
  });

  it('Compare from a conflict opens a diff with Publish and Cancel Publish', async () => {
    const name = await fresh('compare', { string: JSON.stringify({ k: 'Base-EXAMPLE-701' }) });
    const editor = await open(name);
    await sdk().send(new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify({ k: 'Theirs-EXAMPLE-702' }) }));
    values.push(JSON.stringify({ k: 'Theirs-EXAMPLE-702' }));
    await replaceAll(editor, '{"k": "Mine-EXAMPLE-703"}');
    prompts.answerModal('Compare');
    await vscode.commands.executeCommand('secretsManager.publish');
    const tab = await waitFor('the diff', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === editor.document.uri.toString()));
    assert.equal((tab.input as vscode.TabInputTextDiff).original.query.includes('version='), true, 'the left side is a pinned, read-only version');
    assert.ok(editor.document.isDirty);
    await vscode.commands.executeCommand('secretsManager.cancelPublish', editor.document.uri);
    await waitFor('the diff to close', () => !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff));
    assert.ok(editor.document.isDirty, 'cancel keeps the edit');
    assert.equal((await state(name)).versions.length, 2);
  });

  it('Show diff from the confirmation, then Publish from the diff title: published once, no second question, diff closed', async () => {
    const name = await fresh('review', { string: JSON.stringify({ k: 'Review-EXAMPLE-751' }) });
    const editor = await open(name);
    await replaceAll(editor, '{"k": "Reviewed-EXAMPLE-752"}');
    values.push('Reviewed-EXAMPLE-752');
    prompts.answerModal('Show diff');
    await vscode.commands.executeCommand('secretsManager.publish');
    const isReviewDiff = (t: vscode.Tab) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === editor.document.uri.toString();
    await waitFor('the review diff', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isReviewDiff));
    assert.equal((await state(name)).versions.length, 1, 'showing the diff publishes nothing');
    assert.ok(editor.document.isDirty);
    // The diff title's Publish passes the diff's resource.
    await vscode.commands.executeCommand('secretsManager.publish', editor.document.uri);
    const s = await state(name);
    assert.equal(s.versions.length, 2, 'published once');
    assert.equal(s.versions.at(-1)!.string, '{"k":"Reviewed-EXAMPLE-752"}');
    assert.equal(prompts.shown.filter((m) => m.modal).length, 1, 'the confirmation was not asked again');
    assert.deepEqual(prompts.shown.filter((m) => m.level === 'error'), []);
    await waitFor('the review diff to close', () => !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some(isReviewDiff));
    assert.ok(!editor.document.isDirty);
  });

  it('retries after the endpoint committed and dropped the connection, and still creates exactly one version', async () => {
    const name = await fresh('drop', { string: 'drop-EXAMPLE-801' });
    const editor = await open(name);
    await replaceAll(editor, 'drop-EXAMPLE-802');
    values.push('drop-EXAMPLE-802');
    await admin().setFaults({ dropAfterCommit: { count: 1, operations: ['PutSecretValue'] } });
    await admin().resetCounters();
    prompts.answerModal('Publish');
    let saved = await editor.document.save();
    if (!saved) {
      // The SDK did not retry by itself: the user saves again, with the same request token (the
      // confirmed request is sent again without a second question).
      assert.ok(editor.document.isDirty);
      saved = await editor.document.save();
    }
    assert.ok(saved);
    assert.equal(prompts.shown.filter((m) => m.modal).length, 1, 'asked once');
    const s = await state(name);
    assert.equal(s.versions.length, 2, 'exactly one new version although the write was sent twice');
    assert.equal((await admin().counters()).byOperation.PutSecretValue, 2, 'the first request was committed and dropped, the retry got its answer');
    assert.equal(s.versions.at(-1)!.string, 'drop-EXAMPLE-802');
  });

  it('access denied throws from the save: the document stays dirty with the text intact', async () => {
    const name = await fresh('denied', { string: 'denied-EXAMPLE-901' });
    const editor = await open(name);
    await replaceAll(editor, 'denied-EXAMPLE-902');
    values.push('denied-EXAMPLE-902');
    await admin().setFaults({ deny: [{ operation: 'PutSecretValue', secretId: name }] });
    prompts.answerModal('Publish');
    assert.equal(await editor.document.save(), false);
    assert.ok(editor.document.isDirty);
    assert.equal(editor.document.getText(), 'denied-EXAMPLE-902');
    assert.match(api.testing.editor.lastFailure(editor.document.uri)!, /^Not published: Access denied: .*secretsmanager:PutSecretValue.*Your text is still in the editor\.$/);
    assert.equal((await state(name)).versions.length, 1);
  });

  it('refuses to publish to a secret scheduled for deletion, saying to restore it', async () => {
    const name = await fresh('deleted', { string: 'deleted-EXAMPLE-951' });
    const editor = await open(name);
    await sdk().send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
    await replaceAll(editor, 'deleted-EXAMPLE-952');
    assert.equal(await editor.document.save(), false);
    assert.match(api.testing.editor.lastFailure(editor.document.uri)!, /scheduled for deletion .*Restore it first/);
    assert.ok(editor.document.isDirty);
    assert.equal(editor.document.getText(), 'deleted-EXAMPLE-952');
    await sdk().send(new RestoreSecretCommand({ SecretId: name }));
  });

  it('creates a secret from an empty document, then shows it as its AWSCURRENT document', async () => {
    const name = `editor-test/${run}/created`;
    created.push(name);
    prompts.answerInput(name).answerModal('Create');
    await vscode.commands.executeCommand('secretsManager.createSecret');
    const createUri = api.testing.editor.uriOf({ connectionId, name, create: true });
    const editor = await waitFor('the new secret editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === createUri.toString()));
    assert.equal(editor.document.getText(), '');
    assert.equal(createUri.path, `/${name} (new secret)`);
    await replaceAll(editor, '{\n  "user": "new",\n  "password": "Created-EXAMPLE-999"\n}');
    values.push('Created-EXAMPLE-999');
    assert.equal(await editor.document.save(), true);
    const s = await state(name);
    assert.equal(s.versions.length, 1);
    assert.deepEqual(s.versions[0].stages, [CURRENT]);
    assert.equal(s.versions[0].string, '{"user":"new","password":"Created-EXAMPLE-999"}');
    const confirm = prompts.shown.find((m) => m.modal)!;
    assert.equal(confirm.message, `Create the secret ${name}?`);
    const live = uriOf(name);
    await waitFor('the AWSCURRENT document replaces the new-secret tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === live.toString()) &&
      !vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === createUri.toString()));
  });
});
