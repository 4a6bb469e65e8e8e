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
import * as l10n from '@vscode/l10n';

const fmt = (d?: Date) => (d ? l10n.t('{0} UTC', d.toISOString().replace('T', ' ').slice(0, 16)) : undefined);
const day = (d?: Date) => (d ? d.toISOString().slice(0, 10) : undefined);
const time = (at: number) => l10n.t('{0} UTC', new Date(at).toISOString().slice(11, 16));

/** Markdown with its special characters escaped (descriptions and tags are free text). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

const SOURCE: Record<string, string> = {
  view: l10n.t("the view's list"),
  ListSecrets: 'ListSecrets',
  DescribeSecret: 'DescribeSecret',
  action: l10n.t('the last change made here'),
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
    lines.push('', l10n.t('Not checked: {0}.', c.resolution.why));
    return lines.join('\n');
  }
  const answeredBy = `**${escapeMarkdown(c.connection?.label ?? c.resolution.connectionId)}**, ${escapeMarkdown(c.resolution.why)}`;
  const answered = l10n.t('Answered by {0}', answeredBy);
  if (!lookup) {
    lines.push('', l10n.t('Not looked up yet.'), '', answered);
    return lines.join('\n');
  }
  if (lookup.state === 'missing') {
    lines.push('', ref.creates
      ? l10n.t('Not in {0} yet: this configuration creates it.', escapeMarkdown(c.connection?.label ?? l10n.t('this connection')))
      : l10n.t('No such secret in {0}.', escapeMarkdown(c.connection?.label ?? l10n.t('this connection'))));
    if (lookup.sameName?.arn) lines.push('', l10n.t('A secret named {0} exists, with another ARN: {1}.', code(lookup.sameName.name), code(lookup.sameName.arn)));
    lines.push('', `${answered}, at ${time(lookup.at)}.`);
    return lines.join('\n');
  }
  if (lookup.state !== 'found') {
    lines.push('', `${lookup.state === 'denied' ? l10n.t('Not allowed to read its metadata') : l10n.t('Could not look it up')}: ${escapeMarkdown(lookup.message)}`, '', answered);
    return lines.join('\n');
  }
  const s = lookup.summary;
  if (s.description) lines.push('', escapeMarkdown(s.description));
  const rows: [string, string][] = [];
  const byVersion = Object.entries(s.versionsToStages).filter(([, l]) => l.length)
    .sort(([, a], [, b]) => compareLabels(sortLabels(a)[0], sortLabels(b)[0]));
  if (byVersion.length) rows.push([l10n.t('Labels'), byVersion.map(([id, l]) => `${sortLabels(l).map(code).join(' ')} → ${code(shortId(id))}`).join(' · ')]);
  else rows.push([l10n.t('Labels'), l10n.t('no version yet')]);
  if (s.lastChangedDate) rows.push([l10n.t('Changed'), fmt(s.lastChangedDate)!]);
  if (s.rotationEnabled) rows.push([l10n.t('Rotation'), l10n.t('enabled{0}{1}', s.nextRotationDate ? l10n.t(', next {0}', day(s.nextRotationDate) ?? '') : '', s.lastRotatedDate ? l10n.t(', last {0}', day(s.lastRotatedDate) ?? '') : '')]);
  if (s.owningService) rows.push([l10n.t('Managed by'), escapeMarkdown(s.owningService)]);
  if (s.tags.length) rows.push([l10n.t('Tags'), s.tags.slice(0, 6).map((t) => escapeMarkdown(`${t.key}=${t.value}`)).join(', ') + (s.tags.length > 6 ? ', ...' : '')]);
  if (s.deletedDate) rows.push([l10n.t('Scheduled for deletion'), l10n.t('deleted on {0}; restore it to read it', day(s.deletedDate) ?? '')]);
  if (ref.arn && s.arn && resourceOf(s.arn) !== ref.arn.resource) rows.push(['ARN', l10n.t('{0} (the reference is a partial ARN)', code(s.arn))]);

  // What this reference reads.
  const stageOk = !ref.versionStage || labelsOf(s).includes(ref.versionStage.text);
  const idOk = !ref.versionId || ref.versionId.text in s.versionsToStages;
  let status = '';
  if (!stageOk) status = l10n.t(' (no such label)');
  else if (!idOk) status = c.versions?.some((v) => v.versionId === ref.versionId!.text) ? l10n.t(' (a version without a label)') : c.versions ? l10n.t(' (no such version)') : '';
  else if (ref.versionStage) status = ` (${code(shortId(Object.entries(s.versionsToStages).find(([, l]) => l.includes(ref.versionStage!.text))![0]))})`;
  else if (ref.versionId) status = ` (${s.versionsToStages[ref.versionId.text].map(code).join(' ')})`;
  rows.push([l10n.t('Reads'), `${ref.jsonKey ? l10n.t('key {0} of ', code(ref.jsonKey.text)) : ''}${versionLabel(ref)}${status}`]);
  if (ref.jsonKey) {
    const k = c.keys;
    let key: string;
    if (!c.keysAllowed) key = l10n.t('not checked: that reads the value (GetSecretValue), off for this connection{0}', options.keysOptInHint ? ` · ${options.keysOptInHint}` : '');
    else if (!k) key = l10n.t('not checked yet');
    else if (k.state === 'keys') {
      key = hasKey(k, ref.jsonKey.text, !!ref.keyIsPath)
        ? l10n.t('there (names read {0}; only names are kept)', time(k.at))
        : l10n.t('not there; its keys: {0}', listed(k.keys).split(', ').map(code).join(', '));
    } else if (k.state === 'notJson' || k.state === 'binary') key = l10n.t('that version is {0}: it has no keys', k.state === 'binary' ? l10n.t('binary') : l10n.t('not a JSON object'));
    else key = l10n.t('not checked: {0}', escapeMarkdown('message' in k ? k.message : ''));
    rows.push([l10n.t('Key'), key]);
  }
  const from = SOURCE[lookup.source] ?? lookup.source;
  rows.push([l10n.t('Connection'), l10n.t('{0} (answered from {1}, {2})', answeredBy, from, time(lookup.at))]);
  lines.push('', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`));
  return lines.join('\n');
}
