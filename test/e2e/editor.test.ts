// A person edits a secret in the real workbench (code-server in Chromium) with the web host's
// default settings, where auto-save is on: the Secrets Manager view, a double-click on a secret, typing,
// waiting past the auto-save delay (nothing is published), Ctrl+S, the real confirmation dialog,
// "Show diff", Publish from the diff title, and the new version on the endpoint. Screenshots of
// the confirmation and the diff go to test-artifacts/.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_NAMES } from '../emulator/seed';
import { ROOT } from '../harness/provision';
import { openWorkbench, type Workbench } from './workbench';

/** code-server with the extension from this repository, the web host's default settings (auto-save on). */
const start = () => openWorkbench({ extensionDevelopmentPath: ROOT, settings: { 'workbench.tips.enabled': false } });

const SECRET = DEMO_NAMES.plaintext;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function dialogButton(page: Page, label: string) {
  const button = page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
  await button.waitFor({ timeout: 30_000 });
  return button;
}

describe('e2e: edit a secret and publish it with Ctrl+S', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('auto-save publishes nothing; Ctrl+S asks, shows the diff, and publishes exactly one version', async () => {
    wb = await start();
    const { page, admin } = wb;
    const before = await admin.secretState(SECRET);
    assert.ok(before);

    // The Secrets Manager view, from the activity bar.
    await page.locator('.activitybar [aria-label^="Secrets Manager"]').first().click();
    const row = page.locator('.monaco-list-row', { hasText: SECRET }).first();
    await row.waitFor({ timeout: 60_000 });
    // A double-click opens (a single click only selects).
    await row.dblclick();

    const tab = page.locator('.tabs-container .tab', { hasText: 'api-key (AWSCURRENT)' }).first();
    await tab.waitFor({ timeout: 30_000 });
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await page.locator('.editor-instance .view-line', { hasText: 'sk_live_EXAMPLE' }).first().waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type('-e2e');

    // The web host auto-saves after 1 s by default: wait well past it.
    await sleep(3_000);
    assert.equal((await admin.secretState(SECRET))!.versions.length, before.versions.length, 'auto-save published nothing');
    assert.equal(await tab.evaluate((el) => el.classList.contains('dirty')), true, 'the tab still shows unsaved changes');
    await page.locator('.statusbar-item', { hasText: '1 unpublished secret' }).first().waitFor({ timeout: 10_000 });

    // Ctrl+S: the real confirmation dialog.
    await editor.click();
    await page.keyboard.press('Control+s');
    const showDiff = await dialogButton(page, 'Show diff');
    await page.locator('.monaco-dialog-box', { hasText: `Publish a new version of ${SECRET}?` }).waitFor({ timeout: 10_000 });
    await wb.screenshot('editor-publish-confirmation');
    await showDiff.click();

    // The diff of AWSCURRENT against the edit, with Publish in its title.
    await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
    const publish = page.locator('.editor-actions [aria-label^="Publish New Version"]').first();
    await publish.waitFor({ timeout: 30_000 });
    await sleep(500);
    await wb.screenshot('editor-publish-diff');
    assert.equal((await admin.secretState(SECRET))!.versions.length, before.versions.length, 'showing the diff published nothing');
    // Ctrl+S ran the Publish command (the keybinding), not a failed save: no "Failed to save" notification.
    await page.keyboard.press('F1');
    await page.keyboard.type('Notifications: Show Notifications');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Notifications' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    const center = page.locator('.notifications-center');
    await center.waitFor({ timeout: 10_000 });
    assert.ok(!/Failed to save/.test(await center.innerText()), 'no save failure was reported');
    await page.keyboard.press('Escape');
    await publish.click();

    // Published once: the confirmation was already answered with "Show diff".
    const deadline = Date.now() + 30_000;
    let after = await admin.secretState(SECRET);
    while (after!.versions.length === before.versions.length && Date.now() < deadline) {
      await sleep(250);
      after = await admin.secretState(SECRET);
    }
    assert.equal(after!.versions.length, before.versions.length + 1, 'exactly one new version');
    const added = after!.versions.at(-1)!;
    assert.deepEqual(added.stages, ['AWSCURRENT']);
    assert.equal(added.string, 'sk_live_EXAMPLE_4eC39HqLyjWDarjtT1zdp7dc-e2e');
    await page.locator('.notification-list-item, .notification-toast', { hasText: `new version ${added.versionId.slice(0, 8)}` }).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    await wb.screenshot('editor-published');
    await sleep(1_000);
    assert.equal((await admin.secretState(SECRET))!.versions.length, before.versions.length + 1, 'still exactly one');
  });
});
