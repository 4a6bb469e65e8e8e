// Pure logic behind version and lifecycle actions: what a promotion moves, console URLs,
// recovery windows, copying one key of a JSON secret.
import { objectMap, parseJson, printJson, type JsonNode } from './format';
import { CURRENT, holderOf, PREVIOUS, shortId } from './stages';
import * as l10n from '@vscode/l10n';

export interface PromotePlan {
  /** The current holder of AWSCURRENT (RemoveFromVersionId), if any. */
  removeFromVersionId?: string;
  moves: string[];
  /** Already current: nothing to do. */
  noop: boolean;
}

export function planPromote(versionsToStages: Readonly<Record<string, readonly string[]>>, targetVersionId: string): PromotePlan {
  const current = holderOf(versionsToStages, CURRENT);
  if (current === targetVersionId) return { removeFromVersionId: current, moves: [], noop: true };
  const moves = [l10n.t('AWSCURRENT moves from {0} to {1}.', current ? shortId(current) : l10n.t('(none)'), shortId(targetVersionId))];
  if (current) {
    const prev = holderOf(versionsToStages, PREVIOUS);
    moves.push(l10n.t('AWSPREVIOUS moves to {0}{1}.', shortId(current), prev && prev !== current ? l10n.t(' (from {0})', shortId(prev)) : ''));
  }
  return { removeFromVersionId: current, moves, noop: false };
}

/** The AWS console page of a secret, or undefined for connections with an overridden endpoint. */
export function consoleUrl(region: string, name: string, endpoint?: string): string | undefined {
  if (endpoint) return undefined;
  // Isolated (us-iso*, eu-isoe-*) and sovereign (eusc-*) partitions have consoles of their own
  // that this extension does not know: no link rather than a wrong one.
  if (/^(us-iso|eu-iso|eusc-)/.test(region)) return undefined;
  const host = region.startsWith('cn-')
    ? 'console.amazonaws.cn'
    : region.startsWith('us-gov-')
      ? 'console.amazonaws-us-gov.com'
      : 'console.aws.amazon.com';
  return `https://${region}.${host}/secretsmanager/secret?name=${encodeURIComponent(name)}&region=${region}`;
}

export function validateRecoveryWindow(text: string): string | undefined {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < 7 || n > 30) return l10n.t('The recovery window is a whole number of days from 7 to 30.');
  return undefined;
}

// Copying one field of a JSON object secret goes through the lossless reader (./format), not
// JSON.parse: 12345678901234567890 and 1.10 are copied as written, and the field of a duplicate
// key is the last one, as JSON.parse (and so most applications) would read it.

/** The object a text is, or undefined when it is not a JSON object. */
function jsonObject(text: string): Extract<JsonNode, { type: 'object' }> | undefined {
  const r = parseJson(text);
  return r.ok && r.node.type === 'object' ? r.node : undefined;
}

/** Top-level keys of a JSON object secret, for "copy one field": each once, in document order. */
export function jsonFields(text: string): string[] | undefined {
  const node = jsonObject(text);
  return node ? [...objectMap(node).keys()] : undefined;
}

/**
 * What "copy field `key`" copies: a string field's value (escapes decoded); any other field's
 * source text exactly as written, compact (whitespace between tokens removed, nothing else).
 */
export function jsonField(text: string, key: string): string {
  const node = jsonObject(text);
  const value = node && objectMap(node).get(key);
  if (!value) throw new Error(l10n.t('The secret has no top-level field {0}.', JSON.stringify(key)));
  return value.type === 'string' ? value.value : printJson(value, 0);
}
