// What the build makes (esbuild.mjs): ES modules with code splitting. What startup loads
// (dist/extension.mjs and the files it reaches, except through a feature's import()) holds neither
// the CloudTrail client, nor the SSO and OIDC clients, nor the reference parsers; each feature's
// chunk holds its own part; no source module is built into two files, so no class or module state
// exists twice.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Metafile {
  outputs: Record<string, { bytes: number; entryPoint?: string; inputs: Record<string, unknown>; imports: { path: string; kind: string; external?: boolean }[] }>;
}
interface Build {
  FEATURES: Record<string, string[]>;
  extensionBuildOptions(o: { production: boolean; outdir: string }): object;
  startupOutputs(m: Metafile): string[];
  featureOutputs(m: Metafile, feature: string): string[];
  inputsOf(m: Metafile, outputs: string[]): string[];
}

describe('bundles', function () {
  this.timeout(60_000);
  let dir: string;
  let meta: Metafile;
  let build: Build;
  let startup: string[];
  const feature = (name: string) => build.inputsOf(meta, build.featureOutputs(meta, name));

  before(async () => {
    const esbuild = await import('esbuild');
    build = (await import(path.join(ROOT, 'esbuild.mjs'))) as Build;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-bundles-'));
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const result = await esbuild.build({ ...build.extensionBuildOptions({ production: true, outdir: dir }), logLevel: 'silent' });
      meta = result.metafile as unknown as Metafile;
    } finally {
      process.chdir(cwd);
    }
    startup = build.inputsOf(meta, build.startupOutputs(meta));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the manifest\'s main is the entry, an ES module VS Code loads as one (.mjs)', () => {
    const main = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    assert.equal(main, './dist/extension.mjs');
    const entry = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint === 'src/extension.ts');
    assert.equal(path.basename(entry ?? ''), 'extension.mjs');
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!dist\/\*\.mjs$/m, 'the VSIX ships every chunk');
  });

  it('startup holds the Secrets Manager client and the credential providers, and none of the features', () => {
    assert.ok(startup.some((i) => i.includes('node_modules/@aws-sdk/client-secrets-manager/')));
    assert.ok(startup.some((i) => i.includes('node_modules/@aws-sdk/credential-providers/')));
    const parsers = ['scan', 'cloudformation', 'kubernetes', 'terraform', 'ecs', 'code', 'directory', 'diagnose', 'complete'];
    const features = startup.filter((i) =>
      i.includes('client-cloudtrail') || /src\/(aws\/cloudtrailSdk|views\/historyNodes|model\/history)\.ts$/.test(i) ||
      /client-sso|src\/aws\/(accounts|accountsEntry|ssoCache)\.ts$/.test(i) ||
      parsers.some((p) => i.endsWith(`src/model/references/${p}.ts`)) || /src\/references\/(features|engine|providers|literals|workspace)\.ts$/.test(i));
    assert.deepEqual(features, []);
  });

  it('each feature\'s chunk holds its part: the CloudTrail client, the SSO and OIDC clients with discovery, the reference parsers with no SDK of their own', () => {
    assert.ok(feature('history').some((i) => i.includes('node_modules/@aws-sdk/client-cloudtrail/')));
    assert.ok(feature('history').some((i) => i.endsWith('src/model/history.ts')));
    const accounts = feature('accounts');
    assert.ok(accounts.some((i) => i.includes('node_modules/@aws-sdk/client-sso/')));
    assert.ok(accounts.some((i) => i.includes('node_modules/@aws-sdk/client-sso-oidc/')));
    assert.ok(accounts.some((i) => i.endsWith('src/aws/accounts.ts')));
    const references = feature('references');
    assert.ok(references.some((i) => i.endsWith('src/model/references/scan.ts')));
    assert.ok(references.some((i) => i.endsWith('src/references/engine.ts')));
    assert.deepEqual(references.filter((i) => i.includes('node_modules')), [], 'the references use the SDK startup loaded, through what is passed in');
  });

  it('no source module is built into two files (one AwsError class, one @vscode/l10n configured once)', () => {
    const where = new Map<string, string[]>();
    for (const [output, o] of Object.entries(meta.outputs)) {
      for (const input of Object.keys(o.inputs)) where.set(input, [...(where.get(input) ?? []), output]);
    }
    assert.deepEqual([...where].filter(([, outs]) => outs.length > 1).map(([input]) => input), []);
    assert.ok(where.has('src/aws/errors.ts'));
    assert.ok([...where.keys()].some((k) => k.includes('node_modules/@vscode/l10n/')));
  });

  it('a feature loads only through import(): no static import reaches its chunk', () => {
    for (const source of Object.values(build.FEATURES).flat()) {
      const chunk = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint === source);
      assert.ok(chunk, `${source} is a chunk of its own`);
      const statically = Object.entries(meta.outputs).filter(([, o]) => o.imports.some((i) => i.path === chunk && i.kind !== 'dynamic-import')).map(([k]) => k);
      assert.deepEqual(statically, [], `${source} is imported statically`);
    }
  });
});
