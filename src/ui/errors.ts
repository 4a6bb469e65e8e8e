// The VS Code side of the one error policy (src/model/errorPolicy.ts): an error shown with its next
// steps as buttons, and an error as the FileSystemError a FileSystemProvider throws. The command
// runner, the publish flow and the file system all go through here.
import * as vscode from 'vscode';
import { adviceFor, isCancellation, type NextStep } from '../model/errorPolicy';
import type { ExtensionLog } from './log';
import type { Prompts } from './prompts';

export const SIGN_IN = vscode.l10n.t('Sign In');
export const RETRY = vscode.l10n.t('Retry');
export const SHOW_LOG = vscode.l10n.t('Show Log');

const BUTTON: Record<NextStep, string> = { signIn: SIGN_IN, retry: RETRY, showLog: SHOW_LOG };

/** Errors whose advice is carried by a cause (the publish path's NotPublished wraps the AwsError). */
function causeOf(err: unknown): unknown {
  const cause = (err as { options?: { cause?: unknown } } | undefined)?.options?.cause;
  return cause ?? err;
}

export { isCancellation };

export interface ShowOptions {
  /** What the message says, when the caller words it (e.g. "Not published: ..."); else the error's own. */
  readonly message?: string;
  /** Run again what failed; offered when the policy says a retry may help. */
  readonly retry?: () => unknown;
  /** Buttons of the caller's own, before the standard ones. */
  readonly extra?: Readonly<Record<string, () => unknown>>;
}

export class ErrorReporter {
  constructor(
    private readonly log: ExtensionLog,
    private readonly prompts: Prompts,
  ) {}

  /** Shows an error with the next steps its kind allows; resolves when the user has answered. */
  async show(err: unknown, options: ShowOptions = {}): Promise<void> {
    const advice = adviceFor(causeOf(err));
    const buttons: Record<string, () => unknown> = { ...options.extra };
    const run: Record<NextStep, (() => unknown) | undefined> = {
      signIn: () => vscode.commands.executeCommand('secretsManager.signIn', advice.profile),
      retry: options.retry,
      showLog: () => this.log.show(),
    };
    for (const step of advice.steps) {
      const handler = run[step];
      if (handler) buttons[BUTTON[step]] = handler;
    }
    const chosen = await this.prompts.error(options.message ?? advice.message, {}, ...Object.keys(buttons));
    if (chosen) await buttons[chosen]?.();
  }
}

/** The FileSystemError a provider throws for `err` (its message is already value-free). */
export function toFileSystemError(err: unknown, message?: string): vscode.FileSystemError {
  if (err instanceof vscode.FileSystemError) return err;
  const text = message ?? (err instanceof Error ? err.message : vscode.l10n.t('The secret is not available.'));
  const np = err as { options?: { permission?: boolean } };
  const advice = adviceFor(causeOf(err));
  if (advice.kind === 'notFound') return vscode.FileSystemError.FileNotFound(text);
  if (advice.permission || np.options?.permission) return vscode.FileSystemError.NoPermissions(text);
  return vscode.FileSystemError.Unavailable(text);
}
