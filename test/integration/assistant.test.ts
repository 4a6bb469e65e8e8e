// No value reaches an AI assistant without a deliberate act (issue 19), in the real host: the
// secret languages resolve `editor.inlineSuggest.enabled` to false (over a user's global on), and the chat
// warning: shown once when a secret opens while the chat can attach it, its button turns the
// chat's implicit context off in the user's settings, and it is not shown when chat cannot attach it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { CHAT_WARNING, TURN_OFF } from '../../src/editor/chatGuard';
import { CreateSecretCommand, DeleteSecretCommand } from '@aws-sdk/client-secrets-manager';
import { activate, ScriptedPrompts, sdk, sleep, waitFor } from './helpers';

const Global = vscode.ConfigurationTarget.Global;
const run = Date.now().toString(36);
// Secrets of this file only: the demo ones stay unopened for the suites that count their reads.
const JSON_SECRET = `assistant-test/${run}/json`;
const TEXT_SECRET = `assistant-test/${run}/text`;

describe('no value to an AI assistant without a deliberate act', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  let connectionId: string;

  let aiDisabled: boolean | undefined;

  before(async () => {
    api = await activate();
    connectionId = api.testing.connections.list()[0].id;
    // The test host turns AI features off in the user settings: put back what it set.
    aiDisabled = vscode.workspace.getConfiguration('chat').inspect<boolean>('disableAIFeatures')?.globalValue;
    await sdk().send(new CreateSecretCommand({ Name: JSON_SECRET, SecretString: '{"user":"app","password":"pw-assistant-EXAMPLE"}' }));
    await sdk().send(new CreateSecretCommand({ Name: TEXT_SECRET, SecretString: 'tok-assistant-EXAMPLE' }));
  });
  after(async () => {
    for (const name of [JSON_SECRET, TEXT_SECRET]) await sdk().send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })).catch(() => undefined);
  });
  afterEach(async () => {
    api.testing.usePrompts(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', aiDisabled, Global);
    await vscode.workspace.getConfiguration('chat.implicitContext').update('enabled', undefined, Global);
    await vscode.workspace.getConfiguration('editor').update('inlineSuggest.enabled', undefined, Global);
  });

  const open = async (name: string) => {
    await vscode.commands.executeCommand('secretsManager.openSecret', { ref: { connectionId, name } });
    return waitFor(`the document of ${name}`, () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'secretsmanager' && e.document.uri.path.startsWith(`/${name} `)));
  };

  it('turns inline suggestions off in secret documents, and only there', async () => {
    await vscode.workspace.getConfiguration('editor').update('inlineSuggest.enabled', true, Global);
    // The test host turns AI features off; an assistant's user has them on.
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', false, Global);
    for (const languageId of ['secretsmanager-json', 'secretsmanager-text', 'secretsmanager-base64']) {
      assert.equal(vscode.workspace.getConfiguration('editor', { languageId }).get('inlineSuggest.enabled'), false, `${languageId}: off over the user's global on`);
    }
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'json' }).get('inlineSuggest.enabled'), true, 'other languages keep the user\'s choice');

    // And for an open secret document (its resource and language), as the editor reads it. Typing
    // in a real editor with an inline completion provider is test/e2e/assistant.test.ts.
    const secret = await open(JSON_SECRET);
    assert.equal(vscode.workspace.getConfiguration('editor', secret.document).get('inlineSuggest.enabled'), false);
  });

  it('warns once when a secret opens while the chat can attach it; the button turns the chat context off', async () => {
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', false, Global);
    api.testing.chatGuard.reset();
    const prompts = new ScriptedPrompts().answerToast(/can attach the open secret/, TURN_OFF);
    api.testing.usePrompts(prompts);
    await open(JSON_SECRET);
    const warning = await waitFor('the warning', () => prompts.shown.find((m) => m.level === 'warn' && m.message.startsWith(CHAT_WARNING)));
    assert.deepEqual(warning.buttons, [TURN_OFF, 'Hide Values', "Don't Warn Again"]);
    await waitFor('the user setting', () => ((vscode.workspace.getConfiguration('chat.implicitContext').inspect<Record<string, string>>('enabled')?.globalValue?.panel === 'never') ? true : undefined));
    await open(TEXT_SECRET);
    await sleep(300);
    assert.equal(prompts.shown.filter((m) => m.message.startsWith(CHAT_WARNING)).length, 1, 'once');
  });

  it('does not warn when the chat cannot attach the secret (AI features off, or implicit context never)', async () => {
    const prompts = new ScriptedPrompts();
    api.testing.usePrompts(prompts);
    api.testing.chatGuard.reset();
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', true, Global);
    await open(JSON_SECRET);
    await vscode.workspace.getConfiguration('chat').update('disableAIFeatures', false, Global);
    await vscode.workspace.getConfiguration('chat.implicitContext').update('enabled', { panel: 'never' }, Global);
    await open(TEXT_SECRET);
    await sleep(300);
    assert.ok(!prompts.shown.some((m) => m.message.startsWith(CHAT_WARNING)), 'no warning');
    assert.equal(api.testing.chatGuard.warned(), false);
  });
});
