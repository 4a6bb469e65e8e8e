// Finds user-facing strings in src/ that do not go through l10n (vscode.l10n.t in UI code, l10n.t
// from @vscode/l10n in src/model and src/aws). Read by test/unit/l10n.test.ts, which fails on any
// finding, and by scripts/l10nWrap.ts, which wraps the findings it can (the first pass of a new
// feature's strings). Syntactic (the TypeScript parser, no type-checker): a literal is user-facing
//   - at a sink: the message, detail and buttons of Prompts and show*Message; a pick item's label,
//     description and detail; a title, placeholder or prompt; a TreeItem's label, description and
//     tooltip; a StatusBarItem's text and tooltip; a Diagnostic's, Error's or FileSystemError's
//     message; a MarkdownString; a CodeAction's title; a validation function's answer; or
//   - anywhere, when it reads like words (two words or more, a sentence's end, or a template with a
//     word beside its placeholders: `created ${date}`), unless it is
//     a log line, a module name, a type, a property key, a regular expression's source, or is
//     allow-listed below with its reason; or
//   - compared with (=== !==, switch case) a text that is user-facing in the same file (a button
//     the code checks the answer against).
// A literal that only looks like words (an id with spaces, a format's keyword) is exempted by
// `// l10n-ignore: <reason>` at the end of its line or alone on the line before.
// Also: a l10n.t whose message is not one plain string literal (l10n-dev cannot extract it), and
// a translated message glued to other text (+, or inside a template with words), which breaks
// translation: say it in one message with placeholders; and a plural made by a suffix
// (`n === 1 ? '' : 's'`): say each form as its own message; and a message whose {0}, {1}... do not
// match the values given.
import * as ts from 'typescript';

export type FindingKind = 'sink' | 'words' | 'compare' | 'dynamicKey' | 'glued' | 'plural' | 'placeholders';

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly kind: FindingKind;
  /** The literal's text (a template's with ${...}), for the report and the allow-list. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Texts that are not words a person reads in their language, each with its reason. */
