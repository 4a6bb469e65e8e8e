// Pure logic behind version and lifecycle actions: what a promotion moves, console URLs,
// recovery windows, copying one key of a JSON secret.
import { CURRENT, holderOf, PREVIOUS, shortId } from './stages';

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
  const moves = [`AWSCURRENT moves from ${current ? shortId(current) : '(none)'} to ${shortId(targetVersionId)}.`];
  if (current) {
    const prev = holderOf(versionsToStages, PREVIOUS);
    moves.push(`AWSPREVIOUS moves to ${shortId(current)}${prev && prev !== current ? ` (from ${shortId(prev)})` : ''}.`);
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
  if (!/^\d+$/.test(text.trim()) || n < 7 || n > 30) return 'The recovery window is a whole number of days from 7 to 30.';
  return undefined;
}

/** Top-level keys of a JSON object secret, for "copy one field". */
export function jsonFields(text: string): string[] | undefined {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : undefined;
  } catch {
    return undefined;
  }
}

export function jsonField(text: string, key: string): string {
  const v = (JSON.parse(text) as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : JSON.stringify(v);
}
