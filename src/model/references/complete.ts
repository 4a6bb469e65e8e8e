// Where completion applies: the slot at the cursor (a secret name, a JSON key, a version stage, a
// version id, or CloudFormation's "SecretString" keyword) and which secret a key, stage or id
// belongs to. Read from the line up to the cursor, so a reference still being typed (no closing
// "}}" yet) completes too; for a line of a block (a Terraform block, a remoteRef, a CSI object) the
// secret is the block's reference. Pure.
import { secretArnAt } from './arn';
import { fileKindOf } from './scan';
import { span, type SecretArn, type SecretReference, type Span } from './types';

export type SlotKind = 'name' | 'keyword' | 'key' | 'stage' | 'versionId';

export interface Slot {
  readonly kind: SlotKind;
  /** What the completion replaces (the part typed so far). */
  readonly replace: Span;
  readonly typed: string;
  /** For a name: inside an ARN, so a complete resource (name and suffix) goes in. */
  readonly arnForm?: boolean;
  /** For a name: the ARN head typed so far, whose region picks the connection. */
  readonly arn?: SecretArn;
  /** For a key, stage or id: the secret's id as written, its ARN, the version the reference reads. */
  readonly secret?: { readonly id: string; readonly arn?: SecretArn; readonly versionStage?: string; readonly versionId?: string; readonly keyIsPath?: boolean; readonly region?: string };
  /** An ExternalSecret version: stages, or uuid/<id>. */
  readonly versionForm?: 'externalSecret';
}

const NAME = '[A-Za-z0-9/_+=.@!-]*';
const ARN_HEAD = /arn:([a-z-]+|\$\{[^}\s]+\}):secretsmanager:([a-z0-9-]+|\$\{[^}\s]+\}):(\d{12}|\$\{[^}\s]+\}):secret:/;

/** The parts of an ARN-headed text: the ARN (with a placeholder name), then the colon-separated rest after `secret:`. */
function arnPieces(text: string): { arn: SecretArn; head: string; rest: string[] } | undefined {
  const m = new RegExp(`^${ARN_HEAD.source}`).exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length).split(':');
  const found = secretArnAt(`${m[0]}${rest[0] || 'x'}`);
  return found ? { arn: { ...found.arn, resource: rest[0], nameIfComplete: rest[0] ? found.arn.nameIfComplete : undefined }, head: m[0], rest } : undefined;
}

function slotAfter(kind: SlotKind, typedStart: number, typed: string, extra: Partial<Slot> = {}): Slot {
  return { kind, replace: span(typedStart, typedStart + typed.length), typed, ...extra };
}

