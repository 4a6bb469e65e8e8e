// Which connection answers for a reference. The workspace folder's choice
// (secretsManager.references.connection) if it names one of the user's connections, else the
// active one (the only one, or the one selected in the view), else the first. An ARN (or a region
// the file states, like a SecretProviderClass's) in another region is answered by a connection in
// that region; an ARN in another account than the connection's (known once it listed a secret) by
// a connection of that account, or by none: a secret in another account is not "missing". The
// reason is said in the hover.
import type { SecretArn } from './types';
import * as l10n from '@vscode/l10n';

export interface ConnectionInfo {
  readonly id: string;
  readonly profile?: string;
  readonly region: string;
  /** How the hover names it ("default · us-east-1"). */
  readonly label: string;
  /** The AWS account, once known (from the ARN of any secret the connection returned). */
  readonly account?: string;
}

export interface ResolveScope {
  /** The workspace folder's choice, as written in the setting (a connection id, or profile@region). */
  readonly folderChoice?: string;
  /** The active connection's id. */
  readonly active?: string;
}

export type Resolution =
  | { readonly connectionId: string; readonly why: string }
  | { readonly connectionId?: undefined; readonly why: string };

/** A choice names a connection by its id, or by `profile@region` (`env@region` for environment credentials). */
export function matchesChoice(c: Pick<ConnectionInfo, 'id' | 'profile' | 'region'>, choice: string): boolean {
  const wanted = choice.trim();
  return !!wanted && (c.id === wanted || c.id.startsWith(`${wanted}@`) || `${c.profile ?? 'env'}@${c.region}` === wanted);
}

/** The connection a file's references start from, and why. */
export function baseConnection(connections: readonly ConnectionInfo[], scope: ResolveScope): { connection?: ConnectionInfo; why: string } {
  if (connections.length === 0) return { why: l10n.t('no connection is configured (Secrets Manager: Add Connection...)') };
  if (scope.folderChoice) {
    const chosen = connections.find((c) => matchesChoice(c, scope.folderChoice!));
    if (chosen) return { connection: chosen, why: l10n.t("this folder's connection (secretsManager.references.connection)") };
  }
  const fallback = scope.folderChoice ? l10n.t('; this folder asks for "{0}", which is not one of your connections', scope.folderChoice) : '';
  const active = connections.find((c) => c.id === scope.active);
  if (active) return { connection: active, why: `${connections.length === 1 ? l10n.t('the only connection') : l10n.t('the active connection')}${fallback}` };
  return { connection: connections[0], why: l10n.t('the first connection (select a secret in the view to make another active){0}', fallback) };
}

export function resolveConnection(ref: { arn?: SecretArn; region?: string }, connections: readonly ConnectionInfo[], scope: ResolveScope): Resolution {
  const base = baseConnection(connections, scope);
  if (!base.connection) return { why: base.why };
  const region = ref.arn?.region || ref.region;
  const account = ref.arn?.account || undefined;
  const fits = (c: ConnectionInfo) => (!region || c.region === region) && (!account || !c.account || c.account === account);
  if (fits(base.connection)) return { connectionId: base.connection.id, why: base.why };
  // Another region or account: a connection that fits, preferring the base's profile, then a known account.
  const candidates = connections.filter(fits).sort((a, b) =>
    Number(b.profile === base.connection!.profile) - Number(a.profile === base.connection!.profile) ||
    Number(!!account && b.account === account) - Number(!!account && a.account === account));
  const other = candidates[0];
  const where = [region && region !== base.connection.region ? l10n.t('region {0}', region) : '', account ? l10n.t('account {0}', account) : ''].filter(Boolean).join(', ');
  if (other) return { connectionId: other.id, why: l10n.t('the connection in {0}, where the reference points', where || other.region) };
  if (region && region !== base.connection.region) {
    return { why: l10n.t('it is in {0} and no connection is in {0} (Secrets Manager: Add Connection... to check it)', region) };
  }
  return { why: l10n.t('it is in account {0}, and {1} is account {2}: no connection of that account is in {3}', account ?? '', base.connection.label, base.connection.account ?? '', region ?? base.connection.region) };
}
