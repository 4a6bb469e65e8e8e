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
import { bytesOf, extensionBuildOptions, FEATURES, featureOutputs, reachableOutputs, startupOutputs } from '../esbuild.mjs';

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
// The extension and the floor are built alike (esbuild.mjs: ES modules, split, minified), and
// measured alike: the bytes of every file that loads before a feature is asked for. For the
// extension that is dist/extension.mjs and what it reaches (the SDK it imports when the tree first
// lists); for the floor, test/bench/floor-entry.ts and what it reaches.
async function size() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-bench-size-'));
  const built = await esbuild.build({ ...extensionBuildOptions({ production: true, outdir: path.join(scratch, 'extension') }), logLevel: 'silent' });
  const floorBuilt = await esbuild.build({
    ...extensionBuildOptions({ production: true, outdir: path.join(scratch, 'floor') }),
    entryPoints: { floor: 'test/bench/floor-entry.ts' },
    logLevel: 'silent',
  });
  const meta = built.metafile;
  const gzipOf = (files) => files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length, 0);
  const startup = startupOutputs(meta);
  const floorEntry = Object.keys(floorBuilt.metafile.outputs).find((o) => floorBuilt.metafile.outputs[o].entryPoint === 'test/bench/floor-entry.ts');
  const floorFiles = reachableOutputs(floorBuilt.metafile, floorEntry);
  const bundle = bytesOf(meta, startup);
  const floor = bytesOf(floorBuilt.metafile, floorFiles);
  const ratio = bundle / floor;
  row('size', `startup code (minified, ${startup.length} files)`, bundle, 'bytes', `<= ${Math.round(floor * 1.15)} (1.15 x floor)`, floor);
  row('size', 'startup code (gzip)', gzipOf(startup), 'bytes', '', gzipOf(floorFiles));
  row('size', 'startup / floor', Number(ratio.toFixed(3)), 'ratio', '<= 1.15', 1);
  const features = {};
  const what = {
    history: 'History (on first Show History: the CloudTrail client)',
    references: 'references (with the first template or code file)',
    accounts: 'accounts (on first Add Accounts: SSO, OIDC, discovery)',
  };
  for (const name of Object.keys(FEATURES)) {
    const files = featureOutputs(meta, name);
    features[name] = bytesOf(meta, files);
    row('size', `${what[name] ?? name}, minified`, features[name], 'bytes', 'not loaded at startup');
  }
  const everything = bytesOf(meta, Object.keys(meta.outputs));
  row('size', `all of dist/ (${Object.keys(meta.outputs).length} files)`, everything, 'bytes');
  sh('node', ['scripts/package.mjs', path.join(scratch, 'x.vsix')]);
  row('size', 'VSIX', fs.statSync(path.join(scratch, 'x.vsix')).size, 'bytes');
  figures.size = { bundle, bundleGzip: gzipOf(startup), floor, floorGzip: gzipOf(floorFiles), ratio, ...features, all: everything, vsix: fs.statSync(path.join(scratch, 'x.vsix')).size };
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
