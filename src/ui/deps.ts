// What the UI pieces are built from. The composition root (src/extension.ts) makes one of each
// and passes them through constructors; nothing reaches for a global.
import type * as vscode from 'vscode';
import type { ConnectionRegistry } from '../model/connections';
import type { CommandRunner } from './commandRunner';
import type { ErrorReporter } from './errors';
import type { SecretEvents } from './events';
import type { ExtensionLog } from './log';
import type { Prompts } from './prompts';
import type { Settings } from './settings';

export interface UiDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: ExtensionLog;
  readonly prompts: Prompts;
  readonly runner: CommandRunner;
  readonly errors: ErrorReporter;
  readonly events: SecretEvents;
  readonly connections: ConnectionRegistry;
  readonly settings: Settings;
  /** The environment variables (AWS_PROFILE, AWS_REGION, ...), read once by the composition root. */
  readonly env: NodeJS.ProcessEnv;
}
