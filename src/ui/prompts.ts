// Every question the extension asks goes through `Prompts`, so integration tests can answer
// them (the real VS Code host cannot click a modal). The default implementation is VS Code's.
import * as vscode from 'vscode';

export interface PickItem<T = string> {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
  value: T;
}

export interface MessageOptions {
  modal?: boolean;
  detail?: string;
}

export interface ProgressOptions {
  title: string;
  /**
   * Offer Cancel: cancelling aborts the signal handed to the work, and `progress` rejects with a
   * cancellation (silent in the command runner). Only for work whose outcome is known when it is
   * abandoned (reads, the conflict check); never for a write already sent.
   */
  cancellable?: boolean;
  /** Show it on this view (a progress bar under its title) instead of as a notification. */
  viewId?: string;
  /**
   * Show it only if the work is still running after this long (default 250 ms; 0: at once): quick
   * work, which most requests are, then flashes no notification and costs no round trip to the
   * workbench. Cancel is offered from then on.
   */
  delayMs?: number;
}

export interface Prompts {
  /** Returns the chosen button title, or undefined when dismissed/cancelled. */
  info(message: string, options: MessageOptions, ...buttons: string[]): Promise<string | undefined>;
  warn(message: string, options: MessageOptions, ...buttons: string[]): Promise<string | undefined>;
  error(message: string, options: MessageOptions, ...buttons: string[]): Promise<string | undefined>;
  pickOne<T>(items: PickItem<T>[], options: { title: string; placeholder?: string }): Promise<T | undefined>;
  pickMany<T>(items: PickItem<T>[], options: { title: string; placeholder?: string }): Promise<T[] | undefined>;
  /**
   * A pick whose items arrive while it is open: `produce` adds them as they come and finishes when
   * there are no more; closing the pick aborts its signal. Resolves to the item chosen.
   */
  pickStreaming<T>(options: { title: string; placeholder?: string }, produce: (add: (items: PickItem<T>[]) => void, signal: AbortSignal) => Promise<void>): Promise<T | undefined>;
  input(options: {
    title: string;
    prompt?: string;
    value?: string;
    placeholder?: string;
    password?: boolean;
    validate?: (value: string) => string | undefined;
  }): Promise<string | undefined>;
  /** Runs slow work under a progress notification. */
  progress<T>(options: ProgressOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

/** Progress for work quicker than this is not shown at all. */
const PROGRESS_DELAY_MS = 250;

export class VsCodePrompts implements Prompts {
  async info(message: string, options: MessageOptions, ...buttons: string[]) {
    return vscode.window.showInformationMessage(message, options, ...buttons);
  }
  async warn(message: string, options: MessageOptions, ...buttons: string[]) {
    return vscode.window.showWarningMessage(message, options, ...buttons);
  }
  async error(message: string, options: MessageOptions, ...buttons: string[]) {
    return vscode.window.showErrorMessage(message, options, ...buttons);
  }
  async pickOne<T>(items: PickItem<T>[], options: { title: string; placeholder?: string }) {
    const picked = await vscode.window.showQuickPick(items, {
      title: options.title,
      placeHolder: options.placeholder,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return picked?.value;
  }
  async pickMany<T>(items: PickItem<T>[], options: { title: string; placeholder?: string }) {
    const picked = await vscode.window.showQuickPick(items, {
      title: options.title,
      placeHolder: options.placeholder,
      canPickMany: true,
      // Filtered as you type on every column (Add Accounts: account name, role, id, e-mail).
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return picked?.map((p) => p.value);
  }
  pickStreaming<T>(options: { title: string; placeholder?: string }, produce: (add: (items: PickItem<T>[]) => void, signal: AbortSignal) => Promise<void>): Promise<T | undefined> {
    const qp = vscode.window.createQuickPick<PickItem<T>>();
    qp.title = options.title;
    qp.placeholder = options.placeholder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.busy = true;
    const abort = new AbortController();
    return new Promise<T | undefined>((resolve) => {
      let settled = false;
      const finish = (value: T | undefined) => {
        if (settled) return;
        settled = true;
        abort.abort();
        resolve(value);
        qp.dispose();
      };
      qp.onDidAccept(() => finish(qp.selectedItems[0]?.value));
      qp.onDidHide(() => finish(undefined));
      qp.show();
      void produce((items) => {
        if (!settled && items.length) qp.items = [...qp.items, ...items];
      }, abort.signal).finally(() => {
        if (!settled) qp.busy = false;
      });
    });
  }
  async input(options: Parameters<Prompts['input']>[0]) {
    return vscode.window.showInputBox({
      title: options.title,
      prompt: options.prompt,
      value: options.value,
      placeHolder: options.placeholder,
      password: options.password,
      ignoreFocusOut: true,
      validateInput: options.validate,
    });
  }
  async progress<T>(options: ProgressOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const delay = options.delayMs ?? PROGRESS_DELAY_MS;
    if (delay <= 0) return this.withProgress(options, work);
    // Start now; show the progress only if the work outlasts the delay.
    const abort = new AbortController();
    const running = work(abort.signal);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), delay)));
    const first = await Promise.race([running.then(() => 'done' as const, () => 'done' as const), late]);
    clearTimeout(timer);
    if (first === 'done') return running;
    return this.withProgress(options, async (signal) => {
      signal.addEventListener('abort', () => abort.abort(), { once: true });
      return running;
    });
  }

  private async withProgress<T>(options: ProgressOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return vscode.window.withProgress(
      { location: options.viewId ? { viewId: options.viewId } : vscode.ProgressLocation.Notification, title: options.title, cancellable: !!options.cancellable },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          return await work(abort.signal);
        } catch (err) {
          // Whatever the aborted work threw, the user's Cancel is what happened.
          if (token.isCancellationRequested) throw new vscode.CancellationError();
          throw err;
        } finally {
          sub.dispose();
        }
      },
    );
  }
}

