// The tree's account level (issue 20): with many IAM Identity Center connections, the view groups
// them by account, each account a collapsed node whose children are its roles and regions. Nothing
// is fetched for an account until it is expanded and one of its connections is expanded in turn.
import * as vscode from 'vscode';
import type { ConnectionSpec } from '../aws/types';

/** Account connections from this many on are grouped by account. */
export const GROUP_ACCOUNTS_FROM = 4;

export class AccountNode {
  readonly kind = 'account';
  constructor(
    readonly accountId: string,
    readonly accountName: string,
    public connections: ConnectionSpec[],
    /** Marked production (secretsManager.accounts.production): said on the node. */
    public production = false,
  ) {}
  get connectionId(): undefined {
    return undefined;
  }
  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.accountName, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `account:${this.accountId}`;
    item.description = this.production ? vscode.l10n.t('{0} · production', this.accountId) : this.accountId;
    const roles = this.connections.map((c) => `${c.sso?.roleName} · ${c.region}`).join('\n');
    item.tooltip = vscode.l10n.t('AWS account {0} ({1}){2}\n{3}', this.accountName, this.accountId, this.production ? vscode.l10n.t(', marked production') : '', roles);
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = this.production ? 'account.production' : 'account';
    return item;
  }
}

/** Account connections grouped by account (in the order the connections were added), the rest as they are. */
export function groupByAccount(list: readonly ConnectionSpec[]): { accounts: Map<string, ConnectionSpec[]>; others: ConnectionSpec[] } | undefined {
  const sso = list.filter((c) => c.sso);
  if (sso.length < GROUP_ACCOUNTS_FROM) return undefined;
  const accounts = new Map<string, ConnectionSpec[]>();
  for (const c of sso) accounts.set(c.sso!.accountId, [...(accounts.get(c.sso!.accountId) ?? []), c]);
  return { accounts, others: list.filter((c) => !c.sso) };
}
