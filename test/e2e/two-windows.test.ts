// Two VS Code windows (two tabs of one browser on one code-server, each with its own extension
// host) edit the same secret. B publishes first; A's save then meets the conflict check: Cancel
// keeps A's text unpublished and dirty, Overwrite publishes it with B's value as AWSPREVIOUS.
// Nothing is lost: both texts end up as versions. Screenshot: test-artifacts/two-windows-conflict.png.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_NAMES } from '../emulator/seed';
import type { SecretState, VersionState } from '../emulator/types';
import { ROOT } from '../harness/provision';
import { shortId } from '../../src/model/stages';
import { openWorkbench, showSecretsView, type Workbench } from './workbench';

const SECRET = DEMO_NAMES.plaintext;
const ORIGINAL = 'sk_live_EXAMPLE_4eC39HqLyjWDarjtT1zdp7dc';
const TEXT_A = `${ORIGINAL}-from-window-A`;
const TEXT_B = `${ORIGINAL}-from-window-B`;

const tab = (page: Page) => page.locator('.tabs-container .tab', { hasText: 'api-key (AWSCURRENT)' }).first();
const editorLines = (page: Page) => page.locator('.editor-instance .monaco-editor .view-lines').first();
const dialog = (page: Page, text: string | RegExp) => page.locator('.monaco-dialog-box', { hasText: text }).first();
const button = (page: Page, label: string) =>
  page.locator('.monaco-dialog-box .monaco-button', { hasText: new RegExp(`^${label}$`) }).first();
const isDirty = (page: Page) => tab(page).evaluate((el) => el.classList.contains('dirty'));

/** Opens the secret from the (shown) tree and appends `suffix` to its value (not saved). */
async function openAndType(page: Page, suffix: string): Promise<void> {
  await page.bringToFront();
  // A double-click opens (a single click only selects).
  await page.locator('.monaco-list-row', { hasText: SECRET }).first().dblclick();
  await tab(page).waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .view-line', { hasText: ORIGINAL }).first().waitFor({ timeout: 30_000 });
  await editorLines(page).click();
  await page.keyboard.press('End');
  await page.keyboard.type(suffix);
  await page.locator('.tabs-container .tab.dirty', { hasText: 'api-key (AWSCURRENT)' }).first().waitFor({ timeout: 10_000 });
}

