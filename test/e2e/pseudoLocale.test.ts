// The editor tour in the pseudo-locale (qps-ploc), to show that nothing a user meets on it is
// hard-coded English: the view container and the tree (package.nls.json and a tree item's
// accessible label), the status bar, the publish confirmation (a message and a button worded in
// src/model, so through @vscode/l10n), and a command title (Publish New Version on the diff).
// The extension is a copy of the built one with l10n-dev's pseudo-localized files beside its
// English ones (scripts/l10n.mjs --pseudo); code-server runs with --locale qps-ploc and a stand-in
// language pack (below).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_NAMES } from '../emulator/seed';
import { ROOT } from '../harness/provision';
import { openWorkbench, type Workbench } from './workbench';

const SECRET = DEMO_NAMES.plaintext;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A copy of the built extension with its qps-ploc files; returns its folder and the pseudo strings. */
function pseudoLocalizedCopy(): { dir: string; runtime: Record<string, string>; manifest: Record<string, string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-qps-ploc-'));
  for (const f of ['package.json', 'package.nls.json', 'dist', 'l10n', 'media', 'syntaxes']) {
    fs.cpSync(path.join(ROOT, f), path.join(dir, f), { recursive: true, filter: (src) => !src.endsWith('.map') && !/qps-ploc/.test(src) });
  }
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'l10n.mjs'), '--pseudo', dir], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Record<string, string>;
  return { dir, runtime: read('l10n/bundle.l10n.qps-ploc.json'), manifest: read('package.nls.qps-ploc.json') };
}

/**
 * A user data folder in which code-server finds a language pack for qps-ploc. code-server sets the
 * workbench's language (and so the extension host's, which picks l10n/bundle.l10n.<language>.json
 * and package.nls.<language>.json) only from an installed language pack's entry in
 * languagepacks.json; without one, --locale qps-ploc falls back to English. The Marketplace's pseudo
 * language pack is out of reach offline, so this is its entry with no core translation: VS Code's
 * own texts stay English, the language is qps-ploc.
 */
function userDataWithPseudoLanguagePack(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-qps-ploc-user-'));
  const translations = path.join(dir, 'qps-ploc.core.i18n.json');
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  fs.writeFileSync(path.join(dir, 'languagepacks.json'), JSON.stringify({
    // VS Code reads the pack's extension from `extensions` (an empty list throws in getInstalledLanguages).
    'qps-ploc': { hash: 'sm-test-1', extensions: [{ extensionIdentifier: { id: 'sm-test.pseudo-language-pack' }, version: '1.0.0' }], translations: { vscode: translations }, label: 'Pseudo Language' },
  }));
  return dir;
}

describe('e2e: the editor tour in the pseudo-locale (qps-ploc)', function () {
  this.timeout(180_000);
  let wb: Workbench | undefined;

  after(async () => {
    await wb?.close();
  });

  it('the tree, the status bar, the publish confirmation and a command title are pseudo-localized', async () => {
    const { dir, runtime, manifest } = pseudoLocalizedCopy();
    const t = (key: string, ...args: string[]) => {
      const text = runtime[key];
      assert.ok(text && text !== key, `the pseudo bundle translates ${JSON.stringify(key)}`);
      return text.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? '');
    };
    wb = await openWorkbench({ extensionDevelopmentPath: dir, userDataDir: userDataWithPseudoLanguagePack(), args: ['--locale', 'qps-ploc'], settings: { 'workbench.tips.enabled': false } });
    const { page, admin } = wb;
    const before = await admin.secretState(SECRET);
    assert.ok(before);

    // The view container (package.nls.json), not its English title.
    const container = manifest['viewsContainer.secretsManager.title'];
    assert.notEqual(container, 'Secrets Manager');
    await page.locator(`.activitybar [aria-label^="${container}"]`).first().click();
    assert.equal(await page.locator('.activitybar [aria-label^="Secrets Manager"]').count(), 0, 'no English container title');
    // A tree item's accessible label (src/views): "Secret <name>, <description>".
    const row = page.locator('.monaco-list-row', { hasText: SECRET }).first();
    await row.waitFor({ timeout: 60_000 });
    const rowLabel = (await row.getAttribute('aria-label')) ?? '';
    assert.ok(rowLabel.startsWith(t('Secret {0}{1}', SECRET, '')), `the row reads ${JSON.stringify(rowLabel)}`);
    await wb.screenshot('qps-ploc-tree');
    // Open it (a double click opens whether a single click opens or only selects).
    await row.dblclick();

    // An edit: the status bar item (src/editor).
    await page.locator('.editor-instance .view-line', { hasText: 'sk_live_EXAMPLE' }).first().waitFor({ timeout: 30_000 });
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.type('-qps');
    await page.locator('.statusbar-item', { hasText: t('1 unpublished secret') }).first().waitFor({ timeout: 15_000 });

    // Ctrl+S: the confirmation's message and button are worded in src/model (@vscode/l10n).
    await editor.click();
    await page.keyboard.press('Control+s');
    const dialog = page.locator('.monaco-dialog-box', { hasText: t('Publish a new version of {0}?', SECRET) });
    await dialog.waitFor({ timeout: 30_000 });
    const showDiff = dialog.locator('.monaco-button', { hasText: t('Show diff') }).first();
    await showDiff.waitFor({ timeout: 10_000 });
    // Its detail too (the plan's lines): the connection line and the warnings' prefix.
    const detail = await dialog.innerText();
    assert.ok(detail.includes(t('Connection: {0}', '')), `the detail reads ${JSON.stringify(detail)}`);
    assert.ok(!/^(Connection|Warning|Note): /m.test(detail), 'no English line prefix');
    assert.equal(await dialog.locator('.monaco-button', { hasText: /^Show diff$/ }).count(), 0, 'no English button');
    await wb.screenshot('qps-ploc-publish-confirmation');
    await showDiff.click();

    // A command title (package.nls.json) on the diff's title bar, and the publish it runs.
    const publishTitle = manifest['command.publish.title'];
    assert.notEqual(publishTitle, 'Publish New Version');
    const publish = page.locator(`.editor-actions [aria-label^="${publishTitle}"]`).first();
    await publish.waitFor({ timeout: 30_000 });
    await sleep(500);
    await publish.click();
    const deadline = Date.now() + 30_000;
    let after = await admin.secretState(SECRET);
    while (after!.versions.length === before.versions.length && Date.now() < deadline) {
      await sleep(250);
      after = await admin.secretState(SECRET);
    }
    assert.equal(after!.versions.length, before.versions.length + 1, 'exactly one new version');
    assert.equal(after!.versions.at(-1)!.string, 'sk_live_EXAMPLE_4eC39HqLyjWDarjtT1zdp7dc-qps');
    await wb.screenshot('qps-ploc-published');
  });
});
