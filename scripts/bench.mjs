#!/usr/bin/env node
// `npm run bench`: what users feel, each figure beside its target and its floor.
//   npm run bench              full mode (10,000 secrets, 5 runs per figure)
//   npm run bench -- --quick   quick mode for CI (small N, 2 runs): keeps the bench working
// Prints a table and writes the same figures as JSON (path printed at the end).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { accountsBuildOptions, extensionBuildOptions, historyBuildOptions, referencesBuildOptions } from '../esbuild.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const quick = process.argv.includes('--quick');
const mode = quick ? 'quick' : 'full';
const rows = [];
const figures = { mode, machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? ''}`.trim(), date: new Date().toISOString() };

function row(group, name, value, unit, target = '', floor = '') {
  rows.push({ group, name, value, unit, target, floor });
}

function sh(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}`);
  return r.stdout;
}

// ---- Size -------------------------------------------------------------------------------------
async function size() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-bench-size-'));
  const prod = extensionBuildOptions({ production: true });
  await esbuild.build({ ...prod, outfile: path.join(scratch, 'extension.js') });
  await esbuild.build({
    ...prod,
    entryPoints: ['test/bench/floor-entry.ts'],
    outfile: path.join(scratch, 'floor.js'),
  });
  const bytes = (f) => fs.statSync(f).size;
  const gz = (f) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;
  const e = path.join(scratch, 'extension.js');
  const fl = path.join(scratch, 'floor.js');
  const ratio = bytes(e) / bytes(fl);
  row('size', 'bundle (minified)', bytes(e), 'bytes', `<= ${Math.round(bytes(fl) * 1.15)} (1.15 x floor)`, bytes(fl));
  row('size', 'bundle (gzip)', gz(e), 'bytes', '', gz(fl));
  row('size', 'bundle / floor', Number(ratio.toFixed(3)), 'ratio', '<= 1.15', 1);
  // The CloudTrail client of the History view: a second file, loaded only when History is first used.
  const h = path.join(scratch, 'history.js');
  await esbuild.build({ ...historyBuildOptions({ production: true }), outfile: h });
  row('size', 'history.js (on first History, minified)', bytes(h), 'bytes', 'not in the main bundle');
  row('size', 'history.js (gzip)', gz(h), 'bytes');
  // The secret-reference features: a third file, loaded when the first document that may hold a reference opens.
  const r = path.join(scratch, 'references.js');
  await esbuild.build({ ...referencesBuildOptions({ production: true }), outfile: r });
  row('size', 'references.js (with the first template or code file, minified)', bytes(r), 'bytes', 'not in the main bundle');
  // IAM Identity Center (the SSO and OIDC clients, discovery): loaded on Add Accounts or an account connection's first request.
  const a = path.join(scratch, 'accounts.js');
  await esbuild.build({ ...accountsBuildOptions({ production: true }), outfile: a });
  row('size', 'accounts.js (on first Add Accounts, minified)', bytes(a), 'bytes', 'not in the main bundle');
  row('size', 'accounts.js (gzip)', gz(a), 'bytes');
  sh('node', ['scripts/package.mjs', path.join(scratch, 'x.vsix')]);
  row('size', 'VSIX', bytes(path.join(scratch, 'x.vsix')), 'bytes');
  figures.size = { bundle: bytes(e), bundleGzip: gz(e), floor: bytes(fl), floorGzip: gz(fl), ratio, history: bytes(h), historyGzip: gz(h), references: bytes(r), accounts: bytes(a), accountsGzip: gz(a), vsix: bytes(path.join(scratch, 'x.vsix')) };
}

// ---- In the real VS Code host ------------------------------------------------------------------
function inHost() {
  if (!fs.existsSync('out/test/bench/index.js')) return;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sm-bench-host-')), 'host.json');
  const netns = process.platform === 'linux' && process.env.SM_NETNS !== '0' &&
    spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const cmd = netns ? ['unshare', ['-n', 'sh', '-c', 'ip link set lo up; exec "$0" "$@"', 'node', 'out/test/harness/runIntegration.js', 'bench']]
    : ['node', ['out/test/harness/runIntegration.js', 'bench']];
  const r = spawnSync(cmd[0], cmd[1], {
    stdio: 'inherit',
    env: { ...process.env, SM_BENCH_OUT: out, SM_BENCH_MODE: mode },
  });
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error('the in-host benchmark did not finish');
  const host = JSON.parse(fs.readFileSync(out, 'utf8'));
  figures.host = host.figures;
  rows.push(...host.rows);
}

// ---- Startup in the browser ----------------------------------------------------------------------
function startup() {
  if (!fs.existsSync('out/test/bench/startup.js')) return;
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sm-bench-startup-')), 'startup.json');
  const netns = process.platform === 'linux' && process.env.SM_NETNS !== '0' &&
    spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  const cmd = netns ? ['unshare', ['-n', 'sh', '-c', 'ip link set lo up; exec "$0" "$@"', 'node', 'out/test/bench/startup.js', out]]
    : ['node', ['out/test/bench/startup.js', out]];
  const r = spawnSync(cmd[0], cmd[1], { stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(out)) throw new Error('the startup benchmark did not finish');
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  figures.startup = result.figures;
  rows.push(...result.rows);
}

function printTable() {
  const cols = ['group', 'name', 'value', 'unit', 'target', 'floor'];
  const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...rows.map((r) => String(r[c]).length))]));
  const line = (r) => cols.map((c) => String(r[c]).padEnd(width[c])).join('  ');
  console.log('\n' + line(Object.fromEntries(cols.map((c) => [c, c]))));
  console.log(cols.map((c) => '-'.repeat(width[c])).join('  '));
  for (const r of rows) console.log(line(r));
}

spawnSync('node', ['esbuild.mjs', '--tests'], { stdio: 'inherit' });
// What ships: the in-host and browser figures run the minified production bundle.
spawnSync('node', ['esbuild.mjs', '--production'], { stdio: 'inherit' });
if (!process.argv.includes('--size-only')) {
  await size();
  if (!process.argv.includes('--no-host')) {
    spawnSync('node', ['out/test/harness/provision.js'], { stdio: 'inherit' });
    inHost();
    startup();
  }
} else {
  await size();
}
printTable();
const resultsDir = path.join(root, 'bench-results');
fs.mkdirSync(resultsDir, { recursive: true });
const file = path.join(resultsDir, `bench-${mode}.json`);
fs.writeFileSync(file, JSON.stringify({ ...figures, rows }, null, 2));
console.log(`\nFigures (${mode} mode, ${figures.machine}) written to ${path.relative(root, file)}`);
