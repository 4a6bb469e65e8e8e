// Kubernetes manifests that read Secrets Manager:
// - External Secrets Operator: an ExternalSecret's (or ClusterExternalSecret's) `remoteRef` and
//   `dataFrom[].extract` name the secret (`key`), a JSON property (`property`, a gjson path) and a
//   version (`version`: a staging label, or `uuid/<version id>`). Whether the store behind it is
//   AWS Secrets Manager is said by a SecretStore / ClusterSecretStore: when the store named by
//   `secretStoreRef` is in the same file, its `service` decides (ParameterStore, or another
//   provider: not ours); when it is not, the references are checked with softened findings.
// - Secrets Store CSI driver: a SecretProviderClass with `provider: aws` lists `objects` (a YAML
//   text inside the YAML): `objectName` (name or ARN), `objectType: secretsmanager`,
//   `objectVersion`, `objectVersionLabel`, and `jmesPath` entries whose `path` is a JSON key path.
import { parseSecretArn } from './arn';
import { part, span, type Part, type SecretReference, type Span } from './types';
import { blockEnd, documentsOf, kindOf, linesOf, linesSpan, opens, scalar, type Line } from './yamlLines';
import * as l10n from '@vscode/l10n';

type StoreService = 'secretsManager' | 'other';

interface Store {
  readonly service: StoreService;
  readonly region?: string;
}

const dynamic = (s: string) => s.includes('{{') || s.includes('${');

