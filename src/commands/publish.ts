// Explicit publishing: "Publish New Version" (Ctrl+S / Cmd+S in a secret document, the editor
// title, the diff title, the palette), "Publish New Version with Labels..." and "Cancel Publish"
// (diff title).
import * as vscode from 'vscode';
import { openDocumentOf } from '../editor/documents';
import type { PublishFlow } from '../editor/publishFlow';
import type { Reviews } from '../editor/reviews';
import { SECRET_SCHEME } from '../model/secretUri';
import type { UiDeps } from '../ui/deps';

/** The secret document a command is about: its argument, a reviewed diff's document, or the active editor's. */
function targetDocument(reviews: Reviews, arg: unknown): vscode.TextDocument | undefined {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== SECRET_SCHEME) return undefined;
  // From a review diff, either side means the edited document.
  const review = reviews.reviewFor(uri);
  return openDocumentOf(review?.documentUri ?? uri);
}

export function registerPublishCommands(deps: UiDeps, flow: PublishFlow, reviews: Reviews): vscode.Disposable[] {
  const { runner, prompts } = deps;
  const key = process.platform === 'darwin' ? 'Cmd+S' : 'Ctrl+S';
  const publish = async (arg: unknown, pickLabels: boolean) => {
    const document = targetDocument(reviews, arg);
    if (!document) {
      void prompts.info(`Open a secret and edit it: ${key} in its editor publishes a new version.`, {});
      return;
    }
    await flow.publishDocument(document, { pickLabels });
  };
  return [
    runner.register('secretsManager.publish', (arg?: unknown) => publish(arg, false)),
    runner.register('secretsManager.publishWithLabels', (arg?: unknown) => publish(arg, true)),
    runner.register('secretsManager.cancelPublish', async (arg?: unknown) => {
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      const review = uri ? reviews.reviewFor(uri) : undefined;
      if (!review) return;
      await reviews.close(review.documentUri);
      const document = openDocumentOf(review.documentUri);
      if (document) await vscode.window.showTextDocument(document, { preview: false });
    }),
  ];
}
