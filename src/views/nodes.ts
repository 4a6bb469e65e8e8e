// Tree nodes. Each knows how to render itself as a TreeItem; none ever holds a secret value:
// everything shown comes from ListSecrets / DescribeSecret / ListSecretVersionIds metadata.
//
// contextValue scheme (drives the `when` clauses of package.json menus; match with `==` for one
// kind, with a regex such as /^version/ or /^error/ for a family):
//   connection                                    a connection (only with several connections)
//   secret | secret.deleted | secret.managed | secret.replica
//                                                 a secret; scheduled for deletion; owned by
//                                                 another AWS service (e.g. RDS); a replica of a
//                                                 secret in another region (read-only here)
//   version | version.current | version.deprecated
//                                                 a labelled version; the AWSCURRENT one; one with
//                                                 no label (under "Deprecated versions")
//   deprecatedGroup                               the collapsed "Deprecated versions" node
//   loadMore                                      "Load more..." (next ListSecrets page)
//   empty                                         no secret in the account / none matches the filter
//   noVersion                                     a secret created without a value (opens to give it one)
//   error | error.signIn | error.credentials | error.denied | error.unreachable
//                                                 a listing failed: generic (Retry); SSO session
//                                                 expired (Sign In); credentials missing or
//                                                 rejected; access denied (names the IAM action);
//                                                 endpoint unreachable (Retry)
import * as vscode from 'vscode';
import type { ConnectionSpec, SecretSummary, SecretVersion } from '../aws/types';
import { connectionLabel } from '../model/connections';
import type { SecretRef } from '../model/refs';
import { ownersOf } from '../model/owners';
import { replicasText, replicationOf, rotationFacts, rotationSummary, rotationTrouble } from '../model/rotation';
import { compareLabels, CURRENT, PENDING, PREVIOUS, shortId } from '../model/stages';

const fmt = (d?: Date) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—');
const day = (d?: Date) => (d ? d.toISOString().slice(0, 10) : '—');

