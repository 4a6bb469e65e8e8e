// The walkthrough's steps complete on context keys the extension sets as the user acts:
//   secretsManager.connected              a connection exists (a profile, the environment, one added)
//   secretsManager.walkthrough.opened     a secret document opened (masked or not)
//   secretsManager.walkthrough.published  a publish succeeded
// (Roll back completes on its commands, which the workbench runs from the context menu.) Context
// keys rather than onCommand: a command that the extension runs itself (the tree's double-click
// runs openSecret from treeItemOpen) never reaches the workbench's command events, and a
// cancelled publish is not a publish.
// VS Code 1.139's walkthrough service (created on first use) checks an onContext expression once
// when it registers the step and, if it is already true, never completes the step in that session;
// only a change from false to true afterwards does (checked in code-server 4.139.1). So Get Started
// (secretsManager.openWalkthrough) sets the keys false, opens the walkthrough, and sets them again.
import * as vscode from 'vscode';
import type { UiDeps } from '../ui/deps';

export const CONNECTED_KEY = 'secretsManager.connected';
export const OPENED_KEY = 'secretsManager.walkthrough.opened';
export const PUBLISHED_KEY = 'secretsManager.walkthrough.published';

export interface FirstRunHandle {
  /** Opens the walkthrough with the keys set again from false, so steps done already show done. */
  announce(open: () => Thenable<unknown>): Promise<void>;
}

export function registerFirstRun(deps: UiDeps): FirstRunHandle {
  const { connections, context, events } = deps;
  const state: Record<string, boolean> = { [CONNECTED_KEY]: false, [OPENED_KEY]: false, [PUBLISHED_KEY]: false };
  const set = (key: string, value: boolean) => {
    state[key] = value;
    return vscode.commands.executeCommand('setContext', key, value);
  };
  const connected = () => void set(CONNECTED_KEY, connections.list().length > 0);
  context.subscriptions.push(
    connections.onDidChange(connected),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.scheme.startsWith('secretsmanager') && !state[OPENED_KEY]) void set(OPENED_KEY, true);
    }),
    // Only a publish reports the secret it verified (SecretChange.summary, publishFlow.ts).
    events.onDidChangeSecret((change) => {
      if (change.summary && !state[PUBLISHED_KEY]) void set(PUBLISHED_KEY, true);
    }),
  );
  void connections.load().then(connected, () => undefined);
  return {
    async announce(open) {
      const done = { ...state };
      for (const key of Object.keys(done)) await vscode.commands.executeCommand('setContext', key, false);
      await open();
      await new Promise((r) => setTimeout(r, 300));
      for (const [key, value] of Object.entries(done)) await set(key, value);
    },
  };
}
