// "Create Secret from Selection": the selected text of any editor becomes the value of a new
// secret, through the normal create path (validation and confirmation on the first save). The
// description and tags asked for are sent with that CreateSecret.
import * as vscode from 'vscode';
import type { EditorHandle } from '../editor';
import { parseTags, validateTagsText } from '../model/tags';
import { validateSecretName } from '../model/validate';
import type { UiDeps } from '../ui/deps';
import { saveKey } from '../ui/keys';
import { command, type Command } from './command';
import { existingSecret, pickConnection } from './target';

export function fromSelectionCommands(deps: UiDeps, secrets: Pick<EditorHandle, 'openNewSecret'>): Command[] {
  const { prompts, log } = deps;
  return [
    command('secretsManager.createSecretFromSelection', async () => {
      const editor = vscode.window.activeTextEditor;
      const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
      if (!text) {
        void prompts.info('Select the text that should become the secret\'s value, then run Create Secret from Selection.', {});
        return;
      }
      const connectionId = await pickConnection(deps, 'Create Secret from Selection: connection');
      if (!connectionId) return;
      const name = (await prompts.input({ title: 'Create Secret from Selection: name', placeholder: 'e.g. prod/app/api-key', validate: (v) => validateSecretName(v.trim()) }))?.trim();
      if (!name) return;
      const description = await prompts.input({ title: `Description of ${name} (optional)`, value: '' });
      if (description === undefined) return;
      const tags = await prompts.input({
        title: `Tags of ${name} (optional, key=value, comma-separated)`,
        value: '',
        validate: validateTagsText,
      });
      if (tags === undefined) return;
      if (await existingSecret(deps, connectionId, name)) {
        throw new Error(`A secret named ${name} already exists. Choose another name, or open it and paste the value.`);
      }
      // The description and tags go with its CreateSecret, and are forgotten with the document.
      await secrets.openNewSecret({ connectionId, name }, { text, description: description || undefined, tags: parseTags(tags) });
      log.info(`Prepared new secret ${name} from a selection (${Buffer.byteLength(text, 'utf8')} bytes)`);
      void prompts.info(`Review the value of ${name}, then save (${saveKey()}) to create the secret.`, {});
    }),
  ];
}
