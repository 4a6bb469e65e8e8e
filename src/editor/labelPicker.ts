// The labels of a new version: a multi-select of AWSCURRENT (checked by default), AWSPENDING, the
// secret's custom labels and a new one, each saying where it is now.
import { NotPublished } from '../model/publishEngine';
import { holderOf } from '../model/stages';
import { CURRENT, PENDING, PREVIOUS, shortId, sortLabels } from '../model/stages';
import { MAX_LABELS_PER_VERSION, validateLabel, validateLabels } from '../model/validate';
import type { PickItem, Prompts } from '../ui/prompts';
import * as vscode from 'vscode';

const NEW = '\u0000new';

/** Undefined when dismissed; throws NotPublished for a choice Secrets Manager would refuse. */
export async function pickLabels(prompts: Prompts, versionsToStages: Readonly<Record<string, readonly string[]>>, current?: readonly string[]): Promise<string[] | undefined> {
  const known = new Set<string>([CURRENT, PENDING]);
  for (const stages of Object.values(versionsToStages)) for (const s of stages) if (s !== PREVIOUS) known.add(s);
  for (const l of current ?? []) known.add(l);
  const checked = new Set(current ?? [CURRENT]);
  const items: PickItem<string>[] = sortLabels([...known]).map((l) => {
    const holder = holderOf(versionsToStages, l);
    const role = l === CURRENT ? vscode.l10n.t('applications read this version by default') : l === PENDING ? vscode.l10n.t('used by rotation') : vscode.l10n.t('custom label');
    return { label: l, description: holder ? vscode.l10n.t('{0} · now on {1}', role, shortId(holder)) : role, picked: checked.has(l), value: l };
  });
  items.push({ label: vscode.l10n.t('New label...'), description: vscode.l10n.t('type a label name'), picked: false, value: NEW });
  const picked = await prompts.pickMany(items, {
    title: vscode.l10n.t('Labels for the new version'),
    placeholder: vscode.l10n.t('AWSCURRENT moves to the new version only if it is checked'),
  });
  if (!picked) return undefined;
  const labels = picked.filter((l) => l !== NEW);
  if (picked.includes(NEW)) {
    const typed = await prompts.input({
      title: vscode.l10n.t('New staging label'),
      prompt: vscode.l10n.t('1 to 256 characters; a version has at most {0} labels.', MAX_LABELS_PER_VERSION),
      placeholder: vscode.l10n.t('e.g. STAGING'),
      validate: (v) => validateLabel(v) ?? (labels.includes(v) ? undefined : validateLabels([...labels, v])),
    });
    if (typed === undefined) return undefined;
    if (!labels.includes(typed)) labels.push(typed);
  }
  const problem = validateLabels(labels);
  if (problem) throw new NotPublished(vscode.l10n.t('Not published: {0}', problem), 'refused');
  return labels;
}
