// The publish path's promises on the paths a careful user walks (issue 14), in the real VS Code
// host against the local endpoint: a lost response and what every retry path does after it,
// another writer during the confirmation, a token that must not outlive its context, a labels-only
// publish whose editor must not show the staged value as AWSCURRENT, secrets with no version,
// lossless restores, rotations in progress, a writer that slips in between the check and the
// write, encodings, BOM and line endings, and nothing kept after a document closes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import type { SecretState } from '../emulator/types';
import { activate, admin, ScriptedPrompts, sdk, waitFor, type Shown } from './helpers';

const CURRENT = 'AWSCURRENT';
const run = Date.now().toString(36);
let n = 0;

describe('publish promises: lost responses, retries, other writers', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let connectionId: string;
  let prompts: ScriptedPrompts;

  const state = async (name: string): Promise<SecretState> => (await admin().secretState(name))!;
  const holder = (s: SecretState, label: string) => s.versions.find((v) => v.stages.includes(label));
  const short = (id: string) => id.slice(0, 8);

  async function fresh(value: { string?: string; binary?: Uint8Array } | undefined): Promise<string> {
    const name = `promises/${run}-${++n}`;
    await sdk().send(new CreateSecretCommand({ Name: name, SecretString: value?.string, SecretBinary: value?.binary }));
    return name;
  }
  async function put(name: string, text: string, stages?: string[]): Promise<string> {
    return (await sdk().send(new PutSecretValueCommand({ SecretId: name, SecretString: text, VersionStages: stages }))).VersionId!;
  }
  async function open(name: string): Promise<vscode.TextEditor> {
    const uri = api.testing.editor.uriOf({ connectionId, name });
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name } });
    return waitFor(`an editor for ${name}`, () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
  }
  async function type(editor: vscode.TextEditor, text: string): Promise<void> {
    const d = editor.document;
    assert.ok(await editor.edit((b) => b.replace(new vscode.Range(d.positionAt(0), d.positionAt(d.getText().length)), text)));
  }
  /** The endpoint drops the connection after committing every attempt of the next PutSecretValue (the SDK makes 3). */
  const loseResponses = () => admin().setFaults({ dropAfterCommit: { count: 3, operations: ['PutSecretValue'] } });
  const settled = () => api.testing.editor.publish.settled();
  const toast = (re: RegExp) => prompts.shown.find((m) => !m.modal && re.test(m.message));

  before(async () => {
    api = await activate();
    connectionId = api.testing.connections.list()[0].id;
  });
  beforeEach(() => {
    prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      console.log(`      shown: ${JSON.stringify(prompts.shown.map((m) => `${m.level}${m.modal ? '(modal)' : ''}: ${m.message} [${m.buttons.join('|')}]`), null, 1)}`);
      console.log(`      log: ${api.testing.logLines().slice(-30).join('\n        ')}`);
    }
    await admin().clearFaults();
    await settled();
    for (const d of vscode.workspace.textDocuments.filter((x) => x.isDirty && x.uri.scheme === 'secretsmanager')) {
      await vscode.window.showTextDocument(d, { preview: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    api.testing.usePrompts(undefined);
  });

  it('a lost response after "Publish with labels..." (STAGING only): Ctrl+S finds it went through, sends nothing new, and AWSCURRENT stays', async () => {
    const name = await fresh({ string: 'live-EXAMPLE-1' });
    const live = holder(await state(name), CURRENT)!.versionId;
    const editor = await open(name);
    await type(editor, 'staged-EXAMPLE-2');
    await loseResponses();
    prompts.answerPick(() => ['STAGING']).answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publishWithLabels');
    const failure = await waitFor('the failure', () => toast(/^Not published: Can't reach/));
    assert.match(failure.message, /Retry \(or save again\) sends the same request: the same labels and request token, so it never creates a second version\./);
    assert.ok(failure.buttons.includes('Retry'));
    assert.ok(editor.document.isDirty, 'the text stays');
    let s = await state(name);
    assert.equal(s.versions.length, 2, 'the write was committed');
    const staged = s.versions.find((v) => v.stages.includes('STAGING'))!;
    await admin().clearFaults();
    await admin().resetCounters();

    // Ctrl+S: the same text, no new choice.
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    s = await state(name);
    assert.equal(s.versions.length, 2, 'no second version');
    assert.equal(holder(s, CURRENT)!.versionId, live, 'AWSCURRENT did not move to the staged value');
    assert.equal((await admin().counters()).byOperation.PutSecretValue, undefined, 'nothing was sent again');
    assert.ok(prompts.shown.some((m) => m.message.includes(`Your earlier publish of ${name} went through: version ${short(staged.versionId)} (STAGING).`)));
    assert.ok(!prompts.shown.some((m) => /someone published/.test(m.message)), 'its own write is not called someone else\'s');
    await waitFor('the AWSCURRENT document to show AWSCURRENT again', () => editor.document.getText() === 'live-EXAMPLE-1' && !editor.document.isDirty);
  });

  it('the Retry button of a lost response resends the same request with the same labels, not the defaults', async () => {
    const name = await fresh({ string: 'live-EXAMPLE-11' });
    const live = holder(await state(name), CURRENT)!.versionId;
    const editor = await open(name);
    await type(editor, 'staged-EXAMPLE-12');
    await loseResponses();
    prompts.answerPick(() => ['STAGING']).answerModal('Publish');
    prompts.answerToast(/^Not published: Can't reach/, () => {
      void admin().clearFaults();
      return 'Retry';
    });
    await vscode.commands.executeCommand('secretsManager.publishWithLabels');
    await waitFor('the retry', () => prompts.shown.some((m) => /went through/.test(m.message)));
    await settled();
    const s = await state(name);
    assert.equal(s.versions.length, 2, 'one version for one confirmation');
    assert.equal(holder(s, CURRENT)!.versionId, live);
    assert.deepEqual(s.versions.at(-1)!.stages, ['STAGING']);
    assert.equal(prompts.shown.filter((m) => m.modal).length, 1, 'the retry asked nothing again');
    assert.ok(!editor.document.isDirty);
  });

  it('"Publish with labels..." whose read fails before the labels are chosen (confirmation off): Retry asks for the labels again, never publishes to AWSCURRENT', async () => {
    const config = vscode.workspace.getConfiguration('secretsManager');
    await config.update('publish.confirm', false, vscode.ConfigurationTarget.Global);
    try {
      const name = await fresh({ string: 'live-EXAMPLE-13' });
      const live = holder(await state(name), CURRENT)!.versionId;
      const editor = await open(name);
      await type(editor, 'staged-EXAMPLE-14');
      await admin().setFaults({ internalError: { count: 10, operations: ['DescribeSecret'] } });
      prompts.answerToast(/^Not published: .*internal error during DescribeSecret/, () => {
        void admin().clearFaults();
        return 'Retry';
      });
      prompts.answerPick(() => ['STAGING']);
      await vscode.commands.executeCommand('secretsManager.publishWithLabels');
      await waitFor('the retry to publish', async () => (await state(name)).versions.length === 2);
      await settled();
      const s = await state(name);
      assert.equal(holder(s, CURRENT)!.versionId, live, 'AWSCURRENT did not move');
      assert.deepEqual(s.versions.at(-1)!.stages, ['STAGING']);
    } finally {
      await config.update('publish.confirm', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('another writer publishes while the confirmation is open: the check right before the write says so, and nothing of theirs is displaced', async () => {
    const name = await fresh({ string: '{"k":"base-EXAMPLE-21"}' });
    const editor = await open(name);
    await type(editor, '{"k":"mine-EXAMPLE-22"}');
    let theirs = '';
    prompts.answerModal(async () => {
      theirs = await put(name, '{"k":"theirs-EXAMPLE-23"}');
      return 'Publish';
    });
    prompts.answerModal(undefined); // Cancel at "changed while you were confirming"
    await vscode.commands.executeCommand('secretsManager.publish');
    const conflict = prompts.shown.filter((m) => m.modal)[1];
    assert.ok(conflict, 'a second question came');
    assert.equal(conflict.message, `${name} changed while you were confirming: someone published ${short(theirs)} as AWSCURRENT.`);
    assert.deepEqual(conflict.buttons, ['Compare', 'Overwrite']);
    const s = await state(name);
    assert.equal(holder(s, CURRENT)!.versionId, theirs, 'their value is still AWSCURRENT');
    assert.equal(s.versions.length, 2, 'nothing published');
    assert.ok(editor.document.isDirty);

    // Again, with Overwrite this time: published over theirs, as the user chose.
    prompts.answerModal('Overwrite', 'Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    const after = await state(name);
    assert.equal(after.versions.length, 3);
    assert.equal(holder(after, 'AWSPREVIOUS')!.versionId, theirs, 'theirs became AWSPREVIOUS, as the Overwrite said');
  });

  it('a token does not outlive its context: lost response, another writer, revert, the same text again is a new version', async () => {
    const name = await fresh({ string: 'one-EXAMPLE-31' });
    const editor = await open(name);
    await type(editor, 'two-EXAMPLE-32');
    await loseResponses();
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await waitFor('the failure', () => toast(/^Not published/));
    await admin().clearFaults();
    const lost = holder(await state(name), CURRENT)!.versionId;
    const theirs = await put(name, 'theirs-EXAMPLE-33');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the revert', () => !editor.document.isDirty && editor.document.getText() === 'theirs-EXAMPLE-33');
    // The same text as the lost write: its old token would make PutSecretValue a silent no-op.
    await type(editor, 'two-EXAMPLE-32');
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    const s = await state(name);
    assert.equal(s.versions.length, 4, 'one, the lost write, theirs, and this publish');
    const mine = holder(s, CURRENT)!;
    assert.notEqual(mine.versionId, lost, 'a new token');
    assert.equal(mine.string, 'two-EXAMPLE-32');
    assert.equal(holder(s, 'AWSPREVIOUS')!.versionId, theirs);
    assert.ok(prompts.shown.some((m) => m.message.startsWith(`Published ${name}: new version ${short(mine.versionId)} (AWSCURRENT).`)));
  });

  it('after a lost response, a further edit publishes on top of the earlier publish, which is not called someone else\'s', async () => {
    const name = await fresh({ string: 'one-EXAMPLE-41' });
    const editor = await open(name);
    await type(editor, 'two-EXAMPLE-42');
    await loseResponses();
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await waitFor('the failure', () => toast(/^Not published/));
    await admin().clearFaults();
    const two = holder(await state(name), CURRENT)!.versionId;
    await type(editor, 'three-EXAMPLE-43');
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    assert.ok(prompts.shown.some((m) => m.message.startsWith(`Your earlier publish of ${name} went through: version ${short(two)}`)));
    assert.ok(!prompts.shown.some((m) => /someone published/.test(m.message)));
    const confirm = prompts.shown.filter((m) => m.modal).at(-1)!;
    assert.ok(confirm.detail!.includes(`AWSCURRENT moves from ${short(two)} to the new version`), 'the plan starts from the earlier publish');
    const s = await state(name);
    assert.equal(s.versions.length, 3);
    assert.equal(holder(s, 'AWSPREVIOUS')!.versionId, two);
  });

  it('a labels-only publish shows AWSCURRENT again without reading it, so a failing read cannot leave the staged value looking current', async () => {
    const name = await fresh({ string: 'live-EXAMPLE-51' });
    const editor = await open(name);
    await type(editor, 'staged-EXAMPLE-52');
    await admin().setFaults({ internalError: { count: 10, operations: ['GetSecretValue'] } });
    await admin().resetCounters();
    prompts.answerPick(() => ['STAGING']).answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publishWithLabels');
    await settled();
    await waitFor('AWSCURRENT shown', () => editor.document.getText() === 'live-EXAMPLE-51');
    assert.ok(!editor.document.isDirty);
    assert.equal((await admin().counters()).byOperation.GetSecretValue, undefined, 'no read was needed');
    // The next save of a new edit starts from AWSCURRENT, not from the staged value.
    await admin().clearFaults();
    await type(editor, 'next-EXAMPLE-53');
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    const s = await state(name);
    assert.equal(holder(s, CURRENT)!.string, 'next-EXAMPLE-53');
    assert.equal(holder(s, 'AWSPREVIOUS')!.string, 'live-EXAMPLE-51');
    assert.equal(holder(s, 'STAGING')!.string, 'staged-EXAMPLE-52');
  });

  it('a secret with no version opens empty and says so; its first save publishes the first version; Create Secret opens it', async () => {
    const name = await fresh(undefined);
    const editor = await open(name);
    assert.equal(editor.document.getText(), '');
    await waitFor('the message', () => prompts.shown.find((m) => m.message.startsWith(`${name} has no value yet`)));
    await type(editor, '{"user":"app","password":"first-EXAMPLE-61"}');
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    const confirm = prompts.shown.find((m) => m.modal)!;
    assert.ok(confirm.detail!.includes('The new version gets AWSCURRENT.'));
    const s = await state(name);
    assert.equal(s.versions.length, 1);
    assert.deepEqual(s.versions[0].stages, [CURRENT]);
    assert.equal(s.versions[0].string, '{"user":"app","password":"first-EXAMPLE-61"}');
    assert.ok(!editor.document.isDirty);

    const other = await fresh(undefined);
    prompts.answerInput(other);
    await vscode.commands.executeCommand('secretsManager.createSecret', { connectionId });
    const live = api.testing.editor.uriOf({ connectionId, name: other });
    await waitFor('its AWSCURRENT document', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === live.toString()));
    assert.ok(!prompts.shown.some((m) => /already exists/.test(m.message)), 'not "already exists"');
  });

  it('restores a version losslessly (big numbers, duplicate keys, escapes) and a binary version as binary', async () => {
    const exact = '{"id":12345678901234567890,"a":1,"a":2,"s":"caf\\u00e9"}';
    const name = await fresh({ string: exact });
    const v1 = holder(await state(name), CURRENT)!.versionId;
    await put(name, '{"k":"later-EXAMPLE-71"}');
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.restoreValue', { ref: { connectionId, name, versionId: v1 } });
    const document = vscode.window.activeTextEditor!.document;
    assert.ok(document.getText().includes('12345678901234567890') && document.getText().includes('"a": 1') && document.getText().includes('"a": 2') && document.getText().includes('caf\\u00e9'));
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    assert.equal(holder(await state(name), CURRENT)!.string, exact, 'the restored value, byte for byte');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    const bin = await fresh({ binary: new Uint8Array([1, 2, 3]) });
    const b1 = holder(await state(bin), CURRENT)!.versionId;
    await put(bin, 'now-text-EXAMPLE-72');
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.restoreValue', { ref: { connectionId, name: bin, versionId: b1 } });
    const restored = vscode.window.activeTextEditor!.document;
    assert.equal(restored.getText(), 'AQID');
    assert.equal(restored.languageId, 'secretsmanager-base64');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    const v = holder(await state(bin), CURRENT)!;
    assert.equal(v.binaryBase64, 'AQID', 'published as SecretBinary');
    assert.equal(v.string, undefined);
    const confirm = prompts.shown.filter((m) => m.modal).at(-1)!;
    assert.ok(confirm.detail!.includes('The value changes from text to binary.'));
  });

  it('Restore Value of a binary version, then Undo: the document publishes as its own version again (an edit is not refused as base64)', async () => {
    const name = await fresh({ binary: new Uint8Array([1, 2, 3]) });
    const b1 = holder(await state(name), CURRENT)!.versionId;
    await put(name, '{"k":"now-EXAMPLE-121"}');
    const editor = await open(name);
    await vscode.commands.executeCommand('secretsManager.restoreValue', { ref: { connectionId, name, versionId: b1 } });
    assert.equal(editor.document.getText(), 'AQID');
    await vscode.window.showTextDocument(editor.document, { preview: false });
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => !editor.document.isDirty && editor.document.getText().includes('now-EXAMPLE-121'));
    await new Promise((r) => setTimeout(r, 400));
    await type(editor, '{"k":"mine-EXAMPLE-122"}');
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    assert.ok(!prompts.shown.some((m) => /base64/.test(m.message)), 'not refused as base64');
    assert.equal(holder(await state(name), CURRENT)!.string, '{"k":"mine-EXAMPLE-122"}');
  });

  it('Restore Value over an unpublished edit of a binary secret, then Undo: the edit brought back publishes as binary again', async () => {
    const name = await fresh({ binary: new Uint8Array([1, 2, 3]) });
    const t1 = await put(name, 'old-text-EXAMPLE-123', ['OLD']);
    const editor = await open(name);
    await type(editor, 'AQIDBA==');
    prompts.answerModal('Replace');
    await vscode.commands.executeCommand('secretsManager.restoreValue', { ref: { connectionId, name, versionId: t1 } });
    assert.equal(editor.document.getText(), 'old-text-EXAMPLE-123');
    await vscode.window.showTextDocument(editor.document, { preview: false });
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => editor.document.getText() === 'AQIDBA==');
    await new Promise((r) => setTimeout(r, 400));
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    const v = holder(await state(name), CURRENT)!;
    assert.equal(v.binaryBase64, 'AQIDBA==', 'the edit, as SecretBinary');
    assert.equal(v.string, undefined);
  });

  it('Restore Value while the AWSCURRENT document has unpublished changes asks first: Cancel keeps the edit, Replace restores', async () => {
    const name = await fresh({ string: 'old-EXAMPLE-101' });
    const v1 = holder(await state(name), CURRENT)!.versionId;
    await put(name, 'now-EXAMPLE-102');
    const editor = await open(name);
    await type(editor, 'mine-EXAMPLE-103');
    prompts.answerModal(undefined);
    await vscode.commands.executeCommand('secretsManager.restoreValue', { ref: { connectionId, name, versionId: v1 } });
    const asked = prompts.shown.find((m) => m.modal)!;
    assert.match(asked.message, /^promises\/\S+ has unpublished changes in its editor\. Replace them with this version's value\?$/);
    assert.equal(editor.document.getText(), 'mine-EXAMPLE-103', 'the unpublished edit is kept');
    assert.ok(!toast(/is in the editor/), 'not told the old value is in the editor');

    prompts.answerModal('Replace');
    await vscode.commands.executeCommand('secretsManager.restoreValue', { ref: { connectionId, name, versionId: v1 } });
    assert.equal(editor.document.getText(), 'old-EXAMPLE-101');
    assert.ok(toast(/is in the editor\. Review it and save/));
    assert.equal((await state(name)).versions.length, 2, 'nothing published');
  });

  it('Ctrl+S again with other text while the first publish is being sent: refused with what to do, the first lands alone, the newer text stays', async () => {
    const name = await fresh({ string: 'base-EXAMPLE-111' });
    const editor = await open(name);
    await type(editor, 'first-EXAMPLE-112');
    prompts.answerModal('Publish');
    await admin().setFaults({ latencyMs: 1500 });
    const first = vscode.commands.executeCommand('secretsManager.publish');
    await waitFor('the write in flight', () => prompts.progressShown.some((p) => /^Publishing /.test(p.title)));
    await type(editor, 'second-EXAMPLE-113');
    await vscode.commands.executeCommand('secretsManager.publish');
    await first;
    await admin().clearFaults();
    await settled();
    assert.ok(prompts.shown.some((m) => /your previous save of \S+ is still being sent, so this one sent nothing\. Wait for its outcome, then save again; your changes are still in the editor\./.test(m.message)));
    const s = await state(name);
    assert.equal(s.versions.length, 2, 'the first save only');
    assert.equal(holder(s, CURRENT)!.string, 'first-EXAMPLE-112');
    assert.equal(editor.document.getText(), 'second-EXAMPLE-113', 'the newer text stays in the editor');
    assert.ok(editor.document.isDirty);
  });

  it('names a rotation in progress in the confirmation', async () => {
    const name = await fresh({ string: 'rot-EXAMPLE-81' });
    const pending = await put(name, 'rot-EXAMPLE-82', ['AWSPENDING']);
    const editor = await open(name);
    await type(editor, 'mine-EXAMPLE-83');
    prompts.answerModal(undefined);
    await vscode.commands.executeCommand('secretsManager.publish');
    const confirm = prompts.shown.find((m) => m.modal)!;
    assert.ok(confirm.detail!.includes(`A rotation is in progress: AWSPENDING is on ${short(pending)}, newer than AWSCURRENT. When the rotation's last step runs, it moves AWSCURRENT to that version, over this publish.`));
  });

  it('a writer that slips in between the check and the write is named right after, with Compare and Roll Back', async () => {
    const name = await fresh({ string: 'base-EXAMPLE-91' });
    const editor = await open(name);
    await type(editor, 'mine-EXAMPLE-92');
    await admin().setFaults({ raceBeforeWrite: { count: 1, operations: ['PutSecretValue'], write: { operation: 'PutSecretValue', secretString: 'racer-EXAMPLE-93' } } });
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    const s = await state(name);
    const racer = s.versions.find((v) => v.string === 'racer-EXAMPLE-93')!;
    assert.equal(holder(s, 'AWSPREVIOUS')!.versionId, racer.versionId);
    const warning = await waitFor('the warning', () => prompts.shown.find((m: Shown) => m.level === 'warn' && !m.modal && m.message.startsWith(`Published ${name} as`)));
    assert.match(warning.message, new RegExp(`another writer published ${short(racer.versionId)} a moment before: your version replaced theirs as AWSCURRENT`));
    assert.deepEqual(warning.buttons, ['Compare', 'Roll Back']);
  });

  it('reads and publishes UTF-8 whatever files.encoding says; keeps a stored BOM and CRLF line endings', async () => {
    const files = vscode.workspace.getConfiguration('files');
    await files.update('encoding', 'windows1252', vscode.ConfigurationTarget.Global);
    try {
      const name = await fresh({ string: 'café € ü' });
      const editor = await open(name);
      assert.equal(editor.document.getText(), 'café € ü');
      await type(editor, 'café € ü ok');
      prompts.answerModal('Publish');
      await vscode.commands.executeCommand('secretsManager.publish');
      await settled();
      assert.equal(holder(await state(name), CURRENT)!.string, 'café € ü ok', 'the same bytes');
    } finally {
      await files.update('encoding', undefined, vscode.ConfigurationTarget.Global);
    }

    const bom = await fresh({ string: '\uFEFFhello-EXAMPLE' });
    const bomEditor = await open(bom);
    assert.equal(bomEditor.document.getText(), 'hello-EXAMPLE', 'the editor does not show the BOM');
    await type(bomEditor, 'hello-EXAMPLE-2');
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    assert.equal(holder(await state(bom), CURRENT)!.string, '\uFEFFhello-EXAMPLE-2', 'kept');
    assert.ok(prompts.shown.filter((m) => m.modal).at(-1)!.detail!.includes('starts with a byte order mark (U+FEFF)'));

    const crlf = await fresh({ string: 'line1\r\nline2-EXAMPLE' });
    const crlfEditor = await open(crlf);
    assert.equal(crlfEditor.document.eol, vscode.EndOfLine.CRLF);
    assert.ok(await crlfEditor.edit((b) => b.insert(crlfEditor.document.positionAt(crlfEditor.document.getText().length), '-more')));
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await settled();
    assert.equal(holder(await state(crlf), CURRENT)!.string, 'line1\r\nline2-EXAMPLE-more');
    assert.ok(!prompts.shown.filter((m) => m.modal).at(-1)!.detail!.includes('Line endings change'), 'nothing to say: they did not change');
  });

  it('keeps nothing of a closed document: no intent, no failure', async () => {
    const name = await fresh({ string: 'close-EXAMPLE-101' });
    const editor = await open(name);
    await type(editor, 'close-EXAMPLE-102');
    await loseResponses();
    prompts.answerModal('Publish');
    await vscode.commands.executeCommand('secretsManager.publish');
    await waitFor('the failure', () => toast(/^Not published/));
    const uri = editor.document.uri;
    const { intents } = api.testing.editor.publish.engine;
    assert.equal(intents.get(uri.toString())?.state, 'sent', 'the intent waits for a retry');
    assert.ok(api.testing.editor.lastFailure(uri));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('the intent to be dropped', () => intents.get(uri.toString()) === undefined);
    await waitFor('the failure to be forgotten', () => api.testing.editor.lastFailure(uri) === undefined);
    await waitFor('the document to be forgotten', () => !api.testing.editor.fileSystem.get(uri));
  });
});