export const ALLOWED: readonly { readonly pattern: RegExp; readonly reason: string }[] = [
  { pattern: /^\$\([\w~-]+\)$/, reason: 'a codicon alone' },
  { pattern: /^(AWSCURRENT|AWSPREVIOUS|AWSPENDING)$/, reason: 'a staging label name' },
  { pattern: /^arn:/, reason: 'an ARN' },
  { pattern: /^secretsManager\.[\w.]+$/, reason: 'a command, setting or view id' },
  { pattern: /^[\s\W\d]*$/, reason: 'punctuation, numbers or whitespace only' },
  { pattern: /^aws (sso login|configure)\b/, reason: 'an AWS CLI command line the user types' },
  { pattern: /^ ?--profile \$\{/, reason: 'an AWS CLI option the user types' },
  { pattern: /^secretsmanager:[A-Za-z*]+$/, reason: 'an IAM action' },
  { pattern: /^cloudtrail:[A-Za-z*]+$/, reason: 'an IAM action' },
  { pattern: /^sts:[A-Za-z*]+$/, reason: 'an IAM action' },
  { pattern: /^(AWS )?Secrets Manager$/, reason: "the product's name (log channel, diagnostics source)" },
  { pattern: /^(Amazon|AWS) [A-Z][\w-]*( [A-Z][\w-]*)*( query editor)?$/, reason: 'an AWS service name' },
  { pattern: /^command:/, reason: 'a command link' },
  { pattern: /amazonaws\.com/, reason: 'a host name' },
  { pattern: /SecretsManagerClient|GetSecretValue(Command|Input|Async)|get-secret-value|get_secret_value|\{\{resolve:secretsmanager:|aws_secretsmanager_secret/, reason: 'code the user pastes (a snippet or a reference in its format)' },
];

/** Receivers whose methods write the log (English, for the developer), not the UI. */
const LOG_RECEIVER = /(^|\.)(log|logger|console|channel|output)$/i;
const LOG_METHOD = new Set(['info', 'warn', 'error', 'debug', 'trace', 'append', 'appendLine', 'log', 'replace']);
/** Prompts methods and how their arguments reach the user. */
const PROMPT_MESSAGE = new Set(['info', 'warn', 'error']);
const PROMPT_OPTIONS = new Set(['pickOne', 'pickMany', 'pickStreaming', 'input', 'progress']);
const SHOW_MESSAGE = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);
/** Properties whose string value is shown (object literals and assignments). */
const SHOWN_PROPERTIES = new Set(['label', 'description', 'detail', 'tooltip', 'title', 'placeholder', 'placeHolder', 'prompt', 'message', 'contextualTitle', 'buttonLabel', 'badge', 'hoverMessage', 'contentText', 'ariaLabel', 'documentation', 'openLabel', 'saveLabel']);
/** Classes whose string arguments are shown (message, label, markdown, action title). */
const SHOWN_CONSTRUCTORS = /^(TreeItem|Diagnostic|MarkdownString|CodeAction|Hover|CodeLens|DiagnosticRelatedInformation|TreeItemLabel|.*Error)$/;
/** The extension's own tree nodes: of their string arguments, ids, icons and context values are lower case; labels start with a capital. */
const OWN_NODES = /^\w+(Node|Item)$/;
const SHOWN_METHODS = new Set(['appendMarkdown', 'appendText', 'FileNotFound', 'FileExists', 'FileNotADirectory', 'FileIsADirectory', 'NoPermissions', 'Unavailable']);
/** A validation function's answer is shown under the input. */
const VALIDATOR_NAME = /^(validate\w*|validateInput|check\w*Name)$/;

/** A word beside a template's placeholders: `created ${date}`, `Connection: ${label}` (not `tree.${key}`). */
const TEMPLATE_WORD = /(^|[\s\0])[A-Za-z]{3,}(?=[\s,)\0]|:\s|\.\.\.|$)/;
const WORDS = /[A-Za-z]{2,},? +[A-Za-z]{2,}|\s.*[A-Za-z]{2,}(\.|\?|!|\.\.\.|…)$/;

function isL10nCall(node: ts.Node): node is ts.CallExpression {
  if (!ts.isCallExpression(node)) return false;
  const callee = node.expression.getText();
  return callee === 'l10n.t' || callee === 'vscode.l10n.t';
}

function literalText(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return node.head.text + node.templateSpans.map((s) => '${' + s.expression.getText() + '}' + s.literal.text).join('');
}

/** The words of a literal without its placeholders: what must be translated. */
function wordsOf(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
}

function isAllowed(text: string): boolean {
  return ALLOWED.some((a) => a.pattern.test(text));
}

type Lit = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;
const isLit = (n: ts.Node): n is Lit => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n);

/** The literals an expression evaluates to: through parentheses, a ? b : c, a ?? b, a || b, a + b, [a, b]. */
function leaves(expr: ts.Expression | undefined, out: Lit[] = []): Lit[] {
  if (!expr) return out;
  if (isLit(expr)) out.push(expr);
  else if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isNonNullExpression(expr)) leaves(expr.expression, out);
  else if (ts.isConditionalExpression(expr)) { leaves(expr.whenTrue, out); leaves(expr.whenFalse, out); }
  else if (ts.isBinaryExpression(expr) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.PlusToken].includes(expr.operatorToken.kind)) {
    leaves(expr.right, out);
    if (expr.operatorToken.kind !== ts.SyntaxKind.QuestionQuestionToken && expr.operatorToken.kind !== ts.SyntaxKind.BarBarToken) leaves(expr.left, out);
  } else if (ts.isArrayLiteralExpression(expr)) expr.elements.forEach((e) => leaves(e as ts.Expression, out));
  return out;
}

