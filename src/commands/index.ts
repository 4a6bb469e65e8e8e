// Every command of the extension, from one list, registered once by the composition root
// (src/extension.ts). One file per topic; each returns its commands (./command.ts), and this file
// registers them all through the CommandRunner. The UI folders (views/, editor/) register none:
// they return handles (TreeHandle, EditorHandle) that the command files receive.
//
// Most topics load on their first command: their ids are listed here, and their module is reached
// only through import(), so the build puts it in a chunk that startup does not load (esbuild.mjs).
// test/unit/layers.test.ts checks each list against the `command('...')` calls of its file. Eager:
// the tree's own commands and its open gate (which times clicks).
//
//   tree.ts          refresh, retry, loadMore, filter, clearFilter, toggleDeleted, sortBy, showLog
//   connections.ts   addConnection, removeConnection, switchConnection, signIn
//   accounts.ts      addAccounts, signInToIdentityCenter, saveAsProfile
//   open.ts          openSecret, openVersion
//   create.ts        createSecret
//   fromSelection.ts createSecretFromSelection
//   publish.ts       publish, publishWithLabels, cancelPublish
//   compare.ts       compareVersions, compareWithPrevious, compareWithCurrent
//   labels.ts        promoteVersion, rollback, addLabel, removeLabel
//   lifecycle.ts     deleteSecret, restoreSecret, rotateNow, editDescription, editTags, restoreValue
//   copy.ts          copyValue, copyArn, copyName, openInConsole
//   history.ts       showHistory, refreshHistory, showChangedKeys, copyEventId
//   replicas.ts      openPrimary
//   treeOpen.ts      treeItemOpen, openFocused (the tree opens on a double-click or Enter)
//   firstRun.ts      openWalkthrough, setEndpoint
//   values.ts        hideValues, showValues, revealValue, hideValue, revealAllValues
//   references.ts    findReferences, revealSecret, moveToSecretsManager, chooseReferenceConnection,
//                    allowKeyChecks, recheckReferences
import type * as vscode from 'vscode';
import type { SsoSessions } from '../aws/ssoSessions';
import type { EditorHandle } from '../editor';
import type { ReferencesHandle } from '../references';
import type { UiDeps } from '../ui/deps';
import type { TreeHandle } from '../views';
import type { HistoryHandle } from '../views/history';
import type { Command } from './command';
import { treeCommands } from './tree';
import { treeOpenCommands } from './treeOpen';
import type { ValuesHandle } from '../editor/values';
import type { FirstRunHandle } from '../views/firstRun';

/** What the UI folders built, for the commands that act on it. */
export interface CommandHandles {
  readonly tree: TreeHandle;
  readonly editor: EditorHandle;
  readonly history: HistoryHandle;
  readonly references: ReferencesHandle;
  /** IAM Identity Center sign-ins, one per session. */
  readonly sso: SsoSessions;
  readonly values: ValuesHandle;
  readonly firstRun: FirstRunHandle;
}

/** A topic that loads on its first command: its file (for the check), its ids, its commands. */
export interface LazyTopic {
  readonly file: string;
  readonly ids: readonly `secretsManager.${string}`[];
  load(): Promise<Command[]>;
}

/** The commands registered with their code at activation. */
export function eagerCommands(deps: UiDeps, { tree }: CommandHandles): Command[] {
  // The tree's open gate times clicks: its first click must not wait for a chunk.
  return [...treeCommands(deps, tree), ...treeOpenCommands(deps)];
}