export function findKubernetesReferences(text: string): SecretReference[] {
  if (!/\bkind:[ \t]*["']?(?:ExternalSecret|ClusterExternalSecret|SecretProviderClass)\b/.test(text)) return [];
  const docs = documentsOf(text).map((s) => ({ span: s, lines: linesOf(text, s.start, s.end) }));
  const stores = new Map<string, Store>();
  for (const d of docs) {
    const kind = kindOf(d.lines);
    if (kind === 'SecretStore' || kind === 'ClusterSecretStore') {
      const name = metadataName(d.lines);
      if (name) stores.set(name, storeOf(d.lines));
    }
  }
  const out: SecretReference[] = [];
  for (const d of docs) {
    const kind = kindOf(d.lines);
    if (kind === 'ExternalSecret' || kind === 'ClusterExternalSecret') out.push(...externalSecret(d.lines, stores));
    else if (kind === 'SecretProviderClass') out.push(...providerClass(text, d.lines));
  }
  return out;
}

function metadataName(lines: readonly Line[]): string | undefined {
  const at = lines.findIndex((l) => /^metadata:[ \t]*$/.test(l.text));
  if (at < 0) return undefined;
  for (let i = at + 1; i < blockEnd(lines, at); i++) {
    const v = scalar(lines[i], 'name');
    if (v && lines[i].keyColumn === 2) return v.text;
  }
  return undefined;
}

function storeOf(lines: readonly Line[]): Store {
  const providerAt = lines.findIndex((l) => opens(l, 'provider'));
  if (providerAt < 0) return { service: 'other' };
  const end = blockEnd(lines, providerAt);
  const awsAt = lines.slice(providerAt + 1, end).findIndex((l) => opens(l, 'aws'));
  if (awsAt < 0) return { service: 'other' };
  let service: string | undefined;
  let region: string | undefined;
  for (let i = providerAt + 1 + awsAt; i < blockEnd(lines, providerAt + 1 + awsAt); i++) {
    service ??= scalar(lines[i], 'service')?.text;
    region ??= scalar(lines[i], 'region')?.text;
  }
  // ESO's AWS provider defaults to SecretsManager when service is left out.
  return { service: !service || service === 'SecretsManager' ? 'secretsManager' : 'other', region: region && !dynamic(region) ? region : undefined };
}

/** The store the ExternalSecret reads from (spec.secretStoreRef.name, or externalSecretSpec's). */
function storeRefName(lines: readonly Line[]): string | undefined {
  const at = lines.findIndex((l) => opens(l, 'secretStoreRef'));
  if (at < 0) return undefined;
  for (let i = at + 1; i < blockEnd(lines, at); i++) {
    const v = scalar(lines[i], 'name');
    if (v) return v.text;
  }
  return undefined;
}

function externalSecret(lines: readonly Line[], stores: ReadonlyMap<string, Store>): SecretReference[] {
  const storeName = storeRefName(lines);
  const store = storeName ? stores.get(storeName) : undefined;
  if (store?.service === 'other') return [];
  const uncertain = store ? undefined : storeName
    ? l10n.t('its store {0} is not in this file', storeName)
    : l10n.t('it names no store');
  const out: SecretReference[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!opens(lines[i], 'remoteRef') && !opens(lines[i], 'extract')) continue;
    const end = blockEnd(lines, i);
    const fields = new Map<string, Part>();
    for (let j = i + 1; j < end; j++) {
      for (const key of ['key', 'property', 'version', 'metadataPolicy']) {
        const v = fields.has(key) ? undefined : scalar(lines[j], key);
        if (v) fields.set(key, v);
      }
    }
    const key = fields.get('key');
    if (!key || !key.text || dynamic(key.text)) continue;
    const arn = key.text.startsWith('arn:') ? parseSecretArn(key.text) : undefined;
    if (key.text.startsWith('arn:') && !arn) continue; // another service's ARN
    // metadataPolicy: Fetch reads the secret's tags: `property` is then a tag key, not a JSON key.
    const tags = fields.get('metadataPolicy')?.text === 'Fetch';
    const property = fields.get('property');
    const version = fields.get('version');
    let versionStage: Part | undefined;
    let versionId: Part | undefined;
    if (version && version.text && !dynamic(version.text)) {
      if (version.text.startsWith('uuid/')) versionId = part(version.text.slice(5), version.span.start + 5);
      else versionStage = version;
    }
    const block = linesSpan(lines, i, end);
    out.push({
      format: 'externalSecret',
      secret: key,
      arn,
      jsonKey: property && property.text && !tags && !dynamic(property.text) ? property : undefined,
      keyIsPath: true,
      versionStage,
      versionId,
      span: key.span,
      block,
      uncertain,
      region: store?.region,
    });
  }
  return out;
}

function providerClass(text: string, lines: readonly Line[]): SecretReference[] {
  const provider = lines.map((l) => scalar(l, 'provider')).find((v) => v !== undefined);
  if (provider?.text !== 'aws') return [];
  let region: string | undefined;
  for (const l of lines) {
    const r = scalar(l, 'region');
    if (r && !dynamic(r.text)) region ??= r.text;
  }
  const at = lines.findIndex((l) => opens(l, 'objects'));
  if (at < 0) return [];
  const end = blockEnd(lines, at);
  if (end <= at + 1) return [];
  const inner = linesOf(text, lines[at + 1].start, linesSpan(lines, at + 1, end).end);
  const out: SecretReference[] = [];
  // Items: lines starting with "- " at the shallowest dash column.
  const items: number[] = [];
  let dashColumn = -1;
  inner.forEach((l, i) => {
    const m = /^([ \t]*)-[ \t]/.exec(l.text);
    if (!m || l.empty) return;
    if (dashColumn < 0) dashColumn = m[1].length;
    if (m[1].length === dashColumn) items.push(i);
  });
  items.forEach((from, n) => {
    const to = n + 1 < items.length ? items[n + 1] : inner.length;
    out.push(...providerObject(inner, from, to, region));
  });
  return out;
}

function providerObject(lines: readonly Line[], from: number, to: number, region: string | undefined): SecretReference[] {
  const get = (key: string) => {
    for (let i = from; i < to; i++) {
      const v = scalar(lines[i], key);
      if (v) return v;
    }
    return undefined;
  };
  const name = get('objectName');
  if (!name || !name.text || dynamic(name.text)) return [];
  const type = get('objectType')?.text;
  const arn = name.text.startsWith('arn:') ? parseSecretArn(name.text) : undefined;
  if (name.text.startsWith('arn:') && !arn) return [];
  if (!arn && type !== 'secretsmanager') return [];
  if (arn && type && type !== 'secretsmanager') return [];
  const stage = get('objectVersionLabel');
  const id = get('objectVersion');
  const block: Span = linesSpan(lines, from, to);
  const base: SecretReference = {
    format: 'csi',
    secret: name,
    arn,
    versionStage: stage?.text && !dynamic(stage.text) ? stage : undefined,
    versionId: id?.text && !dynamic(id.text) ? id : undefined,
    span: name.span,
    block,
    region,
  };
  const paths: Part[] = [];
  const jmesAt = lines.slice(from, to).findIndex((l) => opens(l, 'jmesPath'));
  if (jmesAt >= 0) {
    const at = from + jmesAt;
    for (let i = at + 1; i < Math.min(to, blockEnd(lines, at)); i++) {
      const p = scalar(lines[i], 'path');
      if (p && p.text && !dynamic(p.text)) paths.push(p);
    }
  }
  if (!paths.length) return [base];
  return paths.map((p) => ({ ...base, jsonKey: p, keyIsPath: true, span: span(name.span.start, name.span.end) }));
}
