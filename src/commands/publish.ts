// Explicit publishing: "Publish New Version" (Ctrl+S / Cmd+S in a secret document, the editor
// title, the diff title, the palette), "Publish New Version with Labels..." and "Cancel Publish"
// (diff title). The flow itself is the editor's (src/editor/publishFlow.ts).
import * as vscode from 'vscode';
import type { EditorHandle } from '../editor';
import { openDocumentOf } from '../editor/documents';
import type { Reviews } from '../editor/reviews';
import { SECRET_SCHEME } from '../model/secretUri';
import type { UiDeps } from '../ui/deps';
import { saveKey } from '../ui/keys';
import { command, type Command } from './command';

/** The secret document a command is about: its argument, a reviewed diff's document, or the active editor's. */
function targetDocument(reviews: Reviews, arg: unknown): vscode.TextDocument | undefined {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== SECRET_SCHEME) return undefined;
  // From a review diff, either side means the edited document.
  const review = reviews.reviewFor(uri);
  return openDocumentOf(review?.documentUri ?? uri);
}

export function publishCommands(deps: UiDeps, editor: Pick<EditorHandle, 'publish' | 'reviews'>): Command[] {
  const { prompts } = deps;
  const { publish: flow, reviews } = editor;
  const publish = async (arg: unknown, pickLabels: boolean) => {
    const document = targetDocument(reviews, arg);
    if (!document) {
      void prompts.info(vscode.l10n.t('Open a secret and edit it: {0} in its editor publishes a new version.', saveKey()), {});
      return;
    }
    await flow.publishDocument(document, { pickLabels });
  };
  return [
    command('secretsManager.publish', (arg?: unknown) => publish(arg, false)),
    command('secretsManager.publishWithLabels', (arg?: unknown) => publish(arg, true)),
    command('secretsManager.cancelPublish', async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      const review = uri ? reviews.reviewFor(uri) : undefined;
      if (!review) return;
      await reviews.close(review.documentUri);
      const document = openDocumentOf(review.documentUri);
      if (document) await vscode.window.showTextDocument(document, { preview: false });
    }),
  ];
}
