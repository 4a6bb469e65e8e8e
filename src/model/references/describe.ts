// The hover of a reference, as Markdown: the secret's metadata (description, labels and the
// versions they are on, last changed, rotation, owning service, tags, deletion), what the reference
// reads, whether its key was checked, and which connection answered and from where. Never a value:
// everything comes from ListSecrets / DescribeSecret metadata and, for keys, key names. Pure; the
// UI appends its command links.
import { shortId } from '../stages';
import type { CheckContext } from './diagnose';
import { labelsOf, listed, versionLabel } from './diagnose';
import { resourceOf } from './directory';
import { hasKey } from './keys';
import { FORMAT_LABEL } from './types';

const fmt = (d?: Date) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC` : undefined);
const day = (d?: Date) => (d ? d.toISOString().slice(0, 10) : undefined);

/** Markdown with its special characters escaped (descriptions and tags are free text). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

const SOURCE: Record<string, string> = {
  view: "the Secrets Manager view's list",
  ListSecrets: 'ListSecrets',
  DescribeSecret: 'DescribeSecret',
  action: 'the last change made here',
};

export interface HoverOptions {
  /** The connection's opt-in to key checks (reading values) can be turned on from the hover. */
  readonly keysOptInHint?: string;
}

export function hoverMarkdown(c: CheckContext, options: HoverOptions = {}): string {
  const { ref } = c;
  const lines: string[] = [];
  const name = ref.arn ? ref.arn.nameIfComplete ?? ref.arn.resource : ref.secret.text;
  const lookup = c.lookup;
  const title = lookup?.state === 'found' ? lookup.summary.name : name;
  lines.push(`$(key) **${code(title)}** · ${FORMAT_LABEL[ref.format]}`);
  if (!c.resolution.connectionId) {
    lines.push('', `Not checked: ${c.resolution.why}.`);
    return lines.join('\n');
  }
  const answered = `Answered by **${escapeMarkdown(c.connection?.label ?? c.resolution.connectionId)}**, ${escapeMarkdown(c.resolution.why)}`;
  if (!lookup) {
    lines.push('', 'Not looked up yet.', '', answered);
    return lines.join('\n');
  }
  if (lookup.state === 'missing') {
    lines.push('', ref.creates
      ? `Not in ${escapeMarkdown(c.connection?.label ?? 'this connection')} yet: this configuration creates it.`
      : `No such secret in ${escapeMarkdown(c.connection?.label ?? 'this connection')}.`);
    if (lookup.sameName?.arn) lines.push('', `A secret named ${code(lookup.sameName.name)} exists, with another ARN: ${code(lookup.sameName.arn)}.`);
    lines.push('', `${answered} (${fmt(new Date(lookup.at))}).`);
    return lines.join('\n');
  }
  if (lookup.state !== 'found') {
    lines.push('', `${lookup.state === 'denied' ? 'Not allowed to read its metadata' : 'Could not look it up'}: ${escapeMarkdown(lookup.message)}`, '', answered);
    return lines.join('\n');
  }
  const s = lookup.summary;
  if (s.description) lines.push('', escapeMarkdown(s.description));
  const rows: [string, string][] = [];
  const byVersion = Object.entries(s.versionsToStages).filter(([, l]) => l.length);
  if (byVersion.length) rows.push(['Labels', byVersion.map(([id, l]) => `${l.map(code).join(' ')} → ${code(shortId(id))}`).join(' · ')]);
  else rows.push(['Labels', 'no version yet']);
  if (s.lastChangedDate) rows.push(['Last changed', fmt(s.lastChangedDate)!]);
  if (s.lastAccessedDate) rows.push(['Last accessed', day(s.lastAccessedDate)!]);
  rows.push(['Rotation', s.rotationEnabled ? `enabled${s.nextRotationDate ? `, next ${day(s.nextRotationDate)}` : ''}${s.lastRotatedDate ? `, last ${day(s.lastRotatedDate)}` : ''}` : 'not configured']);
  if (s.owningService) rows.push(['Managed by', escapeMarkdown(s.owningService)]);
  if (s.tags.length) rows.push(['Tags', s.tags.slice(0, 8).map((t) => escapeMarkdown(`${t.key}=${t.value}`)).join(', ') + (s.tags.length > 8 ? ', ...' : '')]);
  if (s.deletedDate) rows.push(['Scheduled for deletion', `deleted on ${day(s.deletedDate)}; restore it to read it`]);
  if (ref.arn) rows.push(['ARN', code(s.arn)]);
  lines.push('', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`));

  // What this reference reads.
  const reads: string[] = [];
  if (ref.jsonKey) reads.push(`key ${code(ref.jsonKey.text)} of`);
  reads.push(versionLabel(ref));
  const stageOk = !ref.versionStage || labelsOf(s).includes(ref.versionStage.text);
  const idOk = !ref.versionId || ref.versionId.text in s.versionsToStages;
  let status = '';
  if (!stageOk) status = ' (no such label)';
  else if (!idOk) status = c.versions?.some((v) => v.versionId === ref.versionId!.text) ? ' (a version without a label)' : c.versions ? ' (no such version)' : '';
  else if (ref.versionStage) status = ` (${code(shortId(Object.entries(s.versionsToStages).find(([, l]) => l.includes(ref.versionStage!.text))![0]))})`;
  else if (ref.versionId) status = ` (${s.versionsToStages[ref.versionId.text].map(code).join(' ')})`;
  lines.push('', `Reads ${reads.join(' ')}${status}.`);
  if (ref.jsonKey) {
    const k = c.keys;
    if (!c.keysAllowed) {
      lines.push('', `Key not checked: checking keys reads the value (GetSecretValue, logged by CloudTrail), which is off for this connection.${options.keysOptInHint ? ` ${options.keysOptInHint}` : ''}`);
    } else if (!k) lines.push('', 'Key not checked yet.');
    else if (k.state === 'keys') {
      lines.push('', hasKey(k, ref.jsonKey.text, !!ref.keyIsPath)
        ? `Key ${code(ref.jsonKey.text)} is there (key names read ${fmt(new Date(k.at))}; only names are kept).`
        : `Key ${code(ref.jsonKey.text)} is not there; its keys: ${listed(k.keys).split(', ').map(code).join(', ')}.`);
    } else if (k.state === 'notJson' || k.state === 'binary') lines.push('', `That version is ${k.state === 'binary' ? 'binary' : 'not a JSON object'}: it has no keys.`);
    else if ('message' in k) lines.push('', `Key not checked: ${escapeMarkdown(k.message)}`);
  }
  const from = SOURCE[lookup.source] ?? lookup.source;
  lines.push('', `${answered}, from ${from} (${fmt(new Date(lookup.at))}).`);
  if (ref.arn && s.arn && resourceOf(s.arn) !== ref.arn.resource) lines.push('', `The reference is a partial ARN: ${code(name)}.`);
  return lines.join('\n');
}
