// Tree nodes. Each knows how to render itself as a TreeItem; none ever holds a secret value:
// everything shown comes from ListSecrets / DescribeSecret / ListSecretVersionIds metadata.
//
// contextValue scheme (drives the `when` clauses of package.json menus; match with `==` for one
// kind, with a regex such as /^version/ or /^error/ for a family):
//   connection                                    a connection (only with several connections)
//   account | account.production                  an AWS account grouping its IAM Identity Center
//                                                 connections (many of them); one marked production
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
import type { AccountNode } from './accountNode';
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
  constructor(
    readonly connection: ConnectionSpec,
    /** The account node above it, when account connections are grouped. */
    public parent?: AccountNode,
    /** An IAM Identity Center account marked production (secretsManager.accounts.production). */
    public production = false,
  ) {}
  get connectionId(): string {
    return this.connection.id;
  }
  toTreeItem(): vscode.TreeItem {
    const c = this.connection;
    // An account connection is named by its account and role, and lists nothing until expanded.
    const label = c.sso ? (this.parent ? c.sso.roleName : `${c.sso.accountName} / ${c.sso.roleName}`) : c.profile ?? vscode.l10n.t('environment credentials');
    const item = new vscode.TreeItem(label, c.sso ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    item.id = `connection:${c.id}`;
    const region = c.sso && !this.parent ? `${c.sso.accountId} · ${c.region}` : c.region;
    const where = c.endpoint ? `${region} · ${endpointHost(c.endpoint)}` : region;
    // Under its account node, the account node says it.
    const production = this.production && !this.parent;
    item.description = production ? vscode.l10n.t('{0} · production', where) : where;
    item.tooltip = `${connectionLabel(c)}${c.endpoint ? vscode.l10n.t('\n(custom endpoint)') : ''}${this.production ? vscode.l10n.t('\nMarked production: a publish asks for the account name.') : ''}`;
    item.iconPath = new vscode.ThemeIcon(c.endpoint ? 'server-environment' : 'cloud');
    item.contextValue = c.sso ? 'connection.account' : 'connection';
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
      item.description = vscode.l10n.t('deleted on {0}', day(s.deletedDate));
      item.iconPath = new vscode.ThemeIcon('trash');
      item.contextValue = 'secret.deleted';
    } else if (this.region && replicationOf(s, this.region).role === 'replica') {
      item.description = s.description ? vscode.l10n.t('{0} · replica of {1}', s.description, s.primaryRegion ?? '') : vscode.l10n.t('replica of {0}', s.primaryRegion ?? '');
      item.iconPath = new vscode.ThemeIcon('globe');
      item.contextValue = 'secret.replica';
    } else if (s.owningService) {
      item.description = s.description ? vscode.l10n.t('{0} · managed by {1}', s.description, s.owningService) : vscode.l10n.t('managed by {0}', s.owningService);
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
      item.command = { command: 'secretsManager.treeItemOpen', title: vscode.l10n.t('Open Secret'), arguments: [this] };
    }
    item.accessibilityInformation = { label: vscode.l10n.t('Secret {0}{1}', s.name, item.description ? `, ${item.description}` : '') };
    return item;
  }
}

const mdEscape = (t: string) => t.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');

