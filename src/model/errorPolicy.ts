// The one policy from an error to what the user is told and which next steps they are offered.
// The command runner, the publish path and the tree all use it, so the same error gets the same
// buttons everywhere. Pure: no `vscode`; src/aws/errors.ts imports no SDK either.
import { AwsError } from '../aws/errors';
import type { AwsErrorKind } from '../aws/types';
import * as l10n from '@vscode/l10n';

/** Sign In (SSO, or refresh a profile's keys), Retry (the same action again), Show Log. */
export type NextStep = 'signIn' | 'retry' | 'showLog';

export interface ErrorAdvice {
  /** Safe to show: AwsError messages are built without request parameters, so without values. */
  readonly message: string;
  readonly kind?: AwsErrorKind;
  readonly steps: readonly NextStep[];
  /** The profile Sign In concerns. */
  readonly profile?: string;
  /** Refused for lack of a right (a FileSystemError.NoPermissions rather than Unavailable). */
  readonly permission: boolean;
  /** For a write: Secrets Manager may have committed it although no answer came back. */
  readonly mayHaveCommitted: boolean;
}

const CANCEL_NAMES = new Set(['AbortError', 'CancellationError', 'Canceled', 'CanceledError']);

/** The user cancelled (VS Code's CancellationError is named "Canceled"), or the request was aborted. */
export function isCancellation(err: unknown): boolean {
  if (err instanceof AwsError) return err.kind === 'cancelled';
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  return typeof name === 'string' && CANCEL_NAMES.has(name);
}

const PERMISSION: ReadonlySet<AwsErrorKind> = new Set(['accessDenied', 'scheduledForDeletion', 'ownedByAnotherService']);
/** Credentials that a sign-in or a refreshed profile fixes; the service drops rejected ones, so Retry helps after. */
const CREDENTIALS: ReadonlySet<AwsErrorKind> = new Set(['notSignedIn', 'ssoExpired']);
/** Kinds whose request may have been committed before the answer was lost (or that say nothing). */
const UNKNOWN_OUTCOME: ReadonlySet<AwsErrorKind> = new Set(['endpointUnreachable', 'unknown']);

export function adviceFor(err: unknown): ErrorAdvice {
  if (!(err instanceof AwsError)) {
    return {
      message: err instanceof Error ? err.message : l10n.t('Unexpected error.'),
      steps: ['showLog'],
      permission: false,
      mayHaveCommitted: false,
    };
  }
  const steps: NextStep[] = [];
  if (err.kind === 'ssoExpired' || (err.kind === 'notSignedIn' && err.profile)) steps.push('signIn');
  if (err.retryable || CREDENTIALS.has(err.kind)) steps.push('retry');
  steps.push('showLog');
  return {
    message: err.message,
    kind: err.kind,
    steps,
    profile: err.profile,
    permission: PERMISSION.has(err.kind),
    mayHaveCommitted: UNKNOWN_OUTCOME.has(err.kind),
  };
}