/** Literals at a sink, and the expressions whose object literal properties are shown. */
function sinkLiterals(sf: ts.SourceFile): Set<Lit> {
  const found = new Set<Lit>();
  const add = (e: ts.Expression | undefined) => leaves(e).forEach((l) => found.add(l));
  const shownProps = (obj: ts.Expression | undefined) => {
    if (!obj || !ts.isObjectLiteralExpression(obj)) return;
    for (const p of obj.properties) if (ts.isPropertyAssignment(p) && SHOWN_PROPERTIES.has(p.name.getText(sf))) add(p.initializer);
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression.getText(sf);
      if (/prompts$/i.test(receiver) && PROMPT_MESSAGE.has(method)) {
        node.arguments.forEach((a, i) => (i === 1 ? shownProps(a) : add(a)));
      }
      if (/prompts$/i.test(receiver) && PROMPT_OPTIONS.has(method)) node.arguments.forEach((a) => shownProps(a));
      if (SHOW_MESSAGE.has(method)) node.arguments.forEach((a) => (ts.isObjectLiteralExpression(a) ? shownProps(a) : add(a)));
      if (SHOWN_METHODS.has(method)) node.arguments.forEach((a) => add(a));
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'toFileSystemError') add(node.arguments[1]);
    // A button's constant: const OVERWRITE = 'Overwrite' (one title-case word; longer ones read as words).
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && /^[A-Z][A-Z0-9_]*$/.test(node.name.text) && node.initializer && ts.isStringLiteral(node.initializer) && /^[A-Z][a-z]+$/.test(node.initializer.text)) add(node.initializer);
    // A table row of a tooltip or hover: ['Created', value].
    if (ts.isArrayLiteralExpression(node) && node.elements.length === 2 && ts.isStringLiteral(node.elements[0]) && /^[A-Z][a-z]+( [a-z]+)*$/.test(node.elements[0].text)) node.elements.forEach((e) => add(e as ts.Expression));
    // A placeholder's value is part of the message: ' (MFA)' there is words to translate.
    if (isL10nCall(node)) node.arguments.slice(1).forEach((a) => add(a));
    if (ts.isNewExpression(node)) {
      const name = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : node.expression.getText(sf);
      if (OWN_NODES.test(name) && !SHOWN_CONSTRUCTORS.test(name)) {
        for (const a of node.arguments ?? []) for (const l of leaves(a)) if (/^\s*[A-Z][a-z]/.test(ts.isTemplateExpression(l) ? l.head.text : l.text)) found.add(l);
      }
      if (SHOWN_CONSTRUCTORS.test(name)) {
        // new AwsError(kind, message, details): the kind is an id.
        for (const a of (node.arguments ?? []).slice(name === 'AwsError' ? 1 : 0, name === 'AwsError' ? 2 : undefined)) {
          add(a);
          if (ts.isObjectLiteralExpression(a)) shownProps(a);
        }
      }
    }
    // Every object literal: its shown properties (pick items, tree items, options, diagnostics).
    if (ts.isObjectLiteralExpression(node)) shownProps(node);
    // x.label = ..., item.tooltip = ..., statusBar.text = ...
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      const prop = node.left.name.text;
      if (SHOWN_PROPERTIES.has(prop) || (prop === 'text' && /status|item|bar/i.test(node.left.expression.getText(sf)))) add(node.right);
    }
    // A validator's answers: validate(...) { return '...' } and validate: (v) => '...'.
    const fn = ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) ? node : undefined;
    const named = fn?.name?.getText(sf) ?? (ts.isPropertyAssignment(node) ? node.name.getText(sf) : undefined);
    if (named && VALIDATOR_NAME.test(named)) {
      const body = fn ? fn.body : ts.isPropertyAssignment(node) && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer)) ? node.initializer.body : undefined;
      if (body && !ts.isBlock(body)) add(body);
      else if (body) {
        const walk = (n: ts.Node) => {
          if (ts.isReturnStatement(n)) add(n.expression);
          if (!ts.isFunctionLike(n)) ts.forEachChild(n, walk);
        };
        ts.forEachChild(body, walk);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** A literal in a place where it is not shown: log lines, modules, types, keys, regular expressions, ids. */
function notShown(node: Lit, sf: ts.SourceFile): boolean {
  const p = node.parent;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isExternalModuleReference(p) || ts.isLiteralTypeNode(p)) return true;
  if (ts.isPropertyAssignment(p) && p.name === node) return true;
  if (ts.isElementAccessExpression(p) && p.argumentExpression === node) return true;
  if (ts.isEnumMember(p) || ts.isPropertySignature(p)) return true;
  // Ids: { contextValue: 'a b' }, item.id = '...'.
  if (ts.isPropertyAssignment(p) && ID_PROPERTIES.has(p.name.getText(sf))) return true;
  if (ts.isBinaryExpression(p) && p.right === node && ts.isPropertyAccessExpression(p.left) && ID_PROPERTIES.has(p.left.name.text)) return true;
  // Inside a call to the log, console, require(), import(), RegExp or a command id.
  for (let n: ts.Node = node; n && n !== sf; n = n.parent) {
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) {
      const callee = n.expression;
      const text = callee.getText(sf);
      if (ts.isPropertyAccessExpression(callee) && LOG_METHOD.has(callee.name.text) && LOG_RECEIVER.test(callee.expression.getText(sf))) return true;
      // Timing marks of activation (phase) go to the log.
      if (/^(require|import|RegExp|Symbol\.for|phase)$/.test(text)) return true;
      if (isL10nCall(n)) return n.arguments[0] === node;
    }
    if (ts.isFunctionLike(n) || ts.isBlock(n)) break;
  }
  return false;
}

