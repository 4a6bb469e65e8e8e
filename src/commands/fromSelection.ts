// "Create Secret from Selection": the selected text of any editor becomes the value of a new
// secret, through the normal create path (validation and confirmation on the first save). The
// description and tags asked for are sent with that CreateSecret. "Move to Secrets Manager"
// (references.ts) runs the same flow, then replaces the selection once the secret exists.
import * as vscode from 'vscode';
import type { EditorHandle } from '../editor';
import { parseTags, validateTagsText } from '../model/tags';
import { validateSecretName } from '../model/validate';
import type { UiDeps } from '../ui/deps';
import { saveKey } from '../ui/keys';
import { command, type Command } from './command';
import { existingSecret, pickConnection } from './target';

/** The new secret a selection became: its document's first save creates it. */
export interface FromSelection {
  readonly connectionId: string;
  readonly name: string;
  /** The new secret's document. */
  readonly uri: vscode.Uri;
  /** The editor and the range of the selected text. */
  readonly source: vscode.TextEditor;
  readonly range: vscode.Range;
}

/** Create Secret from Selection's flow, shared with "Move to Secrets Manager" (src/commands/references.ts). */
export async function createFromSelection(deps: UiDeps, secrets: Pick<EditorHandle, 'openNewSecret'>, title = vscode.l10n.t('Create Secret from Selection')): Promise<FromSelection | undefined> {
  const { prompts, log } = deps;
  const editor = vscode.window.activeTextEditor;
  const range = editor && !editor.selection.isEmpty ? new vscode.Range(editor.selection.start, editor.selection.end) : undefined;
  const text = editor && range ? editor.document.getText(range) : undefined;
  if (!editor || !range || !text) {
    void prompts.info(vscode.l10n.t('Select the text that should become the secret\'s value, then run {0}.', title), {});
    return undefined;
  }
  const connectionId = await pickConnection(deps, vscode.l10n.t('{0}: connection', title));
  if (!connectionId) return undefined;
  const name = (await prompts.input({ title: vscode.l10n.t('{0}: name', title), placeholder: vscode.l10n.t('e.g. prod/app/api-key'), validate: (v) => validateSecretName(v.trim()) }))?.trim();
  if (!name) return undefined;
  const description = await prompts.input({ title: vscode.l10n.t('Description of {0} (optional)', name), value: '' });
  if (description === undefined) return undefined;
  const tags = await prompts.input({
    title: vscode.l10n.t('Tags of {0} (optional, key=value, comma-separated)', name),
    value: '',
    validate: validateTagsText,
  });
  if (tags === undefined) return undefined;
  if (await existingSecret(deps, connectionId, name)) {
    throw new Error(vscode.l10n.t('A secret named {0} already exists. Choose another name, or open it and paste the value.', name));
  }
  // The description and tags go with its CreateSecret, and are forgotten with the document.
  const opened = await secrets.openNewSecret({ connectionId, name }, { text, description: description || undefined, tags: parseTags(tags) });
  log.info(`Prepared new secret ${name} from a selection (${Buffer.byteLength(text, 'utf8')} bytes)`);
  return { connectionId, name, uri: opened.document.uri, source: editor, range };
}

export function fromSelectionCommands(deps: UiDeps, secrets: Pick<EditorHandle, 'openNewSecret'>): Command[] {
  return [
    command('secretsManager.createSecretFromSelection', async () => {
      const created = await createFromSelection(deps, secrets);
      if (created) void deps.prompts.info(vscode.l10n.t('Review the value of {0}, then save ({1}) to create the secret.', created.name, saveKey()), {});
    }),
  ];
}
