// Between a secret's data and the text of its document, and back. Pure.
//
// JSON secrets are re-indented by a small lossless JSON reader/printer instead of
// JSON.parse/JSON.stringify: number literals (12345678901234567890, 1.10), string escapes and
// duplicate keys come back exactly as they were, so opening and publishing a secret never
// changes a value the user did not touch. Only whitespace between tokens changes.
import type { SecretData } from '../aws/types';
import * as l10n from '@vscode/l10n';

export type DocumentFormat = 'json' | 'text' | 'binary';

export type JsonNode =
  | { readonly type: 'object'; readonly entries: readonly JsonEntry[] }
  | { readonly type: 'array'; readonly items: readonly JsonNode[] }
  | { readonly type: 'string'; readonly raw: string; readonly value: string }
  | { readonly type: 'number'; readonly raw: string }
  | { readonly type: 'literal'; readonly raw: 'true' | 'false' | 'null' };

export interface JsonEntry {
  /** The key as typed, quotes and escapes included. */
  readonly rawKey: string;
  readonly key: string;
  readonly value: JsonNode;
}

/** Where and why a text is not JSON. The message never quotes the text. */
export interface JsonSyntaxError {
  readonly message: string;
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export type JsonParseResult = { ok: true; node: JsonNode } | { ok: false; error: JsonSyntaxError };

const MAX_DEPTH = 512;

class JsonReader {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): JsonNode {
    this.ws();
    const node = this.value(0);
    this.ws();
    if (this.i < this.s.length) this.fail(l10n.t('Unexpected text after the end of the JSON value'));
    return node;
  }

  fail(message: string, at = this.i): never {
    throw new JsonFailure(message, at);
  }

  private ws(): void {
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else return;
    }
  }

  private value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail(l10n.t('JSON nested more than {0} levels deep', MAX_DEPTH));
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') {
      const { raw, value } = this.string();
      return { type: 'string', raw, value };
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const lit of ['true', 'false', 'null'] as const) {
      if (this.s.startsWith(lit, this.i)) {
        this.i += lit.length;
        return { type: 'literal', raw: lit };
      }
    }
    if (c === undefined) this.fail(l10n.t('Unexpected end of the text: a value is missing'));
    this.fail(l10n.t('Expected a value (object, array, string, number, true, false or null)'));
  }

  private object(depth: number): JsonNode {
    this.i++; // {
    const entries: JsonEntry[] = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return { type: 'object', entries };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail(this.s[this.i] === '}' ? l10n.t('Trailing comma before }') : l10n.t('Expected a property name in double quotes'));
      const key = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail(l10n.t("Expected ':' after the property name"));
      this.i++;
      this.ws();
      const value = this.value(depth + 1);
      entries.push({ rawKey: key.raw, key: key.value, value });
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++;
        return { type: 'object', entries };
      }
      this.fail(c === undefined ? l10n.t("Unexpected end of the text: '}' is missing") : l10n.t("Expected ',' or '}' after a property value"));
    }
  }

  private array(depth: number): JsonNode {
    this.i++; // [
    const items: JsonNode[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return { type: 'array', items };
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] === ']') this.fail(l10n.t('Trailing comma before ]'));
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i];
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') {
        this.i++;
        return { type: 'array', items };
      }
      this.fail(c === undefined ? l10n.t("Unexpected end of the text: ']' is missing") : l10n.t("Expected ',' or ']' after an array element"));
    }
  }

  private string(): { raw: string; value: string } {
    const start = this.i;
    this.i++; // opening quote
    let value = '';
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) this.fail(l10n.t('Unterminated string: the closing double quote is missing'), start);
      if (c === '"') {
        this.i++;
        return { raw: this.s.slice(start, this.i), value };
      }
      if (c === '\\') {
        const e = this.s[this.i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          value += simple[e];
          this.i += 2;
          continue;
        }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) {
          value += String.fromCharCode(parseInt(this.s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
          continue;
        }
        this.fail(l10n.t('Invalid escape sequence in a string'));
      }
      if (c.charCodeAt(0) < 0x20) this.fail(l10n.t('Control character (such as a line break or tab) inside a string: write it as an escape (\\n, \\t)'));
      value += c;
      this.i++;
    }
  }

  private number(): JsonNode {
    const re = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (!m) this.fail(l10n.t('Invalid number'));
    this.i += m[0].length;
    const next = this.s[this.i];
    if (next !== undefined && /[0-9A-Za-z.+-]/.test(next)) this.fail(l10n.t('Invalid number'));
    return { type: 'number', raw: m[0] };
  }
}

