// Which "open" events of the Secrets view are a deliberate request to put a value on screen.
//
// VS Code's custom tree runs an item's TreeItem.command on every open event of its list, and in
// the default `workbench.list.openMode` ("singleClick") a single click is one. Checked in VS Code
// 1.139 (code-server): a click fires one open event; a double-click fires two (the first click,
// then the dblclick); Enter (`list.select`) fires one; with `workbench.list.openMode:
// doubleClick` a single click fires none, a double-click and Enter one each. The command cannot
// see which gesture it was, so the tree's items run `secretsManager.treeItemOpen` and this gate
// decides: a second event on the same item within the double-click time is a double-click; Enter
// goes through `secretsManager.openFocused`, which says so before it selects; with the
// doubleClick open mode (or the user's `tree.openOnSingleClick`) every event opens.
// No `vscode` here: the clock and the options are passed in.

export type ListOpenMode = 'singleClick' | 'doubleClick';

export interface OpenGateOptions {
  /** `secretsManager.tree.openOnSingleClick`: the user wants a click to open. */
  openOnSingleClick: boolean;
  /** `workbench.list.openMode`. */
  listOpenMode: ListOpenMode;
}

export type OpenDecision = 'open' | 'select';

/** Two open events on one item within this many ms are a double-click (browsers' default is 500). */
export const DOUBLE_CLICK_MS = 500;
/** Enter announced less than this many ms before an open event is that event's cause. */
export const KEYBOARD_MS = 1000;

export class OpenGate {
  private last?: { key: string; at: number };
  private keyboardAt?: number;

  constructor(
    private readonly options: () => OpenGateOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Enter was pressed in the view: the open event it causes is deliberate. */
  keyboard(): void {
    this.keyboardAt = this.now();
  }

  /** An open event on the item `key`: open it, or only select (and expand) it. */
  decide(key: string): OpenDecision {
    const now = this.now();
    const keyboard = this.keyboardAt !== undefined && now - this.keyboardAt < KEYBOARD_MS;
    this.keyboardAt = undefined;
    const { openOnSingleClick, listOpenMode } = this.options();
    if (keyboard || openOnSingleClick || listOpenMode === 'doubleClick') {
      this.last = undefined;
      return 'open';
    }
    if (this.last && this.last.key === key && now - this.last.at <= DOUBLE_CLICK_MS) {
      this.last = undefined;
      return 'open';
    }
    this.last = { key, at: now };
    return 'select';
  }
}
