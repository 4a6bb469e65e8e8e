// Which connection answers for a reference. The workspace folder's choice
// (secretsManager.references.connection) if it names one of the user's connections, else the
// active one (the only one, or the one selected in the view), else the first. An ARN (or a region
// the file states, like a SecretProviderClass's) in another region is answered by a connection in
// that region; an ARN in another account than the connection's (known once it listed a secret) by
// a connection of that account, or by none: a secret in another account is not "missing". The
// reason is said in the hover.
import type { SecretArn } from './types';

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
  if (connections.length === 0) return { why: 'no connection is configured (Secrets Manager: Add Connection...)' };
  if (scope.folderChoice) {
    const chosen = connections.find((c) => matchesChoice(c, scope.folderChoice!));
    if (chosen) return { connection: chosen, why: "this folder's connection (secretsManager.references.connection)" };
  }
  const fallback = scope.folderChoice ? `; this folder asks for "${scope.folderChoice}", which is not one of your connections` : '';
  const active = connections.find((c) => c.id === scope.active);
  if (active) return { connection: active, why: `${connections.length === 1 ? 'the only connection' : 'the active connection'}${fallback}` };
  return { connection: connections[0], why: `the first connection (select a secret in the view to make another active)${fallback}` };
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
  const where = [region && region !== base.connection.region ? `region ${region}` : '', account ? `account ${account}` : ''].filter(Boolean).join(', ');
  if (other) return { connectionId: other.id, why: `the connection in ${where || other.region}, where the reference points` };
  if (region && region !== base.connection.region) {
    return { why: `it is in ${region} and no connection is in ${region} (Secrets Manager: Add Connection... to check it)` };
  }
  return { why: `it is in account ${account}, and ${base.connection.label} is account ${base.connection.account}: no connection of that account is in ${region ?? base.connection.region}` };
}
