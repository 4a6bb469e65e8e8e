// The masked view of a secret's value (the "hide values" mode, for screen sharing): the JSON
// structure with every value replaced by a mask, except the values the user revealed on purpose.
// Text and binary values are one leaf (the whole value). Pure: no `vscode`, no SDK.
//
// A masked document is only ever a view: it lives in its own read-only scheme and never becomes
// the text of a document that publishes (src/editor/maskedDocuments.ts), so no mask can be sent.
import { parseJson, type DocumentFormat, type JsonNode } from './format';
import * as l10n from '@vscode/l10n';

/** What a hidden value shows (a JSON string, so a masked JSON document stays JSON). */
export const MASK = '••••••••';

/** The path of the whole value (text, binary, or a JSON document revealed whole). */
export const WHOLE = '';

/** A value the masked view hides or shows. */
export interface MaskLeaf {
  /** Stable id of its place in the document (JSON.stringify of its path's segments); WHOLE for text and binary. */
  readonly path: string;
  /** How the user sees its place: `password`, `db.hosts[0]`, or "the value". */
  readonly label: string;
  /** 0-based line of the masked text it is on. */
  readonly line: number;
  readonly revealed: boolean;
}

export interface MaskedView {
  readonly text: string;
  readonly leaves: readonly MaskLeaf[];
}

const pathLabel = (segments: readonly (string | number)[]) =>
  segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$-]*$/.test(s) ? (i === 0 ? s : `.${s}`) : `[${JSON.stringify(s)}]`)).join('') || l10n.t('the value');

/**
 * The masked text of a document's text. `revealed` holds the paths the user revealed. JSON that
 * does not parse (it should not: it was read from Secrets Manager as JSON) is masked whole.
 */
export function maskText(text: string, format: DocumentFormat, revealed: ReadonlySet<string>, indent = 2): MaskedView {
  const node = format === 'json' ? parseJson(text) : undefined;
  if (!node || !node.ok) {
    const shown = revealed.has(WHOLE);
    const hidden = format === 'binary' ? l10n.t('{0} (a binary value, hidden)', MASK) : l10n.t('{0} (a text value, hidden)', MASK);
    return { text: shown ? text : hidden, leaves: [{ path: WHOLE, label: l10n.t('the value'), line: 0, revealed: shown }] };
  }
  const pad = ' '.repeat(Math.max(0, indent));
  const out: string[] = [];
  const leaves: MaskLeaf[] = [];
  let line = 0;
  const push = (...parts: string[]) => {
    for (const p of parts) {
      out.push(p);
      if (p === '\n') line++;
    }
  };
  const walk = (n: JsonNode, level: number, segments: (string | number)[]) => {
    if (n.type === 'object' || n.type === 'array') {
      const children = n.type === 'object' ? n.entries.map((e) => [e.rawKey, e.key, e.value] as const) : n.items.map((v, i) => [undefined, i, v] as const);
      if (children.length === 0) return push(n.type === 'object' ? '{}' : '[]');
      push(n.type === 'object' ? '{' : '[', '\n');
      children.forEach(([rawKey, key, value], idx) => {
        push(pad.repeat(level + 1));
        if (rawKey !== undefined) push(rawKey, ': ');
        walk(value, level + 1, [...segments, key]);
        push(idx < children.length - 1 ? ',' : '', '\n');
      });
      return push(pad.repeat(level), n.type === 'object' ? '}' : ']');
    }
    const path = JSON.stringify(segments);
    const shown = revealed.has(path);
    leaves.push({ path, label: pathLabel(segments), line, revealed: shown });
    push(shown ? n.raw : JSON.stringify(MASK));
  };
  walk(node.node, 0, []);
  return { text: out.join(''), leaves };
}

/** Whether a masked view shows any value. */
export function showsAnyValue(view: MaskedView): boolean {
  return view.leaves.some((l) => l.revealed);
}
