// The History view (secretsManager.history, under the Secrets view), registered at activation: it
// is empty (its welcome text shows) until a history is shown. Its nodes and provider
// (./historyNodes.ts, with the model's timeline) load with the first history shown, through
// import() only, so startup does not carry them.
import * as vscode from 'vscode';
import type { SecretHistory } from '../model/historyLoader';
import type { UiDeps } from '../ui/deps';
import type { HistoryNode, HistoryProvider } from './historyNodes';

export type { HistoryNode } from './historyNodes';

export const HISTORY_VIEW_ID = 'secretsManager.history';

/** Whose history is shown. */
export interface HistoryTarget {
  readonly connectionId: string;
  readonly name: string;
}

export interface HistoryHandle {
  /** The provider of what the view shows; undefined until a history has been shown. */
  readonly provider: HistoryProvider | undefined;
  readonly view: vscode.TreeView<HistoryNode>;
  /** Shows a secret's history in the view and reveals it. */
  show(target: HistoryTarget, history: SecretHistory): Promise<void>;
}

/** The view's data: nothing until the provider has loaded, then the provider's. */
class HistoryView implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private loading: Promise<HistoryProvider> | undefined;
  provider: HistoryProvider | undefined;
  private forwarding: vscode.Disposable | undefined;

  load(): Promise<HistoryProvider> {
    return (this.loading ??= import('./historyNodes').then(
      ({ HistoryProvider: Provider }) => {
        const provider = new Provider();
        this.forwarding = provider.onDidChangeTreeData((node) => this.changed.fire(node));
        return (this.provider = provider);
      },
      (err: unknown) => {
        this.loading = undefined;
        throw err;
      },
    ));
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getChildren(node?: HistoryNode): HistoryNode[] {
    return this.provider?.getChildren(node) ?? [];
  }

  getParent(node: HistoryNode): HistoryNode | undefined {
    return this.provider?.getParent(node);
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.provider?.dispose();
    this.changed.dispose();
  }
}

export function registerHistoryView(deps: UiDeps): HistoryHandle {
  const data = new HistoryView();
  const view = vscode.window.createTreeView(HISTORY_VIEW_ID, { treeDataProvider: data, canSelectMany: true, showCollapseAll: true });
  const setContext = (value: boolean) => void vscode.commands.executeCommand('setContext', 'secretsManager.historyShown', value);
  deps.context.subscriptions.push(
    data,
    view,
    // A secret the History view shows was changed by an action: its history is out of date.
    deps.events.onDidChangeSecret((change) => {
      const c = data.provider?.current;
      if (c && c.target.connectionId === change.connectionId && (c.target.name === change.secretId || c.history.summary.arn === change.secretId)) {
        view.message = vscode.l10n.t('The secret changed since this history was read: Refresh to read it again.');
      }
    }),
  );
  return {
    get provider() {
      return data.provider;
    },
    view,
    async show(target, history) {
      const spec = deps.connections.get(target.connectionId);
      (await data.load()).set(target, history);
      view.description = `${target.name} · ${spec?.region ?? target.connectionId}`;
      view.message = undefined;
      setContext(true);
      await vscode.commands.executeCommand(`${HISTORY_VIEW_ID}.focus`);
    },
  };
}
