// The order of listed secrets in the tree: by name (as Secrets Manager compares names) or most
// recently changed first, and merging a newly loaded page into what is already in order. Pure.
import type { SecretSummary } from '../aws/types';

/** Two sorted lists as one; O(n) when `b` comes after `a`, as pages in the server's order do. */
export function mergeSorted<T>(a: T[], b: T[], compare: (x: T, y: T) => number): T[] {
  if (b.length === 0) return a;
  if (a.length === 0 || compare(a[a.length - 1], b[0]) <= 0) return a.concat(b);
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compare(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** Name order (code-unit order, as Secrets Manager compares names), or most recently changed first. */
export function compareSecrets(by: 'name' | 'lastChanged'): (a: SecretSummary, b: SecretSummary) => number {
  const byName = (a: SecretSummary, b: SecretSummary) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (by === 'name') return byName;
  return (a, b) => (b.lastChangedDate?.getTime() ?? 0) - (a.lastChangedDate?.getTime() ?? 0) || byName(a, b);
}
