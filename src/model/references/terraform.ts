// Terraform (HCL): the AWS provider's Secrets Manager blocks with a literal secret:
//   data      "aws_secretsmanager_secret"          name = "..." | arn = "..."
//   data      "aws_secretsmanager_secret_version"  secret_id = "...", version_stage, version_id
//   ephemeral "aws_secretsmanager_secret_version"  the same (Terraform 1.10+)
//   resource  "aws_secretsmanager_secret"          name = "..."   (creates the secret)
//   resource  "aws_secretsmanager_secret_version" / "_rotation"   secret_id = "..."
//   resource  "aws_secretsmanager_secret_policy"   secret_arn = "..."
// and the JSON keys read from a version: jsondecode(data.aws_secretsmanager_secret_version.X.secret_string)["key"]
// (or .key, or lookup(..., "key")), also through a local set to that jsondecode(...). Values built
// with ${...} or references to other resources are not literals: left out. A name that a resource
// in the same file creates is not expected to exist yet.
import { parseSecretArn } from './arn';
import { part, span, type Part, type SecretReference, type Span } from './types';
import * as l10n from '@vscode/l10n';

const BLOCK = /^[ \t]*(data|resource|ephemeral)[ \t]+"(aws_secretsmanager_secret(?:_version|_rotation|_policy)?)"[ \t]+"([A-Za-z0-9_-]+)"[ \t]*\{/gm;

interface Block {
  readonly kind: 'data' | 'resource' | 'ephemeral';
  readonly type: string;
  readonly label: string;
  readonly span: Span;
  /** Top-level `attr = "literal"` assignments. */
  readonly attrs: ReadonlyMap<string, Part>;
}

/** Offset just past the `}` that closes the `{` at `open`, skipping strings, comments and heredocs. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) return text.length;
      i = nl;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) return text.length;
      i = e + 1;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(text.slice(i, i + 80));
      if (m) {
        const e = new RegExp(`^[ \\t]*${m[1]}[ \\t]*$`, 'm');
        const rest = text.slice(i + m[0].length);
        const found = e.exec(rest);
        if (!found) return text.length;
        i += m[0].length + found.index + found[0].length - 1;
        continue;
      }
    }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return text.length;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const open = m.index! + m[0].length - 1;
    const end = closingBrace(text, open);
    const attrs = new Map<string, Part>();
    // Top-level attributes only: depth 1 inside the block.
    let depth = 0;
    let lineStart = open + 1;
    for (let i = open; i < end; i++) {
      const c = text[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '\n') {
        lineStart = i + 1;
        if (depth === 1) {
          const line = text.slice(lineStart, text.indexOf('\n', lineStart) < 0 ? end : Math.min(end, text.indexOf('\n', lineStart)));
          const a = /^([ \t]*)([a-z_]+)[ \t]*=[ \t]*"([^"\n]*)"/.exec(line);
          if (a && !attrs.has(a[2])) attrs.set(a[2], part(a[3], lineStart + line.indexOf('"', a[1].length + a[2].length) + 1));
        }
      } else if (c === '"') {
        for (i++; i < end && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      }
    }
    out.push({ kind: m[1] as Block['kind'], type: m[2], label: m[3], span: span(m.index!, end), attrs });
  }
  return out;
}

const literal = (p: Part | undefined) => (p && p.text && !p.text.includes('${') && !p.text.includes('%{') ? p : undefined);

export function findTerraformReferences(text: string): SecretReference[] {
  if (!text.includes('aws_secretsmanager_secret')) return [];
  const all = blocks(text);
  const created = new Set(all.filter((b) => b.kind === 'resource' && b.type === 'aws_secretsmanager_secret').map((b) => literal(b.attrs.get('name'))?.text).filter(Boolean));
  const out: SecretReference[] = [];
  const versions = new Map<string, SecretReference>();
  for (const b of all) {
    const secret = b.type === 'aws_secretsmanager_secret'
      ? literal(b.attrs.get('name')) ?? (b.kind === 'data' ? literal(b.attrs.get('arn')) : undefined)
      : literal(b.attrs.get(b.type === 'aws_secretsmanager_secret_policy' ? 'secret_arn' : 'secret_id'));
    if (!secret) continue;
    const arn = secret.text.startsWith('arn:') ? parseSecretArn(secret.text) : undefined;
    if (secret.text.startsWith('arn:') && !arn) continue;
    const reads = b.type === 'aws_secretsmanager_secret_version' && b.kind !== 'resource';
    const ref: SecretReference = {
      format: 'terraform',
      secret,
      arn,
      versionStage: reads ? literal(b.attrs.get('version_stage')) : undefined,
      versionId: reads ? literal(b.attrs.get('version_id')) : undefined,
      span: secret.span,
      block: b.span,
      creates: (b.kind === 'resource' && b.type === 'aws_secretsmanager_secret') || created.has(secret.text) || undefined,
      problems: reads && literal(b.attrs.get('version_stage')) && literal(b.attrs.get('version_id'))
        ? [{ span: b.attrs.get('version_id')!.span, code: 'stage-and-id', message: l10n.t('Give version_stage or version_id, not both.') }]
        : undefined,
    };
    out.push(ref);
    if (reads) versions.set(`${b.kind === 'ephemeral' ? 'ephemeral' : 'data'}.aws_secretsmanager_secret_version.${b.label}`, ref);
  }
  if (versions.size) out.push(...jsonKeys(text, versions));
  return out;
}

const VERSION_REF = '((?:data|ephemeral)\\.aws_secretsmanager_secret_version\\.[A-Za-z0-9_-]+)\\.secret_string';
const DECODE = `jsondecode\\(\\s*${VERSION_REF}\\s*\\)`;
const INDEX = '(?:\\[\\s*"([^"\\n]+)"\\s*\\]|\\.([A-Za-z_][A-Za-z0-9_-]*))';

/** JSON keys read from a version: directly, through lookup(), or through a local. */
function jsonKeys(text: string, versions: ReadonlyMap<string, SecretReference>): SecretReference[] {
  const out: SecretReference[] = [];
  const keyRef = (source: SecretReference, key: Part): SecretReference => ({ ...source, jsonKey: key, span: key.span, block: undefined, problems: undefined });
  const keyPart = (m: RegExpMatchArray, group: number) => {
    const text = m[group] ?? m[group + 1];
    const at = m.index! + m[0].lastIndexOf(text);
    return part(text, at);
  };
  for (const m of text.matchAll(new RegExp(`${DECODE}\\s*${INDEX}`, 'g'))) {
    const source = versions.get(m[1]);
    if (source) out.push(keyRef(source, keyPart(m, 2)));
  }
  for (const m of text.matchAll(new RegExp(`lookup\\(\\s*${DECODE}\\s*,\\s*"([^"\\n]+)"`, 'g'))) {
    const source = versions.get(m[1]);
    if (source) out.push(keyRef(source, part(m[2], m.index! + m[0].lastIndexOf(m[2]))));
  }
  // locals { creds = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string) } ... local.creds.password
  for (const m of text.matchAll(new RegExp(`^[ \\t]*([A-Za-z_][A-Za-z0-9_-]*)[ \\t]*=[ \\t]*${DECODE}[ \\t]*$`, 'gm'))) {
    const source = versions.get(m[2]);
    if (!source) continue;
    for (const k of text.matchAll(new RegExp(`\\blocal\\.${m[1]}${INDEX}`, 'g'))) out.push(keyRef(source, keyPart(k, 1)));
  }
  return out;
}
