// The packaged VSIX is what users install: build it, install it into code-server with
// `--install-extension`, and check that it activates and shows the demo secrets. And the store
// checks, on the VSIX as the Marketplace and Open VSX read it (its extension.vsixmanifest and
// extension/package.json, extension/readme.md, the icon's PNG header): vsce packages it with no
// warning, a 128x128 PNG icon, a licence, repository, bugs and homepage links, categories and
// keywords a search finds, and a README whose images are https URLs and none an SVG.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { provision, ROOT } from '../harness/provision';
import { DEMO_NAMES } from '../emulator/seed';
import { openWorkbench, showSecretsView, type Workbench } from './workbench';

/** The files of a zip (a VSIX), read from its central directory, as the stores unpack it. */
function readZip(file: string): Map<string, Buffer> {
  const zip = fs.readFileSync(file);
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip file');
  const entries = new Map<string, Buffer>();
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    entries.set(name, method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** A placeholder for the repository URL the project does not have yet: it tests the mechanism, and ships nowhere. */
const PLACEHOLDER_REPOSITORY = 'https://git.example.com/team/secrets-manager-vscode';

describe('packaged VSIX', function () {
  this.timeout(240_000);
  let wb: Workbench | undefined;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-vsix-'));
  const vsix = path.join(scratch, 'secrets-manager.vsix');
  const extensionsDir = path.join(scratch, 'extensions');

  after(async () => {
    await wb?.close();
  });

  it('packages only the build (the entry and its chunks), manifest and its strings, the runtime strings, icon, syntaxes, README, CHANGELOG and LICENSE: no source map, test or screenshot', () => {
    // Built as `npm run package` builds it.
    const r = spawnSync('node', ['scripts/package.mjs', vsix], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const ls = spawnSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    const files = ls.stdout.trim().split('\n').map((l) => l.trim()).sort();
    // The build: dist/extension.mjs and its chunks, every one of them and nothing else (no source map).
    const built = fs.readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.mjs')).map((f) => `dist/${f}`).sort();
    assert.ok(built.includes('dist/extension.mjs'));
    assert.deepEqual(files.filter((f) => f.startsWith('dist/')), built);
    assert.deepEqual(files.filter((f) => !f.startsWith('dist/')), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'l10n/bundle.l10n.json',
      'media/icon.png',
      'media/secrets-manager.svg',
      'media/walkthrough/connect.md',
      'media/walkthrough/open.md',
      'media/walkthrough/publish.md',
      'media/walkthrough/rollback.md',
      'package.json',
      'package.nls.json',
      'syntaxes/json-language-configuration.json',
      'syntaxes/secret-json.tmLanguage.json',
    ]);
  });

  it('without a repository URL (the project has none yet), says so, and the VSIX has no repository link', () => {
    const r = spawnSync('node', ['scripts/package.mjs', vsix], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SM_REPOSITORY_URL: '' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /no repository URL/);
    const files = readZip(vsix);
    assert.equal(JSON.parse(files.get('extension/package.json')!.toString('utf8')).repository, undefined);
  });

  it('passes the store checks, read from the VSIX as the Marketplace and Open VSX read it (with a repository URL)', () => {
    const out = path.join(scratch, 'store.vsix');
    const r = spawnSync('node', ['scripts/package.mjs', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SM_REPOSITORY_URL: PLACEHOLDER_REPOSITORY } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.ok(!/WARNING|warn/i.test(r.stdout + r.stderr), `vsce packaged it with no warning:\n${(r.stdout + r.stderr).split('\n').filter((l) => /warn/i.test(l)).join('\n')}`);
    const files = readZip(out);
    const vsixManifest = files.get('extension.vsixmanifest')!.toString('utf8');
    const pkg = JSON.parse(files.get('extension/package.json')!.toString('utf8'));
    const readme = files.get('extension/readme.md')!.toString('utf8');

    // Identity, names, engine.
    assert.match(vsixManifest, /<Identity [^>]*Id="secrets-manager-vscode"[^>]*Version="\d+\.\d+\.\d+"[^>]*Publisher="secrets-manager-dev"/);
    assert.match(vsixManifest, /<DisplayName>Secrets Manager<\/DisplayName>/);
    assert.match(vsixManifest, /<Description[^>]*>[^<]*AWS Secrets Manager[^<]*<\/Description>/);
    assert.match(pkg.engines.vscode, /^\^1\.\d+\.\d+$/);
    assert.ok(!pkg.activationEvents.includes('*'), 'no * activation');

    // The icon: a PNG (the stores do not take SVG there), 128x128.
    assert.equal(pkg.icon, 'media/icon.png');
    assert.match(vsixManifest, /<Icon>extension\/media\/icon\.png<\/Icon>/);
    const icon = files.get('extension/media/icon.png')!;
    assert.deepEqual([...icon.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], '128x128');

    // Licence: the field and the file (Open VSX wants one of them; both here).
    assert.equal(pkg.license, 'MIT');
    assert.ok(files.has('extension/LICENSE.txt'), 'the LICENSE file');
    assert.match(vsixManifest, /Microsoft\.VisualStudio\.Services\.Content\.License" Path="extension\/LICENSE\.txt"/);

    // Repository, bugs, homepage: https, from the URL given, in both manifests.
    assert.equal(pkg.repository.url, PLACEHOLDER_REPOSITORY);
    assert.equal(pkg.bugs.url, `${PLACEHOLDER_REPOSITORY}/issues`);
    assert.equal(pkg.homepage, `${PLACEHOLDER_REPOSITORY}#readme`);
    for (const link of ['Links.Source', 'Links.Support', 'Links.Learn']) assert.match(vsixManifest, new RegExp(`Microsoft\\.VisualStudio\\.Services\\.${link.replace('.', '\\.')}" Value="https://`), link);

    // The listing: a banner, categories the Marketplace knows, keywords a search for "aws secrets" or "secrets manager" finds.
    assert.match(vsixManifest, /Microsoft\.VisualStudio\.Services\.Branding\.Color" Value="#[0-9a-fA-F]{6}"/);
    const known = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization'];
    for (const c of pkg.categories) assert.ok(known.includes(c), `category ${c}`);
    const tags = /<Tags>([^<]*)<\/Tags>/.exec(vsixManifest)![1].split(',');
    for (const k of ['aws', 'aws secrets', 'secrets manager', 'aws secrets manager']) assert.ok(tags.includes(k), `keyword ${k}`);
    assert.ok(pkg.keywords.length <= 30, 'at most 30 keywords');

    // README and CHANGELOG: images are https URLs, none an SVG; no relative link left.
    assert.ok(files.has('extension/changelog.md'));
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    assert.ok(images.length >= 5, `the README's pictures (${images.length})`);
    for (const src of images) {
      assert.match(src, /^https:\/\//, `image ${src} is an https URL`);
      assert.ok(!/\.svg(\?|#|$)/i.test(src), `image ${src} is not an SVG`);
    }
    const links = [...readme.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1]);
    for (const href of links) assert.match(href, /^(https:\/\/|#|mailto:)/, `link ${href} is absolute`);
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
