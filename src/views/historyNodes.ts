// The History view (secretsManager.history, under the Secrets view): one secret's timeline. At the
// top, what is true of the secret now: where attribution comes from (or why there is none),
// rotation (on or off, schedule, function, last and next, a rotation in progress or failed),
// replication (a primary's replicas, a replica's primary, with Open Primary), and the tools that
// manage it. Below, every version and label move, rotation step and change, newest first; each
// entry expands to who (principal, session, access key), when, from where, and the event id. A
// version's changed key names appear only when asked for (they cost two GetSecretValue calls).
// Never a value: everything shown comes from metadata and the whitelisted CloudTrail fields.
// This file is the view's nodes and provider, loaded with the first history shown (./history.ts
// registers the view at activation and imports this then).
import * as vscode from 'vscode';
import { entryDescription, entryDetails, entryTitle, type HistoryEntry } from '../model/history';
import type { SecretHistory } from '../model/historyLoader';
import type { KeyChanges } from '../model/keyChanges';
import type { SecretRef } from '../model/refs';
import { replicasText, rotationSummary, rotationTrouble } from '../model/rotation';
import { CURRENT, PENDING, PREVIOUS, shortId } from '../model/stages';

import type { HistoryTarget } from './history';

/** What a version entry's changed keys are: being read, read, or failed. */
export type ChangesState = { readonly state: 'reading' } | { readonly state: 'done'; readonly changes: KeyChanges; readonly against: string } | { readonly state: 'failed'; readonly message: string };

const mdEscape = (t: string) => t.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');

function tooltip(title: string, lines: readonly string[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`**${mdEscape(title)}**\n\n`);
  for (const l of lines) md.appendMarkdown(`${mdEscape(l)}  \n`);
  return md;
}

/** A fact about the secret now (attribution, rotation, replication, an owner). */
export class FactNode {
  readonly kind = 'fact';
  constructor(
    readonly id: string,
    readonly label: string,
    readonly detail: string,
    readonly icon: string,
    readonly contextValue: string,
    readonly ref?: SecretRef,
    readonly description?: string,
    readonly warning = false,
  ) {}
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = `history:fact:${this.id}`;
    item.description = this.description;
    item.tooltip = tooltip(this.label, [this.detail]);
    item.iconPath = new vscode.ThemeIcon(this.icon, this.warning ? new vscode.ThemeColor('list.warningForeground') : undefined);
    item.contextValue = this.contextValue;
    item.accessibilityInformation = { label: `${this.label}${this.description ? `, ${this.description}` : ''}` };
    return item;
  }
}

/** The "Timeline" group. */
export class TimelineNode {
  readonly kind = 'timeline';
  constructor(readonly entries: readonly EntryNode[], readonly key: string) {}
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Timeline'), vscode.TreeItemCollapsibleState.Expanded);
    item.id = `history:timeline:${this.key}`;
    item.description = (this.entries.length === 1 ? vscode.l10n.t('1 entry, newest first') : vscode.l10n.t('{0} entries, newest first', this.entries.length));
    item.iconPath = new vscode.ThemeIcon('history');
    item.contextValue = 'history.timeline';
    item.tooltip = vscode.l10n.t('Versions (deprecated ones included) and label moves, rotation steps and changes from CloudTrail. Select two versions to compare them.');
    return item;
  }
}

const ICONS: Record<HistoryEntry['kind'], string> = { version: 'git-commit', move: 'arrow-swap', rotation: 'sync', change: 'edit', refused: 'circle-slash' };

/** One entry of the timeline. */
export class EntryNode {
  readonly kind = 'entry';
  constructor(
    readonly entry: HistoryEntry,
    readonly target: HistoryTarget,
    readonly index: number,
    readonly arn: string,
    private readonly changes: () => ChangesState | undefined,
  ) {}

  /** The version an entry is about: the version itself, or the one a label moved to. */
  get versionId(): string | undefined {
    return this.entry.kind === 'version' ? this.entry.versionId : this.entry.kind === 'move' ? this.entry.to : undefined;
  }

  /** For Compare Versions, Open Version: the version, with the label it holds now. */
  get ref(): SecretRef | undefined {
    if (this.entry.kind !== 'version') return undefined;
    return { connectionId: this.target.connectionId, name: this.target.name, arn: this.arn, versionId: this.entry.versionId, stage: this.entry.labels[0] };
  }