/** Polls the endpoint until the secret has `count` versions (fails after 60 s). */
async function versions(wb: Workbench, count: number): Promise<SecretState> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = (await wb.admin.secretState(SECRET))!;
    if (state.versions.length >= count || Date.now() > deadline) {
      assert.equal(state.versions.length, count, `${SECRET} has ${count} versions`);
      return state;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const byText = (state: SecretState, text: string): VersionState => {
  const found = state.versions.filter((v) => v.string === text);
  assert.equal(found.length, 1, `exactly one version holds ${text}`);
  return found[0];
};

describe('e2e: two windows edit the same secret', function () {
  this.timeout(420_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('the second save meets the conflict check; Cancel keeps it dirty, Overwrite keeps both versions', async () => {
    wb = await openWorkbench({ extensionDevelopmentPath: ROOT });
    const a = wb.page;
    const before = (await wb.admin.secretState(SECRET))!;
    assert.equal(before.versions.length, 1);
    const original = before.versions[0];
    assert.deepEqual(original.stages, ['AWSCURRENT']);

    // Two windows, two extension hosts: each window's tree is listed by its own host process.
    await showSecretsView(a);
    await a.locator('.monaco-list-row', { hasText: SECRET }).first().waitFor({ timeout: 60_000 });
    const hostsA = wb.server.extensionHostPids();
    assert.equal(hostsA.length, 1, `one window, one extension host (${hostsA.join(', ')})`);
    const b = await wb.newWindow();
    await showSecretsView(b);
    await b.locator('.monaco-list-row', { hasText: SECRET }).first().waitFor({ timeout: 60_000 });
    const hosts = wb.server.extensionHostPids();
    assert.equal(hosts.length, 2, `two windows, two extension hosts (${hosts.join(', ')})`);
    assert.ok(hosts.includes(hostsA[0]), 'the first window kept its extension host');
    const listed = (await wb.admin.counters()).byOperation.ListSecrets ?? 0;
    assert.ok(listed >= 2, `each host listed the secrets itself (ListSecrets: ${listed})`);

    // A edits (unsaved); B edits the same secret and publishes.
    await openAndType(a, '-from-window-A');
    await openAndType(b, '-from-window-B');
    await editorLines(b).click();
    await b.keyboard.press('Control+s');
    await dialog(b, `Publish a new version of ${SECRET}?`).waitFor({ timeout: 60_000 });
    await button(b, 'Publish').click();
    const afterB = await versions(wb, 2);
    const versionB = byText(afterB, TEXT_B);
    assert.deepEqual(versionB.stages, ['AWSCURRENT']);
    assert.deepEqual(afterB.versions.find((v) => v.versionId === original.versionId)!.stages, ['AWSPREVIOUS']);
    await b.locator('.tabs-container .tab:not(.dirty)', { hasText: 'api-key (AWSCURRENT)' }).first().waitFor({ timeout: 30_000 });

    // A saves: the conflict check (DescribeSecret) sees that AWSCURRENT moved.
    await a.bringToFront();
    await editorLines(a).click();
    await a.keyboard.press('Control+s');
    const conflict = dialog(a, 'changed since you opened it');
    await conflict.waitFor({ timeout: 60_000 });
    const said = await conflict.innerText();
    assert.match(said, new RegExp(`${SECRET} changed since you opened it`));
    assert.ok(said.includes(shortId(versionB.versionId)), `names B's version ${shortId(versionB.versionId)}: ${said}`);
    assert.ok(said.includes(shortId(original.versionId)), `names the version A read, ${shortId(original.versionId)}: ${said}`);
    for (const label of ['Compare', 'Overwrite', 'Cancel']) await button(a, label).waitFor({ timeout: 10_000 });
    await wb.screenshot('two-windows-conflict', a);

    // Cancel: nothing published, A's text still in its dirty tab.
    await button(a, 'Cancel').click();
    await conflict.waitFor({ state: 'detached', timeout: 30_000 });
    assert.equal(await isDirty(a), true, "A's tab still has unsaved changes");
    assert.ok((await editorLines(a).innerText()).includes(TEXT_A), "A's text is still in the editor");
    assert.equal((await wb.admin.counters()).byOperation.PutSecretValue, 1, 'only B published');
    const afterCancel = await versions(wb, 2);
    assert.equal(byText(afterCancel, TEXT_B).stages.join(), 'AWSCURRENT');

    // Save again, Overwrite, then the usual confirmation (it says whose value is replaced).
    await editorLines(a).click();
    await a.keyboard.press('Control+s');
    await conflict.waitFor({ timeout: 60_000 });
    await button(a, 'Overwrite').click();
    const confirm = dialog(a, `Publish a new version of ${SECRET}?`);
    await confirm.waitFor({ timeout: 60_000 });
    assert.ok((await confirm.innerText()).includes(`Someone else published ${shortId(versionB.versionId)}`), 'the confirmation says B is overwritten');
    await button(a, 'Publish').click();

    const final = await versions(wb, 3);
    assert.deepEqual(byText(final, TEXT_A).stages, ['AWSCURRENT']);
    assert.deepEqual(byText(final, TEXT_B).stages, ['AWSPREVIOUS']);
    assert.deepEqual(final.versions.find((v) => v.versionId === original.versionId)!.stages, []);
    assert.equal((await wb.admin.counters()).byOperation.PutSecretValue, 2, 'one publish per window');
    await a.locator('.tabs-container .tab:not(.dirty)', { hasText: 'api-key (AWSCURRENT)' }).first().waitFor({ timeout: 30_000 });
  });
});
