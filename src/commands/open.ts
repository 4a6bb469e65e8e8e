// Open a secret (palette quick pick, tree click/Enter/context menu), and open an older version
// read-only, with a way to publish its value as a new version or promote it.
import * as vscode from 'vscode';
import type { SecretSummary } from '../aws/types';
import type { EditorHandle } from '../editor';
import { secretUri } from '../editor/documents';
import { readOnlyMessage } from '../editor/secretFileSystem';
import { refOf, type SecretRef } from '../model/refs';
import { CURRENT } from '../model/stages';
import type { UiDeps } from '../ui/deps';
import { command, type Command } from './command';
import type { ValuesHandle } from '../editor/values';
import { OPEN_PRIMARY, replicaOf } from './replicas';
import { pickConnection } from './target';

const PICK_LIMIT_PAGES = 10;
export const EDIT_AS_NEW = vscode.l10n.t('Edit as New Version');
export const PROMOTE = vscode.l10n.t('Promote to AWSCURRENT');

/** A searchable pick of the connection's secrets (names and descriptions, never values), with the summary of the one picked. */
export async function pickSecret(deps: UiDeps, connectionId: string, title = vscode.l10n.t('Open Secret')): Promise<{ ref: SecretRef; summary: SecretSummary } | undefined> {
  const service = await deps.connections.serviceFor(connectionId);
  const secrets: SecretSummary[] = [];
  let token: string | undefined;
  await deps.prompts.progress({ title: vscode.l10n.t('Listing secrets...'), cancellable: true }, async (signal) => {
    for (let page = 0; page < PICK_LIMIT_PAGES; page++) {
      const r = await service.listSecrets({ nextToken: token, maxResults: 100, signal });
      secrets.push(...r.secrets);
      token = r.nextToken;
      if (!token) break;
    }
  });
  if (secrets.length === 0) {
    void deps.prompts.info(vscode.l10n.t('This connection has no secrets yet. Create one with "Secrets Manager: Create Secret...".'), {});
    return undefined;
  }
  const name = await deps.prompts.pickOne(
    secrets
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((s) => ({ label: s.name, description: s.owningService ? vscode.l10n.t('managed by {0}', s.owningService) : undefined, detail: s.description, value: s.name })),
    {
      title,
      placeholder: token ? vscode.l10n.t('The first {0} secrets; filter the Secrets Manager view to find others', secrets.length) : vscode.l10n.t('Type to search secrets by name or description'),
    },
  );
  const summary = secrets.find((s) => s.name === name);
  return name && summary ? { ref: { connectionId, name }, summary } : undefined;
}

export function openCommands(deps: UiDeps, editor: Pick<EditorHandle, 'fileSystem' | 'open' | 'editAsNewVersion'>, values?: Pick<ValuesHandle, 'masked'>): Command[] {
  const { prompts } = deps;
  const fs = editor.fileSystem;

  /** Puts a version's value into the AWSCURRENT document as an unsaved edit: saving publishes it. */
  const editAsNewVersion = async (pinned: vscode.Uri) => {
    const doc = await fs.resolve(pinned);
    if (doc.baseData) await editor.editAsNewVersion(doc.ref, doc.baseData);
  };

  /** With values hidden (secretsManager.hideValues), a secret opens as its masked document. */
  const masked = () => (values && deps.settings.hideValues() ? values.masked : undefined);

  const openVersion = async (ref: SecretRef) => {
    const m = masked();
    if (m) {
      await m.open({ connectionId: ref.connectionId, name: ref.name, versionId: ref.versionId, stage: ref.versionId ? ref.stage : undefined });
      return;
    }
    if (!ref.versionId) {
      await editor.open(secretUri({ connectionId: ref.connectionId, name: ref.name }));
      return;
    }
    const uri = secretUri({ connectionId: ref.connectionId, name: ref.name, versionId: ref.versionId, stage: ref.stage });
    await editor.open(uri);
    const doc = fs.get(uri);
    if (!doc) return;
    const choice = await prompts.info(readOnlyMessage(doc.ref), {}, EDIT_AS_NEW, PROMOTE);
    if (choice === EDIT_AS_NEW) await editAsNewVersion(uri);
    if (choice === PROMOTE) await vscode.commands.executeCommand('secretsManager.promoteVersion', { ref });
  };

  return [
    command('secretsManager.openSecret', async (arg?: unknown) => {
      let ref = refOf(arg);
      let from = arg;
      if (!ref) {
        const connectionId = await pickConnection(deps, vscode.l10n.t('Open Secret: connection'));
        if (!connectionId) return;
        const picked = await pickSecret(deps, connectionId);
        if (!picked) return;
        ref = picked.ref;
        // What the pick read (ListSecrets) says about the secret, as a tree node would carry it.
        from = { summary: picked.summary };
      }
      // A version node that holds AWSCURRENT opens the live, editable document.
      if (ref.versionId && ref.stage !== CURRENT) return openVersion(ref);
      // A replica opens read-only: Secrets Manager changes it only in its primary's region.
      const replica = replicaOf(deps, from, ref);
      const m = masked();
      if (m) {
        await m.open({ connectionId: ref.connectionId, name: ref.name, replicaOf: replica });
        return;
      }
      await editor.open(secretUri({ connectionId: ref.connectionId, name: ref.name, replicaOf: replica }));
      if (replica) {
        const choice = await prompts.info(readOnlyMessage({ ...ref, replicaOf: replica }), {}, OPEN_PRIMARY);
        if (choice === OPEN_PRIMARY) await vscode.commands.executeCommand('secretsManager.openPrimary', from);
      }
    }),
    command('secretsManager.openVersion', async (arg?: unknown) => {
      const ref = refOf(arg);
      if (!ref) throw new Error(vscode.l10n.t('Open a version from the Secrets Manager view (expand a secret).'));
      await openVersion(ref);
    }),
  ];
}
