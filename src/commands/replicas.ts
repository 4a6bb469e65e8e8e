// Replicas: Secrets Manager refuses writes to a replica, so its document opens read-only and
// "Open Primary" opens the secret in its primary's region, through a connection to that region with
// the same profile (and endpoint): found among the connections, or added once the user says so.
import * as vscode from 'vscode';
import type { SecretSummary } from '../aws/types';
import type { EditorHandle } from '../editor';
import { secretUri } from '../editor/documents';
import { connectionLabel } from '../model/connections';
import { refOf, type SecretRef } from '../model/refs';
import { parseSecretUri, SECRET_SCHEME } from '../model/secretUri';
import { replicationOf } from '../model/rotation';
import type { UiDeps } from '../ui/deps';
import type { HistoryHandle, HistoryTarget } from '../views/history';
import { EntryNode } from '../views/historyNodes';
import { command, type Command } from './command';
import { reading } from './target';

export const OPEN_PRIMARY = vscode.l10n.t('Open Primary');
export const ADD_CONNECTION = vscode.l10n.t('Add Connection');

/** The secret a history command is about: its argument (a tree node, an entry, a ref), else the active secret document. */
export function targetOf(arg: unknown): HistoryTarget | undefined {
  const ref = refOf(arg) ?? (arg instanceof EntryNode ? arg.target : undefined);
  if (ref) return { connectionId: ref.connectionId, name: ref.name };
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (uri?.scheme === SECRET_SCHEME) {
    try {
      const doc = parseSecretUri(uri);
      if (!doc.create) return { connectionId: doc.connectionId, name: doc.name };
    } catch {
      return undefined;
    }
  }
  return undefined;
}


/** The summary a tree node carries (a secret node, or a version's parent), if any: no request. */
function summaryOfNode(arg: unknown): SecretSummary | undefined {
  return (arg as { summary?: SecretSummary } | undefined)?.summary ?? (arg as { parent?: { summary?: SecretSummary } } | undefined)?.parent?.summary;
}

/**
 * The primary region of a secret that is a replica in its connection's region, from what the
 * argument already carries (a tree node's ListSecrets entry): no request.
 */
export function replicaOf(deps: UiDeps, arg: unknown, ref: Pick<SecretRef, 'connectionId'>): string | undefined {
  const summary = summaryOfNode(arg);
  const region = deps.connections.get(ref.connectionId)?.region;
  if (!summary || !region) return undefined;
  const r = replicationOf(summary, region);
  return r.role === 'replica' ? r.primaryRegion : undefined;
}

export function replicaCommands(deps: UiDeps, history: HistoryHandle, editor: Pick<EditorHandle, 'open'>): Command[] {
  const { prompts, connections } = deps;
  return [
    command('secretsManager.openPrimary', async (arg?: unknown) => {
      const target = targetOf(arg);
      if (!target) throw new Error(vscode.l10n.t('Choose a replica secret in the Secrets Manager view.'));
      const spec = connections.get(target.connectionId);
      if (!spec) throw new Error(vscode.l10n.t('No connection "{0}".', target.connectionId));
      const summary = summaryOfNode(arg) ?? (history.provider?.current?.target.name === target.name ? history.provider?.current.history.summary : undefined)
        ?? (await reading(deps, vscode.l10n.t('Reading {0}...', target.name), (signal) => connections.service(target.connectionId).describeSecret(target.name, signal)));
      const r = replicationOf(summary, spec.region);
      if (r.role !== 'replica' || !r.primaryRegion) {
        void prompts.info(vscode.l10n.t('{0} is not a replica in {1}: it can be changed here.', target.name, spec.region), {});
        return;
      }
      let primary = connections.list().find((c) => c.region === r.primaryRegion && c.profile === spec.profile && c.endpoint === spec.endpoint);
      if (!primary) {
        const wanted = { profile: spec.profile, region: r.primaryRegion, endpoint: spec.endpoint };
        const answer = await prompts.info(
          vscode.l10n.t('The primary of {0} is in {1}. Add a connection to {1} to open it there?', target.name, r.primaryRegion),
          { modal: true, detail: vscode.l10n.t('Secrets Manager changes a replicated secret only in its primary\'s region. The new connection uses the same profile{0}: {1}. It appears in the Secrets Manager view; remove it there when you are done.', spec.endpoint ? vscode.l10n.t(' and endpoint') : '', connectionLabel({ id: '', ...wanted })) },
          ADD_CONNECTION,
        );
        if (answer !== ADD_CONNECTION) return;
        primary = await connections.add(wanted);
      }
      await editor.open(secretUri({ connectionId: primary.id, name: target.name }));
    }),
  ];
}
