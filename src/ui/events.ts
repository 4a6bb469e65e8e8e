// "This secret changed": fired by every action that modifies a secret, so the tree refreshes
// that secret alone and open documents can notice a new AWSCURRENT.
import * as vscode from 'vscode';
import type { SecretSummary } from '../aws/types';

export interface SecretChange {
  readonly connectionId: string;
  /** Secret name (or ARN) as the action knew it. */
  readonly secretId: string;
  /** The secret was created or deleted: its parent list changes too. */
  readonly structural?: boolean;
  /** The secret as just read (DescribeSecret) by the action, when it has it: saves a second read. */
  readonly summary?: SecretSummary;
}

export class SecretEvents implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<SecretChange>();
  readonly onDidChangeSecret = this.emitter.event;
  fire(change: SecretChange): void {
    this.emitter.fire(change);
  }
  dispose(): void {
    this.emitter.dispose();
  }
}
