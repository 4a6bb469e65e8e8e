// The README's pictures, taken the way a person sees the product: the real workbench (code-server
// in Chromium) on the demo data. The tour is a test: each step asserts what is on screen before
// the picture is taken.
//   1. tree-versions         the Secrets Manager view, the demo secret with the most versions
//                            expanded: its versions grouped by staging label, "Deprecated versions"
//   2. publish-confirmation  a JSON secret edited, Ctrl+S: the modal naming the labels that move
//   3. labels-picker         "Publish with labels...": the staging labels; Escape publishes nothing
//   4. publish-diff          Ctrl+S again, "Show diff": AWSCURRENT against the edit, Publish in the
//                            title; Publish then creates exactly one version
//   5. reference-diagnostic  a CloudFormation template with a typo'd secret name: the squiggle, its
//                            hover with "did you mean" and the quick fix
//   6. reference-hover       the hover of a correct reference: the secret's metadata, no value
//   7. history               "Show History" on the demo secret with the most versions: who published,
//                            who rolled back, the versions older than CloudTrail's 90 days, one
//                            entry's details (principal, source, event id)
// Pictures go to SM_SCREENSHOTS (relative to the repository; `npm run screenshots` sets it to
// media/screenshots), else to test-artifacts/, so `npm test` never changes tracked files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { DEMO_NAMES } from '../emulator/seed';
import type { SecretState } from '../emulator/types';
import { ROOT } from '../harness/provision';
import { ARTIFACTS, openWorkbench, showSecretsView, type Workbench } from './workbench';

const OUT = process.env.SM_SCREENSHOTS ? path.resolve(ROOT, process.env.SM_SCREENSHOTS) : ARTIFACTS;
const VIEWPORT = { width: 1280, height: 760 };
/** Three versions: AWSCURRENT, AWSPREVIOUS and one without a label (deprecated). */
const TREE_SECRET = DEMO_NAMES.json;
/** JSON, AWSCURRENT and a version labelled STAGING and QA: the labels picker has custom labels. */
const EDIT_SECRET = DEMO_NAMES.customLabel;
const OLD_PASSWORD = 'Search-Live-EXAMPLE-7';
const NEW_PASSWORD = 'Search-Live-EXAMPLE-7-v2';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A template for the references pictures: a correct reference, and one with a typo'd name. */
const REFERENCES_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: Orders service
Resources:
  OrdersDatabase:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      MasterUsername: '{{resolve:secretsmanager:${DEMO_NAMES.json}:SecretString:username}}'
      MasterUserPassword: '{{resolve:secretsmanager:prod/db/postgress:SecretString:password}}'
  PaymentsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          API_KEY: '{{resolve:secretsmanager:${DEMO_NAMES.plaintext}}}'
`;
const short = (id: string) => id.slice(0, 8);
const holder = (s: SecretState, label: string) => s.versions.find((v) => v.stages.includes(label));

/** Noise that is not the product: notification toasts (progress of DescribeSecret), hovers. */
const QUIET_CSS = '.notifications-toasts, .monaco-hover, .workbench-hover-container { visibility: hidden !important; }';

async function shot(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }, options: { hover?: boolean } = {}): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.png`);
  // The pointer rests on an empty part of the editor area: no hover, no highlighted row (unless
  // the hover is the picture).
  if (!options.hover) await page.mouse.move(VIEWPORT.width - 20, VIEWPORT.height - 60);
  const style = await page.addStyleTag({ content: options.hover ? '.notifications-toasts { visibility: hidden !important; }' : QUIET_CSS });
  await sleep(400); // animations (dialog, quick pick, tree expansion) settle
  // Nothing of this machine on screen: no local path (the workspace is a temporary folder).
  const visible = await page.locator('.monaco-workbench').innerText();
  for (const local of [ROOT, os.tmpdir() + path.sep, os.homedir() + path.sep]) assert.ok(!visible.includes(local), `${name}: no ${local} on screen`);
  try {
    await page.screenshot({ path: file, clip, animations: 'disabled', caret: 'hide' });
  } finally {
    await style.evaluate((el) => el.remove());
  }
  return file;
}

