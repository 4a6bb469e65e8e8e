// Which saves of a secret document may publish. This is the one place that decides it.
//
// VS Code calls the provider's writeFile for every save, and writeFile cannot tell an auto-save
// from Ctrl+S; only onWillSaveTextDocument, just before, says why (Manual = 1, AfterDelay = 2,
// FocusOut = 3; see "Auto-save" in CONTRIBUTING.md). So:
// - a save the Publish command approved (it asked its questions first, then saved exactly this
//   text) publishes what it approved;
// - an explicit save (File > Save, Save All, TextDocument.save()) publishes after asking the same
//   questions there;
// - anything else (after a delay, on focus or window change, or with no known reason) never
//   publishes: it is refused, and the document stays dirty.
import * as vscode from 'vscode';

/** A save reason is trusted for this long after onWillSaveTextDocument. */
const REASON_TTL_MS = 30_000;

export type SaveDecision<T> =
  | { readonly kind: 'approved'; readonly approval: T }
  | { readonly kind: 'explicit' }
  | { readonly kind: 'auto'; readonly reason?: vscode.TextDocumentSaveReason };

export class SaveGate<T> {
  private readonly reasons = new Map<string, { reason: vscode.TextDocumentSaveReason; at: number }>();
  private readonly approvals = new Map<string, { text: string; approval: T }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** From onWillSaveTextDocument. */
  noteSaveReason(uri: vscode.Uri, reason: vscode.TextDocumentSaveReason): void {
    this.reasons.set(uri.toString(), { reason, at: this.now() });
  }

  /** The Publish command asked first and is about to save exactly `text`. */
  approve(uri: vscode.Uri, text: string, approval: T): void {
    this.approvals.set(uri.toString(), { text, approval });
  }

  withdraw(uri: vscode.Uri): void {
    this.approvals.delete(uri.toString());
  }

  /** For writeFile: what this save of `text` may do. Consumes the reason and the approval. */
  decide(uri: vscode.Uri, text: string): SaveDecision<T> {
    const key = uri.toString();
    const seen = this.reasons.get(key);
    this.reasons.delete(key);
    const approved = this.approvals.get(key);
    this.approvals.delete(key);
    if (approved && approved.text === text) return { kind: 'approved', approval: approved.approval };
    const manual = seen !== undefined && seen.reason === vscode.TextDocumentSaveReason.Manual && this.now() - seen.at < REASON_TTL_MS;
    return manual ? { kind: 'explicit' } : { kind: 'auto', reason: seen?.reason };
  }

  /** Nothing of a closed document is kept. */
  forget(uri: vscode.Uri): void {
    this.reasons.delete(uri.toString());
    this.approvals.delete(uri.toString());
  }
}