const KEEP_SHOWN = 2000;

/**
 * Delegates to a replaceable implementation; tests swap it through the extension's API. Keeps
 * the recent texts it showed (messages, details, pick items, titles) in memory, so a test can
 * check that no secret value ever reached the user interface.
 */
export class SwappablePrompts implements Prompts {
  private readonly recent: string[] = [];
  private dropped = 0;
  constructor(private target: Prompts) {}
  use(target: Prompts): void {
    this.target = target;
  }
  /** What was shown, most recent last, and how many older entries were dropped. */
  shown(): { texts: readonly string[]; dropped: number } {
    return { texts: this.recent, dropped: this.dropped };
  }
  private record(...texts: (string | undefined)[]): void {
    this.recent.push(texts.filter(Boolean).join('\n'));
    if (this.recent.length > KEEP_SHOWN) this.dropped += this.recent.splice(0, this.recent.length - KEEP_SHOWN).length;
  }
  info(m: string, o: MessageOptions, ...b: string[]) { this.record(m, o.detail, ...b); return this.target.info(m, o, ...b); }
  warn(m: string, o: MessageOptions, ...b: string[]) { this.record(m, o.detail, ...b); return this.target.warn(m, o, ...b); }
  error(m: string, o: MessageOptions, ...b: string[]) { this.record(m, o.detail, ...b); return this.target.error(m, o, ...b); }
  pickOne<T>(i: PickItem<T>[], o: { title: string; placeholder?: string }) { this.record(o.title, o.placeholder, ...i.flatMap((x) => [x.label, x.description, x.detail])); return this.target.pickOne(i, o); }
  pickMany<T>(i: PickItem<T>[], o: { title: string; placeholder?: string }) { this.record(o.title, o.placeholder, ...i.flatMap((x) => [x.label, x.description, x.detail])); return this.target.pickMany(i, o); }
  pickStreaming<T>(o: { title: string; placeholder?: string }, produce: (add: (items: PickItem<T>[]) => void, signal: AbortSignal) => Promise<void>) {
    this.record(o.title, o.placeholder);
    return this.target.pickStreaming<T>(o, (add, signal) => produce((items) => {
      this.record(...items.flatMap((x) => [x.label, x.description, x.detail]));
      add(items);
    }, signal));
  }
  input(o: Parameters<Prompts['input']>[0]) { this.record(o.title, o.prompt, o.placeholder); return this.target.input(o); }
  progress<T>(o: ProgressOptions, work: (signal: AbortSignal) => Promise<T>) { this.record(o.title); return this.target.progress(o, work); }
}