export function secretTooltip(s: SecretSummary, region?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(vscode.l10n.t('$(key) **{0}**\n\n', mdEscape(s.name)));
  if (s.description) md.appendMarkdown(`${mdEscape(s.description)}\n\n`);
  const labels = Object.entries(s.versionsToStages)
    .flatMap(([id, stages]) => stages.map((st) => [st, id] as const))
    .sort(([a], [b]) => compareLabels(a, b))
    .map(([st, id]) => `${st} (${shortId(id)})`);
  const rotation = rotationFacts(s);
  const rows: [string, string][] = [
    ['ARN', s.arn],
    [vscode.l10n.t('KMS key'), s.kmsKeyId ?? vscode.l10n.t('aws/secretsmanager (default)')],
    [vscode.l10n.t('Created'), fmt(s.createdDate)],
    [vscode.l10n.t('Last changed'), fmt(s.lastChangedDate)],
    [vscode.l10n.t('Last accessed'), day(s.lastAccessedDate)],
    [vscode.l10n.t('Rotation'), s.rotationEnabled ? rotationSummary(rotation).replace(/^on/, 'enabled') : s.rotationLambdaArn ? vscode.l10n.t('off') : vscode.l10n.t('not configured')],
  ];
  if (s.lastRotatedDate) rows.push([vscode.l10n.t('Last rotated'), fmt(s.lastRotatedDate)]);
  // Without the versions' dates, AWSPENDING elsewhere than AWSCURRENT is "in progress or failed".
  const trouble = rotationTrouble(rotation);
  if (trouble) rows.push([vscode.l10n.t('Rotation pending'), trouble]);
  if (labels.length) rows.push([vscode.l10n.t('Staging labels'), labels.join(', ')]);
  if (s.owningService) rows.push([vscode.l10n.t('Managed by'), s.owningService]);
  const owners = ownersOf(s, { includeService: false });
  if (owners.length) rows.push([vscode.l10n.t('Also managed by'), owners.map((o) => `${o.name} (${o.evidence})`).join(', ')]);
  const replication = region ? replicationOf(s, region) : undefined;
  if (replication?.role === 'replica') rows.push([vscode.l10n.t('Replica of'), vscode.l10n.t('the secret in {0} (read-only here: Open Primary)', replication.primaryRegion ?? '')]);
  else if (s.primaryRegion) rows.push([vscode.l10n.t('Primary region'), s.primaryRegion]);
  if (replication?.role === 'primary') rows.push([vscode.l10n.t('Replicas'), replicasText(replication, true)]);
  if (s.deletedDate) rows.push([vscode.l10n.t('Deletion date'), fmt(s.deletedDate)]);
  rows.push([vscode.l10n.t('Tags'), s.tags.length ? s.tags.map((t) => `${t.key}=${t.value}`).join(', ') : vscode.l10n.t('none')]);
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
    const created = v.createdDate ? vscode.l10n.t('created {0}', fmt(v.createdDate)) : '';
    item.description = labelled ? [shortId(v.versionId), created].filter(Boolean).join(' · ') : created;
    item.tooltip = vscode.l10n.t('Version {0}\nLabels: {1}\nCreated: {2}\nLast accessed: {3}', v.versionId, v.stages.join(', ') || vscode.l10n.t('none (deprecated)'), fmt(v.createdDate), day(v.lastAccessedDate));
    item.iconPath = new vscode.ThemeIcon(
      this.isCurrent ? 'star-full' : v.stages.includes(PENDING) ? 'clock' : v.stages.includes(PREVIOUS) ? 'history' : labelled ? 'tag' : 'archive',
    );
    item.contextValue = this.isCurrent ? 'version.current' : labelled ? 'version' : 'version.deprecated';
    // The AWSCURRENT version opens the live, editable document (openSecret routes a ref whose
    // stage is AWSCURRENT there); every other version opens read-only.
    // Run on double-click or Enter only (commands/treeOpen.ts routes it to openSecret or openVersion).
    item.command = { command: 'secretsManager.treeItemOpen', title: this.isCurrent ? vscode.l10n.t('Open Secret') : vscode.l10n.t('Open Version'), arguments: [this] };
    item.accessibilityInformation = { label: vscode.l10n.t('Version {0}, {1}{2}', shortId(v.versionId), labelled ? vscode.l10n.t('labels {0}', v.stages.join(', ')) : vscode.l10n.t('no label'), created ? `, ${created}` : '') };
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
    const item = new vscode.TreeItem(vscode.l10n.t('Deprecated versions'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `deprecated:${this.parent.key}`;
    item.description = vscode.l10n.t('{0} without a label', this.versions.length);
    item.tooltip = vscode.l10n.t('Versions with no staging label. Secrets Manager removes them once a secret has more than 100 versions and they are older than 24 hours.');
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
    const item = new vscode.TreeItem(vscode.l10n.t('Load more...'), vscode.TreeItemCollapsibleState.None);
    item.id = `loadMore:${this.connectionId}:${this.loaded}`;
    item.description = vscode.l10n.t('{0} loaded', this.loaded);
    item.tooltip = vscode.l10n.t('Load the next {0} secrets (one ListSecrets call). Sorting applies to the secrets loaded so far.', this.pageSize);
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: 'secretsManager.loadMore', title: vscode.l10n.t('Load More Secrets'), arguments: [this] };
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
    const command = this.action ?? (this.retry ? { command: 'secretsManager.retry', title: vscode.l10n.t('Retry'), arguments: [this] } : undefined);
    item.description = command?.title;
    item.tooltip = this.detail;
    item.iconPath = new vscode.ThemeIcon(this.icon, this.isError ? new vscode.ThemeColor('errorForeground') : undefined);
    item.contextValue = this.contextValue;
    item.command = command;
    return item;
  }
}

export type TreeNode = AccountNode | ConnectionNode | SecretNode | VersionNode | DeprecatedGroupNode | LoadMoreNode | MessageNode;

/** The connection a node belongs to (for the status bar's "selected connection"). */
export function connectionOf(node: TreeNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node instanceof VersionNode || node instanceof DeprecatedGroupNode) return node.parent.connectionId;
  return node.connectionId;
}
