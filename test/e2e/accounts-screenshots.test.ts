// The README's pictures of Add Accounts (issue 20), taken the way a person sees it: the real
// workbench (code-server in Chromium) on the local endpoint's demo organisation. Each step asserts
// what is on screen before the picture is taken.
//   1. accounts-picker   Add Accounts after the sign-in: every account and role of the demo
//                        organisation, filtered as you type ("payments"), two ticked
//   2. accounts-tree     the two connections in the Secrets view, named by account and role, one
//                        expanded: that account's own secrets
// Pictures go to SM_SCREENSHOTS (`npm run screenshots`: media/screenshots), else test-artifacts/.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_START_URL } from '../emulator/ssoSeed';
import { ROOT } from '../harness/provision';
import { ARTIFACTS, openWorkbench, showSecretsView, type Workbench } from './workbench';

const OUT = process.env.SM_SCREENSHOTS ? path.resolve(ROOT, process.env.SM_SCREENSHOTS) : ARTIFACTS;
const VIEWPORT = { width: 1280, height: 760 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function shot(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  await page.mouse.move(VIEWPORT.width - 20, VIEWPORT.height - 60);
  const style = await page.addStyleTag({ content: '.notifications-toasts, .monaco-hover { visibility: hidden !important; }' });
  await sleep(400);
  try {
    await page.screenshot({ path: path.join(OUT, `${name}.png`), clip, animations: 'disabled', caret: 'hide' });
  } finally {
    await style.evaluate((el) => el.remove());
  }
}

/** Drags the side bar's edge so the side bar is `width` pixels wide. */
async function sideBarWidth(page: Page, width: number): Promise<void> {
  const box = (await page.locator('.part.sidebar').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
}

describe('e2e: Add Accounts, on the demo organisation', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  after(async () => {
    await wb?.close();
  });

  it('signs in, lists every account and role, filters as you type, adds two; each shows its own secrets', async () => {
    wb = await openWorkbench({
      extensionDevelopmentPath: ROOT,
      settings: { 'workbench.tips.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'workbench.layoutControl.enabled': false },
    });
    const { page } = wb;
    await page.setViewportSize(VIEWPORT);
    await showSecretsView(page);
    const quickInput = page.locator('.quick-input-widget');
    const row = (text: string | RegExp) => quickInput.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

    await page.keyboard.press('F1');
    await quickInput.locator('input').first().waitFor({ timeout: 15_000 });
    await page.keyboard.type('Secrets Manager: Add Accounts');
    await row('Add Accounts').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    // No sso-session in this workbench's config: the start URL, then IAM Identity Center's region.
    await quickInput.filter({ hasText: 'start URL' }).waitFor({ timeout: 30_000 });
    await page.keyboard.type(DEMO_START_URL);
    await page.keyboard.press('Enter');
    await quickInput.filter({ hasText: 'the region of your IAM Identity Center' }).waitFor({ timeout: 15_000 });
    await page.keyboard.type('eu-west-1');
    await row(/^eu-west-1/).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');

    // The device flow signs in (the demo approves itself), then every account and role.
    const picker = quickInput.filter({ hasText: /Add Accounts: 5 accounts, 10 roles/ });
    await picker.waitFor({ timeout: 60_000 }).catch(async (err) => {
      await wb!.screenshot('accounts-picker-missing');
      throw err;
    });
    await page.keyboard.type('payments');
    await row('payments-prod / ReadOnlyAccess').waitFor({ timeout: 15_000 });
    await sleep(300);
    const shownRows = await quickInput.locator('.quick-input-list .monaco-list-row').allInnerTexts();
    assert.ok(shownRows.length >= 5 && shownRows.every((t) => /payments/.test(t)), `filtered to the payments accounts: ${shownRows.join(' | ')}`);
    for (const label of ['payments-prod / ReadOnlyAccess', 'payments-staging / AdministratorAccess']) {
      await row(label).locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-checkbox').first().click();
    }
    const box = (await quickInput.boundingBox())!;
    await shot(page, 'accounts-picker', { x: Math.floor(box.x) - 8, y: Math.max(0, Math.floor(box.y) - 8), width: Math.ceil(box.width) + 16, height: Math.ceil(box.height) + 16 });
    const ok = () => quickInput.locator('.monaco-button', { hasText: /^OK$/ }).first();
    await ok().click();
    // The Secrets Manager region(s): the current one is ticked.
    await quickInput.filter({ hasText: 'Secrets Manager region' }).waitFor({ timeout: 15_000 });
    await ok().click();

    const tree = page.locator('.sidebar .monaco-list-row');
    const prod = tree.filter({ hasText: 'payments-prod / ReadOnlyAccess' }).first();
    await prod.waitFor({ timeout: 30_000 });
    await tree.filter({ hasText: 'payments-staging / AdministratorAccess' }).first().waitFor({ timeout: 10_000 });
    // A click expands a connection. The tree re-renders as the connections arrive, and a click on
    // a row being replaced is lost: click again until the row says it is expanded.
    const expand = async (r: typeof prod) => {
      for (let i = 0; i < 5 && (await r.getAttribute('aria-expanded')) !== 'true'; i++) {
        // A row's tooltip, shown while the pointer rests, would take the click.
        await page.mouse.move(1, 1);
        await page.keyboard.press('Escape');
        await r.click();
        await sleep(500);
      }
      assert.equal(await r.getAttribute('aria-expanded'), 'true', 'the connection expanded');
    };
    await expand(prod);
    await tree.filter({ hasText: 'payments/stripe' }).first().waitFor({ timeout: 30_000 });
    const staging = tree.filter({ hasText: 'payments-staging / AdministratorAccess' }).first();
    await expand(staging);
    await tree.filter({ hasText: 'payments/feature-flags' }).first().waitFor({ timeout: 30_000 });
    const text = await page.locator('.sidebar').innerText();
    assert.match(text, /111122223333/);
    const status = await page.locator('.statusbar').innerText();
    assert.match(status, /payments-staging \(444455556666\) · AdministratorAccess · us-east-1/);
    // The picture: a wider side bar, the demo's own connection folded away.
    await sideBarWidth(page, 560);
    await tree.filter({ hasText: 'environment credentials' }).first().locator('.monaco-tl-twistie').click();
    await tree.filter({ hasText: 'dev/feature-flags' }).first().waitFor({ state: 'detached', timeout: 10_000 });
    assert.match(await page.locator('.statusbar').innerText(), /payments-staging \(444455556666\)/, 'the selection still names the account');
    const bar = (await page.locator('.part.sidebar').boundingBox())!;
    const statusBox = (await page.locator('.statusbar').boundingBox())!;
    // The sign-in's token went to the extension host's scratch HOME, not to this machine's cache.
    const mine = path.join(os.homedir(), '.aws', 'sso', 'cache', `${createHash('sha1').update(DEMO_START_URL).digest('hex')}.json`);
    assert.ok(!fs.existsSync(mine), `no demo token in ${mine}`);
    await shot(page, 'accounts-tree', { x: 0, y: 0, width: Math.ceil(bar.x + bar.width), height: Math.ceil(statusBox.y + statusBox.height) });
  });
});
