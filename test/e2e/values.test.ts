// Values shown only on purpose (issue 19), the way a person uses the real workbench (code-server
// 1.139 in Chromium, default settings, so `workbench.list.openMode` is singleClick): a click on a
// secret in the view selects and expands it and opens nothing; a double-click opens it; Enter on
// the focused row opens it. Then the view's "Hide Secret Values" toggle: a double-click opens the
// masked view (no value in the editor), the Reveal lens shows one value, typing is refused, and
// the status bar says when a value is on screen. Pictures go to test-artifacts/.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_NAMES } from '../emulator/seed';
import { ROOT } from '../harness/provision';
import { openWorkbench, showSecretsView, type Workbench } from './workbench';

const SECRET = DEMO_NAMES.json;
const PASSWORD = 'Curr-Pa55word-EXAMPLE-3';
const TAB = 'postgres (AWSCURRENT)';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const tabs = (page: Page) => page.locator('.tabs-container .tab', { hasText: TAB });
const editorText = (page: Page) => page.locator('.editor-instance .monaco-editor .view-lines').first().innerText();

async function closeAllEditors(page: Page): Promise<void> {
  await page.keyboard.press('F1');
  await page.keyboard.type('View: Close All Editors');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Close All Editors' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
}

describe('e2e: values on screen only on purpose', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('a click selects and expands, a double-click or Enter opens; hide values masks, Reveal shows one value', async () => {
    wb = await openWorkbench({ extensionDevelopmentPath: ROOT, settings: { 'workbench.tips.enabled': false } });
    const { page, admin } = wb;
    await showSecretsView(page);
    const row = page.locator('.sidebar .monaco-list-row', { hasText: SECRET }).first();
    await row.waitFor({ timeout: 60_000 });

    // One click: selected and expanded, nothing opened.
    await row.click();
    await sleep(1500);
    assert.equal(await tabs(page).count(), 0, 'a single click opened no editor');
    assert.equal(await row.getAttribute('aria-selected'), 'true', 'the click selected the secret');
    assert.equal(await row.getAttribute('aria-expanded'), 'true', 'the click expanded the secret');
    await page.locator('.sidebar .monaco-list-row[aria-label*="labels AWSCURRENT"]').first().waitFor({ timeout: 10_000 });
    await wb.screenshot('values-click-selects');

    // A double-click opens.
    await row.dblclick();
    await tabs(page).first().waitFor({ timeout: 30_000 });
    await closeAllEditors(page);

    // Enter on the focused row opens.
    await row.click();
    await sleep(600);
    assert.equal(await tabs(page).count(), 0);
    await page.keyboard.press('Enter');
    await tabs(page).first().waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'Secret values visible' }).first().waitFor({ timeout: 10_000 });

    // Hide values from the view's title: the open document goes behind its masked view.
    await page.locator('.sidebar .title-actions [aria-label^="Hide Secret Values"], .sidebar .actions-container [aria-label^="Hide Secret Values"]').first().click();
    await page.locator('.statusbar-item', { hasText: 'Values hidden' }).first().waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .view-line', { hasText: '"password"' }).first().waitFor({ timeout: 30_000 });
    let text = await editorText(page);
    assert.ok(!text.includes(PASSWORD), 'no value on screen once values are hidden');
    assert.ok(text.includes('••••••••'), 'values masked');

    // Opening again (double-click) opens the masked view.
    await closeAllEditors(page);
    await row.dblclick();
    await tabs(page).first().waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-line', { hasText: '"password"' }).first().waitFor({ timeout: 30_000 });
    text = await editorText(page);
    assert.ok(!text.includes(PASSWORD) && text.includes('••••••••'), 'the masked view, no value');
    await wb.screenshot('values-hidden');

    // Typing is refused: the masked view is read-only.
    await page.locator('.editor-instance .view-line', { hasText: '"password"' }).first().click();
    await page.keyboard.type('zzz');
    await sleep(500);
    assert.ok(!(await editorText(page)).includes('zzz'), 'the masked view cannot be edited');

    // The Reveal lens above "password" shows that value only.
    await page.locator('.editor-instance .codelens-decoration a', { hasText: 'Reveal password' }).first().click();
    await page.locator('.editor-instance .view-line', { hasText: PASSWORD }).first().waitFor({ timeout: 15_000 });
    assert.ok(!(await editorText(page)).includes('"orders_app"'), 'the other values stay masked');
    await page.locator('.statusbar-item', { hasText: 'Secret values visible' }).first().waitFor({ timeout: 10_000 });
    await wb.screenshot('values-revealed-key');

    // Ctrl+S in the masked view publishes nothing.
    const before = (await admin.secretState(SECRET))!.versions.length;
    await page.keyboard.press('Control+s');
    await sleep(1500);
    assert.equal((await admin.secretState(SECRET))!.versions.length, before, 'nothing was published');
  });
});
