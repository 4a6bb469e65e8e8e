// "Move this literal into Secrets Manager", after Create Secret from Selection: once the new
// secret's first save has created it, the literal in the source file is replaced with the
// reference form of that file type (src/model/references/literal.ts). Until then the move waits,
// following the literal's place through edits of the source; what it keeps of the literal is a
// SHA-256 hash, to check the text is still the one selected. Closing the new secret's document
// unsaved drops the move.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { ConnectionRegistry } from '../model/connections';
import { literalTargetOf, replacementFor } from '../model/references/literal';
import type { SecretDirectory } from '../model/references/directory';
import type { ExtensionLog } from '../ui/log';
import type { Prompts } from '../ui/prompts';

export const COPY_SNIPPET = vscode.l10n.t('Copy Snippet');

interface Move {
  readonly newSecret: string;
  readonly connectionId: string;
  readonly name: string;
  readonly source: vscode.Uri;
  start: number;
  end: number;
  valid: boolean;
  readonly hash: string;
}

export const hashOf = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class LiteralMoves implements vscode.Disposable {
  private readonly moves = new Map<string, Move>();
  private readonly disposables: vscode.Disposable[];
  /** Moves done (tests wait for them). */
  private readonly done = new vscode.EventEmitter<{ name: string; replaced: boolean }>();
  readonly onDidMove = this.done.event;

  constructor(
    onDidCreateSecret: vscode.Event<{ uri: vscode.Uri; ref: { connectionId: string; name: string } }>,
    private readonly connections: ConnectionRegistry,
    private readonly directory: SecretDirectory,
    private readonly prompts: Prompts,
    private readonly log: ExtensionLog,
  ) {
    this.disposables = [
      this.done,
      onDidCreateSecret((doc) => void this.created(doc.uri).catch((err) => this.log.warn(`Moving a literal into ${doc.ref.name} failed: ${err instanceof Error ? err.message : 'error'}`))),
      vscode.workspace.onDidChangeTextDocument((e) => this.follow(e)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // The new secret's document closed without creating it: nothing to move.
        if (this.moves.delete(d.uri.toString())) this.log.debug('A literal move was dropped: its new secret was not created');
      }),
    ];
  }

  /** Waits for the new secret (its document `newSecret`) to be created, then replaces `range` of `source`. */
  add(move: { newSecret: vscode.Uri; connectionId: string; name: string; source: vscode.TextDocument; range: vscode.Range }): void {
    const start = move.source.offsetAt(move.range.start);
    const end = move.source.offsetAt(move.range.end);
    this.moves.set(move.newSecret.toString(), {
      newSecret: move.newSecret.toString(),
      connectionId: move.connectionId,
      name: move.name,
      source: move.source.uri,
      start,
      end,
      valid: true,
      hash: hashOf(move.source.getText(move.range)),
    });
  }

  get pending(): number {
    return this.moves.size;
  }

  /** Keeps each waiting literal's offsets right as its source is edited; an edit inside it cancels the move. */
  private follow(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    for (const m of this.moves.values()) {
      if (m.source.toString() !== key || !m.valid) continue;
      for (const c of e.contentChanges) {
        const changeEnd = c.rangeOffset + c.rangeLength;
        if (changeEnd <= m.start) {
          const delta = c.text.length - c.rangeLength;
          m.start += delta;
          m.end += delta;
        } else if (c.rangeOffset < m.end) m.valid = false;
      }
    }
  }

  private async created(uri: vscode.Uri): Promise<void> {
    const move = this.moves.get(uri.toString());
    if (!move) return;
    this.moves.delete(uri.toString());
    const document = await vscode.workspace.openTextDocument(move.source);
    const text = document.getText();
    const literal = text.slice(move.start, move.end);
    if (!move.valid || hashOf(literal) !== move.hash) {
      void this.prompts.warn(vscode.l10n.t('{0} is created, but the selected text has changed since: replace it with a reference to {0} by hand.', move.name), {});
      this.done.fire({ name: move.name, replaced: false });
      return;
    }
    // The publish that created it has just told the directory (SecretEvents); else one DescribeSecret.
    const known = this.directory.peek(move.connectionId, { id: move.name });
    const arn = known?.state === 'found' ? known.summary.arn : (await (await this.connections.serviceFor(move.connectionId)).describeSecret(move.name)).arn;
    const target = literalTargetOf(text, document.languageId, document.fileName);
    const result = replacementFor(text, { start: move.start, end: move.end }, target, document.languageId, { name: move.name, arn });
    if ('edits' in result) {
      const edit = new vscode.WorkspaceEdit();
      for (const e of result.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.span.start), document.positionAt(e.span.end)), e.text);
      const applied = await vscode.workspace.applyEdit(edit);
      this.log.info(`Moved a literal of ${document.uri.path.split('/').pop()} into ${move.name} (${target})`);
      this.done.fire({ name: move.name, replaced: applied });
      void this.prompts.info(vscode.l10n.t('{0} Save {1} to keep the change.', result.note, document.uri.path.split('/').pop() ?? ''), {});
      return;
    }
    this.done.fire({ name: move.name, replaced: false });
    const choice = await this.prompts.info(`${result.note} ${result.snippet}`, {}, COPY_SNIPPET);
    if (choice === COPY_SNIPPET) await vscode.env.clipboard.writeText(result.snippet);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.moves.clear();
  }
}
