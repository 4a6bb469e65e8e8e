// The extension's log: VS Code's LogOutputChannel ("Secrets Manager" in the Output panel), plus
// an in-memory ring of recent lines that tests read to prove no value is ever logged.
import * as vscode from 'vscode';
import type { Logger } from '../aws/types';

const KEEP = 5000;

export class ExtensionLog implements Logger, vscode.Disposable {
  private readonly recent: string[] = [];
  private droppedCount = 0;

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  trace(message: string): void {
    this.record('trace', message);
    this.channel.trace(message);
  }
  debug(message: string): void {
    this.record('debug', message);
    this.channel.debug(message);
  }
  info(message: string): void {
    this.record('info', message);
    this.channel.info(message);
  }
  warn(message: string): void {
    this.record('warn', message);
    this.channel.warn(message);
  }
  error(message: string): void {
    this.record('error', message);
    this.channel.error(message);
  }
  show(): void {
    this.channel.show(true);
  }
  /** Recent lines, whatever the channel's level (for tests). */
  lines(): readonly string[] {
    return this.recent;
  }
  /** How many older lines the ring has let go (a leak check over a whole run needs 0). */
  dropped(): number {
    return this.droppedCount;
  }
  dispose(): void {
    this.channel.dispose();
  }

  private record(level: string, message: string): void {
    this.recent.push(`${level}: ${message}`);
    if (this.recent.length > KEEP) this.droppedCount += this.recent.splice(0, this.recent.length - KEEP).length;
  }
}