/** Host (and port) of an overridden endpoint, for short descriptions. */
export function endpointHost(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

export class ConnectionNode {
  readonly kind = 'connection';
  constructor(readonly connection: ConnectionSpec) {}
  get connectionId(): string {
    return this.connection.id;
  }
  toTreeItem(): vscode.TreeItem {
    const c = this.connection;
    const item = new vscode.TreeItem(c.profile ?? 'environment credentials', vscode.TreeItemCollapsibleState.Expanded);
    item.id = `connection:${c.id}`;
    item.description = c.endpoint ? `${c.region} · ${endpointHost(c.endpoint)}` : c.region;
    item.tooltip = `${connectionLabel(c)}${c.endpoint ? '\n(custom endpoint)' : ''}`;
    item.iconPath = new vscode.ThemeIcon(c.endpoint ? 'server-environment' : 'cloud');
    item.contextValue = 'connection';
    return item;
  }
}

export class SecretNode {
  readonly kind = 'secret';
  constructor(
    readonly connectionId: string,
    public summary: SecretSummary,
    /** The connection node above it (several connections), for getParent/reveal. */
    readonly parent?: ConnectionNode,
    /** The connection's region: a secret whose primary is elsewhere is a replica here. */
    readonly region?: string,
  ) {}

  get ref(): SecretRef {
    return { connectionId: this.connectionId, name: this.summary.name, arn: this.summary.arn };
  }

  get key(): string {
    return `${this.connectionId}/${this.summary.name}`;
  }

  toTreeItem(): vscode.TreeItem {
    const s = this.summary;
    const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `secret:${this.key}`;
    if (s.deletedDate) {
      item.description = `deleted on ${day(s.deletedDate)}`;
      item.iconPath = new vscode.ThemeIcon('trash');
      item.contextValue = 'secret.deleted';
    } else if (this.region && replicationOf(s, this.region).role === 'replica') {
      item.description = s.description ? `${s.description} · replica of ${s.primaryRegion}` : `replica of ${s.primaryRegion}`;
      item.iconPath = new vscode.ThemeIcon('globe');
      item.contextValue = 'secret.replica';
    } else if (s.owningService) {
      item.description = s.description ? `${s.description} · managed by ${s.owningService}` : `managed by ${s.owningService}`;
      item.iconPath = new vscode.ThemeIcon('lock');
      item.contextValue = 'secret.managed';
    } else {
      item.description = s.description;
      // Binary or text is only known once the value is read (ListSecrets does not say), so a
      // secret's icon never claims it: `key`, or `sync` when rotation is on.
      item.iconPath = new vscode.ThemeIcon(s.rotationEnabled ? 'sync' : 'key');
      item.contextValue = 'secret';
    }
    // The tooltip is built on hover (SecretsTreeProvider.resolveTreeItem): thousands of listed
    // secrets would otherwise each keep theirs.
    // A secret scheduled for deletion cannot be read (GetSecretValue fails): no click action;
    // its context menu offers Restore.
    // The click command opens only on a double-click or Enter (commands/treeOpen.ts).
    if (!s.deletedDate) {
      item.command = { command: 'secretsManager.treeItemOpen', title: 'Open Secret', arguments: [this] };
    }
    item.accessibilityInformation = { label: `Secret ${s.name}${item.description ? `, ${item.description}` : ''}` };
    return item;
  }
}

const mdEscape = (t: string) => t.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');

export function secretTooltip(s: SecretSummary, region?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(`$(key) **${mdEscape(s.name)}**\n\n`);
  if (s.description) md.appendMarkdown(`${mdEscape(s.description)}\n\n`);
  const labels = Object.entries(s.versionsToStages)
    .flatMap(([id, stages]) => stages.map((st) => [st, id] as const))
    .sort(([a], [b]) => compareLabels(a, b))
    .map(([st, id]) => `${st} (${shortId(id)})`);
  const rotation = rotationFacts(s);
  const rows: [string, string][] = [
    ['ARN', s.arn],
    ['KMS key', s.kmsKeyId ?? 'aws/secretsmanager (default)'],
    ['Created', fmt(s.createdDate)],
    ['Last changed', fmt(s.lastChangedDate)],
    ['Last accessed', day(s.lastAccessedDate)],
    ['Rotation', s.rotationEnabled ? rotationSummary(rotation).replace(/^on/, 'enabled') : s.rotationLambdaArn ? 'off' : 'not configured'],
  ];
  if (s.lastRotatedDate) rows.push(['Last rotated', fmt(s.lastRotatedDate)]);
  // Without the versions' dates, AWSPENDING elsewhere than AWSCURRENT is "in progress or failed".
  const trouble = rotationTrouble(rotation);
  if (trouble) rows.push(['Rotation pending', trouble]);
  if (labels.length) rows.push(['Staging labels', labels.join(', ')]);
  if (s.owningService) rows.push(['Managed by', s.owningService]);
  const owners = ownersOf(s, { includeService: false });
  if (owners.length) rows.push(['Also managed by', owners.map((o) => `${o.name} (${o.evidence})`).join(', ')]);
  const replication = region ? replicationOf(s, region) : undefined;
  if (replication?.role === 'replica') rows.push(['Replica of', `the secret in ${replication.primaryRegion} (read-only here: Open Primary)`]);
  else if (s.primaryRegion) rows.push(['Primary region', s.primaryRegion]);
  if (replication?.role === 'primary') rows.push(['Replicas', replicasText(replication, true)]);
  if (s.deletedDate) rows.push(['Deletion date', fmt(s.deletedDate)]);
  rows.push(['Tags', s.tags.length ? s.tags.map((t) => `${t.key}=${t.value}`).join(', ') : 'none']);
  md.appendMarkdown('| | |\n|---|---|\n');
  for (const [k, v] of rows) md.appendMarkdown(`| ${k} | ${mdEscape(v)} |\n`);
  return md;
}

export class VersionNode {
  readonly kind = 'version';
  constructor(
    readonly parent: SecretNode,
    readonly version: SecretVersion,
    /** The "Deprecated versions" node it sits under, if any. */
    readonly group?: DeprecatedGroupNode,
  ) {}

  get ref(): SecretRef {
    return { ...this.parent.ref, versionId: this.version.versionId, stage: this.version.stages[0] };
  }

  get isCurrent(): boolean {
    return this.version.stages.includes(CURRENT);
  }

  toTreeItem(): vscode.TreeItem {
    const v = this.version;
    const labelled = v.stages.length > 0;
    const item = new vscode.TreeItem(labelled ? v.stages.join(', ') : shortId(v.versionId), vscode.TreeItemCollapsibleState.None);
    item.id = `version:${this.parent.key}/${v.versionId}`;
    const created = v.createdDate ? `created ${fmt(v.createdDate)}` : '';
    item.description = labelled ? [shortId(v.versionId), created].filter(Boolean).join(' · ') : created;
    item.tooltip = `Version ${v.versionId}\nLabels: ${v.stages.join(', ') || 'none (deprecated)'}\nCreated: ${fmt(v.createdDate)}\nLast accessed: ${day(v.lastAccessedDate)}`;
    item.iconPath = new vscode.ThemeIcon(
      this.isCurrent ? 'star-full' : v.stages.includes(PENDING) ? 'clock' : v.stages.includes(PREVIOUS) ? 'history' : labelled ? 'tag' : 'archive',
    );
    item.contextValue = this.isCurrent ? 'version.current' : labelled ? 'version' : 'version.deprecated';
    // The AWSCURRENT version opens the live, editable document (openSecret routes a ref whose
    // stage is AWSCURRENT there); every other version opens read-only.
    // Run on double-click or Enter only (commands/treeOpen.ts routes it to openSecret or openVersion).
    item.command = { command: 'secretsManager.treeItemOpen', title: this.isCurrent ? 'Open Secret' : 'Open Version', arguments: [this] };
    item.accessibilityInformation = { label: `Version ${shortId(v.versionId)}, ${labelled ? `labels ${v.stages.join(', ')}` : 'no label'}${created ? `, ${created}` : ''}` };
    return item;
  }
}

export class DeprecatedGroupNode {
  readonly kind = 'deprecatedGroup';
  constructor(
    readonly parent: SecretNode,
    readonly versions: readonly SecretVersion[],
  ) {}
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Deprecated versions', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `deprecated:${this.parent.key}`;
    item.description = `${this.versions.length} without a label`;
    item.tooltip = 'Versions with no staging label. Secrets Manager removes them once a secret has more than 100 versions and they are older than 24 hours.';
    item.iconPath = new vscode.ThemeIcon('archive');
    item.contextValue = 'deprecatedGroup';
    return item;
  }
}

