// Build script.
//   node esbuild.mjs               development build of dist/ (sourcemaps)
//   node esbuild.mjs --production  minified, no sourcemap, size report
// One build, ES modules with code splitting (VS Code loads an extension whose main is .mjs as an
// ES module): dist/extension.mjs is what activation loads, with the chunks it imports. A part the
// extension needs only on a user's request is reached through import(), and esbuild puts it in a
// chunk of its own that loads on first use; code shared between parts is in shared chunks, never
// twice. FEATURES names the big parts; startupOutputs() tells, from the build's metafile, which
// files activation and the first listing load (everything reachable from the entry, except
// through an import() of the extension's own modules).
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

/**
 * The features loaded on a user's request, by their module: import() of each is the only way in.
 * (The command topics of src/commands/index.ts load the same way, on their first command.)
 */
export const FEATURES = {
  /** The History view's nodes and timeline, and its CloudTrail client (issue 16): on first Show History. */
  history: ['src/views/historyNodes.ts', 'src/aws/cloudtrailSdk.ts'],
  /** Secret references (issue 17): when the first document that may hold one opens. */
  references: ['src/references/features.ts'],
  /** IAM Identity Center (issue 20): on Add Accounts, or an account connection's first request. */
  accounts: ['src/aws/accountsEntry.ts'],
};

/** Whether a module is one that loads on a user's request: a feature, or a command topic. */
export const ON_REQUEST = (source) => Object.values(FEATURES).flat().includes(source) || source.startsWith('src/commands/');

/** The extension's build options, shared with the benchmark's floor build and the bundle tests. */
export function extensionBuildOptions({ production: prod = false, outdir = 'dist' } = {}) {
  return {
    entryPoints: { extension: 'src/extension.ts' },
    bundle: true,
    format: 'esm',
    splitting: true,
    platform: 'node',
    // The SDK's ES modules (dist-es), not its CommonJS: named exports across chunks, and tree-shaking.
    mainFields: ['module', 'main'],
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    // Some of the SDK's modules require() Node's own: a real require in each ES module file.
    banner: { js: "import { createRequire as __smCreateRequire } from 'node:module'; const require = __smCreateRequire(import.meta.url);" },
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

/**
 * The output files that load when `from` (an output path; default: the entry's) runs: those it
 * reaches through static imports and import() (the SDK the tree's first listing imports, the
 * credential providers' own lazy parts), except through import() of a module ON_REQUEST: the
 * parts that load on a user's request (FEATURES, and the command topics of src/commands/index.ts).
 */
export function reachableOutputs(metafile, from) {
  const outputs = metafile.outputs;
  const entry = from ?? Object.keys(outputs).find((o) => outputs[o].entryPoint === 'src/extension.ts');
  const onRequest = (o) => ON_REQUEST(outputs[o]?.entryPoint ?? '');
  const seen = new Set();
  const walk = (o) => {
    if (seen.has(o) || !outputs[o]) return;
    seen.add(o);
    for (const i of outputs[o].imports) if (!i.external && !(i.kind === 'dynamic-import' && onRequest(i.path))) walk(i.path);
  };
  walk(entry);
  return [...seen];
}

/** What activation and the first listing load: the entry and what it reaches (reachableOutputs). */
export function startupOutputs(metafile) {
  return reachableOutputs(metafile);
}

/** What a feature adds when it loads: the outputs its modules reach that startup has not loaded. */
export function featureOutputs(metafile, feature) {
  const outputs = metafile.outputs;
  const startup = new Set(startupOutputs(metafile));
  const files = new Set();
  for (const source of FEATURES[feature]) {
    const entry = Object.keys(outputs).find((o) => outputs[o].entryPoint === source);
    if (!entry) throw new Error(`${source} is not a chunk of its own: is it reached only through import()?`);
    for (const o of reachableOutputs(metafile, entry)) if (!startup.has(o)) files.add(o);
  }
  return [...files];
}

/** The source inputs of a set of outputs. */
export function inputsOf(metafile, outputs) {
  return outputs.flatMap((o) => Object.keys(metafile.outputs[o].inputs));
}

/** The bytes of a set of outputs. */
export function bytesOf(metafile, outputs) {
  return outputs.reduce((n, o) => n + metafile.outputs[o].bytes, 0);
}

/** Bytes per top-level package (or "src") over a set of outputs of an esbuild metafile. */
export function sizeReport(metafile, outputs) {
  const byPackage = new Map();
  for (const output of outputs) {
    for (const [input, info] of Object.entries(metafile.outputs[output].inputs)) {
      const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const key = m ? m[1] : input.startsWith('src/') ? 'src (this extension)' : input;
      byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
    }
  }
  return { total: bytesOf(metafile, outputs), byPackage: [...byPackage.entries()].sort((a, b) => b[1] - a[1]) };
}

function printSizeReport(metafile, title, outputs) {
  const { total, byPackage } = sizeReport(metafile, outputs);
  console.log(`${title}: ${total} bytes in ${outputs.length} files`);
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
      // import() of a source file becomes require(): the transpiled files are CommonJS without
      // extensions in their specifiers, which Node's ES module loader would not find.
      supported: { 'dynamic-import': false },
      sourcemap: 'inline',
      logLevel: 'warning',
    });
    console.log(`transpiled ${entryPoints.length} files to out/ in ${Date.now() - started} ms`);
    return;
  }
  // The English bundle of the runtime strings first (skipped when no source changed since).
  exportBundle();
  const builds = [extensionBuildOptions({ production })];
  if (args.has('--watch')) {
    for (const options of builds) {
      const ctx = await esbuild.context({
        ...options,
        plugins: [...(options.plugins ?? []), {
          name: 'report',
          setup(build) {
            build.onEnd((r) => console.log(`[watch] ${options.outdir}/ built, ${r.errors.length} errors`));
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
    rmSync(options.outdir, { recursive: true, force: true });
    const result = await esbuild.build(options);
    console.log(`built ${options.outdir}/ (${production ? 'production' : 'development'}) in ${Date.now() - started} ms`);
    printSizeReport(result.metafile, 'startup (dist/extension.mjs and what it loads)', startupOutputs(result.metafile));
    for (const feature of Object.keys(FEATURES)) printSizeReport(result.metafile, `${feature}, on first use`, featureOutputs(result.metafile, feature));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
