// The first run (issue 19) in the real host: Set the Endpoint (the view's welcome, for people
// without an AWS account) refuses plain http to another machine, writes the endpoint and, with
// no region set, the region to the user's settings; Get Started opens the walkthrough.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { activate, ScriptedPrompts, waitFor } from './helpers';

const Global = vscode.ConfigurationTarget.Global;

describe('first run: Set the Endpoint, Get Started', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const config = () => vscode.workspace.getConfiguration('secretsManager');

  before(async () => {
    api = await activate();
  });
  afterEach(async () => {
    api.testing.usePrompts(undefined);
    for (const key of ['endpoint', 'region']) await config().update(key, undefined, Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Set the Endpoint refuses plain http to another host, then writes the endpoint and the region', async () => {
    const prompts = new ScriptedPrompts().answerInput('http://db.example.com:4566', 'http://localhost:4566', 'eu-central-1');
    api.testing.usePrompts(prompts);
    await vscode.commands.executeCommand('secretsManager.setEndpoint');
    assert.equal(prompts.refusedInputs.length, 1, 'plain http to another machine is refused');
    assert.match(prompts.refusedInputs[0].message, /http/i);
    assert.equal(config().inspect('endpoint')?.globalValue, 'http://localhost:4566');
    assert.equal(config().inspect('region')?.globalValue, 'eu-central-1');
    assert.ok(prompts.shown.some((m) => m.level === 'info' && /accept any access keys/.test(m.message)), 'says what LocalStack and moto need');
  });

  it('Get Started opens the walkthrough', async () => {
    await vscode.commands.executeCommand('secretsManager.openWalkthrough');
    await waitFor('the walkthrough tab', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /Welcome|Walkthrough|Get Started/.test(t.label)));
  });
});
