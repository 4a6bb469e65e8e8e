// Commands of secret references (issue 17): Find References in Workspace (tree, hover), Reveal in
// the Secrets Manager view (hover, document links), Move Selection into Secrets Manager (Create
// Secret from Selection, then the literal replaced with a reference), the connection a folder's
// references resolve against, the opt-in that lets key checks read values, and checking again.
import * as vscode from 'vscode';
import type { EditorHandle } from '../editor';
import { KEY_CACHE_TTL_MS } from '../model/references/keys';
import { literalTargetOf } from '../model/references/literal';
import { FORMAT_LABEL } from '../model/references/types';
import type { ReferencesHandle } from '../references';
import type { UiDeps } from '../ui/deps';
import { saveKey } from '../ui/keys';
import { shortConnectionLabel } from '../views';
import { command, type Command } from './command';
import { createFromSelection } from './fromSelection';
import { needRef, pickConnection, summaryOf } from './target';

export const ALLOW_KEY_CHECKS = vscode.l10n.t('Allow Key Checks');
export const STOP_KEY_CHECKS = vscode.l10n.t('Stop Key Checks');

export function referenceCommands(deps: UiDeps, editor: Pick<EditorHandle, 'openNewSecret'>, references: ReferencesHandle): Command[] {
  const { prompts, connections, settings } = deps;

  return [
    command('secretsManager.findReferences', async (arg?: unknown) => {
      const ref = needRef(arg);
      const summary = await summaryOf(deps, arg, ref);
      const spec = connections.get(ref.connectionId);
      if (!spec) throw new Error(vscode.l10n.t('No connection "{0}".', ref.connectionId));
      if (!vscode.workspace.workspaceFolders?.length) {
        void prompts.info(vscode.l10n.t('Open a folder: Find References searches the files of the workspace.'), {});
        return;
      }
      const account = (await references.features()).engine.directory.account(ref.connectionId) ?? (summary.arn.split(':')[4] || undefined);
      const { found, files } = await prompts.progress({ title: vscode.l10n.t('Finding references to {0}...', summary.name), cancellable: true }, async (signal) => {
        const cancel = new vscode.CancellationTokenSource();
        signal.addEventListener('abort', () => cancel.cancel());
        try {
          return await (await references.features()).findInWorkspace(summary, { region: spec.region, account }, cancel.token);
        } finally {
          cancel.dispose();
        }
      });
      if (!found.length) {
        void prompts.info(vscode.l10n.t('No reference to {0} in the {1} files of the workspace that references live in.', summary.name, files), {});
        return;
      }
      const chosen = await prompts.pickOne(
        found.map((f) => ({
          label: `${vscode.workspace.asRelativePath(f.uri)}:${f.range.start.line + 1}`,
          description: FORMAT_LABEL[f.ref.format],
          detail: f.text.length > 160 ? `${f.text.slice(0, 157)}...` : f.text,
          value: f,
        })),
        { title: (found.length === 1 ? vscode.l10n.t('1 reference to {0}', summary.name) : vscode.l10n.t('{0} references to {1}', found.length, summary.name)), placeholder: vscode.l10n.t('Choose one to go to it') },
      );
      if (chosen) await vscode.window.showTextDocument(chosen.uri, { selection: chosen.range, preview: true });
    }),

    command('secretsManager.revealSecret', async (arg?: unknown) => {
      const ref = needRef(arg);
      if (!(await (await references.features()).reveal(ref))) {
        const spec = connections.get(ref.connectionId);
        void prompts.info(vscode.l10n.t('{0} is not in the Secrets Manager view{1}: it may not exist there.', ref.name, spec ? vscode.l10n.t(' of {0}', shortConnectionLabel(spec)) : ''), {});
      }
    }),

    command('secretsManager.moveToSecretsManager', async () => {
      const created = await createFromSelection(deps, editor, vscode.l10n.t('Move to Secrets Manager'));
      if (!created) return;
      const source = created.source.document;
      (await references.features()).moves.add({ newSecret: created.uri, connectionId: created.connectionId, name: created.name, source, range: created.range });
      const target = literalTargetOf(source.getText(), source.languageId, source.fileName);
      const file = source.uri.path.split('/').pop();
      const then = target === 'code' || target === 'other'
        ? vscode.l10n.t('you then get a snippet that reads it; the selection in {0} stays until you replace it.', file ?? '')
        : vscode.l10n.t('the selection in {0} is then replaced with a reference to it.', file ?? '');
      void prompts.info(vscode.l10n.t('Review the value of {0}, then save ({1}) to create the secret: {2}', created.name, saveKey(), then), {});
    }),

    command('secretsManager.chooseReferenceConnection', async () => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      if (!folders.length) {
        void prompts.info(vscode.l10n.t('Open a folder first: the connection of secret references is a setting of a workspace folder.'), {});
        return;
      }
      const folder = folders.length === 1 ? folders[0] : await prompts.pickOne(folders.map((f) => ({ label: f.name, value: f })), { title: vscode.l10n.t('Choose Connection for Secret References: folder') });
      if (!folder) return;
      await connections.load();
      const current = settings.referenceConnection(folder.uri);
      const choice = await prompts.pickOne(
        [
          { label: vscode.l10n.t('The active connection'), description: current ? undefined : vscode.l10n.t('current'), detail: vscode.l10n.t('The one selected in the Secrets Manager view, or the only one (the default)'), value: '' },
          ...connections.list().map((c) => ({ label: shortConnectionLabel(c), description: c.id === current ? vscode.l10n.t('current') : undefined, detail: c.id, value: c.id })),
        ],
        { title: vscode.l10n.t('Secret references in {0} resolve against', folder.name) },
      );
      if (choice === undefined) return;
      await settings.setReferenceConnection(folder.uri, choice || undefined);
    }),

    command('secretsManager.allowKeyChecks', async (arg?: unknown) => {
      await connections.load();
      const id = typeof arg === 'string' && connections.get(arg) ? arg : await pickConnection(deps, vscode.l10n.t('Key checks: connection'));
      const spec = id ? connections.get(id) : undefined;
      if (!spec) return;
      const label = shortConnectionLabel(spec);
      const minutes = KEY_CACHE_TTL_MS / 60_000;
      if (settings.keyChecksAllowed(spec)) {
        if (!settings.readValuesForKeys().includes(spec.id)) {
          void prompts.info(vscode.l10n.t('Key checks on {0} are allowed by an entry of secretsManager.references.readValuesForKeys in your user settings: edit it there to stop them.', label), {});
          return;
        }
        const stop = await prompts.info(vscode.l10n.t('Key checks read the values of {0}\'s secrets.', label), { modal: true, detail: vscode.l10n.t('Stop them: JSON keys of references are then neither checked nor completed on this connection.') }, STOP_KEY_CHECKS);
        if (stop === STOP_KEY_CHECKS) await settings.allowKeyChecks(spec.id, false);
        return;
      }
      const answer = await prompts.warn(vscode.l10n.t('Let key checks read secret values on {0}?', label), {
        modal: true,
        detail: vscode.l10n.t('To check and complete the JSON keys of references, the extension reads each referenced version once (GetSecretValue). CloudTrail logs each read, and AWS bills it like any API call. Only the key names are kept, in memory, for {0} minutes; no value is shown or logged. Saved in your user settings (secretsManager.references.readValuesForKeys), which a workspace cannot change.', minutes),
      }, ALLOW_KEY_CHECKS);
      if (answer === ALLOW_KEY_CHECKS) await settings.allowKeyChecks(spec.id, true);
    }),

    command('secretsManager.recheckReferences', async () => {
      const { engine } = await references.features();
      engine.recheck();
      await engine.idle();
      vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Secret references checked again'), 3000);
    }),
  ];
}
