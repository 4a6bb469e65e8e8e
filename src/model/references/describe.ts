// The hover of a reference, as Markdown: the secret's metadata (description, labels and the
// versions they are on, last changed, rotation, owning service, tags, deletion), what the reference
// reads, whether its key was checked, and which connection answered and from where. Never a value:
// everything comes from ListSecrets / DescribeSecret metadata and, for keys, key names. Pure; the
// UI appends its command links.
import { compareLabels, shortId, sortLabels } from '../stages';
import type { CheckContext } from './diagnose';
import { labelsOf, listed, versionLabel } from './diagnose';
import { resourceOf } from './directory';
import { hasKey } from './keys';
import { FORMAT_LABEL } from './types';

const fmt = (d?: Date) => (d ? `${d.toISOString().replace('T', ' ').slice(0, 16)} UTC` : undefined);
const day = (d?: Date) => (d ? d.toISOString().slice(0, 10) : undefined);
const time = (at: number) => `${new Date(at).toISOString().slice(11, 16)} UTC`;

/** Markdown with its special characters escaped (descriptions and tags are free text). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

const SOURCE: Record<string, string> = {
  view: "the view's list",
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
  const answeredBy = `**${escapeMarkdown(c.connection?.label ?? c.resolution.connectionId)}**, ${escapeMarkdown(c.resolution.why)}`;
  const answered = `Answered by ${answeredBy}`;
  if (!lookup) {
    lines.push('', 'Not looked up yet.', '', answered);
    return lines.join('\n');
  }
  if (lookup.state === 'missing') {
    lines.push('', ref.creates
      ? `Not in ${escapeMarkdown(c.connection?.label ?? 'this connection')} yet: this configuration creates it.`
      : `No such secret in ${escapeMarkdown(c.connection?.label ?? 'this connection')}.`);
    if (lookup.sameName?.arn) lines.push('', `A secret named ${code(lookup.sameName.name)} exists, with another ARN: ${code(lookup.sameName.arn)}.`);
    lines.push('', `${answered}, at ${time(lookup.at)}.`);
    return lines.join('\n');
  }
  if (lookup.state !== 'found') {
    lines.push('', `${lookup.state === 'denied' ? 'Not allowed to read its metadata' : 'Could not look it up'}: ${escapeMarkdown(lookup.message)}`, '', answered);
    return lines.join('\n');
  }
  const s = lookup.summary;
  if (s.description) lines.push('', escapeMarkdown(s.description));
  const rows: [string, string][] = [];
  const byVersion = Object.entries(s.versionsToStages).filter(([, l]) => l.length)
    .sort(([, a], [, b]) => compareLabels(sortLabels(a)[0], sortLabels(b)[0]));
  if (byVersion.length) rows.push(['Labels', byVersion.map(([id, l]) => `${sortLabels(l).map(code).join(' ')} → ${code(shortId(id))}`).join(' · ')]);
  else rows.push(['Labels', 'no version yet']);
  if (s.lastChangedDate) rows.push(['Changed', fmt(s.lastChangedDate)!]);
  if (s.rotationEnabled) rows.push(['Rotation', `enabled${s.nextRotationDate ? `, next ${day(s.nextRotationDate)}` : ''}${s.lastRotatedDate ? `, last ${day(s.lastRotatedDate)}` : ''}`]);
  if (s.owningService) rows.push(['Managed by', escapeMarkdown(s.owningService)]);
  if (s.tags.length) rows.push(['Tags', s.tags.slice(0, 6).map((t) => escapeMarkdown(`${t.key}=${t.value}`)).join(', ') + (s.tags.length > 6 ? ', ...' : '')]);
  if (s.deletedDate) rows.push(['Scheduled for deletion', `deleted on ${day(s.deletedDate)}; restore it to read it`]);
  if (ref.arn && s.arn && resourceOf(s.arn) !== ref.arn.resource) rows.push(['ARN', `${code(s.arn)} (the reference is a partial ARN)`]);

  // What this reference reads.
  const stageOk = !ref.versionStage || labelsOf(s).includes(ref.versionStage.text);
  const idOk = !ref.versionId || ref.versionId.text in s.versionsToStages;
  let status = '';
  if (!stageOk) status = ' (no such label)';
  else if (!idOk) status = c.versions?.some((v) => v.versionId === ref.versionId!.text) ? ' (a version without a label)' : c.versions ? ' (no such version)' : '';
  else if (ref.versionStage) status = ` (${code(shortId(Object.entries(s.versionsToStages).find(([, l]) => l.includes(ref.versionStage!.text))![0]))})`;
  else if (ref.versionId) status = ` (${s.versionsToStages[ref.versionId.text].map(code).join(' ')})`;
  rows.push(['Reads', `${ref.jsonKey ? `key ${code(ref.jsonKey.text)} of ` : ''}${versionLabel(ref)}${status}`]);
  if (ref.jsonKey) {
    const k = c.keys;
    let key: string;
    if (!c.keysAllowed) key = `not checked: that reads the value (GetSecretValue), off for this connection${options.keysOptInHint ? ` · ${options.keysOptInHint}` : ''}`;
    else if (!k) key = 'not checked yet';
    else if (k.state === 'keys') {
      key = hasKey(k, ref.jsonKey.text, !!ref.keyIsPath)
        ? `there (names read ${time(k.at)}; only names are kept)`
        : `not there; its keys: ${listed(k.keys).split(', ').map(code).join(', ')}`;
    } else if (k.state === 'notJson' || k.state === 'binary') key = `that version is ${k.state === 'binary' ? 'binary' : 'not a JSON object'}: it has no keys`;
    else key = `not checked: ${escapeMarkdown('message' in k ? k.message : '')}`;
    rows.push(['Key', key]);
  }
  const from = SOURCE[lookup.source] ?? lookup.source;
  rows.push(['Connection', `${answeredBy} (answered from ${from}, ${time(lookup.at)})`]);
  lines.push('', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`));
  return lines.join('\n');
}
