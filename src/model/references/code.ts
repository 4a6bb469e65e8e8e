// References in code, as far as a robust pattern can tell: a string literal (no interpolation) in
// the place an SDK, the CLI or the CDK takes a secret id.
//   SDK  SecretId: "..." (JS/TS, Go aws.String("..."), C#), SecretId="..." (boto3), .secretId("...")
//        (Java), secret_id: '...' (Ruby), -SecretId '...' (PowerShell), and the AWS console's sample
//        code's secret_name = "..." / secretName = "..."; with VersionStage / VersionId of the same
//        call. Only in a file that mentions Secrets Manager (an import, a client, a service name):
//        SecretId alone says little.
//   CLI  aws secretsmanager <command> ... --secret-id X [--version-stage S] [--version-id V], over
//        line continuations, in any file (shell, Dockerfile, Makefile, CI YAML, code).
//   CDK  SecretValue.secretsManager('...', { jsonField, versionStage, versionId }) (and
//        secrets_manager(..., json_field=...)), Secret.fromSecretNameV2(scope, id, '...'),
//        fromSecretCompleteArn / fromSecretPartialArn, secretCompleteArn: '...'.
import { parseSecretArn } from './arn';
import { part, span, type Part, type ReferenceFormat, type SecretReference } from './types';

/** A string literal without escapes: "...", '...' or `...`; group 1 the quote, group 2 the text. */
const LIT = '(["\'`])([^"\'`\\\\\\n]*)\\1';

const MENTIONS_SECRETS_MANAGER = /secretsmanager|secrets_manager|secrets-manager|SecretsManager|SECRETS_MANAGER/;

/** Built at run time: f-strings, template literals, format strings, variables. */
const dynamic = (s: string) => /[{}$%]/.test(s);

/** Arguments of a call or fields of a request object: the same call's VersionStage / VersionId are read too. */
const SDK_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\bSecretId\\s*[:=]\\s*(?:aws\\.String\\(\\s*)?${LIT}`, 'g'),
  new RegExp(`-SecretId\\s+${LIT}`, 'g'),
  new RegExp(`\\.secretId\\(\\s*${LIT}\\s*\\)`, 'g'),
  new RegExp(`\\bsecret_id:\\s*${LIT}`, 'g'),
];

/** Assignments to a variable named for a secret id (the AWS console's sample code): no call to read options from. */
const SDK_ASSIGNMENTS: readonly RegExp[] = [
  new RegExp(`\\b(?:secret_name|secretName|SECRET_NAME|secret_id|SECRET_ID|secretId)\\s*[:=]\\s*${LIT}`, 'g'),
];

const CDK_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\bSecretValue\\.(?:secretsManager|secrets_manager|SecretsManager)\\(\\s*${LIT}`, 'g'),
  new RegExp(`\\b[Ff]rom(?:SecretNameV2|_secret_name_v2|SecretCompleteArn|_secret_complete_arn|SecretPartialArn|_secret_partial_arn)\\(\\s*[^,()]+,\\s*["'\`][^"'\`\\n]*["'\`]\\s*,\\s*${LIT}`, 'g'),
  new RegExp(`\\b(?:secretCompleteArn|secretPartialArn|secret_complete_arn|secret_partial_arn|SecretCompleteArn|SecretPartialArn)\\s*[:=]\\s*${LIT}`, 'g'),
];

/** Where the call or object literal around `from` ends: at the bracket that closes it (at most 400 characters on). */
function groupEnd(text: string, from: number): number {
  let depth = 0;
  const limit = Math.min(text.length, from + 400);
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, i + 1);
      if (close < 0 || close > limit) return limit;
      i = close;
    } else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      if (--depth < 0) return i;
    }
  }
  return limit;
}

