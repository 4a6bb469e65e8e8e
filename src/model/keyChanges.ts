// What changed between two versions, in names only: the JSON keys added, removed and changed (dotted
// paths, as the publish confirmation lists them), or that a text or binary value changed. Never a
// value, nor a length or a hint of one. Pure.
import type { SecretData } from '../aws/types';
import { sameData } from './format';
import { jsonTextKeyDiff } from './jsonDiff';

export interface KeyChanges {
  /** Nothing changed (JSON compared by value). */
  readonly same: boolean;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  /** Not two JSON objects: the whole value is compared. */
  readonly whole?: 'text' | 'binary' | 'json' | 'kind';
  /** One line each, for the History view. */
  readonly lines: readonly string[];
}

const list = (title: string, keys: readonly string[]) => (keys.length ? [`${title}: ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ` and ${keys.length - 20} more` : ''}`] : []);

export function keyChanges(older: SecretData, newer: SecretData): KeyChanges {
  const none = { added: [], removed: [], changed: [] };
  if (sameData(older, newer)) return { same: true, ...none, lines: ['Same value (no key changed)'] };
  if (older.kind !== newer.kind) {
    return { same: false, ...none, whole: 'kind', lines: [older.kind === 'binary' ? 'Changed from binary to text' : 'Changed from text to binary'] };
  }
  if (older.kind === 'binary') return { same: false, ...none, whole: 'binary', lines: ['The binary value changed'] };
  const diff = jsonTextKeyDiff(older.text, (newer as { text: string }).text);
  if (!diff) return { same: false, ...none, whole: 'text', lines: ['The text value changed (not JSON on both sides: no key names)'] };
  if (diff.wholeValueChanged) return { same: false, ...none, whole: 'json', lines: ['The JSON value changed (not an object: no key names)'] };
  const lines = [...list('Keys added', diff.added), ...list('Keys removed', diff.removed), ...list('Keys changed', diff.changed)];
  return { same: false, added: diff.added, removed: diff.removed, changed: diff.changed, lines: lines.length ? lines : ['Only formatting changed (same keys and values)'] };
}
