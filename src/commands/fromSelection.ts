// "Create Secret from Selection": the selected text of any editor becomes the value of a new
// secret, through the normal create path (validation and confirmation on the first save). The
// description and tags asked for are applied once the first save has created the secret.
import * as vscode from 'vscode';
import type { SecretTag } from '../aws/types';
import { secretUri } from '../editor/documents';
import { parseTags, validateTagsText } from '../model/tags';
import { validateSecretName } from '../model/validate';
import type { UiDeps } from '../ui/deps';
import { saveKey } from '../ui/keys';
import { command, type Command } from './command';
import { existingSecret, pickConnection } from './target';

interface PendingMetadata {
  description?: string;
  tags: SecretTag[];
}

export function fromSelectionCommands(deps: UiDeps): Command[] {
  const { prompts, connections, log, events } = deps;
  /** Description and tags to apply once the secret exists (its first save creates it). */
  const pending = new Map<string, PendingMetadata>();
  deps.context.subscriptions.push(
    events.onDidChangeSecret(async (change) => {
      const key = `${change.connectionId}/${change.secretId}`;
      const meta = pending.get(key);
      if (!meta || !change.structural) return;
      pending.delete(key);
      const service = connections.service(change.connectionId);
      try {
        if (meta.description) await service.updateDescription(change.secretId, meta.description);
        if (meta.tags.length) await service.tagResource(change.secretId, meta.tags);
        if (meta.description || meta.tags.length) events.fire({ connectionId: change.connectionId, secretId: change.secretId });
      } catch (err) {
        void prompts.error(`${change.secretId} was created, but its description or tags were not saved: ${err instanceof Error ? err.message : 'error'}. Use Edit Description / Edit Tags.`, {});
      }
    }),
  );
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
      const uri = secretUri({ connectionId, name, create: true });
      const document = await vscode.workspace.openTextDocument(uri);
      const target = await vscode.window.showTextDocument(document, { preview: false });
      await target.edit((b) => b.insert(new vscode.Position(0, 0), text));
      log.info(`Prepared new secret ${name} from a selection (${Buffer.byteLength(text, 'utf8')} bytes)`);
      pending.set(`${connectionId}/${name}`, { description: description || undefined, tags: parseTags(tags) });
      void prompts.info(`Review the value of ${name}, then save (${saveKey()}) to create the secret.`, {});
    }),
  ];
}
