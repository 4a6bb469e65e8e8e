#!/usr/bin/env node
// `npm run package [-- OUT.vsix]`: the VSIX, built the one way every caller (npm run package, the
// benchmark, the VSIX test) builds it. Default output: secrets-manager.vsix.
//
// The repository URL comes from package.json's `repository`, else from SM_REPOSITORY_URL. The
// project has no public repository yet, so package.json has none:
// - with a URL, the VSIX is built from a staged copy whose package.json gets `repository`, `bugs`
//   and `homepage` from it, and vsce rewrites the README's relative links and images to https
//   URLs of that repository (--baseContentUrl, --baseImagesUrl; SM_BASE_IMAGES_URL and
//   SM_BASE_CONTENT_URL override them), so the Marketplace and Open VSX pages show the pictures;
// - without one, it says so and passes --allow-missing-repository and --no-rewrite-relative-links
//   (vsce refuses relative links it cannot rewrite): that VSIX installs and works, but its
//   listing has no repository link and its README pictures do not render on the stores' pages.
// Always --no-dependencies: the bundle holds the dependencies already.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'secrets-manager.vsix'));
const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** https://host/owner/name from the forms package.json and git use (git+https://..., .git). */
export function repositoryUrl(value) {
  const raw = typeof value === 'string' ? value : value?.url;
  if (!raw || !raw.trim()) return undefined;
  const url = raw.trim().replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  if (!/^https:\/\/[^/]+\/.+/.test(url)) throw new Error(`The repository URL must be an https:// URL: ${raw}`);
  return url;
}

/** Where the README's relative images and links point on that repository (GitHub, GitLab, others as GitHub). */
function baseUrls(repo) {
  const gitlab = /gitlab/.test(new URL(repo).host);
  return {
    images: process.env.SM_BASE_IMAGES_URL || `${repo}${gitlab ? '/-' : ''}/raw/HEAD/`,
    content: process.env.SM_BASE_CONTENT_URL || `${repo}${gitlab ? '/-' : ''}/blob/HEAD/`,
  };
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const repo = repositoryUrl(manifest.repository) ?? repositoryUrl(process.env.SM_REPOSITORY_URL);
if (!repo) {
  console.log('package: no repository URL (package.json has no "repository", SM_REPOSITORY_URL is not set). The VSIX has no repository, bugs or homepage link, and its README pictures are relative links that the Marketplace and Open VSX pages do not render.');
  run(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], root);
  process.exit(0);
}

// The production bundle (what vscode:prepublish builds), then a staged copy of exactly what
// the VSIX ships (`vsce ls` applies .vscodeignore), with the repository fields added.
run('node', ['esbuild.mjs', '--production'], root);
const ls = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
if (ls.status !== 0) {
  process.stderr.write(ls.stderr);
  process.exit(ls.status ?? 1);
}
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-package-'));
try {
  for (const file of [...ls.stdout.split('\n').map((l) => l.trim()).filter(Boolean), '.vscodeignore']) {
    fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(stage, file));
  }
  const staged = { ...manifest, repository: { type: 'git', url: repo }, bugs: { url: `${repo}/issues` }, homepage: `${repo}#readme` };
  delete staged.scripts['vscode:prepublish']; // built above, in the repository
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(staged, null, 2) + '\n');
  const { images, content } = baseUrls(repo);
  console.log(`package: repository ${repo}; README images from ${images}`);
  run(vsce, ['package', '--no-dependencies', '--baseImagesUrl', images, '--baseContentUrl', content, '--out', out], stage);
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
