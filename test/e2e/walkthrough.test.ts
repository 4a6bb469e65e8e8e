// The guided first run (issue 19), walked the way a newcomer does in the real workbench
// (code-server 1.139 in Chromium) on the demo data: "Secrets Manager: Get Started" opens the
// walkthrough; its steps complete on the user's own actions: connected (the demo connection), a
// secret opened with a double-click, a change published through the confirmation, a roll back
// from the context menu. Each step is asserted checked in the walkthrough, then the picture of
// the walkthrough is taken for the README (SM_SCREENSHOTS, like the screenshot tour; otherwise
// test-artifacts/).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_NAMES } from '../emulator/seed';
import { ROOT } from '../harness/provision';
import { ARTIFACTS, openWorkbench, showSecretsView, type Workbench } from './workbench';

const OUT = process.env.SM_SCREENSHOTS ? path.resolve(ROOT, process.env.SM_SCREENSHOTS) : ARTIFACTS;
const SECRET = DEMO_NAMES.json;
const TAB = 'postgres (AWSCURRENT)';
const OLD = 'Curr-Pa55word-EXAMPLE-3';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function palette(page: Page, command: string, row = command): Promise<void> {
  await page.keyboard.press('F1');
  await page.keyboard.type(command);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

const dialogButton = async (page: Page, label: string) => {
  const b = page.locator('.monaco-dialog-box .monaco-button', { hasText: new RegExp(`^${label}$`) }).first();
  await b.waitFor({ timeout: 30_000 });
  return b;
};

describe('e2e: the walkthrough, step by step', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('Get Started opens the walkthrough; connect, open, publish and roll back complete as the user does them', async () => {
    wb = await openWorkbench({ extensionDevelopmentPath: ROOT, settings: { 'workbench.tips.enabled': false, 'workbench.welcomePage.walkthroughs.openOnInstall': false } });
    const { page, admin } = wb;
    await page.setViewportSize({ width: 1280, height: 760 });
    await showSecretsView(page);
    const row = page.locator('.sidebar .monaco-list-row', { hasText: SECRET }).first();
    await row.waitFor({ timeout: 60_000 });

    // Room for the walkthrough's step media beside its steps.
    await palette(page, 'View: Hide Secondary Side Bar', 'Hide Secondary Side Bar').catch(() => page.keyboard.press('Escape'));
    await palette(page, 'Secrets Manager: Get Started', 'Get Started');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.locator('text=Get Started with Secrets Manager').first().waitFor({ timeout: 30_000 });
    const step = (title: string) => walkthrough.locator('button.getting-started-step', { hasText: title }).first();
    const checked = async (title: string) => (await step(title).getAttribute('aria-checked')) === 'true';
    for (const title of ['Connect to AWS', 'Open a secret', 'Edit and publish with the diff', 'Roll back']) await step(title).waitFor({ timeout: 10_000 });
    const waitChecked = async (title: string) => {
      const until = Date.now() + 15_000;
      while (!(await checked(title)) && Date.now() < until) await sleep(250);
      if (!(await checked(title))) await page.screenshot({ path: path.join(ARTIFACTS, 'walkthrough-debug.png') });
      assert.ok(await checked(title), `the step "${title}" is complete: ${await walkthrough.locator('button.getting-started-step').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step-id')}=${e.getAttribute('aria-checked')}`).join(' '))}`);
    };
    await waitChecked('Connect to AWS');
    assert.equal(await checked('Open a secret'), false, 'nothing opened yet');
    await step('Open a secret').click();
    await page.mouse.move(5, 400);
    // The step's media (a Markdown page) renders in a webview.
    const media = page.locator('.gettingStartedContainer .getting-started-media iframe, .gettingStartedContainer .getting-started-media webview').first();
    await media.waitFor({ timeout: 15_000 }).catch(() => undefined);
    await sleep(4000);
    fs.mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'walkthrough.png') });
    const walkthroughTab = page.locator('.tabs-container .tab', { hasText: /Walkthrough|Welcome|Get Started/ }).first();

    // Open: a double-click in the view.
    await row.dblclick();
    await page.locator('.tabs-container .tab', { hasText: TAB }).first().waitFor({ timeout: 30_000 });
    await walkthroughTab.click();
    await waitChecked('Open a secret');
    assert.equal(await checked('Edit and publish with the diff'), false);

    // Publish: edit, Ctrl+S, the confirmation, Publish.
    const before = (await admin.secretState(SECRET))!.versions.length;
    await page.locator('.tabs-container .tab', { hasText: TAB }).first().click();
    const line = page.locator('.editor-instance .view-line', { hasText: OLD }).first();
    await line.waitFor({ timeout: 30_000 });
    await line.locator('span').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('-new');
    await page.keyboard.press('Control+s');
    await (await dialogButton(page, 'Publish')).click();
    await page.locator('.tabs-container .tab.dirty', { hasText: TAB }).first().waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal((await admin.secretState(SECRET))!.versions.length, before + 1, 'one version published');
    await walkthroughTab.click();
    await waitChecked('Edit and publish with the diff');

    // Roll back from the secret's context menu.
    await row.click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: /^Roll Back to AWSPREVIOUS$/ }).first();
    await item.waitFor({ timeout: 15_000 });
    // Hover, then Enter: a click can land while the menu is still laying out (seen with a longer menu).
    await item.hover();
    await page.keyboard.press('Enter');
    await (await dialogButton(page, 'Promote')).click();
    const until = Date.now() + 20_000;
    let state = await admin.secretState(SECRET);
    while (!state!.versions.find((v) => v.stages.includes('AWSCURRENT'))!.string!.includes(`"${OLD}"`) && Date.now() < until) {
      await sleep(300);
      state = await admin.secretState(SECRET);
    }
    assert.ok(state!.versions.find((v) => v.stages.includes('AWSCURRENT'))!.string!.includes(`"${OLD}"`), 'AWSCURRENT is the value before the publish again');
    await walkthroughTab.click();
    await waitChecked('Roll back');
    await page.screenshot({ path: path.join(ARTIFACTS, 'walkthrough-done.png') });
  });
});
