// Build script.
//   node esbuild.mjs               development bundles (dist/extension.js, dist/history.js,
//                                  dist/references.js, dist/accounts.js, sourcemaps)
//   node esbuild.mjs --production  minified bundles, no sourcemap, size report
// Four bundle files: dist/extension.js (activation, the tree, the editor, Secrets Manager),
// dist/history.js (the CloudTrail SDK client), which the History view loads on first use: the main
// bundle's require('./cloudtrailSdk') (src/aws/cloudtrail.ts) is pointed at ./history.js and left
// out; and dist/references.js (the secret-reference features), loaded when the first document
// references live in opens: require('./features') (src/references/index.ts) is pointed at it.
// The references bundle holds no SDK: everything it uses from the main bundle is passed in.
// dist/accounts.js (IAM Identity Center: the SSO and OIDC clients) loads on first use, through
// require('./accountsEntry') in src/aws/accountsLoader.ts.
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       transpile src/ and test/ (no bundling) to out/ for mocha
// Every build but --tests first writes l10n/bundle.l10n.json when a source file changed (scripts/l10n.mjs).
// Type-checking is separate: `tsc --noEmit` (npm run typecheck).
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { exportBundle } from './scripts/l10n.mjs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');

/** The module the main bundle loads on first use from the second bundle file, and that file. */
export const HISTORY_MODULE = { source: 'src/aws/cloudtrailSdk.ts', outfile: 'dist/history.js' };

/** require('./cloudtrailSdk') in the main bundle: ./history.js at run time, not bundled. */
const historyOnDemand = {
  name: 'history-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/cloudtrailSdk$/ }, () => ({ path: './history.js', external: true }));
  },
};

/** The reference features, loaded when a document that may hold references opens. */
export const REFERENCES_MODULE = { source: 'src/references/features.ts', outfile: 'dist/references.js' };

/** require('./features') of src/references/index.ts in the main bundle: ./references.js at run time. */
const referencesOnDemand = {
  name: 'references-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/features$/ }, (args) =>
      /[\\/]src[\\/]references[\\/]index\.ts$/.test(args.importer) ? { path: './references.js', external: true } : undefined);
  },
};

/** IAM Identity Center (issue 20): the SSO and OIDC clients and account discovery, loaded on first use. */
export const ACCOUNTS_MODULE = { source: 'src/aws/accountsEntry.ts', outfile: 'dist/accounts.js' };

/** require('./accountsEntry') in the main bundle (src/aws/accountsLoader.ts): ./accounts.js at run time. */
const accountsOnDemand = {
  name: 'accounts-on-demand',
  setup(build) {
    build.onResolve({ filter: /^\.\/accountsEntry$/ }, () => ({ path: './accounts.js', external: true }));
  },
};

/** The extension bundle's options, shared with the benchmark's floor build. */
export function extensionBuildOptions({ production: prod = false } = {}) {
  return {
    entryPoints: ['src/extension.ts'],
    plugins: [historyOnDemand, referencesOnDemand, accountsOnDemand],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    // Required only by the SDK's browser user agent provider, never called in Node (see the stub).
    alias: { bowser: './scripts/stubs/bowser.js' },
    minify: prod,
    sourcemap: !prod,
    sourcesContent: false,
    legalComments: prod ? 'none' : 'inline',
    metafile: true,
    logLevel: 'warning',
  };
}

/** The second bundle: the CloudTrail client, loaded when the History view is first used. */
export function historyBuildOptions({ production: prod = false } = {}) {
  const { plugins: _none, ...options } = extensionBuildOptions({ production: prod });
  return { ...options, entryPoints: [HISTORY_MODULE.source], outfile: HISTORY_MODULE.outfile };
}

/** The third bundle: the reference features (no SDK; only vscode and @vscode/l10n). */
export function referencesBuildOptions({ production: prod = false } = {}) {
  const { plugins: _none, ...options } = extensionBuildOptions({ production: prod });
  return { ...options, entryPoints: [REFERENCES_MODULE.source], outfile: REFERENCES_MODULE.outfile };
}

/** The fourth bundle: IAM Identity Center, loaded when accounts are added or an account connection is used. */
export function accountsBuildOptions({ production: prod = false } = {}) {
  const { plugins: _none, ...options } = extensionBuildOptions({ production: prod });
  return { ...options, entryPoints: [ACCOUNTS_MODULE.source], outfile: ACCOUNTS_MODULE.outfile };
}

/** Bytes per top-level package (or "src") from an esbuild metafile. */
export function sizeReport(metafile, outfile) {
  const output = metafile.outputs[outfile];
  const byPackage = new Map();
  for (const [input, info] of Object.entries(output.inputs)) {
    const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
    const key = m ? m[1] : input.startsWith('src/') ? 'src (this extension)' : input;
    byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
  }
  return { total: output.bytes, byPackage: [...byPackage.entries()].sort((a, b) => b[1] - a[1]) };
}

function printSizeReport(metafile, outfile) {
  const { total, byPackage } = sizeReport(metafile, outfile);
  console.log(`${outfile}: ${total} bytes`);
  for (const [name, bytes] of byPackage) {
    if (bytes > 0) console.log(`  ${String(bytes).padStart(9)}  ${name}`);
  }
}

function listTs(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listTs(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

async function main() {
  if (args.has('--tests')) {
    rmSync('out', { recursive: true, force: true });
    const entryPoints = [...listTs('src'), ...listTs('test'), ...listTs('scripts')];
    const started = Date.now();
    await esbuild.build({
      entryPoints,
      outdir: 'out',
      outbase: '.',
      bundle: false,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    console.log(`transpiled ${entryPoints.length} files to out/ in ${Date.now() - started} ms`);
    return;
  }
  // The English bundle of the runtime strings first (skipped when no source changed since).
  exportBundle();
  const builds = [extensionBuildOptions({ production }), historyBuildOptions({ production }), referencesBuildOptions({ production }), accountsBuildOptions({ production })];
  if (args.has('--watch')) {
    for (const options of builds) {
      const ctx = await esbuild.context({
        ...options,
        plugins: [...(options.plugins ?? []), {
          name: 'report',
          setup(build) {
            build.onEnd((r) => console.log(`[watch] ${options.outfile} built, ${r.errors.length} errors`));
          },
        }],
      });
      await ctx.watch();
    }
    console.log('[watch] watching src/ for changes');
    return;
  }
  for (const options of builds) {
    const started = Date.now();
    const result = await esbuild.build(options);
    console.log(`built ${options.outfile} (${production ? 'production' : 'development'}) in ${Date.now() - started} ms`);
    printSizeReport(result.metafile, options.outfile);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