/** Every other command, by topic, each loaded on its first command. */
export function lazyTopics(deps: UiDeps, { tree, editor, history, references, sso, values, firstRun }: CommandHandles): LazyTopic[] {
  return [
    { file: 'connections.ts', ids: ['secretsManager.addConnection', 'secretsManager.removeConnection', 'secretsManager.switchConnection', 'secretsManager.signIn'], load: async () => (await import('./connections')).connectionCommands(deps, tree) },
    { file: 'accounts.ts', ids: ['secretsManager.addAccounts', 'secretsManager.signInToIdentityCenter', 'secretsManager.saveAsProfile'], load: async () => (await import('./accounts')).accountCommands(deps, tree, sso) },
    { file: 'open.ts', ids: ['secretsManager.openSecret', 'secretsManager.openVersion'], load: async () => (await import('./open')).openCommands(deps, editor, values) },
    { file: 'values.ts', ids: ['secretsManager.hideValues', 'secretsManager.showValues', 'secretsManager.revealValue', 'secretsManager.hideValue', 'secretsManager.revealAllValues'], load: async () => (await import('./values')).valueCommands(deps, editor, values) },
    { file: 'firstRun.ts', ids: ['secretsManager.openWalkthrough', 'secretsManager.setEndpoint'], load: async () => (await import('./firstRun')).firstRunCommands(deps, firstRun) },
    { file: 'create.ts', ids: ['secretsManager.createSecret'], load: async () => (await import('./create')).createCommands(deps, editor) },
    { file: 'fromSelection.ts', ids: ['secretsManager.createSecretFromSelection'], load: async () => (await import('./fromSelection')).fromSelectionCommands(deps, editor) },
    { file: 'publish.ts', ids: ['secretsManager.publish', 'secretsManager.publishWithLabels', 'secretsManager.cancelPublish'], load: async () => (await import('./publish')).publishCommands(deps, editor) },
    { file: 'compare.ts', ids: ['secretsManager.compareVersions', 'secretsManager.compareWithPrevious', 'secretsManager.compareWithCurrent'], load: async () => (await import('./compare')).compareCommands(deps, editor) },
    { file: 'labels.ts', ids: ['secretsManager.promoteVersion', 'secretsManager.rollback', 'secretsManager.addLabel', 'secretsManager.removeLabel'], load: async () => (await import('./labels')).labelCommands(deps) },
    { file: 'lifecycle.ts', ids: ['secretsManager.deleteSecret', 'secretsManager.restoreSecret', 'secretsManager.rotateNow', 'secretsManager.editDescription', 'secretsManager.editTags', 'secretsManager.restoreValue'], load: async () => (await import('./lifecycle')).lifecycleCommands(deps, editor) },
    { file: 'copy.ts', ids: ['secretsManager.copyValue', 'secretsManager.copyArn', 'secretsManager.copyName', 'secretsManager.openInConsole'], load: async () => (await import('./copy')).copyCommands(deps) },
    { file: 'search.ts', ids: ['secretsManager.findInAllConnections'], load: async () => (await import('./search')).searchCommands(deps) },
    { file: 'history.ts', ids: ['secretsManager.showHistory', 'secretsManager.refreshHistory', 'secretsManager.showChangedKeys', 'secretsManager.copyEventId'], load: async () => (await import('./history')).historyCommands(deps, history) },
    { file: 'replicas.ts', ids: ['secretsManager.openPrimary'], load: async () => (await import('./replicas')).replicaCommands(deps, history, editor) },
    { file: 'references.ts', ids: ['secretsManager.findReferences', 'secretsManager.revealSecret', 'secretsManager.moveToSecretsManager', 'secretsManager.chooseReferenceConnection', 'secretsManager.allowKeyChecks', 'secretsManager.recheckReferences'], load: async () => (await import('./references')).referenceCommands(deps, editor, references) },
  ];
}

/** Registers every command through the runner (logs, silent cancellation, errors with a next step). */
export function registerCommands(deps: UiDeps, handles: CommandHandles): vscode.Disposable[] {
  const lazy = lazyTopics(deps, handles).flatMap((topic) => {
    let loading: Promise<Map<string, Command['run']>> | undefined;
    const load = () =>
      (loading ??= topic.load().then(
        (commands) => new Map(commands.map((c) => [c.id, c.run])),
        (err: unknown) => {
          // Loaded again by the next command, not remembered as failed.
          loading = undefined;
          throw err;
        },
      ));
    return topic.ids.map((id): Command => ({
      id,
      run: async (...args: unknown[]) => {
        const run = (await load()).get(id);
        // l10n-ignore: a programming error that test/unit/layers.test.ts rules out, not a user's
        if (!run) throw new Error(`${id} is listed for commands/${topic.file} but that file has no such command`);
        return run(...args);
      },
    }));
  });
  return [...eagerCommands(deps, handles), ...lazy].map((c) => deps.runner.register(c.id, c.run));
}
