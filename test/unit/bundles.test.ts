// The bundle files: what activation loads (dist/extension.js) holds neither the CloudTrail client
// nor the reference parsers; dist/references.js holds the reference features and no SDK at all;
// an AwsError thrown by the main bundle's service is recognised by the references bundle's copy.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AwsError } from '../../src/aws/errors';

const ROOT = path.resolve(__dirname, '..', '..', '..');

describe('bundles: the reference features', function () {
  this.timeout(60_000);
  let dir: string;
  let main: string;
  let inputsOf: { main: string[]; references: string[] };
  before(async () => {
    const esbuild = await import('esbuild');
    const { extensionBuildOptions, referencesBuildOptions } = await import(path.join(ROOT, 'esbuild.mjs'));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-bundles-'));
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const m = await esbuild.build({ ...extensionBuildOptions({ production: true }), outfile: path.join(dir, 'extension.js'), logLevel: 'silent' });
      const r = await esbuild.build({ ...referencesBuildOptions({ production: true }), outfile: path.join(dir, 'references.js'), logLevel: 'silent' });
      const inputs = (meta: { outputs: Record<string, { inputs: Record<string, unknown> }> }) => Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
      inputsOf = { main: inputs(m.metafile!), references: inputs(r.metafile!) };
      main = fs.readFileSync(path.join(dir, 'extension.js'), 'utf8');
    } finally {
      process.chdir(cwd);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the main bundle holds no reference parser, engine or provider, and requires ./references.js by name', () => {
    const parsers = ['scan', 'cloudformation', 'kubernetes', 'terraform', 'ecs', 'code', 'directory', 'diagnose', 'complete'];
    const inMain = inputsOf.main.filter((i) => parsers.some((p) => i.endsWith(`src/model/references/${p}.ts`)) || /src\/references\/(features|engine|providers|literals|workspace)\.ts$/.test(i));
    assert.deepEqual(inMain, []);
    assert.match(main, /require\("\.\/references\.js"\)/);
  });

  it('the references bundle holds the features and, from node_modules, only @vscode/l10n (no second SDK), configured first', () => {
    assert.ok(inputsOf.references.some((i) => i.endsWith('src/model/references/scan.ts')));
    assert.ok(inputsOf.references.some((i) => i.endsWith('src/references/engine.ts')));
    assert.deepEqual(inputsOf.references.filter((i) => i.includes('node_modules') && !i.includes('node_modules/@vscode/l10n/')), []);
    // Its copy of @vscode/l10n is a second one: ui/localize must configure it before any model string is made.
    const source = fs.readFileSync(path.join(ROOT, 'src', 'references', 'features.ts'), 'utf8');
    assert.equal(source.match(/^import .*$/m)?.[0], "import '../ui/localize';");
  });

  it('an AwsError is recognised by another copy of the class, and a look-alike is not', () => {
    // A second copy of src/aws/errors.ts, as the references bundle has it.
    // (inside the repository, so that its require of @vscode/l10n resolves)
    const copies = fs.mkdtempSync(path.join(ROOT, 'out', 'copy-'));
    const copy = path.join(copies, 'errors-copy.js');
    fs.copyFileSync(require.resolve('../../src/aws/errors'), copy);
    fs.copyFileSync(require.resolve('../../src/aws/regions'), path.join(copies, 'regions.js'));
    let Other: typeof AwsError;
    try {
      Other = (require(copy) as { AwsError: typeof AwsError }).AwsError;
    } finally {
      fs.rmSync(copies, { recursive: true, force: true });
    }
    assert.notEqual(Other, AwsError);
    const thrown = new AwsError('notFound', 'Secret prod/db was not found.', { operation: 'DescribeSecret', secretId: 'prod/db' });
    assert.ok(thrown instanceof Other, 'the other copy recognises it');
    assert.ok(new Other('accessDenied', 'denied', { operation: 'GetSecretValue' }) instanceof AwsError);
    const lookAlike = Object.assign(new Error('x'), { name: 'AwsError', kind: 'notFound' });
    assert.equal(lookAlike instanceof AwsError, false);
    assert.equal((Object.create(null) as object) instanceof AwsError, false);
  });
});