class JsonFailure extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, node: new JsonReader(text).parse() };
  } catch (err) {
    if (err instanceof JsonFailure) {
      return { ok: false, error: { message: err.message, offset: err.offset, ...position(text, err.offset) } };
    }
    if (err instanceof RangeError) {
      return { ok: false, error: { message: l10n.t('JSON nested too deeply'), offset: 0, line: 1, column: 1 } };
    }
    throw err;
  }
}

/** JSON objects and arrays count as JSON secrets; a bare number or string stays text. */
export function parseJsonContainer(text: string): JsonNode | undefined {
  const t = text.trimStart();
  if (!(t.startsWith('{') || t.startsWith('['))) return undefined;
  const r = parseJson(text);
  return r.ok ? r.node : undefined;
}

/** Prints a JSON node; indent 0 = compact. Literals and keys are printed exactly as they were read. */
export function printJson(node: JsonNode, indent: number): string {
  const pad = indent > 0 ? ' '.repeat(indent) : '';
  const nl = indent > 0 ? '\n' : '';
  const colon = indent > 0 ? ': ' : ':';
  const out: string[] = [];
  const walk = (n: JsonNode, level: number) => {
    switch (n.type) {
      case 'object': {
        if (n.entries.length === 0) {
          out.push('{}');
          return;
        }
        out.push('{', nl);
        n.entries.forEach((e, idx) => {
          out.push(pad.repeat(level + 1), e.rawKey, colon);
          walk(e.value, level + 1);
          out.push(idx < n.entries.length - 1 ? ',' : '', nl);
        });
        out.push(pad.repeat(level), '}');
        return;
      }
      case 'array': {
        if (n.items.length === 0) {
          out.push('[]');
          return;
        }
        out.push('[', nl);
        n.items.forEach((item, idx) => {
          out.push(pad.repeat(level + 1));
          walk(item, level + 1);
          out.push(idx < n.items.length - 1 ? ',' : '', nl);
        });
        out.push(pad.repeat(level), ']');
        return;
      }
      default:
        out.push(n.raw);
    }
  };
  walk(node, 0);
  return out.join('');
}

/** A number literal in an exact canonical form (so 1.50 = 1.5 = 15e-1, and no precision is lost). */
function canonicalNumber(raw: string): string {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(raw);
  if (!m) return raw;
  const fraction = m[3] ?? '';
  let digits = (m[2] + fraction).replace(/^0+/, '');
  let exponent = Number(m[4] ?? 0) - fraction.length;
  if (digits === '') return '0';
  const trailing = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  return `${m[1]}${digits}e${exponent}`;
}

/** The object's properties as JSON.parse sees them: the last of duplicate keys wins. */
export function objectMap(node: Extract<JsonNode, { type: 'object' }>): Map<string, JsonNode> {
  const map = new Map<string, JsonNode>();
  for (const e of node.entries) map.set(e.key, e.value);
  return map;
}

/** Equal by value: key order, whitespace, escapes and number spelling do not matter. */
export function jsonEqual(a: JsonNode, b: JsonNode): boolean {
  if (a.type !== b.type) return false;
  switch (a.type) {
    case 'object': {
      const ma = objectMap(a);
      const mb = objectMap(b as typeof a);
      if (ma.size !== mb.size) return false;
      for (const [k, v] of ma) {
        const w = mb.get(k);
        if (!w || !jsonEqual(v, w)) return false;
      }
      return true;
    }
    case 'array': {
      const bi = (b as typeof a).items;
      return a.items.length === bi.length && a.items.every((item, i) => jsonEqual(item, bi[i]));
    }
    case 'string':
      return a.value === (b as typeof a).value;
    case 'number':
      return canonicalNumber(a.raw) === canonicalNumber((b as typeof a).raw);
    default:
      return a.raw === (b as typeof a).raw;
  }
}

