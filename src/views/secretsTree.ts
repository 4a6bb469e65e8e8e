// The TreeDataProvider of the Secrets Manager view. Listing costs one ListSecrets call per page
// (SecretVersionsToStages gives the labels); ListSecretVersionIds runs only when a secret is
// expanded. Errors and empty states are nodes, never pop-ups. After an action, only the affected
// secret refreshes (DescribeSecret), not the tree. A refresh aborts the listing in flight.
import * as vscode from 'vscode';
import type { ConnectionSpec, ListFilter, SecretSummary } from '../aws/types';
import type { ConnectionRegistry } from '../model/connections';
import { compareSecrets, mergeSorted } from '../model/secretOrder';
import { SecretPager } from '../model/secretPager';
import { groupVersions, versionsFromStages } from '../model/stages';
import { AwsError } from '../aws/errors';
import { adviceFor } from '../model/errorPolicy';
import type { SecretChange } from '../ui/events';
import type { ExtensionLog } from '../ui/log';
import type { Prompts } from '../ui/prompts';
import type { TreeSettings } from '../ui/settings';
import {
  ConnectionNode,
  secretTooltip,
  DeprecatedGroupNode,
  endpointHost,
  LoadMoreNode,
  MessageNode,
  SecretNode,
  VersionNode,
  type RetryTarget,
  type TreeNode,
} from './nodes';
import { isProductionAccount } from '../model/accounts';
import { AccountNode, groupByAccount } from './accountNode';

export type { TreeSettings } from '../ui/settings';

/**
 * One connection's listing: the pager (pages, NextToken, errors, the request in flight; aborted
 * when the listing is dropped by a refresh, a filter or a connection change) and the tree nodes
 * of the secrets it loaded. A first page that failed is shown as one error node and dropped; a
 * later page that failed leaves the loaded secrets, with an error node instead of "Load more".
 */
interface Listing {
  readonly pager: SecretPager;
  readonly nodes: Map<string, SecretNode>;
  /**
   * The nodes in display order, as far as the pager had loaded (`upTo` secrets) when last sorted
   * by `sortBy`. A new page is merged in (pages usually arrive in order already) rather than the
   * whole list sorted again; a changed or removed secret sorts everything again.
   */
  view?: { nodes: SecretNode[]; upTo: number; sortBy: TreeSettings['sortBy'] };
}

