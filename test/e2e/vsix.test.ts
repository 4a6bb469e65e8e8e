// The packaged VSIX is what users install: build it, install it into code-server with
// `--install-extension`, and check that it activates and shows the demo secrets.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { provision, ROOT } from '../harness/provision';
import { DEMO_NAMES } from '../emulator/seed';
import { openWorkbench, showSecretsView, type Workbench } from './workbench';

describe('packaged VSIX', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-vsix-'));
  const vsix = path.join(scratch, 'secrets-manager.vsix');
  const extensionsDir = path.join(scratch, 'extensions');

  after(async () => {
    await wb?.close();
  });

  it('packages only the bundles, manifest and its strings, the runtime strings, icon, syntaxes, README, CHANGELOG and LICENSE: no source map, test or screenshot', () => {
    // Built as `npm run package` builds it.
    const r = spawnSync('node', ['scripts/package.mjs', vsix], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const ls = spawnSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    const files = ls.stdout.trim().split('\n').map((l) => l.trim()).sort();
    assert.deepEqual(files, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/accounts.js',
      'dist/extension.js',
      'dist/history.js',
      'dist/references.js',
      'l10n/bundle.l10n.json',
      'media/secrets-manager.svg',
      'package.json',
      'package.nls.json',
      'syntaxes/json-language-configuration.json',
      'syntaxes/secret-json.tmLanguage.json',
    ]);
  });

  it('installs into code-server with --install-extension', () => {
    const toolchain = provision();
    const r = spawnSync(
      toolchain.node24,
      [toolchain.codeServerEntry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(scratch, 'ud')],
      { encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'xdg'), EXTENSIONS_GALLERY: '{}' } },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /was successfully installed/);
  });

  it('activates from the activity bar and lists the demo secrets', async () => {
    wb = await openWorkbench({ extensionsDir });
    await showSecretsView(wb.page);
    await wb.page.locator('.monaco-list-row', { hasText: DEMO_NAMES.json }).first().waitFor({ timeout: 60_000 });
    await wb.screenshot('vsix-installed-tree');
  });
});
