// Tags as one line of text, the way Edit Tags and Create Secret from Selection ask for them:
// `key=value, key2=value2`. Pure.
import type { SecretTag } from '../aws/types';
import * as l10n from '@vscode/l10n';

/** One `key=value`: a key of 1 to 128 characters without `=`, a value of at most 256. */
const TAG = /^[^=]{1,128}=.{0,256}$/;

const parts = (text: string) => text.split(',').map((p) => p.trim()).filter(Boolean);

/** Why the text is not a tag list, or undefined when it is (an empty text is no tags). */
export function validateTagsText(text: string): string | undefined {
  return parts(text).every((p) => TAG.test(p)) ? undefined : l10n.t('Write tags as key=value, separated by commas.');
}

/** The tags of a text that validateTagsText accepts; keys and values trimmed. */
export function parseTags(text: string): SecretTag[] {
  return parts(text).map((p) => ({ key: p.slice(0, p.indexOf('=')).trim(), value: p.slice(p.indexOf('=') + 1).trim() }));
}

/** The text a tag list is edited as. */
export function formatTags(tags: readonly SecretTag[]): string {
  return tags.map((t) => `${t.key}=${t.value}`).join(', ');
}
