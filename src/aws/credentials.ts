// Credentials for a connection, from @aws-sdk/credential-providers: a named profile through
// fromIni (static keys, assume-role with source_profile or credential_source and MFA,
// credential_process, SSO including sso-session sections, web identity, login sessions); no
// profile through the default chain (environment variables, SSO, ini default / AWS_PROFILE,
// process, container and instance metadata). The SDK module is loaded on first use.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { describeConfigProblem, loadSharedConfig } from './config';
import { AwsError, markCredentialsPhase } from './errors';
import * as l10n from '@vscode/l10n';

/** Asks the user for the current code of the MFA device `serialArn` (the UI shows an input box). */
export type MfaCodeProvider = (serialArn: string) => Promise<string>;

/**
 * The credential provider for `profile` (undefined: the default chain). Errors it raises are
 * marked as credential errors, so classifyError can tell "can't sign in" from "can't reach the
 * Secrets Manager endpoint". The SDK client memoizes what it returns until expiry.
 */
export async function credentialsFor(profile: string | undefined, mfaCodeProvider?: MfaCodeProvider): Promise<AwsCredentialIdentityProvider> {
  const { fromIni, fromNodeProviderChain } = await import('./sdk');
  const inner: AwsCredentialIdentityProvider = profile
    ? fromIni({
        profile,
        // Re-read the files on each resolution: a profile edited (or `aws sso login` run) while
        // VS Code is open is picked up on the next refresh of the credentials.
        ignoreCache: true,
        mfaCodeProvider: mfaCodeProvider ?? (async (serial: string) => {
          throw new Error(l10n.t('Profile "{0}" needs a code from the MFA device {1}, and none can be asked for here.', profile, serial));
        }),
      })
    : fromNodeProviderChain({
        ignoreCache: true,
        mfaCodeProvider,
      });
  return async (props) => {
    try {
      return await inner(props);
    } catch (err) {
      if (profile) {
        // The SDK skips invalid lines silently, so "no credentials for this profile" may really
        // be a typo in the file: say which line.
        const problems = await loadSharedConfig().then((c) => c.problems, () => []);
        if (problems.length) {
          throw new AwsError(
            'invalidInput',
            l10n.t('Profile "{0}" could not be read: {1}. The AWS CLI and SDKs skip such lines; fix the file, then retry.', profile, problems.slice(0, 3).map(describeConfigProblem).join('; ')),
            { operation: 'LoadCredentials', profile, cause: err },
          );
        }
      }
      throw markCredentialsPhase(err);
    }
  };
}

/**
 * One credential provider shared by a connection's SDK clients (Secrets Manager, CloudTrail): the
 * credentials are resolved once and kept until five minutes before they expire (static keys:
 * until dropped), so an MFA code is asked for, and an SSO token read, once per connection rather
 * than once per client. A failed resolution is not kept. Drop the provider (make a new one) when
 * AWS rejects the credentials, so the next call resolves them again.
 */
export function sharedCredentials(load: () => Promise<AwsCredentialIdentityProvider>, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let provider: Promise<AwsCredentialIdentityProvider> | undefined;
  let resolving: Promise<AwsCredentialIdentity> | undefined;
  let kept: AwsCredentialIdentity | undefined;
  const fresh = (c: AwsCredentialIdentity) => !c.expiration || c.expiration.getTime() - now() > 5 * 60_000;
  return async (props) => {
    if (kept && fresh(kept)) return kept;
    if (!resolving) {
      const attempt = (async () => {
        provider ??= load();
        try {
          return await (await provider)(props);
        } catch (err) {
          provider = undefined;
          throw err;
        }
      })();
      resolving = attempt;
      attempt.then(
        (c) => {
          kept = c;
          if (resolving === attempt) resolving = undefined;
        },
        () => {
          if (resolving === attempt) resolving = undefined;
        },
      );
    }
    return resolving;
  };
}
