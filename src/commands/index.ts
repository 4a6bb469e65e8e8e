// Every command of the extension, from one list, registered once by the composition root
// (src/extension.ts). One file per topic; each returns its commands (./command.ts), and this file
// registers them all through the CommandRunner. The UI folders (views/, editor/) register none:
// they return handles (TreeHandle, EditorHandle) that the command files receive.
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
import { accountCommands } from './accounts';
import { compareCommands } from './compare';
import { connectionCommands } from './connections';
import { copyCommands } from './copy';
import { createCommands } from './create';
import { fromSelectionCommands } from './fromSelection';
import { historyCommands } from './history';
import { labelCommands } from './labels';
import { lifecycleCommands } from './lifecycle';
import { openCommands } from './open';
import { publishCommands } from './publish';
import { replicaCommands } from './replicas';
import { searchCommands } from './search';
import { referenceCommands } from './references';
import { treeCommands } from './tree';
import { treeOpenCommands } from './treeOpen';
import { valueCommands } from './values';
import { firstRunCommands } from './firstRun';
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

/** Every command, in one list. */
export function allCommands(deps: UiDeps, { tree, editor, history, references, sso, values, firstRun }: CommandHandles): Command[] {
  return [
    ...treeCommands(deps, tree),
    ...connectionCommands(deps, tree),
    ...accountCommands(deps, tree, sso),
    ...openCommands(deps, editor, values),
    ...treeOpenCommands(deps),
    ...valueCommands(deps, editor, values),
    ...firstRunCommands(deps, firstRun),
    ...createCommands(deps, editor),
    ...fromSelectionCommands(deps, editor),
    ...publishCommands(deps, editor),
    ...compareCommands(deps, editor),
    ...labelCommands(deps),
    ...lifecycleCommands(deps, editor),
    ...copyCommands(deps),
    ...searchCommands(deps),
    ...historyCommands(deps, history),
    ...replicaCommands(deps, history, editor),
    ...referenceCommands(deps, editor, references),
  ];
}

/** Registers every command through the runner (logs, silent cancellation, errors with a next step). */
export function registerCommands(deps: UiDeps, handles: CommandHandles): vscode.Disposable[] {
  return allCommands(deps, handles).map((c) => deps.runner.register(c.id, c.run));
}