/** The slot at `offset`, if completion applies there. */
export function completionSlot(text: string, offset: number, languageId: string, fileName: string, refs: readonly SecretReference[]): Slot | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const line = text.slice(lineStart, offset);
  const kind = fileKindOf(languageId, fileName);

  // CloudFormation dynamic reference being typed.
  const dyn = /\{\{resolve:secretsmanager:([^}\s'"]*)$/.exec(line);
  if (dyn) {
    const inner = dyn[1];
    const innerStart = offset - inner.length;
    let secretId: string;
    let arn: SecretArn | undefined;
    let fields: string[];
    if (inner.startsWith('arn:')) {
      const pieces = arnPieces(inner);
      if (!pieces) return undefined;
      if (pieces.rest.length === 1) return slotAfter('name', offset - pieces.rest[0].length, pieces.rest[0], { arnForm: true, arn: pieces.arn });
      secretId = pieces.head + pieces.rest[0];
      arn = pieces.arn;
      fields = pieces.rest.slice(1);
    } else {
      const all = inner.split(':');
      if (all.length === 1) return slotAfter('name', innerStart, inner);
      secretId = all[0];
      fields = all.slice(1);
    }
    const typed = fields[fields.length - 1];
    const at = offset - typed.length;
    const secret = { id: secretId, arn, versionStage: fields[2] || undefined };
    switch (fields.length) {
      case 1: return slotAfter('keyword', at, typed, { secret });
      case 2: return slotAfter('key', at, typed, { secret });
      case 3: return slotAfter('stage', at, typed, { secret });
      case 4: return slotAfter('versionId', at, typed, { secret });
      default: return undefined;
    }
  }

  // An ARN being typed (valueFrom, or anywhere): name, then for valueFrom key, stage, id.
  const arnTyped = new RegExp(`(${ARN_HEAD.source}[^\\s"',}\\]]*)$`).exec(line);
  if (arnTyped) {
    const pieces = arnPieces(arnTyped[1]);
    if (!pieces) return undefined;
    if (pieces.rest.length === 1) return slotAfter('name', offset - pieces.rest[0].length, pieces.rest[0], { arnForm: true, arn: pieces.arn });
    if (!/(?:valueFrom|ValueFrom|value_from)/.test(line)) return undefined;
    const fields = pieces.rest.slice(1);
    const typed = fields[fields.length - 1];
    const secret = { id: pieces.head + pieces.rest[0], arn: { ...pieces.arn, resource: pieces.rest[0] }, versionStage: fields[1] || undefined };
    const kinds: SlotKind[] = ['key', 'stage', 'versionId'];
    return fields.length <= 3 ? slotAfter(kinds[fields.length - 1], offset - typed.length, typed, { secret }) : undefined;
  }

  if (kind === 'code' || kind === 'shell' || kind === 'other' || kind === 'yaml') {
    for (const re of [
      new RegExp(`\\bSecretId\\s*[:=]\\s*(?:aws\\.String\\(\\s*)?["'\`](${NAME})$`),
      new RegExp(`-SecretId\\s+["'](${NAME})$`),
      new RegExp(`\\.secretId\\(\\s*["'](${NAME})$`),
      new RegExp(`\\bsecret_id:\\s*["'](${NAME})$`),
      new RegExp(`\\bSecretValue\\.(?:secretsManager|secrets_manager|SecretsManager)\\(\\s*["'\`](${NAME})$`),
      new RegExp(`\\b[Ff]rom(?:SecretNameV2|_secret_name_v2)\\(\\s*[^,()]+,\\s*["'\`][^"'\`]*["'\`]\\s*,\\s*["'\`](${NAME})$`),
      new RegExp(`--secret-id(?:[ \\t]+|=)["']?(${NAME})$`),
    ]) {
      const m = re.exec(line);
      if (m && (kind === 'code' || re.source.includes('secret-id'))) return slotAfter('name', offset - m[1].length, m[1]);
    }
    // A version stage of the call or command whose secret is just before.
    const stage = /(?:\bVersionStage\s*[:=]\s*(?:aws\.String\(\s*)?["'`]|--version-stage(?:[ \t]+|=)["']?|\bversionStage\s*:\s*["'`]|\bjson_?[Ff]ield\s*[:=]\s*["'`]|\bjsonField\s*:\s*["'`])([A-Za-z0-9_+=.@/-]*)$/.exec(line);
    if (stage) {
      const before = refs.filter((r) => r.span.end <= offset - stage[1].length && offset - r.span.end < 400).pop();
      if (before) {
        const isKey = /json_?[Ff]ield/.test(stage[0]);
        const secret = secretOf(before);
        return slotAfter(isKey ? 'key' : 'stage', offset - stage[1].length, stage[1], { secret: isKey ? secret : { ...secret, versionStage: undefined } });
      }
    }
  }

  if (kind === 'terraform') {
    const attr = /^\s*(name|arn|secret_id|secret_arn|version_stage|version_id)\s*=\s*"([^"]*)$/.exec(line);
    if (attr) {
      const block = terraformBlockAt(text, offset);
      if (!block) return undefined;
      const at = offset - attr[2].length;
      if (attr[1] === 'version_stage' || attr[1] === 'version_id') {
        const ref = refs.find((r) => r.block && r.block.start === block.start);
        return ref ? slotAfter(attr[1] === 'version_stage' ? 'stage' : 'versionId', at, attr[2], { secret: { ...secretOf(ref), versionStage: undefined, versionId: undefined } }) : undefined;
      }
      if (block.kind === 'resource' && block.type === 'aws_secretsmanager_secret') return undefined; // a new secret's name
      return slotAfter('name', at, attr[2]);
    }
    const key = /jsondecode\(\s*((?:data|ephemeral)\.aws_secretsmanager_secret_version\.([A-Za-z0-9_-]+))\.secret_string\s*\)\s*\[\s*"([^"]*)$/.exec(line);
    if (key) {
      const header = new RegExp(`^[ \\t]*(?:data|ephemeral)[ \\t]+"aws_secretsmanager_secret_version"[ \\t]+"${key[2]}"`, 'm').exec(text);
      const ref = header && refs.find((r) => r.block && r.block.start === header.index);
      return ref ? slotAfter('key', offset - key[3].length, key[3], { secret: secretOf(ref) }) : undefined;
    }
  }

  if (kind === 'yaml' || kind === 'other') {
    const m = /^(\s*(?:-\s+)?)(key|property|version|objectName|path|objectVersionLabel|objectVersion):[ \t]*["']?([^"'\s#]*)$/.exec(line);
    if (m) {
      const field = m[2];
      const at = offset - m[3].length;
      if (field === 'key' || field === 'objectName') {
        if (field === 'key' && !/\bkind:[ \t]*["']?(?:Cluster)?ExternalSecret\b/.test(text)) return undefined;
        if (field === 'objectName' && !/\bkind:[ \t]*["']?SecretProviderClass\b/.test(text)) return undefined;
        if (field === 'key' && !underKey(text, lineStart, /^(?:remoteRef|extract)$/)) return undefined;
        return slotAfter('name', at, m[3]);
      }
      const ref = refs.find((r) => r.block && r.block.start <= offset && offset <= r.block.end + 1 && (r.format === 'externalSecret' || r.format === 'csi'));
      if (!ref) return undefined;
      const secret = secretOf(ref);
      if (field === 'property' || field === 'path') return slotAfter('key', at, m[3], { secret: { ...secret, keyIsPath: true } });
      if (field === 'objectVersionLabel') return slotAfter('stage', at, m[3], { secret });
      if (field === 'objectVersion') return slotAfter('versionId', at, m[3], { secret });
      if (field === 'version' && ref.format === 'externalSecret') return slotAfter('stage', at, m[3], { secret, versionForm: 'externalSecret' });
    }
  }
  return undefined;
}

function secretOf(r: SecretReference): NonNullable<Slot['secret']> {
  return { id: r.secret.text, arn: r.arn, versionStage: r.versionStage?.text, versionId: r.versionId?.text, keyIsPath: r.keyIsPath, region: r.region };
}

const keyColumn = (line: string) => /^[ \t]*(?:-[ \t]+)*/.exec(line)![0].length;

/** The parent key of the line at `lineStart` (the nearest line above whose key starts further left) matches. */
function underKey(text: string, lineStart: number, parent: RegExp): boolean {
  const column = keyColumn(text.slice(lineStart));
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const l = text.slice(start, end);
    end = start - 1;
    if (!l.trim() || l.trim().startsWith('#')) continue;
    if (keyColumn(l) < column) {
      const m = /^[ \t]*(?:-[ \t]+)*([A-Za-z]+)[ \t]*:/.exec(l);
      return !!m && parent.test(m[1]);
    }
  }
  return false;
}

/** The aws_secretsmanager_* block around `offset`, if any. */
function terraformBlockAt(text: string, offset: number): { start: number; kind: string; type: string } | undefined {
  const re = /^[ \t]*(data|resource|ephemeral)[ \t]+"(aws_secretsmanager_secret(?:_version|_rotation|_policy)?)"[ \t]+"[A-Za-z0-9_-]+"[ \t]*\{/gm;
  let found: { start: number; kind: string; type: string } | undefined;
  for (const m of text.matchAll(re)) {
    if (m.index! > offset) break;
    found = { start: m.index!, kind: m[1], type: m[2] };
  }
  if (!found) return undefined;
  // Still inside it: no closing brace at the start of a line between the header and the cursor.
  return /\n\}/.test(text.slice(found.start, offset)) ? undefined : found;
}
