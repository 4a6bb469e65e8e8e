#!/usr/bin/env node
// `npm run package [-- OUT.vsix]`: the VSIX, built the one way every caller (npm run package, the
// benchmark, the VSIX test) builds it. Default output: secrets-manager.vsix.
//   --no-dependencies            the bundle holds the dependencies already
//   --allow-missing-repository   the project has no public repository URL
//   --no-rewrite-relative-links  the README links its screenshots relatively (the repository
//                                renders them); without a repository URL vsce refuses to rewrite them
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'secrets-manager.vsix'));
const r = spawnSync('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
