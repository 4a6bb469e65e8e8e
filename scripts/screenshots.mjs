#!/usr/bin/env node
// `npm run screenshots`: regenerates the README's pictures (media/screenshots/*.png) from the demo
// data. Builds the extension and the tests, provisions the offline VS Code host if needed, and
// runs only the e2e tours test/e2e/screenshots.test.ts, accounts-screenshots.test.ts and
// walkthrough.test.ts (the first run) with SM_SCREENSHOTS=media/screenshots.
// Like `npm test`, the browser and VS Code run in a loopback-only network namespace where the OS
// allows it (SM_NETNS=0 turns that off). Ends with `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const OUT = 'media/screenshots';

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`=== ${title}: FAILED (exit ${r.status ?? r.signal})`);
    return false;
  }
  return true;
}

const isolation =
  process.env.SM_NETNS !== '0' && process.platform === 'linux' && spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
const isolated = (cmd, args) =>
  isolation ? ['unshare', ['-n', 'sh', '-c', 'ip link set lo up 2>/dev/null || true; exec "$0" "$@"', cmd, ...args]] : [cmd, args];

if (!step('build extension bundle', 'node', ['esbuild.mjs'])) process.exit(1);
if (!step('build tests', 'node', ['esbuild.mjs', '--tests'])) process.exit(1);
if (!step('provision the offline VS Code host', 'node', ['out/test/harness/provision.js'])) process.exit(1);

const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sm-screenshots-')), 'results.json');
const [cmd, args] = isolated('npx', [
  'mocha', '--reporter', './out/test/support/reporter.js', '--timeout', '240000', 'out/test/e2e/screenshots.test.js', 'out/test/e2e/accounts-screenshots.test.js', 'out/test/e2e/walkthrough.test.js',
]);
const ok = step(`screenshots into ${OUT}/`, cmd, args, { SM_SCREENSHOTS: OUT, SM_TEST_RESULTS: results });
const totals = fs.existsSync(results) ? JSON.parse(fs.readFileSync(results, 'utf8')) : { passed: 0, failed: 0 };
const passed = ok && totals.passed > 0; // a run with no test is a failure, never a pass
if (passed) {
  for (const f of fs.readdirSync(OUT).filter((f) => f.endsWith('.png')).sort()) {
    console.log(`  ${OUT}/${f}  ${fs.statSync(path.join(OUT, f)).size} bytes`);
  }
}
console.log(`\n${totals.passed} passed, ${totals.failed || (passed ? 0 : 1)} failed`);
process.exit(passed ? 0 : 1);
