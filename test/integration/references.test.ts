// Secret references (issue 17) in the real extension host, against the local endpoint with demo
// data: diagnostics of a template with typos and their quick fixes, the hover (metadata, never a
// value), Go to Definition, completion (keys only when the user lets key checks read values),
// call counts of a file of 1,000 references, Find References in Workspace from the tree, Move
// Selection into Secrets Manager, the folder's connection, and leak checks over every hover,
// completion and diagnostic shown.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ReferenceFeatures } from '../../src/references';
import { DEMO_NAMES, demoSecretValues } from '../emulator/seed';
import { activate, admin, ScriptedPrompts, sleep, waitFor } from './helpers';

const WORKSPACE = process.env.SM_WORKSPACE_DIR ?? '';
const config = () => vscode.workspace.getConfiguration('secretsManager');

describe('secret references', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  /** Every text a hover, a completion or a diagnostic showed: the leak check reads it at the end. */
  const seen: string[] = [];
  let features: ReferenceFeatures;
  const engine = () => features.engine;

  const write = (name: string, text: string) => {
    const file = path.join(WORKSPACE, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return vscode.Uri.file(file);
  };
  const open = async (name: string, text: string) => {
    const document = await vscode.workspace.openTextDocument(write(name, text));
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    await sleep(100);
    await engine().idle();
    return editor;
  };
  const diagnostics = (uri: vscode.Uri) => {
    const list = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Secrets Manager');
    seen.push(...list.map((d) => d.message));
    return list;
  };
  const at = (document: vscode.TextDocument, text: string, delta = 1) => document.positionAt(document.getText().indexOf(text) + delta);
  const hoverText = async (document: vscode.TextDocument, position: vscode.Position) => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    seen.push(text);
    return text.replace(/\\(.)/g, '$1'); // Markdown escapes undone
  };
  const completions = async (document: vscode.TextDocument, position: vscode.Position) => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    for (const i of list.items) seen.push([typeof i.label === 'string' ? i.label : i.label.label, i.detail ?? '', i.documentation instanceof vscode.MarkdownString ? i.documentation.value : i.documentation ?? ''].join('\n'));
    // Ours only (not the words of the document): names are references, stages enum members, keys fields.
    return (kind: vscode.CompletionItemKind) => list.items.filter((i) => i.kind === kind).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  };
  const allowKeys = (value: string[] | undefined) => config().update('references.readValuesForKeys', value, vscode.ConfigurationTarget.Global);

  before(async () => {
    api = await activate();
    features = await api.testing.references.features();
    assert.ok(WORKSPACE && fs.existsSync(WORKSPACE), 'the test host opened a workspace folder');
  });
  afterEach(async () => {
    api.testing.usePrompts(undefined);
    await allowKeys(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await admin().clearFaults();
  });

  const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DB:
    Type: AWS::RDS::DBInstance
    Properties:
      MasterUsername: '{{resolve:secretsmanager:${DEMO_NAMES.json}:SecretString:username}}'
      MasterUserPassword: '{{resolve:secretsmanager:${DEMO_NAMES.json}:SecretString:passwrd}}'
      Typo: '{{resolve:secretsmanager:prod/db/postgress}}'
      Old: '{{resolve:secretsmanager:${DEMO_NAMES.deleted}}}'
      Staged: '{{resolve:secretsmanager:${DEMO_NAMES.customLabel}:SecretString:password:STAGNG}}'
      Previous: '{{resolve:secretsmanager:${DEMO_NAMES.json}:SecretString:password:AWSPREVIOUS}}'
`;

  it('a template with typos gets diagnostics (key, name, stage, deletion); the quick fix corrects the key', async () => {
    await allowKeys(['*']);
    await admin().resetCounters();
    const editor = await open('cfn/template.yaml', TEMPLATE);
    const document = editor.document;
    const found = await waitFor('the diagnostics', () => {
      const d = diagnostics(document.uri);
      return d.length >= 4 ? d : undefined;
    });
    const byCode = Object.fromEntries(found.map((d) => [String(d.code), d]));
    assert.deepEqual(Object.keys(byCode).sort(), ['scheduled-for-deletion', 'secret-not-found', 'unknown-key', 'unknown-stage']);
    assert.match(byCode['unknown-key'].message, /^The AWSCURRENT version of prod\/db\/postgres has no key passwrd \(its keys: username, password, engine, host, port, dbname\)\. Did you mean password\?$/);
    assert.equal(document.getText(byCode['unknown-key'].range), 'passwrd');
    assert.match(byCode['secret-not-found'].message, /^No secret prod\/db\/postgress in env · us-east-1 · 127\.0\.0\.1:\d+\. Did you mean prod\/db\/postgres\?$/);
    assert.match(byCode['unknown-stage'].message, /has no version labelled STAGNG \(its labels: AWSCURRENT, QA, STAGING\)\. Did you mean STAGING\?/);
    assert.match(byCode['scheduled-for-deletion'].message, /dev\/legacy\/ftp-password is scheduled for deletion/);
    assert.equal(byCode['scheduled-for-deletion'].severity, vscode.DiagnosticSeverity.Warning);
    const calls = (await admin().counters()).byOperation;
    assert.ok((calls.ListSecrets ?? 0) <= 3, `one filtered ListSecrets for the five names, one search near the missing one (${JSON.stringify(calls)})`);
    assert.equal(calls.GetSecretValue, 2, 'the key names of AWSCURRENT (read once for both of its keys) and of AWSPREVIOUS');
    assert.equal(calls.DescribeSecret, undefined);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, byCode['unknown-key'].range);
    const fix = actions.find((a) => a.title === 'Change to password');
    assert.ok(fix?.edit, `a quick fix (${actions.map((a) => a.title).join(', ')})`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(document.getText().includes(`${DEMO_NAMES.json}:SecretString:password}}`));
    await waitFor('the key diagnostic to go', () => !diagnostics(document.uri).some((d) => d.code === 'unknown-key'));
    const restore = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, byCode['scheduled-for-deletion'].range)).find((a) => a.command);
    assert.equal(restore?.command?.command, 'secretsManager.restoreSecret');
    const rename = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, byCode['secret-not-found'].range)).find((a) => a.title === 'Change to prod/db/postgres');
    assert.ok(rename, 'did you mean, as a fix');
    await document.save();
  });

  it('the hover shows the metadata and the connection that answered, never a value', async () => {
    const editor = await open('cfn/hover.yaml', TEMPLATE);
    const document = editor.document;
    const text = await hoverText(document, at(document, `${DEMO_NAMES.json}:SecretString:username`));
    for (const part of ['**`prod/db/postgres`**', 'Orders database credentials (PostgreSQL)', '`AWSCURRENT` →', '`AWSPREVIOUS` →', 'Changed', 'team=orders', 'Reads | key `username` of the AWSCURRENT version', 'Key | not checked: that reads the value (GetSecretValue), off for this connection', 'Connection | **env · us-east-1 · 127.0.0.1:']) {
      assert.ok(text.includes(part), `hover has ${part}:\n${text}`);
    }
    assert.match(text, /\[Open\]\(command:secretsManager\.openSecret\?/);
    assert.match(text, /\[Reveal in Secrets Manager view\]\(command:secretsManager\.revealSecret\?/);
    assert.match(text, /\[Allow key checks on this connection\]\(command:secretsManager\.allowKeyChecks\?/);
    const deleted = await hoverText(document, at(document, DEMO_NAMES.deleted));
    assert.match(deleted, /Scheduled for deletion \| deleted on \d{4}-\d{2}-\d{2}/);
    const previous = await hoverText(document, at(document, 'AWSPREVIOUS'));
    assert.match(previous, /Reads \| key `password` of the AWSPREVIOUS version \(`[0-9a-f]{8}`\)/);
    assert.match(previous, /Open AWSPREVIOUS \(read-only\)/);
  });

  it('Go to Definition opens the secret; a reference pinned to a version opens that version read-only', async () => {
    const editor = await open('cfn/definition.yaml', TEMPLATE);
    const document = editor.document;
    const defs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', document.uri, at(document, `${DEMO_NAMES.json}:SecretString:username`));
    assert.equal(defs.length, 1);
    assert.equal(defs[0].uri.scheme, 'secretsmanager');
    assert.equal(defs[0].uri.path, `/${DEMO_NAMES.json} (AWSCURRENT)`);
    const state = (await admin().secretState(DEMO_NAMES.json))!;
    const previous = state.versions.find((v) => v.stages.includes('AWSPREVIOUS'))!;
    const pinned = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', document.uri, at(document, 'AWSPREVIOUS'));
    assert.equal(pinned[0].uri.path, `/${DEMO_NAMES.json} (AWSPREVIOUS)`);
    assert.match(pinned[0].uri.query, new RegExp(`version=${previous.versionId}`));
    // The real gesture: the cursor on the reference, Go to Definition.
    editor.selection = new vscode.Selection(at(document, `${DEMO_NAMES.json}:SecretString:username`), at(document, `${DEMO_NAMES.json}:SecretString:username`));
    await vscode.commands.executeCommand('editor.action.revealDefinition');
    const opened = await waitFor('the secret document', () => (vscode.window.activeTextEditor?.document.uri.scheme === 'secretsmanager' ? vscode.window.activeTextEditor : undefined));
    assert.equal(opened.document.uri.path, `/${DEMO_NAMES.json} (AWSCURRENT)`);
    await waitFor('its value', () => opened.document.getText().includes('"username"'));
    const pinnedDoc = await vscode.workspace.openTextDocument(pinned[0].uri);
    await waitFor('the pinned version', () => pinnedDoc.getText().includes('"password"'));
    assert.equal((await vscode.workspace.fs.stat(pinned[0].uri)).permissions, vscode.FilePermission.Readonly, 'read-only');
    // Nothing to go to for a secret that does not exist.
    const none = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', document.uri, at(document, 'prod/db/postgress'));
    assert.equal(none.length, 0);
  });

  it('completion: names from the list, stages, the SecretString keyword; keys only when the user lets key checks read values', async () => {
    const editor = await open('cfn/complete.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  X:\n    Properties:\n      A: '{{resolve:secretsmanager:prod/db/postgres:SecretString:}}'\n      B: '{{resolve:secretsmanager:prod/}}'\n      C: '{{resolve:secretsmanager:prod/db/postgres:SecretString:password:}}'\n      D: '{{resolve:secretsmanager:prod/db/postgres:}}'\n");
    const document = editor.document;
    const keySlot = at(document, 'SecretString:}}', 'SecretString:'.length);
    await admin().resetCounters();
    const without = (await completions(document, keySlot))(vscode.CompletionItemKind.Field);
    assert.deepEqual(without, [], 'no key without the opt-in');
    assert.equal((await admin().counters()).byOperation.GetSecretValue, undefined, 'and no value read');
    await allowKeys(['*']);
    // Allowing checks the open documents again (their keys); then completion reads at most the one version.
    await sleep(100);
    await engine().idle();
    await admin().resetCounters();
    const keys = (await completions(document, keySlot))(vscode.CompletionItemKind.Field);
    assert.deepEqual([...keys].sort(), ['dbname', 'engine', 'host', 'password', 'port', 'username']);
    assert.ok(((await admin().counters()).byOperation.GetSecretValue ?? 0) <= 1, 'one read of AWSCURRENT at most (the check may have read it already)');
    await completions(document, keySlot);
    assert.ok(((await admin().counters()).byOperation.GetSecretValue ?? 0) <= 1, 'cached: no second read');
    const names = (await completions(document, at(document, "prod/}}'", 'prod/'.length)))(vscode.CompletionItemKind.Reference);
    for (const n of [DEMO_NAMES.json, DEMO_NAMES.plaintext, DEMO_NAMES.rotating]) assert.ok(names.includes(n), `name ${n} (${names.join(', ')})`);
    assert.ok(!names.includes(DEMO_NAMES.deleted), 'not a secret scheduled for deletion');
    const stages = (await completions(document, at(document, "password:}}'", 'password:'.length)))(vscode.CompletionItemKind.EnumMember);
    assert.ok(stages.includes('AWSCURRENT') && stages.includes('AWSPREVIOUS'), stages.join(', '));
    const keyword = (await completions(document, at(document, "postgres:}}'", 'postgres:'.length)))(vscode.CompletionItemKind.Keyword);
    assert.deepEqual(keyword, ['SecretString']);
  });

  it('a workspace cannot let key checks read values; the command asks, then saves it in user settings', async () => {
    // What a cloned repository's .vscode/settings.json could say (VS Code's API refuses to write a
    // machine setting there, a file does not).
    const folder = vscode.workspace.workspaceFolders![0];
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    const writeSettings = async (values: Record<string, unknown>, marker: number | undefined) => {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder.uri, '.vscode'));
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(marker === undefined ? values : { ...values, 'secretsManager.json.indent': marker }, null, 2)));
      await waitFor('VS Code to read the workspace settings', () => config().inspect('json.indent')?.workspaceValue === marker);
    };
    await writeSettings({ 'secretsManager.references.readValuesForKeys': ['*'] }, 2);
    try {
      const connection = api.testing.connections.list()[0];
      assert.equal(api.testing.settings.keyChecksAllowed(connection), false, 'a workspace value is ignored');
      const prompts = new ScriptedPrompts().answerModal((shown) => {
        assert.match(shown.message, /^Let key checks read secret values on env · us-east-1/);
        assert.match(shown.detail ?? '', /GetSecretValue\)\. CloudTrail logs each read, and AWS bills it like any API call\. Only the key names are kept, in memory, for 5 minutes/);
        return 'Allow Key Checks';
      });
      api.testing.usePrompts(prompts);
      await vscode.commands.executeCommand('secretsManager.allowKeyChecks', connection.id);
      assert.deepEqual(config().inspect('references.readValuesForKeys')?.globalValue, [connection.id], JSON.stringify(prompts.shown));
      assert.equal(api.testing.settings.keyChecksAllowed(connection), true);
      assert.equal(prompts.shown.length, 1, 'one question');
    } finally {
      await writeSettings({}, undefined);
    }
  });

  it('ECS valueFrom and ExternalSecret references are checked too', async () => {
    await allowKeys(['*']);
    const arn = (await admin().secretState(DEMO_NAMES.json))!.arn;
    const task = JSON.stringify({
      family: 'orders',
      containerDefinitions: [{
        name: 'api',
        secrets: [
          { name: 'DB_USER', valueFrom: `${arn}:username::` },
          { name: 'DB_PASS', valueFrom: `${arn}:pasword::` },
          { name: 'STALE', valueFrom: `${arn.slice(0, -6)}ZZZZZZ` },
        ],
      }],
    }, null, 2);
    const ecs = (await open('ecs/task-definition.json', task)).document;
    const codes = (await waitFor('ECS diagnostics', () => {
      const d = diagnostics(ecs.uri);
      return d.length >= 2 ? d : undefined;
    })).map((d) => String(d.code)).sort();
    assert.deepEqual(codes, ['arn-suffix', 'unknown-key']);
    const es = (await open('k8s/external-secret.yaml', `apiVersion: external-secrets.io/v1beta1
