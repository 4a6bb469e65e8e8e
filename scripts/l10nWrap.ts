// Wraps the user-facing strings that test/support/l10nScan.ts finds in l10n calls: a literal
// becomes l10n.t('...'), a template `a ${x} b` becomes l10n.t('a {0} b', x). UI code gets
// vscode.l10n.t, src/model and src/aws get l10n.t from @vscode/l10n (import added when missing).
// A first pass for new strings, not a translator: read the diff, then say fragments as whole
// messages and plurals as separate ones. Then `npm run l10n` regenerates the bundle.
//   node esbuild.mjs --tests && node out/scripts/l10nWrap.js [files...]   (default: all of src/)
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { scanSource, type Finding } from '../test/support/l10nScan';

const ROOT = path.resolve(__dirname, '..', '..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** A single-quoted TypeScript string literal of `text`. */
export function quote(text: string): string {
  return "'" + JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'") + "'";
}

/** The l10n call that says the literal at [start, end) of `text`. */
function wrapped(text: string, finding: Finding, fn: string): string {
  const source = text.slice(finding.start, finding.end);
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.ES2022, true);
  const expr = (sf.statements[0] as ts.ExpressionStatement).expression;
  if (ts.isStringLiteral(expr)) return `${fn}(${source})`;
  if (ts.isNoSubstitutionTemplateLiteral(expr)) return `${fn}(${quote(expr.text)})`;
  if (!ts.isTemplateExpression(expr)) throw new Error(`not a literal: ${source}`);
  const args: string[] = [];
  let message = expr.head.text;
  for (const span of expr.templateSpans) {
    const arg = span.expression.getText(sf);
    let i = args.indexOf(arg);
    if (i < 0) i = args.push(arg) - 1;
    message += `{${i}}` + span.literal.text;
  }
  return `${fn}(${quote(message)}, ${args.join(', ')})`;
}

function usesModelL10n(file: string): boolean {
  const rel = path.relative(path.join(ROOT, 'src'), file);
  return rel.startsWith('model' + path.sep) || rel.startsWith('aws' + path.sep);
}

/** `statement` after the file's last top-level import (or at the top). */
function addImport(text: string, statement: string): string {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true);
  const imports = sf.statements.filter(ts.isImportDeclaration);
  const at = imports.length ? imports[imports.length - 1].getEnd() : 0;
  return text.slice(0, at) + (at ? '\n' : '') + statement + (at ? '' : '\n') + text.slice(at);
}

export function wrapFile(file: string): number {
  let text = fs.readFileSync(file, 'utf8');
  const model = usesModelL10n(file);
  const fn = model ? 'l10n.t' : 'vscode.l10n.t';
  let total = 0;
  for (let pass = 0; pass < 8; pass++) {
    const findings = scanSource(file, text).filter((f) => f.kind === 'sink' || f.kind === 'words' || f.kind === 'compare');
    // Innermost first: a template whose placeholder holds another finding waits for the next pass.
    const innermost = findings.filter((f) => !findings.some((g) => g !== f && g.start >= f.start && g.end <= f.end));
    if (innermost.length === 0) break;
    for (const f of [...innermost].sort((a, b) => b.start - a.start)) {
      text = text.slice(0, f.start) + wrapped(text, f, fn) + text.slice(f.end);
      total++;
    }
  }
  if (total === 0) return 0;
  if (model && !/from '@vscode\/l10n'/.test(text)) text = addImport(text, "import * as l10n from '@vscode/l10n';");
  if (!model && !/^import \* as vscode from 'vscode';/m.test(text)) text = addImport(text, "import * as vscode from 'vscode';");
  fs.writeFileSync(file, text);
  return total;
}

if (require.main === module) {
  const targets = process.argv.slice(2).length ? process.argv.slice(2).map((f) => path.resolve(f)) : files(path.join(ROOT, 'src'));
  let sum = 0;
  for (const f of targets) {
    const n = wrapFile(f);
    if (n) console.log(`${path.relative(ROOT, f)}: ${n} wrapped`);
    sum += n;
  }
  console.log(`${sum} strings wrapped; review the diff, then npm run l10n`);
}
