// Find Secret in All Connections in the real VS Code host: several connections (local endpoints),
// results from each, one that fails is named, the one picked opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { startEmulator, type Emulator } from '../emulator/server';
import { activate, ScriptedPrompts, waitFor } from './helpers';

describe('find a secret in all connections', function () {
  this.timeout(60_000);
  let api: ExtensionApi;
  const emus: Emulator[] = [];
  const added: string[] = [];
  before(async () => {
    api = await activate();
    for (let i = 0; i < 3; i++) {
      const emu = await startEmulator({ port: 0 });
      await emu.admin.seedSynthetic(2, `search${i}/db`);
      emus.push(emu);
      added.push((await api.testing.connections.add({ region: 'us-east-1', endpoint: emu.url })).id);
    }
  });
  after(async () => {
    for (const id of added) await api.testing.connections.remove(id);
    await Promise.all(emus.map((e) => e.stop()));
    api.testing.usePrompts(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the matches of every connection as they come, names a connection that failed, and opens the one picked', async () => {
    await emus[1].admin.setFaults({ deny: [{ operation: 'ListSecrets' }] });
    let offered: string[] = [];
    const prompts = new ScriptedPrompts()
      .answerInput('search')
      .answerPick((items) => {
        offered = items.map((i) => `${i.label} @ ${i.description}`);
        return items.find((i) => i.label === 'search2/db-00002')!.value;
      });
    api.testing.usePrompts(prompts);
    await vscode.commands.executeCommand('secretsManager.findInAllConnections');
    assert.equal(offered.filter((o) => o.startsWith('search0/')).length, 2);
    assert.equal(offered.filter((o) => o.startsWith('search2/')).length, 2);
    assert.ok(!offered.some((o) => o.startsWith('search1/')), 'the refused connection has no results');
    for (const o of offered) {
      const i = Number(o.slice('search'.length, 'search'.length + 1));
      assert.ok(o.endsWith(` @ environment credentials · us-east-1 · ${emus[i].url}`), `each result names its connection (${o})`);
    }
    const warning = await waitFor('the warning', () => prompts.shown.find((m) => m.level === 'warn' && /could not be searched/.test(m.message)));
    assert.match(warning.message, /^1 connection could not be searched \(.*127\.0\.0\.1:\d+\): Access denied: secretsmanager:ListSecrets/);
    const uri = api.testing.editor.uriOf({ connectionId: added[2], name: 'search2/db-00002' });
    await waitFor('the secret to open', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
  });
});
