// What a command acts on: the secret of its argument (a tree node or a ref), read when the node
// does not carry it; the connection to work in; whether a name is taken. Reads run under a
// progress notification whose Cancel aborts the request.
import * as vscode from 'vscode';
import type { SecretSummary } from '../aws/types';
import { connectionLabel } from '../model/connections';
import { refOf, type SecretRef } from '../model/refs';
import type { UiDeps } from '../ui/deps';

/** The secret (or version) a command's argument names; throws when there is none. */
export function needRef(arg: unknown): SecretRef {
  const ref = refOf(arg);
  if (!ref) throw new Error(vscode.l10n.t('Run this from a secret or version in the Secrets Manager view.'));
  return ref;
}

/** A read under a progress notification whose Cancel aborts the request. */
export function reading<T>(deps: UiDeps, title: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return deps.prompts.progress({ title, cancellable: true }, body);
}

/** DescribeSecret, cancellable. */
export function describe(deps: UiDeps, ref: SecretRef): Promise<SecretSummary> {
  return reading(deps, vscode.l10n.t('Reading {0}...', ref.name), (signal) => deps.connections.service(ref.connectionId).describeSecret(ref.name, signal));
}

/** The secret summary a node carries (secret node or a version's parent), else DescribeSecret. */
export async function summaryOf(deps: UiDeps, arg: unknown, ref: SecretRef): Promise<SecretSummary> {
  const fromNode = (arg as { summary?: SecretSummary }).summary ?? (arg as { parent?: { summary?: SecretSummary } }).parent?.summary;
  return fromNode ?? describe(deps, ref);
}

/** The connection to work in: the only one, or the user's pick. */
export async function pickConnection(deps: UiDeps, title: string): Promise<string | undefined> {
  await deps.connections.load();
  const list = deps.connections.list();
  if (list.length === 0) {
    const add = await deps.prompts.warn(vscode.l10n.t('No AWS connection is configured.'), {}, vscode.l10n.t('Add Connection'));
    if (add) await vscode.commands.executeCommand('secretsManager.addConnection');
    return undefined;
  }
  if (list.length === 1) return list[0].id;
  return deps.prompts.pickOne(list.map((c) => ({ label: connectionLabel(c), description: c.id, value: c.id })), { title });
}

/** The secret of that name on the connection, if it exists (DescribeSecret; "not found" is undefined, other errors throw). */
export async function existingSecret(deps: UiDeps, connectionId: string, name: string): Promise<SecretSummary | undefined> {
  try {
    return await (await deps.connections.serviceFor(connectionId)).describeSecret(name);
  } catch (err) {
    if ((err as { kind?: string }).kind === 'notFound') return undefined;
    throw err;
  }
}
