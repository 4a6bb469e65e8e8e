// The one wrapper every command goes through: logs what ran (never a value), treats
// cancellation as silent, and shows failures with the next steps of the error policy (a retry
// runs the command again with the same arguments).
import * as vscode from 'vscode';
import { adviceFor, isCancellation } from '../model/errorPolicy';
import type { ErrorReporter } from './errors';
import type { ExtensionLog } from './log';

export class CommandRunner {
  constructor(
    private readonly log: ExtensionLog,
    private readonly errors: ErrorReporter,
  ) {}

  /** Register a command whose failures are reported with a next step. */
  register(id: string, handler: (...args: any[]) => unknown): vscode.Disposable {
    return vscode.commands.registerCommand(id, (...args: unknown[]) => this.run(id, () => handler(...args)));
  }

  async run<T>(name: string, body: () => T | Promise<T>): Promise<T | undefined> {
    const started = Date.now();
    this.log.debug(`${name}: started`);
    try {
      const result = await body();
      this.log.debug(`${name}: done in ${Date.now() - started} ms`);
      return result;
    } catch (err) {
      if (isCancellation(err)) {
        this.log.debug(`${name}: cancelled`);
        return undefined;
      }
      this.log.error(`${name}: failed: ${adviceFor(err).message}`);
      void this.errors.show(err, { retry: () => this.run(name, body) });
      return undefined;
    }
  }
}
