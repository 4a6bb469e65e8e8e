// What a secret document stands for: the version it was read from, and the exact text it shows.
// Reading a document and turning its text back into the bytes to publish live here, so the
// editor's FileSystemProvider and the publish engine agree on both. Pure apart from the service
// call; no `vscode`.
import type { SecretData, SecretsService, SecretTag } from '../aws/types';
import { fromDocument, toDocument, type DocumentFormat, type PublishJsonAs } from './format';
import type { SecretDocumentRef } from './secretUri';
import { CURRENT } from './stages';

const BOM = '\uFEFF';

/** What the publish path knows about a document; the editor's document object carries it. */
export interface DocumentBase {
  /** The document's URI as a string: the key of its publish intent. */
  readonly key: string;
  readonly ref: SecretDocumentRef;
  format: DocumentFormat;
  /** Data of the version the document was read from; undefined for a secret with no version yet. */
  baseData?: SecretData;
  /** The version the document was read from: for the live document, the AWSCURRENT it replaces. */
  baseVersionId?: string;
  /** When that version was created (the 10-minute advice). */
  baseCreated?: Date;
  /** The stored string starts with a byte order mark, which editors never show: publishing keeps it. */
  bom: boolean;
  /** The secret exists but has no version (created without a value): the first save gives it one. */
  noVersion: boolean;
  /**
   * The text the document shows whenever it has no unsaved change: what it was read as, what was
   * published from it, or, after a publish that did not move AWSCURRENT, AWSCURRENT's text. An
   * editor that finds a clean document showing something else shows this instead.
   */
  cleanText: string;
  /** A new secret's description and tags, sent with its CreateSecret (Create Secret from Selection asks for them). */
  createWith?: { readonly description?: string; readonly tags: readonly SecretTag[] };
}

export interface ReadDocument {
  readonly text: string;
  readonly format: DocumentFormat;
  readonly baseData?: SecretData;
  readonly baseVersionId?: string;
  readonly baseCreated?: Date;
  readonly bom: boolean;
  readonly noVersion: boolean;
}

/** The text a document shows for some data; a leading BOM is left out (and reported). */
export function documentText(data: SecretData, indent: number, options: { sortKeys?: boolean } = {}): { text: string; format: DocumentFormat; bom: boolean } {
  const bom = data.kind === 'string' && data.text.startsWith(BOM);
  const shown: SecretData = bom ? { kind: 'string', text: data.kind === 'string' ? data.text.slice(1) : '' } : data;
  return { ...toDocument(shown, indent, options), bom };
}

/**
 * A clean document stands for its version again: it publishes in that version's format and BOM
 * (a restored value's own format, put in by Restore Value or Edit as New Version, no longer
 * applies once the user has undone or typed back to the document's text).
 */
export function standForVersion(doc: DocumentBase, indent: number): void {
  const shown = doc.baseData ? documentText(doc.baseData, indent) : { format: 'text' as const, bom: false };
  doc.format = shown.format;
  doc.bom = shown.bom;
}

/** The bytes to publish for a document's text: its format's data, with the stored BOM kept. */
export function dataOfText(text: string, format: DocumentFormat, bom: boolean, publishJsonAs: PublishJsonAs): SecretData {
  // VS Code drops a leading BOM when it decodes a document, and may write one back when saving
  // with encoding utf8bom: neither decides the published value, the stored value does.
  const shown = text.startsWith(BOM) ? text.slice(1) : text;
  const data = fromDocument(shown, format, publishJsonAs);
  return bom && data.kind === 'string' ? { kind: 'string', text: BOM + data.text } : data;
}

/**
 * Reads the document of `ref`: a pinned version, the holder of a label, or AWSCURRENT. A secret
 * with no version yet (Terraform's aws_secretsmanager_secret, `create-secret --name` with no
 * value) opens as an empty live document whose first save publishes its first version.
 */
export async function readSecretDocument(service: SecretsService, ref: SecretDocumentRef, indent: number, signal?: AbortSignal): Promise<ReadDocument> {
  const selector = ref.versionId ? { versionId: ref.versionId } : { versionStage: ref.stage ?? CURRENT };
  let value;
  try {
    value = await service.getSecretValue(ref.name, selector, signal);
  } catch (err) {
    const live = !ref.versionId && (!ref.stage || ref.stage === CURRENT);
    if (!live || (err as { kind?: string }).kind !== 'notFound') throw err;
    // No AWSCURRENT: either the secret does not exist (rethrow that error) or it has no version.
    const summary = await service.describeSecret(ref.name, signal).catch(() => undefined);
    if (!summary || Object.keys(summary.versionsToStages).length > 0) throw err;
    return { text: '', format: 'text', bom: false, noVersion: true };
  }
  const shown = documentText(value.data, indent, { sortKeys: ref.sortedKeys });
  return { text: shown.text, format: shown.format, baseData: value.data, baseVersionId: value.versionId, baseCreated: value.createdDate, bom: shown.bom, noVersion: false };
}

export type LineEndings = 'none' | 'lf' | 'crlf' | 'mixed';

/** Which line endings a text uses. */
export function lineEndings(text: string): LineEndings {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  if (crlf === 0 && lf === 0) return 'none';
  if (crlf > 0 && lf > 0) return 'mixed';
  return crlf > 0 ? 'crlf' : 'lf';
}