export class SecretsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listings = new Map<string, Listing>();
  private readonly connectionNodes = new Map<string, ConnectionNode>();
  private readonly accountNodes = new Map<string, AccountNode>();
  private filter: ListFilter | undefined;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly settings: () => TreeSettings,
    private readonly log: ExtensionLog,
    private readonly setContext: (key: string, value: unknown) => void,
    private readonly prompts: Pick<Prompts, 'progress'>,
  ) {}

  get activeFilter(): ListFilter | undefined {
    return this.filter;
  }

  /** Server-side filter (ListSecrets Filters) for every connection; undefined clears it. */
  setFilter(filter: ListFilter | undefined): void {
    this.filter = filter;
    this.setContext('secretsManager.filtered', !!filter);
    this.refresh();
  }

  /** Forget everything and list again. */
  refresh(): void {
    for (const l of this.listings.values()) l.pager.abort();
    this.listings.clear();
    this.changed.fire(undefined);
  }

  /** List one connection's secrets again. */
  refreshConnection(connectionId: string): void {
    this.drop(connectionId);
    this.fireConnection(connectionId);
  }

  /** Run again what an error node reports as failed. */
  async retry(node?: MessageNode): Promise<void> {
    const target = node?.retry;
    if (!target) return this.refresh();
    if (target.what === 'page') return this.loadMore(target.connectionId);
    if (target.what === 'versions') return this.changed.fire(target.secret);
    this.refreshConnection(target.connectionId);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  /** A secret's tooltip is built when it is hovered, not kept for every listed secret. */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node instanceof SecretNode) item.tooltip = secretTooltip(node.summary, node.region);
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node instanceof VersionNode) return node.group ?? node.parent;
    if (node instanceof ConnectionNode) return node.parent;
    if (node instanceof AccountNode) return undefined;
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      await this.connections.load();
      const list = this.connections.list();
      this.setContext('secretsManager.state', list.length === 0 ? 'noConnection' : 'ready');
      if (list.length === 0) return [];
      // One connection: its secrets at the root (the view's description names the connection).
      if (list.length === 1) {
        this.connectionNodes.clear();
        return this.secretsOf(list[0].id);
      }
      for (const id of [...this.connectionNodes.keys()]) if (!list.some((c) => c.id === id)) this.connectionNodes.delete(id);
      // Many IAM Identity Center connections: one node per account, its roles and regions below.
      const grouped = groupByAccount(list);
      const accounts: AccountNode[] = [];
      for (const [accountId, specs] of grouped?.accounts ?? []) {
        let a = this.accountNodes.get(accountId);
        if (!a) {
          a = new AccountNode(accountId, specs[0].sso!.accountName, specs);
          this.accountNodes.set(accountId, a);
        }
        a.connections = specs;
        a.production = isProductionAccount({ accountId, accountName: a.accountName }, this.settings().productionAccounts);
        accounts.push(a);
      }
      for (const id of [...this.accountNodes.keys()]) if (!grouped?.accounts.has(id)) this.accountNodes.delete(id);
      return [...(grouped ? grouped.others : list).map((c) => this.connectionNode(c, undefined)), ...accounts];
    }
    if (node instanceof AccountNode) return node.connections.map((c) => this.connectionNode(c, node));
    if (node instanceof ConnectionNode) return this.secretsOf(node.connection.id);
    if (node instanceof SecretNode) return this.versionsOf(node);
    if (node instanceof DeprecatedGroupNode) return node.versions.map((v) => new VersionNode(node.parent, v, node));
    return [];
  }

  /** The same node for a connection as long as it is listed, under its account node when grouped. */
  private connectionNode(c: ConnectionSpec, parent: AccountNode | undefined): ConnectionNode {
    let n = this.connectionNodes.get(c.id);
    if (!n || n.parent !== parent) {
      n = new ConnectionNode(c, parent);
      this.connectionNodes.set(c.id, n);
    }
    n.production = !!c.sso && isProductionAccount(c.sso, this.settings().productionAccounts);
    return n;
  }

  /** Next page of a connection's secrets ("Load more"). */
  async loadMore(connectionId: string): Promise<void> {
    const listing = this.listings.get(connectionId);
    if (!listing) return;
    await listing.pager.loading;
    if (this.listings.get(connectionId) !== listing) return;
    if (await listing.pager.loadMore()) this.fireConnection(connectionId);
  }

  /** Re-describe one secret after an action; structural changes reload its connection's list. */
  async refreshSecret(change: SecretChange): Promise<void> {
    const listing = this.listings.get(change.connectionId);
    if (!listing) return; // never listed: nothing on screen to refresh
    if (change.structural) {
      this.refreshConnection(change.connectionId);
      return;
    }
    await listing.pager.loading;
    const loaded = listing.pager.find(change.secretId);
    if (!loaded) return;
    const node = this.nodeOf(change.connectionId, listing, loaded);
    let summary: SecretSummary;
    try {
      // The action that changed the secret may have just read it (a publish checks its labels after).
      summary = change.summary ?? (await this.connections.service(change.connectionId).describeSecret(node.summary.name));
    } catch (err) {
      if (err instanceof AwsError && err.kind === 'notFound') {
        this.removeSecret(change.connectionId, listing, node);
        return;
      }
      this.log.warn(`Refreshing ${node.summary.name}: ${err instanceof Error ? err.message : 'failed'}`);
      this.changed.fire(node);
      return;
    }
    if (summary.deletedDate && !this.settings().includeDeleted) {
      this.removeSecret(change.connectionId, listing, node);
      return;
    }
    listing.pager.upsert(summary);
    node.summary = summary;
    listing.view = undefined; // its sort key may have changed
    this.changed.fire(node);
  }

  /** Every secret node currently loaded, in display order. */
  loadedSecrets(connectionId: string): SecretNode[] {
    const l = this.listings.get(connectionId);
    return l ? this.sorted(connectionId, l) : [];
  }

  private removeSecret(connectionId: string, listing: Listing, node: SecretNode): void {
    listing.nodes.delete(node.summary.name);
    listing.pager.remove(node.summary.name);
    listing.view = undefined;
    this.fireConnection(connectionId);
  }

  private drop(connectionId: string): void {
    this.listings.get(connectionId)?.pager.abort();
    this.listings.delete(connectionId);
  }

  private fireConnection(connectionId: string): void {
    this.changed.fire(this.connections.list().length > 1 ? this.connectionNodes.get(connectionId) : undefined);
  }

  private async secretsOf(connectionId: string): Promise<TreeNode[]> {
    let listing: Listing | undefined;
    // A refresh while a page is in flight replaces the listing: read the new one (bounded).
    for (let attempt = 0; attempt < 3; attempt++) {
      listing = this.listings.get(connectionId);
      if (!listing) {
        listing = { pager: this.pager(connectionId), nodes: new Map() };
        this.listings.set(connectionId, listing);
      }
      await listing.pager.load();
      if (this.listings.get(connectionId) === listing) break;
    }
    listing = listing!;
    const { pager } = listing;
    const parent = this.connectionNodes.get(connectionId);
    if (pager.error !== undefined) {
      const err = pager.error;
      if (this.listings.get(connectionId) === listing) this.listings.delete(connectionId);
      return [this.errorNode({ what: 'list', connectionId }, err, parent)];
    }
    const nodes: TreeNode[] = this.sorted(connectionId, listing);
    if (pager.pageError !== undefined) nodes.push(this.errorNode({ what: 'page', connectionId }, pager.pageError, parent));
    else if (pager.hasMore) nodes.push(new LoadMoreNode(connectionId, pager.count, this.settings().pageSize, parent));
    if (nodes.length === 0) {
      return [
        this.filter
          ? new MessageNode(`empty-filter:${connectionId}`, vscode.l10n.t('No secret matches the filter'), vscode.l10n.t('Secrets Manager found no secret for this filter. Clear the filter to see every secret.'), 'filter', 'empty',
            { command: 'secretsManager.clearFilter', title: vscode.l10n.t('Clear Filter') }, undefined, parent)
          : new MessageNode(`empty:${connectionId}`, vscode.l10n.t('No secrets in this account and region'), vscode.l10n.t('Create a secret to get started.'), 'info', 'empty',
            { command: 'secretsManager.createSecret', title: vscode.l10n.t('Create Secret...'), arguments: [{ connectionId }] }, undefined, parent),
      ];
    }
    return nodes;
  }

  private sorted(connectionId: string, listing: Listing): SecretNode[] {
    const { sortBy } = this.settings();
    const compare = compareSecrets(sortBy);
    const byNode = (a: SecretNode, b: SecretNode) => compare(a.summary, b.summary);
    let view = listing.view;
    if (!view || view.sortBy !== sortBy || view.upTo > listing.pager.count) view = { nodes: [], upTo: 0, sortBy };
    if (view.upTo < listing.pager.count) {
      const added = listing.pager.secretsFrom(view.upTo).map((s) => this.nodeOf(connectionId, listing, s)).sort(byNode);
      view.nodes = mergeSorted(view.nodes, added, byNode);
      view.upTo = listing.pager.count;
    }
    listing.view = view;
    return [...view.nodes];
  }

  /** The tree node of a loaded secret: the same node as long as the listing lives, with its latest summary. */
  private nodeOf(connectionId: string, listing: Listing, summary: SecretSummary): SecretNode {
    let node = listing.nodes.get(summary.name);
    if (!node) {
      node = new SecretNode(connectionId, summary, this.connectionNodes.get(connectionId), this.connections.get(connectionId)?.region);
      listing.nodes.set(summary.name, node);
    }
    node.summary = summary;
    return node;
  }

  private pager(connectionId: string): SecretPager {
    return new SecretPager({
      service: () => this.connections.service(connectionId),
      query: () => ({ ...this.settings(), filter: this.filter }),
      aroundPage: (work) => this.prompts.progress({ title: vscode.l10n.t('Listing the secrets of {0}...', connectionId), viewId: 'secretsManager.secrets' }, work),
      log: this.log,
      name: connectionId,
    });
  }

  private async versionsOf(node: SecretNode): Promise<TreeNode[]> {
    let versions;
    try {
      versions = await this.connections.service(node.connectionId).listVersions(node.summary.name, true);
    } catch (err) {
      if (err instanceof AwsError && err.kind === 'scheduledForDeletion') {
        // Some endpoints refuse ListSecretVersionIds on a secret scheduled for deletion: show the
        // labels ListSecrets already gave (no dates, no deprecated versions).
        versions = versionsFromStages(node.summary.versionsToStages);
      } else {
        return [this.errorNode({ what: 'versions', connectionId: node.connectionId, secret: node }, err, node)];
      }
    }
    if (versions.length === 0) {
      // Created without a value (Terraform's aws_secretsmanager_secret, create-secret --name).
      return [new MessageNode(`noVersion:${node.key}`, vscode.l10n.t('No value yet'), vscode.l10n.t('This secret has no version. Open it, type its first value and save: the first version gets AWSCURRENT.'), 'circle-slash', 'noVersion',
        { command: 'secretsManager.openSecret', title: vscode.l10n.t('Open to Give It a Value'), arguments: [node] }, undefined, node)];
    }
    const { labelled, deprecated } = groupVersions(versions);
    const nodes: TreeNode[] = labelled.map((v) => new VersionNode(node, v));
    if (deprecated.length) nodes.push(new DeprecatedGroupNode(node, deprecated));
    return nodes;
  }

  private errorNode(retry: RetryTarget, err: unknown, parent: ConnectionNode | SecretNode | undefined): MessageNode {
    const scope = retry.what === 'versions' ? `${retry.connectionId}/${retry.secret.summary.name}` : `${retry.connectionId}:${retry.what}`;
    const id = `error:${scope}`;
    const failed = retry.what === 'versions' ? vscode.l10n.t('Could not list the versions') : retry.what === 'page' ? vscode.l10n.t('Could not load more secrets') : vscode.l10n.t('Could not list secrets');
    if (!(err instanceof AwsError)) {
      return new MessageNode(id, failed, adviceFor(err).message, 'error', 'error', undefined, retry, parent);
    }
    // The node's click is the error policy's first step: Sign In where it applies, else Retry.
    const advice = adviceFor(err);
    // An account connection signs in to its IAM Identity Center session (every connection of it at once).
    const account = this.connections.get(retry.connectionId)?.sso ? { connectionId: retry.connectionId } : undefined;
    const signIn = advice.steps.includes('signIn')
      ? account
        ? { command: 'secretsManager.signInToIdentityCenter', title: vscode.l10n.t('Sign In'), arguments: [account] }
        : { command: 'secretsManager.signIn', title: vscode.l10n.t('Sign In'), arguments: [advice.profile] }
      : undefined;
    switch (err.kind) {
      case 'ssoExpired':
        return new MessageNode(id, vscode.l10n.t('SSO session expired: sign in'), err.message, 'sign-in', 'error.signIn', signIn, retry, parent);
      case 'notSignedIn':
        return new MessageNode(id, vscode.l10n.t('Credentials missing or not accepted'), err.message, 'account', 'error.credentials', signIn, retry, parent);
      case 'accessDenied':
        return new MessageNode(id, vscode.l10n.t('Access denied: {0}', err.action ?? vscode.l10n.t('missing permission')), err.message, 'shield', 'error.denied', undefined, retry, parent);
      case 'endpointUnreachable':
        return new MessageNode(id, err.endpoint ? vscode.l10n.t('Endpoint unreachable: {0}', endpointHost(err.endpoint)) : vscode.l10n.t('Endpoint unreachable'), err.message, 'debug-disconnect', 'error.unreachable', undefined, retry, parent);
      case 'throttled':
        return new MessageNode(id, vscode.l10n.t('Throttled by Secrets Manager'), err.message, 'watch', 'error', undefined, retry, parent);
      case 'notFound':
        return new MessageNode(id, vscode.l10n.t('Secret not found: it may have been deleted'), err.message, 'question', 'error', undefined,
          { what: 'list', connectionId: retry.connectionId }, parent);
      default:
        return new MessageNode(id, failed, err.message, 'error', 'error', undefined, retry, parent);
    }
  }

  dispose(): void {
    for (const l of this.listings.values()) l.pager.abort();
    this.listings.clear();
    this.changed.dispose();
  }
}
