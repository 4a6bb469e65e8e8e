// The layers of DESIGN.md, checked on the source: src/aws and src/model never import `vscode`;
// UI code (views, editor, commands, ui, references, extension.ts) never imports the AWS SDK.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Module specifiers of import/export-from, bare imports, dynamic import() and require(). */
function specifiers(text: string): string[] {
  const re = /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...text.matchAll(re)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

function imports(file: string): string[] {
  return specifiers(fs.readFileSync(file, 'utf8'));
}

describe('layers', () => {
  it('src/aws and src/model never import vscode', () => {
    const offenders = ['aws', 'model'].flatMap((d) => files(path.join(SRC, d))).filter((f) => imports(f).includes('vscode'));
    assert.deepEqual(offenders.map((f) => path.relative(SRC, f)), []);
  });

  it('UI code never imports the AWS SDK', () => {
    const ui = ['views', 'editor', 'commands', 'ui', 'references'].flatMap((d) => files(path.join(SRC, d))).concat(path.join(SRC, 'extension.ts'));
    const offenders = ui.filter((f) => imports(f).some((i) => i.startsWith('@aws-sdk/') || i.startsWith('@smithy/')));
    assert.deepEqual(offenders.map((f) => path.relative(SRC, f)), []);
  });

  it('the check recognises every form of import', () => {
    const sample = [
      "import * as vscode from 'vscode';",
      'import type { A } from "@aws-sdk/client-secrets-manager";',
      "import {\n  a,\n  b,\n} from '@aws-sdk/credential-providers';",
      "import 'side-effect';",
      "export { x } from './x';",
      "const m = await import('@aws-sdk/dynamic');",
      "const r = require('@aws-sdk/required');",
    ].join('\n');
    assert.deepEqual(specifiers(sample), ['vscode', '@aws-sdk/client-secrets-manager', '@aws-sdk/credential-providers', 'side-effect', './x', '@aws-sdk/dynamic', '@aws-sdk/required']);
  });

  it('the check sees real imports (it would catch a violation)', () => {
    assert.ok(imports(path.join(SRC, 'aws', 'service.ts')).some((i) => i.startsWith('@aws-sdk/')));
    assert.ok(imports(path.join(SRC, 'extension.ts')).includes('vscode'));
  });
});

// ---- commands: one list, registered once, matching the manifest ---------------------------------

const ROOT = path.resolve(SRC, '..');
const rel = (f: string) => path.relative(SRC, f);

/** The source without comments (so a comment that mentions an id or a call is not counted). */
function code(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Command ids registered in src/commands: the first argument of every `command('secretsManager.…'` call. */
function registeredIds(): string[] {
  return files(path.join(SRC, 'commands')).flatMap((f) => [...code(f).matchAll(/\bcommand\(\s*['"`](secretsManager\.[\w.]+)['"`]/g)].map((m) => m[1]));
}

function manifest(): any {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

describe('layers: commands', () => {
  it('src/editor, src/views and src/references never import src/commands', () => {
    const offenders = ['editor', 'views', 'references'].flatMap((d) => files(path.join(SRC, d))).filter((f) =>
      imports(f).some((i) => i.startsWith('.') && path.resolve(path.dirname(f), i).startsWith(path.join(SRC, 'commands'))));
    assert.deepEqual(offenders.map(rel), []);
  });

  it('only src/commands/index.ts registers commands (through the runner); nothing else calls registerCommand', () => {
    const all = files(SRC);
    const registering = all.filter((f) => /\.register\(|\bregisterCommand\(|\bregisterTextEditorCommand\(/.test(code(f)));
    assert.deepEqual(registering.map(rel).sort(), ['commands/index.ts', 'ui/commandRunner.ts']);
    // The runner's register is called once, over the list.
    assert.equal([...code(path.join(SRC, 'commands', 'index.ts')).matchAll(/\.register\(/g)].length, 1);
  });

  it('every registered command is contributed in package.json, and every contributed command is registered', () => {
    const ids = registeredIds();
    assert.ok(ids.length >= 30, `found only ${ids.length} registered commands: is the pattern still right?`);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'registered twice');
    const contributed: string[] = manifest().contributes.commands.map((c: { command: string }) => c.command);
    assert.deepEqual(ids.filter((id) => !contributed.includes(id)), [], 'registered but not in contributes.commands');
    assert.deepEqual(contributed.filter((id) => !ids.includes(id)), [], 'in contributes.commands but never registered');
  });

  it('each topic that loads on its first command lists exactly the ids its file registers, and is reached only through import()', () => {
    const index = code(path.join(SRC, 'commands', 'index.ts'));
    const topics = [...index.matchAll(/\{ file: '([\w.]+)', ids: \[([^\]]*)\], load: async \(\) => \(await import\('\.\/([\w]+)'\)\)/g)].map((m) => ({
      file: m[1],
      ids: [...m[2].matchAll(/'(secretsManager\.[\w.]+)'/g)].map((x) => x[1]),
      imported: `${m[3]}.ts`,
    }));
    assert.ok(topics.length >= 10, `found only ${topics.length} lazy topics: is the pattern still right?`);
    for (const t of topics) {
      assert.equal(t.imported, t.file, `the topic of ${t.file} imports its own file`);
      const registered = [...code(path.join(SRC, 'commands', t.file)).matchAll(/\bcommand\(\s*['"`](secretsManager\.[\w.]+)['"`]/g)].map((m) => m[1]);
      assert.deepEqual([...t.ids].sort(), [...registered].sort(), `the ids listed for ${t.file}`);
    }
    // A lazy topic's file is imported (for its code, not only its types) by no file but another lazy
    // topic: anything else would put it in what startup loads.
    const lazyFiles = new Set(topics.map((t) => path.join(SRC, 'commands', t.file)));
    const valueImports = (f: string) => [...code(f).matchAll(/^import (?!type )[^'";]*?from '(\.[^']+)'|^import '(\.[^']+)'/gm)].map((m) => path.resolve(path.dirname(f), m[1] ?? m[2]) + '.ts');
    const offenders = files(SRC).filter((f) => !lazyFiles.has(f)).flatMap((f) => valueImports(f).filter((to) => lazyFiles.has(to)).map((to) => `${rel(f)} -> ${rel(to)}`));
    assert.deepEqual(offenders, []);
    assert.deepEqual(valueImports(path.join(SRC, 'extension.ts')).filter((to) => lazyFiles.has(to)), []);
  });

  it('every secretsManager.* command in package.json menus, keybindings and welcome links is contributed', () => {
    const m = manifest().contributes;
    // Welcome texts are in package.nls.json (%key% in package.json).
    const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
    const localized = (text: string) => text.replace(/^%([^%]+)%$/, (k, key: string) => nls[key] ?? k);
    const contributed = new Set<string>(m.commands.map((c: { command: string }) => c.command));
    const referenced = [
      ...Object.values(m.menus as Record<string, { command: string }[]>).flat().map((e) => e.command),
      ...(m.keybindings as { command: string }[]).map((k) => k.command),
      ...(m.viewsWelcome as { contents: string }[]).flatMap((w) => [...localized(w.contents).matchAll(/\(command:([\w.]+)/g)].map((x) => x[1])),
    ].filter((id) => id.startsWith('secretsManager.'));
    assert.ok(referenced.length > 40, `found only ${referenced.length} references`);
    assert.deepEqual([...new Set(referenced.filter((id) => !contributed.has(id)))], []);
  });

  it('every secretsManager.* command the code runs or attaches to an item is registered (or is a view\'s own)', () => {
    const ids = new Set(registeredIds());
    const used = files(SRC).flatMap((f) =>
      [...code(f).matchAll(/(?:executeCommand\(\s*|\bcommand:\s*|\.command\s*=\s*)['"`](secretsManager\.[\w.]+)['"`]/g)].map((m) => ({ file: rel(f), id: m[1] })));
    assert.ok(used.length > 10, `found only ${used.length} uses`);
    const views = new Set<string>(Object.values(manifest().contributes.views as Record<string, { id: string }[]>).flat().map((v) => `${v.id}.focus`));
    assert.deepEqual(used.filter((u) => !ids.has(u.id) && !views.has(u.id)), []);
  });

  it('the check reads ids from the command list however a file is laid out', () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'layers-'));
    try {
      const sample = "// command('secretsManager.inComment', ...)\nreturn [\n  command(\n    'secretsManager.a', () => 1),\n  command(\"secretsManager.b\", run),\n];";
      const file = path.join(dir, 'x.ts');
      fs.writeFileSync(file, sample);
      assert.deepEqual([...code(file).matchAll(/\bcommand\(\s*['"`](secretsManager\.[\w.]+)['"`]/g)].map((m) => m[1]), ['secretsManager.a', 'secretsManager.b']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- settings and environment: read in one place each -----------------------------------------

describe('layers: settings and environment', () => {
  it('only src/ui/settings.ts calls getConfiguration', () => {
    const offenders = files(SRC).filter((f) => /\bgetConfiguration\s*\(/.test(code(f)));
    assert.deepEqual(offenders.map(rel), ['ui/settings.ts']);
  });

  it('process.env is read only by the composition root and src/aws', () => {
    const offenders = files(SRC).filter((f) => /\bprocess\.env\b/.test(code(f)) && !rel(f).startsWith(`aws${path.sep}`));
    assert.deepEqual(offenders.map(rel), ['extension.ts']);
    assert.equal([...code(path.join(SRC, 'extension.ts')).matchAll(/\bprocess\.env\b/g)].length, 1, 'read once');
  });
});