/** Drags the side bar's edge so the side bar is `width` pixels wide; returns its box. */
async function sideBarWidth(page: Page, width: number) {
  const bar = page.locator('.part.sidebar');
  const box = (await bar.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 8 });
  await page.mouse.up();
  return (await bar.boundingBox())!;
}

async function dialogButton(page: Page, label: string | RegExp): Promise<Locator> {
  const button = page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
  await button.waitFor({ timeout: 30_000 });
  return button;
}

/** The rendered rows of the Secrets Manager view, top to bottom: accessible label and text. */
async function treeRows(page: Page): Promise<{ label: string; text: string }[]> {
  const rows = await page.locator('.sidebar .monaco-list-row').evaluateAll((els) =>
    els.map((el) => ({ index: Number(el.getAttribute('data-index')), label: el.getAttribute('aria-label') ?? '', text: (el.textContent ?? '').trim() })),
  );
  return rows.sort((a, b) => a.index - b.index).map(({ label, text }) => ({ label, text }));
}

async function versionCount(wb: Workbench, name: string): Promise<number> {
  return (await wb.admin.secretState(name))!.versions.length;
}

describe('e2e: the README screenshots, on the demo data', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('tree with versions by label, publish confirmation, labels picker, diff; one version published', async () => {
    wb = await openWorkbench({
      extensionDevelopmentPath: ROOT,
      files: { 'template.yaml': REFERENCES_TEMPLATE },
      settings: {
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.layoutControl.enabled': false,
        'editor.minimap.enabled': false,
        'diffEditor.useInlineViewWhenSpaceIsLimited': false, // AWSCURRENT on the left, the edit on the right
      },
    });
    const { page, admin } = wb;
    await page.setViewportSize(VIEWPORT);
    const tree = (await admin.secretState(TREE_SECRET))!;
    const edit = (await admin.secretState(EDIT_SECRET))!;
    const treeCurrent = holder(tree, 'AWSCURRENT')!;
    const treePrevious = holder(tree, 'AWSPREVIOUS')!;
    const treeDeprecated = tree.versions.filter((v) => v.stages.length === 0);
    assert.equal(treeDeprecated.length, 1, `${TREE_SECRET} has one deprecated version in the demo data`);

    // ---- 1. The tree: versions grouped by staging label -----------------------------------------
    await showSecretsView(page);
    const secretRow = page.locator('.sidebar .monaco-list-row', { hasText: TREE_SECRET }).first();
    await secretRow.waitFor({ timeout: 60_000 });
    // Wide enough for the secrets' descriptions and the versions' ids and dates.
    const sidebar = await sideBarWidth(page, 560);
    assert.ok(sidebar.width >= 500, `side bar widened (${sidebar.width}px)`);
    // Expand with the twistie (a double-click on the row opens the secret).
    await secretRow.locator('.monaco-tl-twistie').click();
    const currentRow = page.locator(`.sidebar .monaco-list-row[aria-label^="Version ${short(treeCurrent.versionId)}, labels AWSCURRENT"]`);
    const previousRow = page.locator(`.sidebar .monaco-list-row[aria-label^="Version ${short(treePrevious.versionId)}, labels AWSPREVIOUS"]`);
    const deprecatedGroup = page.locator('.sidebar .monaco-list-row', { hasText: 'Deprecated versions' }).first();
    await currentRow.waitFor({ timeout: 30_000 });
    await previousRow.waitFor({ timeout: 10_000 });
    await deprecatedGroup.waitFor({ timeout: 10_000 });
    assert.match(await deprecatedGroup.innerText(), /1 without a label/);
    await deprecatedGroup.locator('.monaco-tl-twistie').click();
    const deprecatedRow = page.locator(`.sidebar .monaco-list-row[aria-label^="Version ${short(treeDeprecated[0].versionId)}, no label"]`);
    await deprecatedRow.waitFor({ timeout: 10_000 });
    // Label rows, in Secrets Manager's order: AWSCURRENT, AWSPREVIOUS, then the unlabelled one.
    assert.match(await currentRow.innerText(), /AWSCURRENT/);
    assert.match(await previousRow.innerText(), /AWSPREVIOUS/);
    const rows = await treeRows(page);
    const at = (prefix: string) => rows.findIndex((r) => r.label.startsWith(prefix));
    const order = [
      at(`Secret ${TREE_SECRET}`),
      at(`Version ${short(treeCurrent.versionId)}, labels AWSCURRENT`),
      at(`Version ${short(treePrevious.versionId)}, labels AWSPREVIOUS`),
      rows.findIndex((r) => r.text.startsWith('Deprecated versions')),
      at(`Version ${short(treeDeprecated[0].versionId)}, no label`),
    ];
    assert.ok(order.every((i) => i >= 0) && order.every((i, n) => n === 0 || i > order[n - 1]), `tree order: ${rows.map((r) => r.label).join(' | ')}`);
    // Only metadata in the tree: no demo value is shown.
    const treeText = await page.locator('.sidebar').innerText();
    for (const v of [...tree.versions, ...edit.versions]) assert.ok(!treeText.includes(JSON.parse(v.string!).password), 'no value in the tree');
    // The activity bar and the view, from below the title bar to just under the last secret.
    const top = (await page.locator('.part.titlebar').boundingBox())?.height ?? 0;
    const last = (await page.locator('.sidebar .monaco-list-row', { hasText: EDIT_SECRET }).first().boundingBox())!;
    const bottom = Math.min(VIEWPORT.height, Math.ceil(last.y + last.height + 28));
    await shot(page, 'tree-versions', { x: 0, y: Math.floor(top), width: Math.ceil(sidebar.x + sidebar.width), height: bottom - Math.floor(top) });

    // ---- 2. Edit a JSON secret, Ctrl+S: the confirmation -----------------------------------------
    await sideBarWidth(page, 380); // room for the editor and the diff
    const editRow = page.locator('.sidebar .monaco-list-row', { hasText: EDIT_SECRET }).first();
    await editRow.dblclick();
    const tab = page.locator('.tabs-container .tab', { hasText: 'credentials (AWSCURRENT)' }).first();
    await tab.waitFor({ timeout: 30_000 });
    const passwordLine = page.locator('.editor-instance .view-line', { hasText: OLD_PASSWORD }).first();
    await passwordLine.waitFor({ timeout: 30_000 });
    await passwordLine.locator('span').first().click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft'); // before the closing quote
    await page.keyboard.type(NEW_PASSWORD.slice(OLD_PASSWORD.length));
    await page.locator('.editor-instance .view-line', { hasText: NEW_PASSWORD }).first().waitFor({ timeout: 10_000 });
    await page.locator('.tabs-container .tab.dirty', { hasText: 'credentials (AWSCURRENT)' }).first().waitFor({ timeout: 10_000 });
    const before = edit.versions.length;

    await page.keyboard.press('Control+s');
    await dialogButton(page, 'Show diff');
    const dialog = page.locator('.monaco-dialog-box', { hasText: `Publish a new version of ${EDIT_SECRET}?` });
    await dialog.waitFor({ timeout: 10_000 });
    const cur = short(holder(edit, 'AWSCURRENT')!.versionId);
    const dialogText = await dialog.innerText();
    assert.ok(dialogText.includes(`AWSCURRENT moves from ${cur} to the new version; AWSPREVIOUS moves to ${cur}.`), dialogText);
    assert.ok(dialogText.includes('Keys changed: password'), dialogText);
    for (const button of ['Publish', 'Publish with labels...', 'Show diff', 'Cancel']) assert.ok(dialogText.includes(button), `button ${button}`);
    assert.ok(!dialogText.includes(OLD_PASSWORD) && !dialogText.includes(NEW_PASSWORD), 'the confirmation names keys, never values');
    await shot(page, 'publish-confirmation');

    // ---- 3. "Publish with labels...": the staging labels; Escape publishes nothing ---------------
    await (await dialogButton(page, 'Publish with labels...')).click();
    const picker = page.locator('.quick-input-widget', { hasText: 'Labels for the new version' });
    await picker.waitFor({ timeout: 15_000 });
    const item = (label: string) => picker.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    const staging = short(holder(edit, 'STAGING')!.versionId);
    for (const label of ['AWSCURRENT', 'AWSPENDING', 'QA', 'STAGING', 'New label...']) await item(label).waitFor({ timeout: 10_000 });
    assert.match(await item('STAGING').innerText(), new RegExp(`now on ${staging}`));
    const checked = await item('AWSCURRENT').evaluate(
      (el) => el.getAttribute('aria-checked') === 'true' || !!el.querySelector('input[type=checkbox]:checked, [aria-checked="true"], .monaco-custom-toggle.checked'),
    );
    assert.equal(checked, true, 'AWSCURRENT is checked by default');
    await shot(page, 'labels-picker');
    await page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden', timeout: 10_000 });
    await sleep(1_500);
    assert.equal(await versionCount(wb, EDIT_SECRET), before, 'cancelling the labels picker published nothing');
    assert.equal(await tab.evaluate((el) => el.classList.contains('dirty')), true, 'the edit is still unpublished');

    // ---- 4. Ctrl+S again, "Show diff": the review, then Publish ----------------------------------
    await page.locator('.editor-instance .view-line', { hasText: NEW_PASSWORD }).first().click();
    await page.keyboard.press('Control+s');
    await (await dialogButton(page, 'Show diff')).click();
    await page.locator('.monaco-diff-editor').first().waitFor({ timeout: 30_000 });
    await page.locator('.tabs-container .tab', { hasText: 'AWSCURRENT ↔ your edit' }).first().waitFor({ timeout: 15_000 });
    const publish = page.locator('.editor-actions [aria-label^="Publish New Version"]').first();
    await publish.waitFor({ timeout: 30_000 });
    const diff = page.locator('.monaco-diff-editor').first();
    await diff.locator('.editor.original .view-line', { hasText: OLD_PASSWORD }).first().waitFor({ timeout: 15_000 });
    await diff.locator('.editor.modified .view-line', { hasText: NEW_PASSWORD }).first().waitFor({ timeout: 15_000 });
    assert.equal(await diff.isVisible(), true);
    await shot(page, 'publish-diff');
    assert.equal(await versionCount(wb, EDIT_SECRET), before, 'showing the diff published nothing');

    await publish.click();
    const deadline = Date.now() + 30_000;
    let after = (await admin.secretState(EDIT_SECRET))!;
    while (after.versions.length === before && Date.now() < deadline) {
      await sleep(250);
      after = (await admin.secretState(EDIT_SECRET))!;
    }
    assert.equal(after.versions.length, before + 1, 'exactly one new version');
    const added = after.versions.at(-1)!;
    assert.deepEqual(added.stages, ['AWSCURRENT']);
    assert.deepEqual(JSON.parse(added.string!), { user: 'search', password: NEW_PASSWORD });
    assert.deepEqual(holder(after, 'AWSPREVIOUS')?.versionId, holder(edit, 'AWSCURRENT')!.versionId, 'AWSPREVIOUS moved to the old AWSCURRENT');
    await sleep(1_000);
    assert.equal(await versionCount(wb, EDIT_SECRET), before + 1, 'still exactly one');

    // ---- 5. A template with a typo'd secret name: the diagnostic and its quick fix ---------------
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').first().waitFor({ timeout: 15_000 });
    await page.keyboard.type('template.yaml');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'template.yaml' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'template.yaml' }).first().waitFor({ timeout: 30_000 });
    const squiggle = page.locator('.editor-instance .squiggly-warning').first();
    await squiggle.waitFor({ timeout: 30_000 });
    const box = (await squiggle.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover').filter({ hasText: 'No secret prod/db/postgress' }).first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.monaco-hover', { hasText: 'Did you mean prod/db/postgres?' }).first().waitFor({ timeout: 10_000 });
    const hoverText = await hover.innerText();
    assert.match(hoverText, /Quick Fix/);
    for (const v of [...tree.versions, ...edit.versions]) assert.ok(!hoverText.includes(JSON.parse(v.string!).password), 'no value in the hover');
    await shot(page, 'reference-diagnostic', undefined, { hover: true });

    // ---- 6. The hover of a correct reference: metadata, never a value -----------------------------
    await page.mouse.move(VIEWPORT.width - 20, VIEWPORT.height - 60);
    await sleep(500);
    // The pointer on the secret's name: the line's characters are of one width.
    const line = page.locator('.editor-instance .view-line', { hasText: 'SecretString:username' }).first();
    const lineText = await line.innerText();
    const lineBox = (await line.boundingBox())!;
    const charWidth = await line.evaluate((el) => {
      const r = el.ownerDocument.createRange();
      r.selectNodeContents(el);
      return r.getBoundingClientRect().width / (el.textContent ?? ' ').length;
    });
    const column = lineText.indexOf(DEMO_NAMES.json) + 4;
    await page.mouse.move(lineBox.x + charWidth * (column + 0.5), lineBox.y + lineBox.height / 2);
    const meta = page.locator('.monaco-hover', { hasText: 'Orders database credentials' }).first();
    await meta.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.monaco-hover', { hasText: 'answered from' }).first().waitFor({ timeout: 10_000 });
    const metaText = await meta.innerText();
    for (const v of [...tree.versions, ...edit.versions]) assert.ok(!metaText.includes(JSON.parse(v.string!).password), 'no value in the hover');
    await shot(page, 'reference-hover', undefined, { hover: true });
  });

  it('the History view: who changed prod/db/postgres, and when (issue 16)', async () => {
    assert.ok(wb, 'the tour above opened the workbench');
    const { page } = wb;
    await page.keyboard.press('Escape');
    const sidebar = await sideBarWidth(page, 860);
    // "Show History" from the secret's context menu in the Secrets view.
    const secretRow = page.locator('.sidebar .monaco-list-row', { hasText: TREE_SECRET }).first();
    await secretRow.waitFor({ timeout: 30_000 });
    await secretRow.click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: /^Show History$/ }).first();
    await item.waitFor({ timeout: 15_000 });
    await item.click();
    const historyPane = page.locator('.sidebar .pane', { has: page.locator('.pane-header', { hasText: /^History/i }) }).first();
    await historyPane.locator('.monaco-list-row', { hasText: 'Timeline' }).first().waitFor({ timeout: 30_000 });
    // The Secrets view folded away first: the History view takes the side bar. Its list renders
    // only the rows that fit, and under a tall Secrets view the rollback (the fifth row) does not.
    const secretsHeader = page.locator('.sidebar .pane-header', { hasText: /^Secrets/i }).first();
    if ((await secretsHeader.getAttribute('aria-expanded')) !== 'false') await secretsHeader.click();
    await page.locator('.sidebar .pane-header[aria-expanded="false"]', { hasText: /^Secrets/i }).first().waitFor({ timeout: 10_000 });
    const rollback = historyPane.locator('.monaco-list-row', { hasText: 'Rolled back: AWSCURRENT' }).first();
    await rollback.waitFor({ timeout: 30_000 });
    await rollback.locator('.monaco-tl-twistie').click();
    await historyPane.locator('.monaco-list-row', { hasText: 'Who: IAM user alice' }).first().waitFor({ timeout: 10_000 });
    const shown = await historyPane.innerText();
    for (const expected of ['Attribution: CloudTrail', 'Rotation: off', 'Timeline', 'bob@example.com', 'alice', 'UpdateSecretVersionStage', 'PutSecretValue', 'older than 90 days', 'From: 198.51.100.23']) {
      assert.ok(shown.includes(expected), `the History view shows ${expected}`);
    }
    for (const v of (await wb.admin.secretState(TREE_SECRET))!.versions) assert.ok(!shown.includes(JSON.parse(v.string!).password), 'no value in the History view');
    const top = (await historyPane.boundingBox())!;
    const lastRow = (await historyPane.locator('.monaco-list-row').last().boundingBox())!;
    const bottom = Math.min(VIEWPORT.height, Math.ceil(lastRow.y + lastRow.height + 12));
    await shot(page, 'history', { x: 0, y: Math.floor(top.y), width: Math.ceil(sidebar.x + sidebar.width), height: bottom - Math.floor(top.y) });
  });
});
