#!/usr/bin/env node
// `npm run test:model -- --runs N [--seed S] [--path P]`: the model-based test of the publish path
// (test/model/publishModel.ts) with many more sequences than the unit suite's 200, against the
// local endpoint in this process. Prints how many sequences, steps and publishes ran; on a failure
// fast-check prints the shrunk counterexample and the seed/path to replay it.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const runs = option('runs') ?? '10000';
if (!/^\d+$/.test(runs)) {
  console.error('--runs takes a number of sequences, e.g. npm run test:model -- --runs 10000');
  process.exit(2);
}
const env = { ...process.env, SM_MODEL_RUNS: runs };
if (option('seed')) env.SM_MODEL_SEED = option('seed');
if (option('path')) env.SM_MODEL_PATH = option('path');
const build = spawnSync('node', ['esbuild.mjs', '--tests'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const r = spawnSync('npx', ['mocha', '--timeout', '0', 'out/test/unit/model/publishModel.test.js'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
