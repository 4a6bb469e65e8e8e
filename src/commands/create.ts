// "Create Secret...": asks the name, then opens an empty `create=1` document whose first save
// calls CreateSecret through the same publish flow (validation, confirmation, token). Afterwards
// the tab is replaced by the secret's normal AWSCURRENT document (src/editor/index.ts).
import { secretUri } from '../editor/documents';
import type { EditorHandle } from '../editor';
import { validateSecretName } from '../model/validate';
import type { UiDeps } from '../ui/deps';
import { saveKey } from '../ui/keys';
import { command, type Command } from './command';
import { existingSecret, pickConnection } from './target';
import * as vscode from 'vscode';

export function createCommands(deps: UiDeps, editor: Pick<EditorHandle, 'open' | 'openNewSecret'>): Command[] {
  const { prompts, connections } = deps;
  return [
    command('secretsManager.createSecret', async (arg?: unknown) => {
      // From a tree node (e.g. the empty-account node) the connection is known.
      const given = (arg as { connectionId?: unknown } | undefined)?.connectionId;
      const connectionId = typeof given === 'string' && connections.get(given) ? given : await pickConnection(deps, vscode.l10n.t('Create Secret: connection'));
      if (!connectionId) return;
      const name = await prompts.input({
        title: vscode.l10n.t('Create Secret: name'),
        prompt: vscode.l10n.t('1 to 512 characters: letters, digits and / _ + = . @ -'),
        placeholder: vscode.l10n.t('e.g. prod/app/database'),
        validate: (v) => validateSecretName(v),
      });
      if (name === undefined) return;
      const problem = validateSecretName(name);
      if (problem) throw new Error(problem);
      const existing = await existingSecret(deps, connectionId, name);
      if (existing && Object.keys(existing.versionsToStages).length === 0 && !existing.deletedDate) {
        // Created without a value (Terraform's aws_secretsmanager_secret, create-secret --name):
        // its document is where it gets its first value.
        await editor.open(secretUri({ connectionId, name }));
        return;
      }
      if (existing) {
        const choice = await prompts.warn(vscode.l10n.t('A secret named {0} already exists.', name), {}, vscode.l10n.t('Open It'));
        if (choice) await editor.open(secretUri({ connectionId, name }));
        return;
      }
      await editor.openNewSecret({ connectionId, name });
      void prompts.info(vscode.l10n.t('Type the value of {0} (text or JSON), then save ({1}) to create it.', name, saveKey()), {});
    }),
  ];
}
