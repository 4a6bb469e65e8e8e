// Secret documents' URIs carry everything needed to rebuild the document after a reload:
//   secretsmanager://<connection id>/<secret name> (<label>)[?version=<id>[&stage=<label>][&keys=sorted]|?create=1]
// - the live document:    /prod/db (AWSCURRENT)                   editable; saving publishes
// - a pinned version:     /prod/db (AWSPREVIOUS)?version=<id>&stage=AWSPREVIOUS   read-only
// - the holder of a label: /prod/db (STAGING)?stage=STAGING        read-only
// - a version compared with another: ...?version=<id>&keys=sorted  read-only, JSON keys sorted
// - a new secret:         /prod/db (new secret)?create=1           the first save creates it
// - a replica's AWSCURRENT: /prod/db (AWSCURRENT)?replica=eu-west-1 read-only: Secrets Manager
//                          changes a replicated secret only in its primary's region (eu-west-1)
// Secret names can't contain spaces or parentheses, so the " (label)" suffix that makes tab
// titles read "db (AWSCURRENT)" is unambiguous. Pure: works on the URI's string parts; the
// editor wraps them with vscode.Uri.
import { CURRENT, shortId } from './stages';
import * as l10n from '@vscode/l10n';

export const SECRET_SCHEME = 'secretsmanager';
export const CREATE_LABEL = 'new secret'; // l10n-ignore: part of the document's URI (package.json's filenamePatterns match it)

export interface SecretUriParts {
  scheme: string;
  authority: string;
  path: string;
  query: string;
}

export interface SecretDocumentRef {
  connectionId: string;
  name: string;
  /** A pinned (read-only) version; absent = the live AWSCURRENT document (unless `stage`). */
  versionId?: string;
  /** Label to show for a pinned version; alone (no versionId), the version holding that label, read-only. */
  stage?: string;
  /** A new secret: the first save creates it. */
  create?: boolean;
  /** A read-only version shown for a comparison: JSON keys in a stable order (`&keys=sorted`). */
  sortedKeys?: boolean;
  /** The secret is a replica here; its primary is in this region (`?replica=REGION`): read-only. */
  replicaOf?: string;
}

/** The label in the tab title: "(AWSCURRENT)", "(AWSPREVIOUS)", "(1a2b3c4d)", "(new secret)". */
export function titleLabel(ref: SecretDocumentRef): string {
  if (ref.create) return CREATE_LABEL;
  // Parentheses would make the " (label)" suffix ambiguous; the label itself travels in the query.
  const shown = (label: string) => label.replace(/\(/g, '[').replace(/\)/g, ']');
  if (ref.versionId) return ref.stage ? shown(ref.stage) : shortId(ref.versionId);
  return ref.stage ? shown(ref.stage) : CURRENT;
}

export function toSecretUri(ref: SecretDocumentRef): SecretUriParts {
  if (!ref.connectionId) throw new Error(l10n.t('A secret document needs a connection id.'));
  if (!ref.name || /[\s()]/.test(ref.name)) throw new Error(l10n.t('Not a secret name: it is empty or has spaces or parentheses.'));
  const label = titleLabel(ref);
  const q = new URLSearchParams();
  if (ref.create) q.set('create', '1');
  else {
    if (ref.versionId) q.set('version', ref.versionId);
    if (ref.stage && (ref.versionId || ref.stage !== CURRENT)) q.set('stage', ref.stage);
    if (ref.sortedKeys) {
      if (!ref.versionId) throw new Error(l10n.t('Only a pinned version can be shown with sorted keys.'));
      q.set('keys', 'sorted');
    }
    if (ref.replicaOf) q.set('replica', ref.replicaOf);
  }
  return { scheme: SECRET_SCHEME, authority: ref.connectionId, path: `/${ref.name} (${label})`, query: q.toString() };
}

const DOCUMENT_PATH = /^\/([^\s()]+) \(([^()]+)\)$/;

/** Whether a path names a secret document, rather than a "folder" of a secret's name (VS Code stats parents). */
export function isSecretDocumentPath(path: string): boolean {
  return DOCUMENT_PATH.test(path);
}

export function parseSecretUri(uri: Omit<SecretUriParts, 'scheme'> & { scheme?: string }): SecretDocumentRef {
  if (uri.scheme !== undefined && uri.scheme !== SECRET_SCHEME) throw new Error(l10n.t('Not a secret document: {0}:', uri.scheme));
  const m = DOCUMENT_PATH.exec(uri.path);
  if (!m || !uri.authority) throw new Error(l10n.t('Not a secret document path: {0}', uri.path));
  const q = new URLSearchParams(uri.query);
  const ref: SecretDocumentRef = { connectionId: uri.authority, name: m[1] };
  if (q.get('create') === '1') return { ...ref, create: true };
  const versionId = q.get('version');
  const stage = q.get('stage');
  if (versionId) ref.versionId = versionId;
  if (stage) ref.stage = stage;
  if (versionId && q.get('keys') === 'sorted') ref.sortedKeys = true;
  const replica = q.get('replica');
  if (replica) ref.replicaOf = replica;
  return ref;
}

/** The live, editable AWSCURRENT document (not pinned to a version or another label, not a new secret). */
export function isLiveDocument(ref: SecretDocumentRef): boolean {
  return !ref.create && !ref.versionId && (!ref.stage || ref.stage === CURRENT);
}

/** Documents that can be edited: the live AWSCURRENT document (not of a replica) and a new secret's. */
export function isEditable(ref: SecretDocumentRef): boolean {
  return ref.create === true || (isLiveDocument(ref) && !ref.replicaOf);
}
