// What Secrets Manager would refuse (or what the user probably did not mean), said before
// anything is sent, in words a person can act on. Messages name positions and sizes, never
// any part of the value. Pure.
import type { SecretData } from '../aws/types';
import { byteLength, decodeBase64, parseJson, type DocumentFormat } from './format';
import * as l10n from '@vscode/l10n';

export const MAX_SECRET_BYTES = 65_536;
export const MAX_LABELS_PER_VERSION = 20;
export const MAX_LABEL_LENGTH = 256;
export const MAX_NAME_LENGTH = 512;

export type Problem =
  /** The secret was JSON and the text no longer parses; the user may publish it as text. */
  | { kind: 'invalidJson'; message: string; line: number; column: number }
  | { kind: 'badBase64'; message: string }
  | { kind: 'tooLarge'; message: string; bytes: number }
  /** Empty value; the user may confirm it. */
  | { kind: 'empty'; message: string };

const n = (x: number) => x.toLocaleString('en-US');

/** Problems of the text itself, for its format: invalid JSON, invalid base64, empty. */
export function validateText(text: string, format: DocumentFormat): Problem[] {
  const problems: Problem[] = [];
  if (format === 'binary') {
    if (!decodeBase64(text)) {
      problems.push({
        kind: 'badBase64',
        message: l10n.t('This binary secret is shown as base64, and the text is no longer valid base64 (only A-Z, a-z, 0-9, + and /, with = padding at the end). Fix it, or revert the file to discard your changes.'),
      });
    } else if (text.trim() === '') {
      problems.push({ kind: 'empty', message: l10n.t('The binary secret is empty (0 bytes).') });
    }
    return problems;
  }
  if (text.trim() === '') {
    problems.push({ kind: 'empty', message: text === '' ? l10n.t('The secret is empty.') : l10n.t('The secret contains only whitespace.') });
    return problems;
  }
  if (format === 'json') {
    const r = parseJson(text);
    if (!r.ok) {
      const { message, line, column } = r.error;
      problems.push({ kind: 'invalidJson', line, column, message: l10n.t('The secret was JSON and the text is no longer valid JSON: {0} (line {1}, column {2}).', message, line, column) });
    }
  }
  return problems;
}

/** The size limit applies to what is sent: UTF-8 bytes of a string, decoded bytes of a binary. */
export function validateSize(data: SecretData): Problem | undefined {
  const bytes = byteLength(data);
  if (bytes <= MAX_SECRET_BYTES) return undefined;
  const size = data.kind === 'binary'
    ? l10n.t('The binary secret decodes to {0} bytes; Secrets Manager accepts at most {1} bytes.', n(bytes), n(MAX_SECRET_BYTES))
    : l10n.t('The secret is {0} bytes of UTF-8; Secrets Manager accepts at most {1} bytes.', n(bytes), n(MAX_SECRET_BYTES));
  const over = bytes - MAX_SECRET_BYTES;
  return {
    kind: 'tooLarge',
    bytes,
    message: `${size} ${over === 1 ? l10n.t('Remove at least 1 byte.') : l10n.t('Remove at least {0} bytes.', n(over))}`,
  };
}

export function validateLabel(label: string): string | undefined {
  if (label.length < 1) return l10n.t('A staging label has 1 to {0} characters.', MAX_LABEL_LENGTH);
  if (label.length > MAX_LABEL_LENGTH) return l10n.t('A staging label has 1 to {0} characters (this one has {1}).', MAX_LABEL_LENGTH, label.length);
  if (label.trim() !== label) return l10n.t('A staging label cannot start or end with a space.');
  return undefined;
}

/** The labels a new version gets: each valid, at least one, at most 20. */
export function validateLabels(labels: readonly string[]): string | undefined {
  if (labels.length === 0) return l10n.t('Choose at least one label: a version without labels is deprecated at once.');
  const distinct = new Set(labels);
  if (distinct.size > MAX_LABELS_PER_VERSION) return l10n.t('A version can have at most {0} staging labels ({1} chosen).', MAX_LABELS_PER_VERSION, distinct.size);
  for (const l of distinct) {
    const problem = validateLabel(l);
    if (problem) return `${problem} ("${l.length > 40 ? `${l.slice(0, 40)}...` : l}")`;
  }
  return undefined;
}

/** Secrets Manager's rule for names: 1 to 512 of letters, digits and / _ + = . @ - */
export function validateSecretName(name: string): string | undefined {
  if (name.length < 1) return l10n.t('Type a name for the secret.');
  if (name.length > MAX_NAME_LENGTH) return l10n.t('A secret name has at most {0} characters (this one has {1}).', MAX_NAME_LENGTH, name.length);
  const bad = [...new Set(name.replace(/[A-Za-z0-9/_+=.@-]/g, ''))];
  if (bad.length) return l10n.t('A secret name may use letters, digits and / _ + = . @ - only (not {0}).', bad.slice(0, 5).map((c) => (c === ' ' ? 'space' : `"${c}"`)).join(', '));
  return undefined;
}

/** Advice, not a rule: AWS recommends against names that look like an ARN's random suffix. */
export function secretNameAdvice(name: string): string | undefined {
  if (/-[A-Za-z0-9]{6}$/.test(name)) {
    return l10n.t('The name ends with a hyphen and six characters, like the random suffix of a secret ARN: AWS advises against it, because tools that accept partial ARNs may confuse the two.');
  }
  return undefined;
}