kind: SecretStore
metadata:
  name: aws
spec:
  provider:
    aws:
      service: SecretsManager
      region: us-east-1
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: search
spec:
  secretStoreRef:
    name: aws
  data:
  - secretKey: password
    remoteRef:
      key: ${DEMO_NAMES.customLabel}
      property: passwrd
      version: STAGING
`)).document;
    const esFound = await waitFor('ExternalSecret diagnostics', () => {
      const d = diagnostics(es.uri);
      return d.length ? d : undefined;
    });
    assert.deepEqual(esFound.map((d) => [d.code, d.message]), [['unknown-key', 'The STAGING version of staging/search/credentials has no key passwrd (its keys: user, password). Did you mean password?']]);
  });

  it('a file of 1,000 references to 200 secrets costs about 20 metadata calls, once; another file with the same secrets, none', async () => {
    await admin().seedSynthetic(200, 'refs-it/app');
    const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:', '  Fn:', '    Properties:', '      Environment:'];
    for (let i = 0; i < 1000; i++) {
      const n = (i % 200) + 1;
      const name = i % 100 === 99 ? `refs-it/missing-${i}` : `refs-it/app-${String(n).padStart(5, '0')}`;
      lines.push(`        V${i}: '{{resolve:secretsmanager:${name}:SecretString:token}}'`);
    }
    const text = lines.join('\n') + '\n';
    await admin().resetCounters();
    const started = Date.now();
    const big = (await open('scale/thousand.yaml', text)).document;
    await waitFor('the diagnostics of the missing ones', () => diagnostics(big.uri).length === 10 || undefined);
    const elapsed = Date.now() - started;
    const calls = (await admin().counters()).byOperation;
    const metadata = (calls.ListSecrets ?? 0) + (calls.DescribeSecret ?? 0);
    console.log(`      1,000 references to 200 secrets: ${JSON.stringify(calls)} in ${elapsed} ms`);
    assert.ok(metadata <= 25, `about 20 metadata calls (${JSON.stringify(calls)})`);
    assert.equal(calls.GetSecretValue, undefined, 'no value read without the opt-in');
    assert.ok(diagnostics(big.uri).every((d) => d.code === 'secret-not-found'));
    await admin().resetCounters();
    await open('scale/again.yaml', text.replace(/V(\d+)/g, 'W$1'));
    assert.deepEqual((await admin().counters()).byOperation, {}, 'the second file costs nothing: every secret is known');
    // A burst of edits is one check: typing a new reference costs one lookup after the pause, not one per keystroke.
    const editor = vscode.window.activeTextEditor!;
    const end = () => editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await admin().resetCounters();
    const bursts = engine().bursts;
    await editor.edit((b) => b.insert(end(), "        Z: '{{resolve:secretsmanager:"));
    for (const ch of 'refs-it/app-00007x') await editor.edit((b) => b.insert(end(), ch));
    await editor.edit((b) => b.insert(end(), "}}'\n"));
    await sleep(50);
    await engine().idle();
    // Keystrokes closer than 400 ms make one burst (a slow host may pause once or twice in between).
    const checks = engine().bursts - bursts;
    const typed = (await admin().counters()).byOperation;
    console.log(`      typing 20 keystrokes: ${checks} burst(s), ${JSON.stringify(typed)}`);
    assert.ok(checks >= 1 && checks <= 3, `a burst per pause, not per keystroke (${checks})`);
    assert.ok((typed.ListSecrets ?? 0) <= checks && !typed.DescribeSecret, `at most one lookup per burst (${JSON.stringify(typed)})`);
  });

  it('Find References in Workspace, from the secret in the tree', async () => {
    const name = DEMO_NAMES.plaintext;
    const arn = (await admin().secretState(name))!.arn;
    write('find/app.ts', `import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";\nconst key = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: "${name}" }));\n`);
    write('find/main.tf', `data "aws_secretsmanager_secret_version" "payments" {\n  secret_id = "${name}"\n}\n`);
    write('find/policy.json', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: arn }] }, null, 2));
    write('find/other.yaml', "a: '{{resolve:secretsmanager:prod/payments/api-key-old}}'\n");
    write('find/node_modules/dep/index.js', `SecretId: "${name}"`);
    const provider = api.testing.tree.provider;
    await provider.getChildren();
    const node = provider.loadedSecrets(api.testing.connections.list()[0].id).find((n) => n.summary.name === name);
    assert.ok(node, 'the secret is in the tree');
    const prompts = new ScriptedPrompts().answerPick((items) => {
      assert.deepEqual(items.map((i) => i.label).sort(), ['find/app.ts:2', 'find/main.tf:2', 'find/policy.json:6']);
      assert.deepEqual(items.map((i) => i.description).sort(), ['SDK call', 'Secret ARN', 'Terraform']);
      return items.find((i) => i.label === 'find/main.tf:2')!.value;
    });
    api.testing.usePrompts(prompts);
    await vscode.commands.executeCommand('secretsManager.findReferences', node);
    assert.equal(prompts.picks.length, 1);
    assert.match(prompts.picks[0].title, /^3 references to prod\/payments\/api-key$/);
    const active = await waitFor('the reference opened', () => (vscode.window.activeTextEditor?.document.uri.path.endsWith('find/main.tf') ? vscode.window.activeTextEditor : undefined));
    assert.equal(active.document.getText(active.selection), name);
  });

  it('Move Selection into Secrets Manager: the literal becomes a dynamic reference once the secret is created', async () => {
    const name = `moved/api-key-${Date.now()}`;
    const literal = 'sk_live_MOVE_EXAMPLE_51H';
    const editor = await open('cfn/move.yaml', `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Properties:\n      ApiKey: ${literal}\n`);
    const start = at(editor.document, literal, 0);
    editor.selection = new vscode.Selection(start, start.translate(0, literal.length));
    const prompts = new ScriptedPrompts().answerInput(name, '', '').answerModal('Create');
    api.testing.usePrompts(prompts);
    await vscode.commands.executeCommand('secretsManager.moveToSecretsManager');
    const created = vscode.window.activeTextEditor!.document;
    assert.match(created.uri.query, /create=1/);
    assert.equal(created.getText(), literal);
    assert.equal(features.moves.pending, 1);
    // An edit above the literal meanwhile: the move follows it.
    const source = editor.document;
    const we = new vscode.WorkspaceEdit();
    we.insert(source.uri, new vscode.Position(0, 0), '# moved\n');
    await vscode.workspace.applyEdit(we);
    const moved = new Promise((resolve) => features.moves.onDidMove(resolve));
    assert.equal(await created.save(), true);
    assert.deepEqual(await moved, { name, replaced: true });
    assert.equal(source.getText(), `# moved\nAWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Fn:\n    Properties:\n      ApiKey: '{{resolve:secretsmanager:${name}}}'\n`);
    assert.equal((await admin().secretState(name))!.versions[0].string, literal);
    assert.ok(prompts.shown.some((s) => /save \(Ctrl\+S\) to create the secret: the selection in move\.yaml is then replaced/.test(s.message) || /to create the secret: the selection in move\.yaml is then replaced/.test(s.message)));
    assert.ok(!prompts.allText().includes(literal), 'the literal is never in a message');
    // The new reference checks out.
    await waitFor('no diagnostic', async () => {
      await engine().idle();
      return diagnostics(source.uri).length === 0;
    });
    await source.save();
  });

  it('the folder\'s connection choice is named in the hover, and an unknown one says so', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const scoped = vscode.workspace.getConfiguration('secretsManager', folder.uri);
    const id = api.testing.connections.list()[0].id;
    try {
      await scoped.update('references.connection', id, vscode.ConfigurationTarget.WorkspaceFolder);
      const document = (await open('cfn/folder.yaml', TEMPLATE)).document;
      assert.match(await hoverText(document, at(document, DEMO_NAMES.json)), /this folder's connection \(secretsManager\.references\.connection\)/);
      await scoped.update('references.connection', 'ops@ap-south-1', vscode.ConfigurationTarget.WorkspaceFolder);
      assert.match(await hoverText(document, at(document, DEMO_NAMES.json)), /this folder asks for "ops@ap-south-1", which is not one of your connections/);
    } finally {
      await scoped.update('references.connection', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('Choose Connection for Secret References writes the folder\'s choice; choosing the active one clears it', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const scoped = () => vscode.workspace.getConfiguration('secretsManager', folder.uri);
    const id = api.testing.connections.list()[0].id;
    try {
      const pick = new ScriptedPrompts().answerPick((items) => {
        assert.deepEqual(items.map((i) => i.value), ['', id], 'the active connection, then each of yours');
        return id;
      });
      api.testing.usePrompts(pick);
      await vscode.commands.executeCommand('secretsManager.chooseReferenceConnection');
      assert.equal(pick.picks.length, 1, 'one folder: no folder question');
      assert.equal(scoped().inspect('references.connection')?.workspaceFolderValue, id);
      const clear = new ScriptedPrompts().answerPick((items) => {
        assert.equal(items.find((i) => i.value === id)?.description, 'current');
        return '';
      });
      api.testing.usePrompts(clear);
      await vscode.commands.executeCommand('secretsManager.chooseReferenceConnection');
      assert.equal(scoped().inspect('references.connection')?.workspaceFolderValue, undefined);
    } finally {
      await scoped().update('references.connection', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  it('Check Secret References Again looks the secrets up again', async () => {
    const document = (await open('cfn/recheck.yaml', TEMPLATE)).document;
    await admin().resetCounters();
    await vscode.commands.executeCommand('secretsManager.recheckReferences');
    const calls = (await admin().counters()).byOperation;
    assert.ok((calls.ListSecrets ?? 0) >= 1, `looked up again (${JSON.stringify(calls)})`);
    assert.ok(diagnostics(document.uri).length >= 3);
  });

  it('no value in any hover, completion or diagnostic shown', async () => {
    const values = demoSecretValues().filter((v) => v.length >= 8);
    const shown = seen.join('\n');
    assert.ok(seen.length > 20 && shown.includes('answered from'), `the tests showed hovers, completions and diagnostics (${seen.length})`);
    for (const v of values) assert.ok(!shown.includes(v), `a stored value was shown: ${v.slice(0, 4)}...`);
    // The JSON fields of demo values (passwords) are values too.
    for (const v of values) {
      if (!v.startsWith('{')) continue;
      for (const field of Object.values(JSON.parse(v) as Record<string, unknown>)) {
        if (typeof field === 'string' && field.includes('EXAMPLE')) assert.ok(!shown.includes(field), `a field value was shown: ${field.slice(0, 4)}...`);
      }
    }
    assert.ok(!JSON.stringify(engine().keys.held()).includes('EXAMPLE'), 'the key cache holds names only');
  });
});