export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(
    readonly connectionId: string,
    readonly loaded: number,
    readonly pageSize: number,
    readonly parent?: ConnectionNode,
  ) {}
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more...', vscode.TreeItemCollapsibleState.None);
    item.id = `loadMore:${this.connectionId}:${this.loaded}`;
    item.description = `${this.loaded} loaded`;
    item.tooltip = `Load the next ${this.pageSize} secrets (one ListSecrets call). Sorting applies to the secrets loaded so far.`;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: 'secretsManager.loadMore', title: 'Load More Secrets', arguments: [this] };
    return item;
  }
}

/** What "Retry" on an error node does again. */
export type RetryTarget =
  | { readonly what: 'list'; readonly connectionId: string }
  | { readonly what: 'page'; readonly connectionId: string }
  | { readonly what: 'versions'; readonly connectionId: string; readonly secret: SecretNode };

/** Empty states and errors, shown in the tree rather than as pop-ups. */
export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly id: string,
    readonly label: string,
    readonly detail: string,
    readonly icon: string,
    readonly contextValue: string,
    /** What a click does; undefined = `secretsManager.retry` with this node. */
    readonly action?: vscode.Command,
    readonly retry?: RetryTarget,
    readonly parent?: ConnectionNode | SecretNode,
  ) {}
  get isError(): boolean {
    return this.contextValue.startsWith('error');
  }
  get connectionId(): string | undefined {
    return this.retry?.connectionId;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = `message:${this.id}`;
    const command = this.action ?? (this.retry ? { command: 'secretsManager.retry', title: 'Retry', arguments: [this] } : undefined);
    item.description = command?.title;
    item.tooltip = this.detail;
    item.iconPath = new vscode.ThemeIcon(this.icon, this.isError ? new vscode.ThemeColor('errorForeground') : undefined);
    item.contextValue = this.contextValue;
    item.command = command;
    return item;
  }
}

export type TreeNode = ConnectionNode | SecretNode | VersionNode | DeprecatedGroupNode | LoadMoreNode | MessageNode;

/** The connection a node belongs to (for the status bar's "selected connection"). */
export function connectionOf(node: TreeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node instanceof VersionNode || node instanceof DeprecatedGroupNode) return node.parent.connectionId;
  return node.connectionId;
}
