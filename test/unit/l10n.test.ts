// Localization, checked on the source: no user-facing string in src/ bypasses l10n (the scanner,
// test/support/l10nScan.ts, and its own examples below), the English bundle l10n/bundle.l10n.json
// is exactly the messages of the code, and the manifest's strings are all in package.nls.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { l10nKeys, scanSource, type Finding } from '../support/l10nScan';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SRC = path.join(ROOT, 'src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const rel = (f: string) => path.relative(ROOT, f);
const show = (f: Finding) => `${rel(f.file)}:${f.line} ${f.kind}: ${f.text.length > 160 ? `${f.text.slice(0, 157)}...` : f.text}`;
/** Lines (1-based) of top-level statements that call l10n.t as the module loads. */
const scanEager = (text: string) => text.split('\n').flatMap((line, i) => (EAGER.test(line) ? [i + 1] : []));
const EAGER = /^(export )?(const|let|var) \w+(: [^=]+)? = (?!\([^)]*\) =>|\w+ =>).*\bl10n\.t\(/;
const scan = (text: string) => scanSource('sample.ts', text).map((f) => `${f.kind} ${f.text}`);

describe('l10n', () => {
  describe('the scanner', () => {
    it('finds the strings of every user-facing sink that skip l10n', () => {
      const sample = [
        "prompts.info('Saved.', {}, 'Open');",
        "deps.prompts.warn(`Delete ${name}?`, { modal: true, detail: 'It cannot be undone' }, 'Delete');",
        "prompts.pickOne([{ label: 'Whole value', description: 'all keys', detail: 'JSON', value: 1 }], { title: 'Copy', placeholder: 'Pick one' });",
        "prompts.input({ title: 'Name', prompt: 'Type it', validate: (v) => (v ? undefined : 'Required') });",
        "prompts.progress({ title: 'Reading...' }, work);",
        "vscode.window.showErrorMessage('Failed');",
        "vscode.window.setStatusBarMessage('Copied', 3000);",
        "const item = new vscode.TreeItem('Timeline'); item.description = 'newest'; item.tooltip = 'Versions';",
        "status.text = '$(key) Connections';",
        "new vscode.Diagnostic(range, 'Unknown');",
        "new vscode.MarkdownString('Hover'); md.appendMarkdown('More');",
        "throw new Error('Choose a version.');",
        "new AwsError('notFound', 'Missing', base);",
        "throw vscode.FileSystemError.NoPermissions('Readonly');",
        "function validateName(v) { return 'Too long'; }",
        "const OVERWRITE = 'Overwrite';",
        "rows.push(['Created', 'never']);",
        "new FactNode('id:x', 'Replicated', 'globe');",
        "editor.setDecorations(type, [{ range, hoverMessage: 'Hidden value', renderOptions: { after: { contentText: 'reveal' } } }]);",
        "const hint = 'Open the primary and publish there.';",
        "lines.push(`Created: ${time(at)}`, `${label} removed`);",
        "if (answer === 'Open') run();",
      ].join('\n');
      assert.deepEqual(scan(sample), [
        'sink Saved.', 'sink Open',
        'sink Delete ${name}?', 'sink It cannot be undone', 'sink Delete',
        'sink Whole value', 'sink all keys', 'sink JSON', 'sink Copy', 'sink Pick one',
        'sink Name', 'sink Type it', 'sink Required',
        'sink Reading...',
        'sink Failed',
        'sink Copied',
        'sink Timeline', 'sink newest', 'sink Versions',
        'sink $(key) Connections',
        'sink Unknown',
        'sink Hover', 'sink More',
        'sink Choose a version.',
        'sink Missing',
        'sink Readonly',
        'sink Too long',
        'sink Overwrite',
        'sink Created', 'sink never',
        'sink Replicated',
        'sink Hidden value', 'sink reveal',
        'words Open the primary and publish there.',
        'words Created: ${time(at)}', 'words ${label} removed',
        'compare Open',
      ]);
    });

    it('finds words glued to a message, plurals by suffix, and placeholders that do not match', () => {
      const sample = [
        "const a = vscode.l10n.t('Copied') + ' to the clipboard';",
        "const b = `Now ${vscode.l10n.t('current')} version`;",
        "const c = vscode.l10n.t('{0} secret{1}', n, n === 1 ? '' : 's');",
        "const d = vscode.l10n.t('{0} of {1}', a);",
        "const e = l10n.t(`Dynamic ${x}`);",
        "const f = l10n.t('Hello {0}', x ? ' (MFA)' : '');",
      ].join('\n');
      assert.deepEqual(scan(sample), [
        "glued vscode.l10n.t('Copied') + ' to the clipboard'",
        'words  to the clipboard',
        "words Now ${vscode.l10n.t('current')} version",
        "glued Now ${vscode.l10n.t('current')} version",
        "plural n === 1 ? '' : 's'",
        "placeholders vscode.l10n.t('{0} of {1}', a)",
        'dynamicKey l10n.t(`Dynamic ${x}`)',
        'sink  (MFA)',
      ]);
    });

    it('lets through translated strings, log lines, ids, codicons, ARNs and what a reasoned l10n-ignore exempts', () => {
      const sample = [
        "prompts.info(vscode.l10n.t('Saved {0}.', name), {}, vscode.l10n.t('Open'));",
        "throw new Error(l10n.t('The secret {0} has no version.', name));",
        "log.info(`Published ${name} version ${id} on ${connection}`);",
        "this.log.warn('References: a hover failed');",
        "console.error('Error reading the file');",
        "import { x } from './some module';",
        "type Kind = 'not a json object';",
        "item.contextValue = 'secret.version current';",
        "item.iconPath = new vscode.ThemeIcon('cloud-upload');",
        "const link = { command: 'secretsManager.openSecret', title: vscode.l10n.t('Open') };",
        "prompts.pickOne([{ label: '$(add)', value: 1 }], { title: vscode.l10n.t('Add') });",
        "const arn = 'arn:aws:secretsmanager:us-east-1:123:secret:x';",
        "const id = 'profile services section'; // l10n-ignore: an EndpointSource id",
        '// l10n-ignore: part of a URI',
        "const label = 'new secret';",
        "if (k.state === 'binary') x();",
        "const ids = [`empty:${connectionId}`, `tree.${key}`, `${SECTION}.profile`, `https://${region}.console.aws.amazon.com/?name=${name}`];",
      ].join('\n');
      assert.deepEqual(scan(sample), []);
    });

    it('does not accept l10n-ignore without a reason', () => {
      assert.deepEqual(scan("const hint = 'Open the primary and publish there.'; // l10n-ignore"), ['words Open the primary and publish there.']);
    });
  });

  it('no user-facing string in src/ bypasses l10n', () => {
    const findings = files(SRC).flatMap((f) => scanSource(f, fs.readFileSync(f, 'utf8')));
    assert.deepEqual(findings.map(show), [], 'wrap each in vscode.l10n.t (UI code) or l10n.t from @vscode/l10n (src/model, src/aws); scripts/l10nWrap.ts does a first pass');
  });

  it('src/model and src/aws localize through @vscode/l10n, the rest through vscode.l10n (configured once, in ui/localize.ts)', () => {
    const importsL10n = (f: string) => /from '@vscode\/l10n'/.test(fs.readFileSync(f, 'utf8'));
    const usesBareT = (f: string) => /(^|[^.\w])l10n\.t\(/m.test(fs.readFileSync(f, 'utf8'));
    const pure = ['aws', 'model'].flatMap((d) => files(path.join(SRC, d)));
    const ui = files(SRC).filter((f) => !pure.includes(f) && f !== path.join(SRC, 'ui', 'localize.ts'));
    assert.deepEqual(pure.filter((f) => usesBareT(f) && !importsL10n(f)).map(rel), []);
    assert.deepEqual(ui.filter(importsL10n).map(rel), [], 'UI code calls vscode.l10n.t');
    const extension = fs.readFileSync(path.join(SRC, 'extension.ts'), 'utf8');
    const firstImport = /^import .*$/m.exec(extension)?.[0];
    assert.equal(firstImport, "import './ui/localize';", 'extension.ts imports ui/localize first');
  });

  it('no string of src/model or src/aws is made as its module loads: the bundle\'s chunks may load before ui/localize configures @vscode/l10n', () => {
    // A top-level statement (not indented) that calls l10n.t right away; an arrow function's body is made when called.
    const eager = ['aws', 'model'].flatMap((d) => files(path.join(SRC, d))).flatMap((f) =>
      fs.readFileSync(f, 'utf8').split('\n').flatMap((line, i) =>
        (EAGER.test(line) ? [`${rel(f)}:${i + 1}`] : [])));
    assert.deepEqual(eager, [], 'make it a function: const TITLE = () => l10n.t(...)');
    assert.deepEqual(scanEager("export const PUBLISH = l10n.t('Publish');\nconst X: Record<string, string> = { a: l10n.t('A') };\nconst f = (n: number) => l10n.t('{0}', n);\nexport const OK = () => l10n.t('OK');"), [1, 2]);
  });

  it('the English bundle l10n/bundle.l10n.json holds exactly the messages of src/ (npm run l10n writes it)', () => {
    const bundle: Record<string, string | { message: string }> = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'));
    const keys = new Set(files(SRC).flatMap((f) => l10nKeys(f, fs.readFileSync(f, 'utf8'))));
    assert.ok(keys.size > 500, `only ${keys.size} messages found`);
    assert.deepEqual([...keys].filter((k) => !(k in bundle)), [], 'missing from the bundle: run npm run l10n');
    assert.deepEqual(Object.keys(bundle).filter((k) => !keys.has(k)), [], 'stale in the bundle: run npm run l10n');
    for (const [key, value] of Object.entries(bundle)) {
      const message = typeof value === 'string' ? value : value.message;
      assert.equal(key.startsWith(message), true, `the English text of ${JSON.stringify(key)} is its key`);
    }
  });

  describe('the manifest', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
    const pkg = JSON.parse(manifest);

    it('every %key% of package.json is in package.nls.json, and every key there is used', () => {
      const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
      assert.ok(used.size > 50, `only ${used.size} keys used`);
      assert.deepEqual([...used].filter((k) => !(k in nls)), [], 'missing from package.nls.json');
      assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'in package.nls.json but not used');
    });

    it('no string a user reads in the manifest is left in package.json itself', () => {
      const literal: string[] = [];
      const check = (where: string, value: unknown) => {
        if (typeof value === 'string' && !/^%[^%]+%$/.test(value)) literal.push(`${where}: ${value}`);
      };
      const c = pkg.contributes;
      check('displayName', pkg.displayName);
      check('description', pkg.description);
      check('capabilities.untrustedWorkspaces.description', pkg.capabilities?.untrustedWorkspaces?.description);
      for (const list of Object.values(c.viewsContainers ?? {}) as { title: string }[][]) list.forEach((v) => check('viewsContainers', v.title));
      for (const list of Object.values(c.views ?? {}) as { id: string; name: string; contextualTitle?: string }[][]) {
        list.forEach((v) => { check(v.id, v.name); if (v.contextualTitle) check(v.id, v.contextualTitle); });
      }
      (c.viewsWelcome ?? []).forEach((w: { view: string; contents: string }) => check(`viewsWelcome ${w.view}`, w.contents));
      for (const cmd of c.commands) {
        check(cmd.command, cmd.title);
        if (cmd.category) check(cmd.command, cmd.category);
        if (cmd.shortTitle) check(cmd.command, cmd.shortTitle);
      }
      (c.submenus ?? []).forEach((s: { id: string; label: string }) => check(s.id, s.label));
      for (const section of [c.configuration].flat()) {
        check('configuration.title', section.title);
        for (const [key, p] of Object.entries(section.properties) as [string, Record<string, unknown>][]) {
          for (const f of ['description', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage', 'markdownDeprecationMessage']) if (p[f] !== undefined) check(`${key}.${f}`, p[f]);
          for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) ((p[f] as unknown[] | undefined) ?? []).forEach((d) => check(`${key}.${f}`, d));
        }
      }
      (c.languages ?? []).forEach((l: { id: string; aliases?: string[] }) => (l.aliases ?? []).forEach((a) => check(l.id, a)));
      for (const w of c.walkthroughs ?? []) {
        check(w.id, w.title);
        check(w.id, w.description);
        for (const s of w.steps ?? []) {
          check(`${w.id}.${s.id}`, s.title);
          check(`${w.id}.${s.id}`, s.description);
          if (s.media?.altText) check(`${w.id}.${s.id}`, s.media.altText);
        }
      }
      assert.deepEqual(literal, [], 'move these to package.nls.json and use %key% in package.json: node scripts/l10nManifest.mjs');
    });

    it('the bundle location is declared and packaged', () => {
      assert.equal(pkg.l10n, './l10n');
      const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
      assert.match(ignore, /^!l10n\/\*\.json$/m);
      assert.match(ignore, /^!package\.nls\.json$/m);
    });
  });
});
