// Opening from the Secrets view only on purpose. The tree's secret and version items run
// `secretsManager.treeItemOpen` on every open event of the list; model/treeOpen.ts decides
// whether this one was a double-click, Enter or (by the user's choice) a single click. A plain
// click only selects the item, and expands or collapses a secret. Enter in the view runs
// `secretsManager.openFocused` (a keybinding), which says so and then selects the focused item.
import * as vscode from 'vscode';
import { OpenGate } from '../model/treeOpen';
import type { UiDeps } from '../ui/deps';
import { SecretNode, VersionNode } from '../views/nodes';
import { command, type Command } from './command';

export function treeOpenCommands(deps: UiDeps): Command[] {
  const gate = new OpenGate(() => deps.settings.treeOpen());
  return [
    command('secretsManager.treeItemOpen', async (node: unknown) => {
      if (!(node instanceof SecretNode) && !(node instanceof VersionNode)) return;
      const key = node instanceof SecretNode ? `secret:${node.key}` : `version:${node.parent.key}/${node.version.versionId}`;
      if (gate.decide(key) === 'open') {
        await vscode.commands.executeCommand(node instanceof VersionNode && !node.isCurrent ? 'secretsManager.openVersion' : 'secretsManager.openSecret', node);
        return;
      }
      // A click on the label of an item with a command does not expand it (VS Code expands such
      // items on their twistie only): do what a click does elsewhere.
      if (node instanceof SecretNode) await vscode.commands.executeCommand('list.toggleExpand');
    }),
    command('secretsManager.openFocused', async () => {
      gate.keyboard();
      await vscode.commands.executeCommand('list.select');
    }),
  ];
}