/** The first `name: "x"` / `name="x"` / `.name("x")` / `Name = "x"` in text[from, to). */
function option(text: string, from: number, to: number, names: string): Part | undefined {
  const re = new RegExp(`(?:\\b(?:${names})\\s*[:=]\\s*(?:aws\\.String\\(\\s*)?|\\.(?:${names})\\(\\s*)${LIT}`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  if (!m || m.index + m[0].length > to || dynamic(m[2])) return undefined;
  return part(m[2], m.index + m[0].length - 1 - m[2].length);
}

function secretPart(m: RegExpMatchArray): { secret: Part; arn?: ReturnType<typeof parseSecretArn> } | undefined {
  const text = m[m.length - 1];
  if (!text || dynamic(text)) return undefined;
  const secret = part(text, m.index! + m[0].lastIndexOf(m[m.length - 2] + text) + 1);
  if (!text.startsWith('arn:')) {
    if (!/^[A-Za-z0-9/_+=.@!-]{1,512}$/.test(text)) return undefined;
    return { secret };
  }
  const arn = parseSecretArn(text);
  return arn ? { secret, arn } : undefined;
}

function fromPatterns(text: string, patterns: readonly RegExp[], format: ReferenceFormat, options: { keyNames?: string; none?: boolean } = {}): SecretReference[] {
  const out: SecretReference[] = [];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const found = secretPart(m);
      if (!found) continue;
      // Go's aws.String("..."): the request's other fields come after its closing parenthesis.
      let after = found.secret.span.end + 1;
      if (/aws\.String\(\s*$/.test(text.slice(m.index!, found.secret.span.start - 1))) {
        const close = text.indexOf(')', after);
        if (close >= 0) after = close + 1;
      }
      const end = options.none ? after : groupEnd(text, after);
      const keyNames = options.keyNames;
      out.push({
        format,
        secret: found.secret,
        arn: found.arn,
        jsonKey: keyNames ? option(text, after, end, keyNames) : undefined,
        versionStage: option(text, after, end, 'VersionStage|versionStage|version_stage'),
        versionId: option(text, after, end, 'VersionId|versionId|version_id'),
        span: found.secret.span,
      });
    }
  }
  return out;
}

export function findSdkReferences(text: string): SecretReference[] {
  if (!MENTIONS_SECRETS_MANAGER.test(text)) return [];
  const calls = fromPatterns(text, SDK_PATTERNS, 'sdk');
  // Ruby's `secret_id: '...'` is both forms: once is enough.
  const assignments = fromPatterns(text, SDK_ASSIGNMENTS, 'sdk', { none: true }).filter((a) => !calls.some((c) => c.secret.span.start === a.secret.span.start));
  return [...calls, ...assignments];
}

export function findCdkReferences(text: string): SecretReference[] {
  if (!/SecretValue\.|[Ff]rom(?:Secret|_secret)|secret(?:Complete|Partial|_complete|_partial)/.test(text)) return [];
  return fromPatterns(text, CDK_PATTERNS, 'cdk', { keyNames: 'jsonField|json_field|JsonField' });
}

const CLI = /\baws[ \t]+secretsmanager[ \t]+([a-z-]+)/g;

/** A CLI option's value in a command's text: quoted or bare. */
function cliOption(command: string, offset: number, name: string): Part | undefined {
  const m = new RegExp(`--${name}(?:[ \\t]+|=)(?:(["'])([^"'\\n]*)\\1|([^\\s"'\`\\\\;|&)]+))`).exec(command);
  if (!m) return undefined;
  const value = m[2] ?? m[3];
  if (!value || /^[$({]/.test(value) || dynamic(value)) return undefined;
  const at = m.index + m[0].length - value.length - (m[1] ? 1 : 0);
  return part(value, offset + at);
}

export function findCliReferences(text: string): SecretReference[] {
  if (!text.includes('secretsmanager')) return [];
  const out: SecretReference[] = [];
  for (const m of text.matchAll(CLI)) {
    if (m[1] === 'create-secret' || m[1] === 'batch-get-secret-value' || m[1] === 'list-secrets') continue;
    // The command runs to the end of its line, over `\` (and PowerShell's backtick) continuations.
    let end = m.index! + m[0].length;
    for (;;) {
      const nl = text.indexOf('\n', end);
      if (nl < 0) {
        end = text.length;
        break;
      }
      const before = text.slice(end, nl).replace(/\r$/, '');
      if (/[\\`]$/.test(before)) {
        end = nl + 1;
        continue;
      }
      end = nl;
      break;
    }
    const command = text.slice(m.index!, end);
    const secret = cliOption(command, m.index!, 'secret-id');
    if (!secret) continue;
    const arn = secret.text.startsWith('arn:') ? parseSecretArn(secret.text) : undefined;
    if (secret.text.startsWith('arn:') && !arn) continue;
    if (!arn && !/^[A-Za-z0-9/_+=.@!-]{1,512}$/.test(secret.text)) continue;
    out.push({
      format: 'cli',
      secret,
      arn,
      versionStage: cliOption(command, m.index!, 'version-stage'),
      versionId: cliOption(command, m.index!, 'version-id'),
      span: span(secret.span.start, secret.span.end),
    });
  }
  return out;
}
