// The reference features, a chunk of their own (esbuild.mjs, FEATURES.references) that ./index.ts
// imports when the first document references live in opens (or a reference command runs).
// Secrets where the code uses them (issue 17): references in templates, task definitions,
// manifests, Terraform and SDK/CLI calls, checked and navigable. Builds the engine (parsing,
// bursts, lookups, diagnostics), the language features and the literal moves, registers the
// providers for the file types references live in, and returns a ReferencesHandle; the commands
// (src/commands/references.ts) receive it. Registering makes no request and loads no SDK: the
// first lookup happens when a document with a reference is open.
import * as vscode from 'vscode';
import type { ConnectionSpec, SecretSummary } from '../aws/types';
import type { EditorHandle } from '../editor';
import { matchesSecret } from '../model/references/directory';
import { parseSecretArn } from '../model/references/arn';
import type { UiDeps } from '../ui/deps';
import type { TreeHandle } from '../views';
import { OPEN_DELAY_MS, ReferenceEngine } from './engine';
import { LiteralMoves } from './literals';
import { ReferenceProviders } from './providers';
import { REFERENCE_SELECTOR } from './selector';
import { findInWorkspace } from './workspace';

export interface ReferencesHandle {
  readonly engine: ReferenceEngine;
  readonly providers: ReferenceProviders;
  readonly moves: LiteralMoves;
  readonly findInWorkspace: typeof findInWorkspace;
  /** Selects the secret in the Secrets Manager view (filtering the view to its name if it is not loaded). */
  reveal(target: { connectionId: string; name: string; arn?: string }): Promise<boolean>;
}

export function registerReferences(
  deps: UiDeps,
  handles: { tree: TreeHandle; editor: EditorHandle; connectionLabel: (c: ConnectionSpec) => string },
  background: <T>(work: () => Promise<T>) => Promise<T>,
): ReferencesHandle {
  const { tree, editor } = handles;
  const engine = new ReferenceEngine({
    connections: deps.connections,
    settings: deps.settings,
    log: deps.log,
    events: deps.events,
    loaded: (id) => tree.provider.loadedSecrets(id).map((n) => n.summary),
    active: () => tree.activeConnection()?.id,
    background,
    selector: REFERENCE_SELECTOR,
    connectionLabel: handles.connectionLabel,
  });
  const providers = new ReferenceProviders(engine, deps.log, (ref) => editor.uriOf(ref));
  const moves = new LiteralMoves(editor.publish.onDidCreateSecret, deps.connections, engine.directory, deps.prompts, deps.log);

  const reveal = async (target: { connectionId: string; name: string; arn?: string }): Promise<boolean> => {
    const arn = target.arn ? parseSecretArn(target.arn) : undefined;
    const is = (s: SecretSummary) => matchesSecret(arn ? { id: target.arn!, arn } : { id: target.name }, s);
    const find = () => tree.provider.loadedSecrets(target.connectionId).find((n) => is(n.summary));
    await vscode.commands.executeCommand('secretsManager.secrets.focus');
    let node = find();
    if (!node) {
      // Not loaded (a later page, or filtered out): filter the view on the server to its name.
      tree.provider.setFilter({ key: 'name', values: [target.name] });
      tree.describe();
      const roots = await tree.provider.getChildren();
      const connection = roots.find((n) => n.kind === 'connection' && n.connectionId === target.connectionId);
      if (connection) await tree.provider.getChildren(connection);
      node = find();
    }
    if (!node) return false;
    await tree.view.reveal(node, { select: true, focus: true, expand: false });
    return true;
  };

  deps.context.subscriptions.push(
    engine,
    moves,
    vscode.languages.registerHoverProvider(REFERENCE_SELECTOR, providers),
    vscode.languages.registerDefinitionProvider(REFERENCE_SELECTOR, providers),
    vscode.languages.registerDocumentLinkProvider(REFERENCE_SELECTOR, providers),
    vscode.languages.registerCompletionItemProvider(REFERENCE_SELECTOR, providers, ':', '/', '"', "'", '='),
    vscode.languages.registerCodeActionsProvider(REFERENCE_SELECTOR, providers, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
  // Documents open already (a restored window): checked once the window settles.
  engine.scheduleAll(OPEN_DELAY_MS);
  return { engine, providers, moves, findInWorkspace, reveal };
}