/** Properties that hold ids, not words. */
const ID_PROPERTIES = new Set(['id', 'contextValue', 'command', 'when', 'languageId', 'scheme', 'kind', 'code', 'key', 'source']);

const PLURAL_SUFFIX = new Set(['', 's', 'es', 'y', 'ies']);

/** An expression inside a log line. */
function notShownExpr(node: ts.Node, sf: ts.SourceFile): boolean {
  for (let n: ts.Node = node; n && n !== sf; n = n.parent) {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && LOG_METHOD.has(n.expression.name.text) && LOG_RECEIVER.test(n.expression.expression.getText(sf))) return true;
  }
  return false;
}

function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

/** The message of a l10n.t call (its first argument, or that object's message and comment). */
function insideL10n(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let n = node.parent; n; child = n, n = n.parent) {
    if (isL10nCall(n)) return n.arguments[0] === child;
    if (ts.isFunctionLike(n)) return false;
  }
  return false;
}

/** `// l10n-ignore: <reason>` on a line, or alone on the line before, exempts that line's literals. */
const IGNORE = /\/\/\s*l10n-ignore:\s*\S/;

function ignoredLines(text: string): Set<number> {
  const lines = text.split('\n');
  const out = new Set<number>();
  lines.forEach((l, i) => {
    if (!IGNORE.test(l)) return;
    out.add(i + 1);
    if (/^\s*\/\//.test(l)) out.add(i + 2);
  });
  return out;
}

export function scanSource(file: string, text: string): Finding[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const sinks = sinkLiterals(sf);
  const ignored = ignoredLines(text);
  const findings: Finding[] = [];
  const flagged = new Set<Lit>();
  const report = (node: ts.Node, kind: FindingKind, shown: string) => {
    if (kind !== 'dynamicKey' && kind !== 'glued' && ignored.has(lineOf(sf, node.getStart(sf)))) return;
    findings.push({ file, line: lineOf(sf, node.getStart(sf)), kind, text: shown, start: node.getStart(sf), end: node.getEnd() });
  };
  const shownTexts = new Set<string>();
  const visit = (node: ts.Node) => {
    if (isLit(node) && !insideL10n(node)) {
      const words = wordsOf(node);
      const full = literalText(node);
      const hasLetters = /[A-Za-z]{2,}/.test(words);
      if (hasLetters && !isAllowed(full) && !isAllowed(words.trim())) {
        if (sinks.has(node)) { report(node, 'sink', full); flagged.add(node); shownTexts.add(ts.isTemplateExpression(node) ? full : node.text); }
        else if ((WORDS.test(words) || (ts.isTemplateExpression(node) && TEMPLATE_WORD.test([node.head.text, ...node.templateSpans.map((t) => t.literal.text)].join('\0')))) && !notShown(node, sf)) { report(node, 'words', full); flagged.add(node); shownTexts.add(full); }
      }
    }
    if (isL10nCall(node)) {
      const first = node.arguments[0];
      const ok = first && (ts.isStringLiteral(first) || (ts.isObjectLiteralExpression(first) && first.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'message' && ts.isStringLiteral(p.initializer))));
      if (!ok) report(node, 'dynamicKey', node.getText(sf));
      // l10n.t('{0} of {1}', a, b): as many values as the message's {n} (a record argument names them).
      if (first && ts.isStringLiteral(first) && !(node.arguments.length === 2 && ts.isObjectLiteralExpression(node.arguments[1]))) {
        const used = new Set([...first.text.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])));
        const given = node.arguments.length - 1;
        if ([...used].some((i) => i >= given) || (given > 0 && used.size !== given)) report(node, 'placeholders', node.getText(sf));
      }
      // Glued: 'x' + l10n.t(...) or `words ${l10n.t(...)}`.
      const p = node.parent;
      if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const other = p.left === node ? p.right : p.left;
        if (isLit(other) && /[A-Za-z]{2,}/.test(wordsOf(other))) report(p, 'glued', p.getText(sf));
      }
      if (ts.isTemplateSpan(p) && /[A-Za-z]{2,}/.test(wordsOf(p.parent))) report(p.parent, 'glued', literalText(p.parent));
    }
    // A plural made by a suffix (`n === 1 ? '' : 's'`): other languages do not work that way.
    if (ts.isConditionalExpression(node) && [node.whenTrue, node.whenFalse].every((b) => ts.isStringLiteral(b) && PLURAL_SUFFIX.has(b.text)) && !(ts.isStringLiteral(node.whenTrue) && ts.isStringLiteral(node.whenFalse) && node.whenTrue.text === node.whenFalse.text) && !notShownExpr(node, sf)) {
      report(node, 'plural', node.getText(sf));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  // Answers compared with a shown text: `if (answer === 'Promote')`, `case 'Overwrite':`.
  const compare = (node: ts.Node) => {
    const check = (e: ts.Expression) => {
      // Buttons are in title case; a lower-case text compared is a state or a kind.
      if ((ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) && /^[A-Z]/.test(e.text) && !flagged.has(e) && !insideL10n(e) && shownTexts.has(e.text)) {
        report(e, 'compare', e.text);
        flagged.add(e);
      }
    };
    if (ts.isBinaryExpression(node) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(node.operatorToken.kind)) {
      check(node.left);
      check(node.right);
    }
    if (ts.isCaseClause(node)) check(node.expression);
    ts.forEachChild(node, compare);
  };
  compare(sf);
  return findings.sort((a, b) => a.start - b.start);
}

/** The message keys of every l10n.t call in a file (the key l10n-dev writes: message, or message/comment). */
export function l10nKeys(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const keys: string[] = [];
  const visit = (node: ts.Node) => {
    if (isL10nCall(node)) {
      const first = node.arguments[0];
      if (first && ts.isStringLiteral(first)) keys.push(first.text);
      else if (first && ts.isObjectLiteralExpression(first)) {
        const prop = (name: string) => first.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === name)?.initializer;
        const message = prop('message');
        const comment = prop('comment');
        const commentText = comment && ts.isStringLiteral(comment) ? comment.text : comment && ts.isArrayLiteralExpression(comment) ? comment.elements.map((e) => (ts.isStringLiteral(e) ? e.text : '')).join('') : '';
        if (message && ts.isStringLiteral(message)) keys.push(commentText ? `${message.text}/${commentText}` : message.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return keys;
}
