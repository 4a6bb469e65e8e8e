// No value to an AI assistant without a deliberate act (issue 19), in the real workbench
// (code-server 1.139 in Chromium) with AI features on:
// - inline suggestions: a stand-in assistant (an installed extension whose inline completion
//   provider, for every document, writes down each document it is asked about) is asked while a
//   person types in an ordinary file, and never while they type in a secret document;
// - the chat's implicit context: with a secret document active, the Chat view's input shows it
//   attached ("postgres (AWSCURRENT)"), which is the risk. The extension's warning says so, and its
//   button turns the chat's implicit context off: the attachment is gone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_NAMES } from '../emulator/seed';
import { ROOT } from '../harness/provision';
import { openWorkbench, showSecretsView, type Workbench } from './workbench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TAB = 'postgres (AWSCURRENT)';

/** An installed extension standing in for an AI assistant's inline completions. */
function probeAssistant(dir: string, log: string): void {
  const ext = path.join(dir, 'probe.inline-assistant-1.0.0');
  fs.mkdirSync(ext, { recursive: true });
  fs.writeFileSync(path.join(ext, 'package.json'), JSON.stringify({
    name: 'inline-assistant', publisher: 'probe', version: '1.0.0', engines: { vscode: '^1.80.0' },
    main: './extension.js', activationEvents: ['onStartupFinished'],
  }));
  fs.writeFileSync(path.join(ext, 'extension.js'), `const vscode = require('vscode'); const fs = require('fs');
exports.activate = (context) => {
  fs.appendFileSync(${JSON.stringify(log)}, 'activated\\n');
  context.subscriptions.push(vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, {
    provideInlineCompletionItems(doc) { fs.appendFileSync(${JSON.stringify(log)}, doc.uri.scheme + ' ' + doc.languageId + '\\n'); return [new vscode.InlineCompletionItem('SUGGESTED')]; },
  }));
};`);
}

const asked = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '');

async function palette(page: Page, command: string, row = command): Promise<void> {
  await page.keyboard.press('F1');
  await page.keyboard.type(command);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

describe('e2e: no value to an AI assistant without a deliberate act', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('no inline suggestion is asked for in a secret document; the chat attaches the open secret until the warning\'s button turns that off', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-assistant-'));
    const extensionsDir = path.join(scratch, 'extensions');
    const log = path.join(scratch, 'asked.log');
    probeAssistant(extensionsDir, log);
    wb = await openWorkbench({
      extensionDevelopmentPath: ROOT,
      extensionsDir,
      settings: { 'chat.disableAIFeatures': false, 'workbench.tips.enabled': false },
      files: { 'notes.json': '{\n  "a": 1\n}\n' },
    });
    const { page } = wb;

    // The probe works: typing in an ordinary file asks it.
    const active = Date.now() + 60_000;
    while (!/^activated/m.test(asked(log)) && Date.now() < active) await sleep(250);
    assert.match(asked(log), /^activated/m, 'the stand-in assistant is installed and active');
    await palette(page, 'Go to File', 'Go to File');
    await page.keyboard.type('notes.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'notes.json' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'notes.json' }).first().waitFor({ timeout: 20_000 });
    await page.locator('.editor-instance .view-line', { hasText: '"a": 1' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(', "b');
    const deadline = Date.now() + 20_000;
    while (!/^file /m.test(asked(log)) && Date.now() < deadline) {
      await sleep(1000);
      await page.keyboard.type('b');
    }
    assert.match(asked(log), /^file /m, 'the stand-in assistant is asked while typing in an ordinary file');
    await palette(page, 'File: Revert File', 'Revert File');

    // Typing in a secret document asks it nothing.
    await showSecretsView(page);
    const row = page.locator('.sidebar .monaco-list-row', { hasText: DEMO_NAMES.json }).first();
    await row.waitFor({ timeout: 60_000 });
    await row.dblclick();
    await page.locator('.tabs-container .tab', { hasText: TAB }).first().waitFor({ timeout: 30_000 });
    const mark = asked(log).length;
    await page.locator('.editor-instance .view-line', { hasText: '"engine"' }).first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' "x');
    await sleep(3000);
    assert.ok(!asked(log).slice(mark).includes('secretsmanager'), `no inline suggestion asked for in the secret document: ${asked(log).slice(mark)}`);

    // The risk, as the chat shows it: the active secret document attached to the chat input.
    await palette(page, 'Chat: Open Chat', 'Open Chat');
    await page.locator('.tabs-container .tab', { hasText: TAB }).first().click();
    const attached = page.locator('.interactive-input-part .chat-attached-context-attachment', { hasText: TAB });
    await attached.first().waitFor({ timeout: 20_000 });
    await wb.screenshot('assistant-chat-attaches-secret');

    // The warning, shown as the secret opened (its toast may have hidden while typing: the
    // notification center keeps it), and its button: the secret is no longer attached.
    await palette(page, 'Notifications: Show Notifications', 'Show Notifications');
    const warning = page.locator('.notifications-center .notification-list-item', { hasText: 'can attach the open secret' }).first();
    await warning.waitFor({ timeout: 15_000 });
    await warning.locator('.monaco-button', { hasText: 'Turn Off Chat Context' }).first().click();
    await page.keyboard.press('Escape');
    await page.locator('.tabs-container .tab', { hasText: TAB }).first().click();
    await attached.first().waitFor({ state: 'detached', timeout: 20_000 });
    await sleep(1500);
    assert.equal(await attached.count(), 0, 'the open secret is not attached to the chat input');
    await wb.screenshot('assistant-chat-no-secret');
    await palette(page, 'File: Revert File', 'Revert File');
  });
});