  get eventId(): string | undefined {
    return this.entry.kind === 'version' ? this.entry.by?.eventId : this.entry.by.eventId;
  }

  toTreeItem(): vscode.TreeItem {
    const e = this.entry;
    const item = new vscode.TreeItem(entryTitle(e), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `history:entry:${this.target.connectionId}/${this.target.name}/${this.index}:${this.eventId ?? this.versionId ?? ''}`;
    item.description = entryDescription(e);
    item.tooltip = tooltip(entryTitle(e), entryDetails(e));
    let icon = ICONS[e.kind];
    let color: vscode.ThemeColor | undefined;
    if (e.kind === 'version') icon = e.labels.includes(CURRENT) ? 'star-full' : e.labels.includes(PENDING) ? 'clock' : e.labels.includes(PREVIOUS) ? 'history' : e.labels.length ? 'tag' : 'archive';
    if (e.kind === 'move' && e.rollback) icon = 'discard';
    if (e.kind === 'rotation' && e.step === 'RotationFailed') color = new vscode.ThemeColor('errorForeground');
    if (e.kind === 'rotation' && e.step === 'RotationFailed') icon = 'error';
    if (e.kind === 'refused') color = new vscode.ThemeColor('list.warningForeground');
    item.iconPath = new vscode.ThemeIcon(icon, color);
    const kind = e.kind === 'version' ? (e.previousVersionId ? 'version' : 'firstVersion') : e.kind;
    item.contextValue = `history.${kind}${this.eventId ? '.event' : ''}`;
    item.accessibilityInformation = { label: `${entryTitle(e)}, ${entryDescription(e)}` };
    return item;
  }

  children(): DetailNode[] {
    const lines = entryDetails(this.entry).map((l, i) => new DetailNode(`${this.index}:${i}`, l, this));
    if (this.entry.kind === 'version' && this.entry.previousVersionId) {
      const c = this.changes();
      const against = shortId(this.entry.previousVersionId);
      if (!c) lines.push(new DetailNode(`${this.index}:keys`, vscode.l10n.t('Changed key names since {0}: show (reads both versions)', against), this, 'keys'));
      else if (c.state === 'reading') lines.push(new DetailNode(`${this.index}:keys`, vscode.l10n.t('Changed key names since {0}: reading...', against), this));
      else if (c.state === 'failed') lines.push(new DetailNode(`${this.index}:keys`, vscode.l10n.t('Changed key names since {0}: {1}', against, c.message), this, 'keys'));
      else c.changes.lines.forEach((l, i) => lines.push(new DetailNode(`${this.index}:keys:${i}`, vscode.l10n.t('Since {0}: {1}', shortId(c.against), l), this)));
    }
    return lines;
  }
}

/** A line of an entry's details. `action` keys: a click reads the changed key names. */
export class DetailNode {
  readonly kind = 'detail';
  constructor(
    readonly id: string,
    readonly label: string,
    readonly parent: EntryNode,
    readonly action?: 'keys',
  ) {}
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = `history:detail:${this.parent.target.connectionId}/${this.parent.target.name}/${this.id}`;
    item.tooltip = this.label;
    item.contextValue = this.action ? 'history.detail.keys' : 'history.detail';
    if (this.action === 'keys') {
      item.iconPath = new vscode.ThemeIcon('list-unordered');
      item.command = { command: 'secretsManager.showChangedKeys', title: vscode.l10n.t('Show Changed Key Names'), arguments: [this.parent] };
    }
    return item;
  }
}

export type HistoryNode = FactNode | TimelineNode | EntryNode | DetailNode;

