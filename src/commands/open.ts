// Open a secret (palette quick pick, tree click/Enter/context menu), open an older version
// read-only (with a way to publish its value as a new version), and compare with AWSCURRENT.
import * as vscode from 'vscode';
import type { SecretSummary } from '../aws/types';
import { openDocumentOf, openSecretDocument, secretUri } from '../editor/documents';
import type { Reviews } from '../editor/reviews';
import { readOnlyMessage, type SecretFileSystem } from '../editor/secretFileSystem';
import { connectionLabel } from '../model/connections';
import { refOf, type SecretRef } from '../model/refs';
import { isLiveDocument, SECRET_SCHEME } from '../model/secretUri';
import { CURRENT, currentVersionId, shortId } from '../model/stages';
import type { UiDeps } from '../ui/deps';

const PICK_LIMIT_PAGES = 10;
export const EDIT_AS_NEW = 'Edit as New Version';
export const PROMOTE = 'Promote to AWSCURRENT';

/** The connection to work in: the only one, or the user's pick. */
export async function pickConnection(deps: UiDeps, title: string): Promise<string | undefined> {
  await deps.connections.load();
  const list = deps.connections.list();
  if (list.length === 0) {
    const add = await deps.prompts.warn('No AWS connection is configured.', {}, 'Add Connection');
    if (add) await vscode.commands.executeCommand('secretsManager.addConnection');
    return undefined;
  }
  if (list.length === 1) return list[0].id;
  return deps.prompts.pickOne(list.map((c) => ({ label: connectionLabel(c), description: c.id, value: c.id })), { title });
}

/** A searchable pick of the connection's secrets (names and descriptions, never values). */
async function pickSecret(deps: UiDeps, connectionId: string): Promise<SecretRef | undefined> {
  const service = await deps.connections.serviceFor(connectionId);
  const secrets: SecretSummary[] = [];
  let token: string | undefined;
  await deps.prompts.progress({ title: 'Listing secrets...', cancellable: true }, async (signal) => {
    for (let page = 0; page < PICK_LIMIT_PAGES; page++) {
      const r = await service.listSecrets({ nextToken: token, maxResults: 100, signal });
      secrets.push(...r.secrets);
      token = r.nextToken;
      if (!token) break;
    }
  });
  if (secrets.length === 0) {
    void deps.prompts.info('This connection has no secrets yet. Create one with "Secrets Manager: Create Secret...".', {});
    return undefined;
  }
  const name = await deps.prompts.pickOne(
    secrets
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((s) => ({ label: s.name, description: s.owningService ? `managed by ${s.owningService}` : undefined, detail: s.description, value: s.name })),
    {
      title: 'Open Secret',
      placeholder: token ? `The first ${secrets.length} secrets; filter the Secrets Manager view to find others` : 'Type to search secrets by name or description',
    },
  );
  return name ? { connectionId, name } : undefined;
}

/** Puts a version's text into the AWSCURRENT document as an unsaved edit: saving publishes it. */
async function editAsNewVersion(fs: SecretFileSystem, pinned: vscode.Uri): Promise<void> {
  const source = openDocumentOf(pinned) ?? (await vscode.workspace.openTextDocument(pinned));
  const doc = await fs.resolve(pinned);
  const live = secretUri({ connectionId: doc.ref.connectionId, name: doc.ref.name });
  const editor = await openSecretDocument(fs, live);
  const target = editor.document;
  const full = new vscode.Range(target.positionAt(0), target.positionAt(target.getText().length));
  await editor.edit((b) => b.replace(full, source.getText()));
}

export function registerOpenCommands(deps: UiDeps, fs: SecretFileSystem, reviews: Reviews): vscode.Disposable[] {
  const { runner, prompts, connections } = deps;

  const openVersion = async (ref: SecretRef) => {
    if (!ref.versionId) {
      await openSecretDocument(fs, secretUri({ connectionId: ref.connectionId, name: ref.name }));
      return;
    }
    const uri = secretUri({ connectionId: ref.connectionId, name: ref.name, versionId: ref.versionId, stage: ref.stage });
    await openSecretDocument(fs, uri);
    const doc = fs.get(uri);
    if (!doc) return;
    const choice = await prompts.info(readOnlyMessage(doc.ref), {}, EDIT_AS_NEW, PROMOTE);
    if (choice === EDIT_AS_NEW) await editAsNewVersion(fs, uri);
    if (choice === PROMOTE) await vscode.commands.executeCommand('secretsManager.promoteVersion', { ref });
  };

  return [
    runner.register('secretsManager.openSecret', async (arg?: unknown) => {
      let ref = refOf(arg);
      if (!ref) {
        const connectionId = await pickConnection(deps, 'Open Secret: connection');
        if (!connectionId) return;
        ref = await pickSecret(deps, connectionId);
        if (!ref) return;
      }
      // A version node that holds AWSCURRENT opens the live, editable document.
      if (ref.versionId && ref.stage !== CURRENT) return openVersion(ref);
      await openSecretDocument(fs, secretUri({ connectionId: ref.connectionId, name: ref.name }));
    }),
    runner.register('secretsManager.openVersion', async (arg?: unknown) => {
      const ref = refOf(arg);
      if (!ref) throw new Error('Open a version from the Secrets Manager view (expand a secret).');
      await openVersion(ref);
    }),
    runner.register('secretsManager.compareWithCurrent', async (arg?: unknown) => {
      const ref = refOf(arg);
      if (ref?.versionId) {
        // A version node: the secret's summary (in the node's parent) names AWSCURRENT.
        const summary = (arg as { parent?: { summary?: SecretSummary } }).parent?.summary ?? (await (await connections.serviceFor(ref.connectionId)).describeSecret(ref.name));
        const current = currentVersionId(summary.versionsToStages);
        if (!current) throw new Error(`${ref.name} has no AWSCURRENT version.`);
        // Two stored versions: JSON keys in a stable order, so a reordering is not a difference.
        const left = secretUri({ connectionId: ref.connectionId, name: ref.name, versionId: current, stage: CURRENT, sortedKeys: true });
        const right = secretUri({ connectionId: ref.connectionId, name: ref.name, versionId: ref.versionId, stage: ref.stage, sortedKeys: true });
        await vscode.commands.executeCommand('vscode.diff', left, right, `${ref.name}: AWSCURRENT ↔ ${ref.stage ?? shortId(ref.versionId)}`);
        return;
      }
      const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
      if (!uri || uri.scheme !== SECRET_SCHEME) {
        void prompts.info('Open a secret first: "Compare with AWSCURRENT" compares a secret document with the version it was read from.', {});
        return;
      }
      const doc = await fs.resolve(uri);
      if (!isLiveDocument(doc.ref)) {
        const summary = await (await connections.serviceFor(doc.ref.connectionId)).describeSecret(doc.ref.name);
        const current = currentVersionId(summary.versionsToStages);
        if (!current || !doc.baseVersionId) return;
        await vscode.commands.executeCommand(
          'vscode.diff',
          secretUri({ connectionId: doc.ref.connectionId, name: doc.ref.name, versionId: current, stage: CURRENT }),
          uri,
          `${doc.ref.name}: AWSCURRENT ↔ ${doc.ref.stage ?? shortId(doc.baseVersionId)}`,
        );
        return;
      }
      // The live document: AWSCURRENT as read against the edit, with Publish / Cancel in the diff title.
      await reviews.open(doc);
    }),
  ];
}
