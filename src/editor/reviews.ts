// Review sessions: a diff of a secret's version (AWSCURRENT as read, or another writer's new
// AWSCURRENT) against the user's edit, opened from the publish confirmation (Show diff) or from a
// conflict (Compare). Publishing from the diff's title bar publishes the edit; a diff opened from
// the confirmation counts as that confirmation. A review ends when its diff closes.
import * as vscode from 'vscode';
import type { ReviewedChoice } from '../model/publishEngine';
import { CURRENT, shortId } from '../model/stages';
import { secretUri } from './documents';
import type { SecretDocument } from './secretFileSystem';

export interface Review {
  readonly documentUri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  /** Show diff from the confirmation: the text and labels the user was about to confirm (and the label holders it showed). */
  readonly confirmed?: ReviewedChoice;
}

export class Reviews implements vscode.Disposable {
  private readonly reviews = new Map<string, Review>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  /** The review a URI takes part in, as the edited document or as the diff's left side. */
  reviewFor(uri: vscode.Uri): Review | undefined {
    const key = uri.toString();
    return this.reviews.get(key) ?? [...this.reviews.values()].find((r) => r.originalUri.toString() === key);
  }

  has(): boolean {
    return this.reviews.size > 0;
  }

  /** Opens a version (AWSCURRENT as read by default; read-only) against the edited document. */
  async open(doc: SecretDocument, options: { confirmed?: Review['confirmed']; versionId?: string } = {}): Promise<void> {
    const versionId = options.versionId ?? doc.baseVersionId;
    if (!versionId) throw new Error(vscode.l10n.t('{0} has no version yet to compare with.', doc.ref.name));
    const stage = versionId === doc.baseVersionId ? CURRENT : undefined;
    const originalUri = secretUri({ connectionId: doc.ref.connectionId, name: doc.ref.name, versionId, stage });
    const title = vscode.l10n.t('{0}: {1} ↔ your edit', doc.ref.name, stage ?? shortId(versionId));
    await vscode.commands.executeCommand('vscode.diff', originalUri, doc.uri, title, { preview: false });
    // Recorded once the diff is open: a review ends when its diff closes.
    this.reviews.set(doc.uri.toString(), { documentUri: doc.uri, originalUri, confirmed: options.confirmed });
    this.changed.fire();
  }

  end(uri: vscode.Uri): Review | undefined {
    const review = this.reviewFor(uri);
    if (review) {
      this.reviews.delete(review.documentUri.toString());
      this.changed.fire();
    }
    return review;
  }

  /** Ends the review and closes its diff. */
  async close(documentUri: vscode.Uri): Promise<void> {
    const review = this.end(documentUri);
    if (!review) return;
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === review.documentUri.toString() && t.input.original.toString() === review.originalUri.toString());
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  }

  /** Ends the reviews whose diff is no longer open. */
  endClosed(): void {
    if (!this.has()) return;
    const open = new Set(
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .flatMap((t) => (t.input instanceof vscode.TabInputTextDiff ? [`${t.input.original.toString()}\n${t.input.modified.toString()}`] : [])),
    );
    for (const review of [...this.reviews.values()]) {
      if (!open.has(`${review.originalUri.toString()}\n${review.documentUri.toString()}`)) this.end(review.documentUri);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