export class HistoryProvider implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private shown: { target: HistoryTarget; history: SecretHistory } | undefined;
  private roots: HistoryNode[] = [];
  private readonly changes = new Map<string, ChangesState>();

  get current(): { target: HistoryTarget; history: SecretHistory } | undefined {
    return this.shown;
  }

  set(target: HistoryTarget, history: SecretHistory): void {
    const same = this.shown && this.shown.target.connectionId === target.connectionId && this.shown.target.name === target.name;
    if (!same) this.changes.clear();
    this.shown = { target, history };
    this.roots = this.build();
    this.changed.fire(undefined);
  }

  clear(): void {
    this.shown = undefined;
    this.roots = [];
    this.changes.clear();
    this.changed.fire(undefined);
  }

  /** Changed key names of a version entry (names only), shown under it. */
  setChanges(versionId: string, state: ChangesState): void {
    this.changes.set(versionId, state);
    const node = this.entryOf(versionId);
    this.changed.fire(node);
  }

  entryOf(versionId: string): EntryNode | undefined {
    const timeline = this.roots.find((n): n is TimelineNode => n instanceof TimelineNode);
    return timeline?.entries.find((e) => e.entry.kind === 'version' && e.entry.versionId === versionId);
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getChildren(node?: HistoryNode): HistoryNode[] {
    if (!node) return this.roots;
    if (node instanceof TimelineNode) return [...node.entries];
    if (node instanceof EntryNode) return node.children();
    return [];
  }

  getParent(node: HistoryNode): HistoryNode | undefined {
    if (node instanceof EntryNode) return this.roots.find((n) => n instanceof TimelineNode);
    if (node instanceof DetailNode) return node.parent;
    return undefined;
  }

  private build(): HistoryNode[] {
    if (!this.shown) return [];
    const { target, history: h } = this.shown;
    const ref: SecretRef = { connectionId: target.connectionId, name: target.name, arn: h.summary.arn };
    const key = `${target.connectionId}/${target.name}`;
    const facts: HistoryNode[] = [];
    const a = h.timeline.attribution;
    facts.push(new FactNode(`${key}:attribution`, a.state === 'failed' ? vscode.l10n.t('No attribution') : a.state === 'partial' ? vscode.l10n.t('Attribution: some events not read') : vscode.l10n.t('Attribution: CloudTrail'), a.text,
      a.state === 'complete' ? 'eye' : 'warning', `history.attribution.${a.state}`, ref,
      a.state === 'failed' ? (a.failure?.kind === 'accessDenied' ? vscode.l10n.t('access denied ({0})', a.failure.action ?? 'cloudtrail:LookupEvents') : vscode.l10n.t('CloudTrail could not be read')) : vscode.l10n.t('{0}, {1}', h.timeline.counts.writes === 1 ? vscode.l10n.t('1 change') : vscode.l10n.t('{0} changes', h.timeline.counts.writes), h.timeline.counts.reads === 1 ? vscode.l10n.t('1 read') : vscode.l10n.t('{0} reads', h.timeline.counts.reads)), a.state !== 'complete'));
    const r = h.rotation;
    facts.push(new FactNode(`${key}:rotation`, vscode.l10n.t('Rotation: {0}', r.enabled ? vscode.l10n.t('on') : vscode.l10n.t('off')), vscode.l10n.t('Rotation {0}{1}', rotationSummary(r), r.functionArn ? vscode.l10n.t('\nFunction: {0}', r.functionArn) : ''), 'sync', 'history.rotation', ref, rotationSummary(r).replace(/^(on|off)(, |; )?/, '') || undefined));
    const trouble = rotationTrouble(r);
    if (trouble) facts.push(new FactNode(`${key}:rotationTrouble`, r.failed ? vscode.l10n.t('Rotation failed') : vscode.l10n.t('Rotation pending'), trouble, r.failed ? 'error' : 'clock', 'history.rotationTrouble', ref, r.pending ? vscode.l10n.t('AWSPENDING on {0}', shortId(r.pending.versionId)) : undefined, true));
    const rep = h.replication;
    if (rep.role === 'primary') facts.push(new FactNode(`${key}:replication`, vscode.l10n.t('Replicated'), vscode.l10n.t('Replicas: {0}. A new version is copied to each replica\'s region.', replicasText(rep, true)), 'globe', 'history.primary', ref, replicasText(rep), rep.replicas.some((x) => x.status === 'Failed')));
    if (rep.role === 'replica') facts.push(new FactNode(`${key}:replication`, vscode.l10n.t('Replica of {0}', rep.primaryRegion ?? ''), vscode.l10n.t('A replica of the secret in {0}: Secrets Manager accepts changes only in the primary\'s region, so it is read-only here. Open Primary opens it there.', rep.primaryRegion ?? ''), 'globe', 'history.replica', ref, vscode.l10n.t('read-only here: Open Primary')));
    for (const [i, o] of h.owners.entries()) facts.push(new FactNode(`${key}:owner:${i}`, vscode.l10n.t('Managed by {0}', o.name), o.consequence, 'organization', 'history.owner', ref, o.evidence, true));
    const entries = h.timeline.entries.map((e, i) => new EntryNode(e, target, i, h.summary.arn, () => (e.kind === 'version' ? this.changes.get(e.versionId) : undefined)));
    return [...facts, new TimelineNode(entries, key)];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
