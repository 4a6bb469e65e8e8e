// Just enough YAML for the Kubernetes manifests the parsers read: documents (split at ---), lines
// with their indentation, `key: value` scalars (plain, single- or double-quoted, with a trailing
// comment), and blocks (the lines indented under a key). No YAML library: the bundle stays small
// and a half-typed manifest, which a real parser would reject, still gives its references.
import { part, span, type Part, type Span } from './types';

export interface Line {
  readonly start: number;
  readonly text: string;
  /** Column of the first character that is neither a space nor a list dash: where a key starts. */
  readonly keyColumn: number;
  /** Blank or a comment. */
  readonly empty: boolean;
}

export function linesOf(text: string, from = 0, to = text.length): Line[] {
  const out: Line[] = [];
  let start = from;
  while (start < to) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    const raw = text.slice(start, end).replace(/\r$/, '');
    const m = /^([ \t]*(?:-[ \t]+)*)/.exec(raw)!;
    const rest = raw.slice(m[1].length);
    out.push({ start, text: raw, keyColumn: m[1].length, empty: rest === '' || rest.startsWith('#') });
    start = end + 1;
  }
  return out;
}

/** YAML documents of a text, each as a span (split at lines that are `---` or `...`). */
export function documentsOf(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const re = /^(?:---|\.\.\.)[ \t]*(?:#.*)?$/gm;
  for (const m of text.matchAll(re)) {
    if (m.index! > start) out.push(span(start, m.index!));
    start = m.index! + m[0].length;
  }
  if (start < text.length) out.push(span(start, text.length));
  return out;
}

/** `key: value` on a line: the value as a Part (quotes excluded), or undefined. */
export function scalar(line: Line, key: string): Part | undefined {
  const m = new RegExp(`^([ \\t]*(?:-[ \\t]+)*)${key}[ \\t]*:[ \\t]*(?:(["'])(.*?)\\2|([^\\s#'"][^#]*?))[ \\t]*(?:#.*)?$`).exec(line.text);
  if (!m) return undefined;
  const value = m[3] ?? m[4] ?? '';
  const quote = m[2] ? 1 : 0;
  const offset = line.text.indexOf(m[2] ? m[2] + value : value, m[1].length + key.length) + quote;
  return part(value, line.start + offset);
}

/** The line says `key:` and nothing else (a mapping or a list follows). */
export function opens(line: Line, key: string): boolean {
  return new RegExp(`^[ \\t]*(?:-[ \\t]+)*${key}[ \\t]*:[ \\t]*(?:[|>][-+]?[ \\t]*)?(?:#.*)?$`).test(line.text);
}

/** Index past the last line of the block under lines[at] (the lines indented deeper than its key). */
export function blockEnd(lines: readonly Line[], at: number): number {
  const column = lines[at].keyColumn;
  let end = at + 1;
  for (let i = at + 1; i < lines.length; i++) {
    if (lines[i].empty) continue;
    if (leadingSpaces(lines[i]) <= column) break;
    end = i + 1;
  }
  return end;
}

/** Spaces before the first character of a line (a list dash counts as content). */
export function leadingSpaces(line: Line): number {
  return /^[ \t]*/.exec(line.text)![0].length;
}

/** The span of lines[from..to). */
export function linesSpan(lines: readonly Line[], from: number, to: number): Span {
  const last = lines[Math.max(from, to - 1)];
  return span(lines[from].start, last.start + last.text.length);
}

/** The top-level `kind:` of a document's lines. */
export function kindOf(lines: readonly Line[]): string | undefined {
  for (const l of lines) {
    const m = /^kind:[ \t]*["']?([A-Za-z]+)["']?[ \t]*(?:#.*)?$/.exec(l.text);
    if (m) return m[1];
  }
  return undefined;
}
