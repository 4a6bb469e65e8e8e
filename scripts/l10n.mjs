// The English bundle of the runtime strings: every vscode.l10n.t / l10n.t message in src/, extracted
// by @vscode/l10n-dev into l10n/bundle.l10n.json (package.json's "l10n" points there; the manifest's
// strings are in package.nls.json). The build (esbuild.mjs) runs this first, so the bundle never goes
// stale; the extraction takes seconds, so it is skipped while the bundle is newer than every source
// file. test/unit/l10n.test.ts fails if the bundle and the code disagree.
//   node scripts/l10n.mjs            export if a source file changed since the bundle
//   node scripts/l10n.mjs --force    export now
//   node scripts/l10n.mjs --pseudo DIR   pseudo-localized (qps-ploc) files next to DIR's
//                                        l10n/bundle.l10n.json and package.nls.json
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = join(ROOT, 'l10n', 'bundle.l10n.json');
const CLI = join(ROOT, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');

function newestSource(dir, newest = 0) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = newestSource(p, newest);
    else if (p.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function run(args) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`l10n-dev ${args[0]} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** Writes l10n/bundle.l10n.json from src/ unless it is newer than every source file. */
export function exportBundle({ force = false } = {}) {
  if (!force && existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestSource(join(ROOT, 'src'))) return false;
  const out = run(['export', '--outDir', './l10n', './src']);
  const count = /Extracted (\d+) strings/.exec(out)?.[1];
  console.log(`l10n/bundle.l10n.json: ${count ?? '?'} strings`);
  return true;
}

/**
 * l10n/bundle.l10n.qps-ploc.json and package.nls.qps-ploc.json, pseudo-localized, in `extensionDir`
 * (a copy of the extension: l10n-dev writes them next to the English files it reads).
 */
export function generatePseudo(extensionDir) {
  run(['generate-pseudo', join(extensionDir, 'l10n', 'bundle.l10n.json'), join(extensionDir, 'package.nls.json')]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const pseudo = args.indexOf('--pseudo');
  try {
    if (pseudo >= 0) generatePseudo(args[pseudo + 1]);
    else if (!exportBundle({ force: args.includes('--force') })) console.log('l10n/bundle.l10n.json is up to date');
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
