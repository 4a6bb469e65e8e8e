// "Find References in Workspace": whether a reference found in a file names a given secret of a
// connection, from the text alone (no request): by name, by complete ARN, or by partial ARN, in the
// connection's region (and account, when both are known). Pure.
import type { SecretSummary } from '../../aws/types';
import { matchesSecret } from './directory';
import type { SecretReference } from './types';

export function referencesSecret(ref: SecretReference, secret: SecretSummary, connection: { region: string; account?: string }): boolean {
  if (ref.arn) {
    if (ref.arn.region && ref.arn.region !== connection.region) return false;
    if (ref.arn.account && connection.account && ref.arn.account !== connection.account) return false;
  } else if (ref.region && ref.region !== connection.region) return false;
  return matchesSecret({ id: ref.secret.text, arn: ref.arn }, secret);
}
