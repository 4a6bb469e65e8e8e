// The stronger confirmation before publishing to an IAM Identity Center account marked production
// (secretsManager.accounts.production): the user types the account's name. Publishing to the
// wrong account is the mistake it is there to stop, so it is asked even with publish.confirm off.
import * as vscode from 'vscode';
import type { ConnectionSpec } from '../aws/types';
import { isProductionAccount } from '../model/accounts';
import type { Prompts } from '../ui/prompts';

/** True when the publish may go on: not a production account, or its name typed. */
export async function confirmProductionTarget(prompts: Pick<Prompts, 'input'>, connection: ConnectionSpec | undefined, patterns: readonly string[]): Promise<boolean> {
  const sso = connection?.sso;
  if (!connection || !sso || !isProductionAccount(sso, patterns)) return true;
  const name = sso.accountName;
  const typed = await prompts.input({
    title: vscode.l10n.t('Publish to production account {0} ({1})', name, sso.accountId),
    prompt: vscode.l10n.t('{0} ({1}) is marked production. Type the account name to publish as {2} in {3}.', name, sso.accountId, sso.roleName, connection.region),
    placeholder: name,
    validate: (v) => (v.trim() === name ? undefined : vscode.l10n.t('Type {0} to publish, or press Escape to cancel.', name)),
  });
  return typed?.trim() === name;
}
