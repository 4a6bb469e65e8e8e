// The clipboard for copied values: after `secretsManager.clipboard.clearAfterSeconds` (a user
// setting) it is cleared, if it still holds what was copied. Logs what was copied, never the text.
import * as vscode from 'vscode';
import type { ExtensionLog } from './log';

export class TimedClipboard {
  constructor(
    private readonly log: ExtensionLog,
    /** Seconds until the clipboard is cleared; 0 keeps it. */
    private readonly clearAfterSeconds: () => number,
  ) {}

  /** Copies `text`; `what` names it in the log and the status bar ("the ARN of db"). */
  async copy(text: string, what: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
    const seconds = this.clearAfterSeconds();
    this.log.info(`Copied ${what} to the clipboard${seconds > 0 ? `; clearing it in ${seconds} s if unchanged` : ''}`);
    if (seconds > 0) {
      setTimeout(async () => {
        if ((await vscode.env.clipboard.readText()) === text) await vscode.env.clipboard.writeText('');
      }, seconds * 1000).unref?.();
    }
    void vscode.window.setStatusBarMessage(seconds > 0 ? vscode.l10n.t('$(check) Copied {0} (cleared in {1} s)', what, seconds) : vscode.l10n.t('$(check) Copied {0}', what), 3000);
  }
}