// ---- base64 ----------------------------------------------------------------------------------

/** Standard base64 (whitespace ignored, padding optional); undefined when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  if (compact.includes('=') && compact.length % 4 !== 0) return undefined;
  return new Uint8Array(Buffer.from(unpadded, 'base64'));
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

// ---- documents ---------------------------------------------------------------------------------

/**
 * The same JSON with every object's members in key order (code-unit order; members with equal
 * keys keep their order), at every depth. Values are untouched. For comparing versions: a
 * reordering of keys is then not a difference.
 */
export function sortJsonKeys(node: JsonNode): JsonNode {
  switch (node.type) {
    case 'object':
      return {
        type: 'object',
        entries: node.entries
          .map((e, i) => ({ e, i }))
          .sort((a, b) => (a.e.key < b.e.key ? -1 : a.e.key > b.e.key ? 1 : a.i - b.i))
          .map(({ e }) => ({ ...e, value: sortJsonKeys(e.value) })),
      };
    case 'array':
      return { type: 'array', items: node.items.map(sortJsonKeys) };
    default:
      return node;
  }
}

/** The document text of a secret; `sortKeys` puts JSON keys in a stable order (comparisons). */
export function toDocument(data: SecretData, indent: number, options: { sortKeys?: boolean } = {}): { text: string; format: DocumentFormat } {
  if (data.kind === 'binary') return { text: encodeBase64(data.bytes), format: 'binary' };
  const json = parseJsonContainer(data.text);
  if (json !== undefined) return { text: printJson(options.sortKeys ? sortJsonKeys(json) : json, Math.max(0, Math.min(8, Math.floor(indent)))), format: 'json' };
  return { text: data.text, format: 'text' };
}

export type PublishJsonAs = 'compact' | 'asTyped';

/**
 * The data to publish for a document's text. Throws on text the format cannot carry (invalid
 * JSON or base64): validate first (src/model/validate.ts).
 */
export function fromDocument(text: string, format: DocumentFormat, publishJsonAs: PublishJsonAs): SecretData {
  if (format === 'binary') {
    const bytes = decodeBase64(text);
    if (!bytes) throw new Error(l10n.t('The text is not valid base64.'));
    return { kind: 'binary', bytes };
  }
  if (format === 'json' && publishJsonAs === 'compact') {
    const r = parseJson(text);
    if (!r.ok) throw new Error(l10n.t('The text is not valid JSON (line {0}, column {1}).', r.error.line, r.error.column));
    return { kind: 'string', text: printJson(r.node, 0) };
  }
  return { kind: 'string', text };
}

/** Equal data: bytes for binary; JSON containers by value (not formatting or key order); else exact text. */
export function sameData(a: SecretData, b: SecretData): boolean {
  if (a.kind === 'binary' || b.kind === 'binary') {
    return a.kind === 'binary' && b.kind === 'binary' && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  }
  if (a.text === b.text) return true;
  const ja = parseJsonContainer(a.text);
  const jb = ja && parseJsonContainer(b.text);
  return ja !== undefined && jb !== undefined && jsonEqual(ja, jb);
}

/** Bytes Secrets Manager counts: UTF-8 bytes of a string, decoded bytes of a binary. */
export function byteLength(data: SecretData): number {
  return data.kind === 'binary' ? data.bytes.byteLength : Buffer.byteLength(data.text, 'utf8');
}

/** What a new secret's typed text is published as: JSON when it parses as an object or array. */
export function formatOfTypedText(text: string): DocumentFormat {
  return parseJsonContainer(text) !== undefined ? 'json' : 'text';
}
