// What changed between two versions, in names only: the JSON keys added, removed and changed (dotted
// paths, as the publish confirmation lists them), or that a text or binary value changed. Never a
// value, nor a length or a hint of one. Pure.
import type { SecretData } from '../aws/types';
import { sameData } from './format';
import { jsonTextKeyDiff } from './jsonDiff';
import * as l10n from '@vscode/l10n';

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

const list = (title: string, keys: readonly string[]) => (keys.length ? [`${title}: ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? l10n.t(' and {0} more', keys.length - 20) : ''}`] : []);

export function keyChanges(older: SecretData, newer: SecretData): KeyChanges {
  const none = { added: [], removed: [], changed: [] };
  if (sameData(older, newer)) return { same: true, ...none, lines: [l10n.t('Same value (no key changed)')] };
  if (older.kind !== newer.kind) {
    return { same: false, ...none, whole: 'kind', lines: [older.kind === 'binary' ? l10n.t('Changed from binary to text') : l10n.t('Changed from text to binary')] };
  }
  if (older.kind === 'binary') return { same: false, ...none, whole: 'binary', lines: [l10n.t('The binary value changed')] };
  const diff = jsonTextKeyDiff(older.text, (newer as { text: string }).text);
  if (!diff) return { same: false, ...none, whole: 'text', lines: [l10n.t('The text value changed (not JSON on both sides: no key names)')] };
  if (diff.wholeValueChanged) return { same: false, ...none, whole: 'json', lines: [l10n.t('The JSON value changed (not an object: no key names)')] };
  const lines = [...list(l10n.t('Keys added'), diff.added), ...list(l10n.t('Keys removed'), diff.removed), ...list(l10n.t('Keys changed'), diff.changed)];
  return { same: false, added: diff.added, removed: diff.removed, changed: diff.changed, lines: lines.length ? lines : [l10n.t('Only formatting changed (same keys and values)')] };
}
