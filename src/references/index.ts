// Secrets where the code uses them (issue 17), loaded when needed. The features (parsers, engine,
// providers: ./features.ts) are a second bundle file, dist/references.js, so the main bundle that
// every activation loads does not carry them. They load, once, when the first document that
// references live in opens (or is open already), or when a command or a test asks for them; with
// `secretsManager.references.enabled` off, only a command loads them.
//
// In the main bundle, require('./features') is pointed at ./references.js by esbuild.mjs; in the
// transpiled test build (out/) it is the module itself.
import * as vscode from 'vscode';
import type { ConnectionSpec } from '../aws/types';
import type { EditorHandle } from '../editor';
import type { UiDeps } from '../ui/deps';
import type { TreeHandle } from '../views';
import type * as Features from './features';
import { REFERENCE_SCHEMES, REFERENCE_SELECTOR } from './selector';

export type ReferencesHandle = Features.ReferencesHandle;

/** A ReferencesHandle whose features load on first use. */
class LazyReferences implements ReferencesHandle {
  private handle: ReferencesHandle | undefined;
  constructor(private readonly start: () => ReferencesHandle) {}
  get loaded(): boolean {
    return this.handle !== undefined;
  }
  load(): ReferencesHandle {
    return (this.handle ??= this.start());
  }
  get engine() {
    return this.load().engine;
  }
  get providers() {
    return this.load().providers;
  }
  get moves() {
    return this.load().moves;
  }
  get findInWorkspace() {
    return this.load().findInWorkspace;
  }
  reveal(target: { connectionId: string; name: string; arn?: string }): Promise<boolean> {
    return this.load().reveal(target);
  }
}

export function registerReferences(
  deps: UiDeps,
  handles: { tree: TreeHandle; editor: EditorHandle; connectionLabel: (c: ConnectionSpec) => string },
  background: <T>(work: () => Promise<T>) => Promise<T>,
): ReferencesHandle {
  const lazy = new LazyReferences(() => {
    const started = performance.now();
    const features = require('./features') as typeof Features;
    const handle = features.registerReferences(deps, handles, background);
    deps.log.info(`Secret references loaded in ${(performance.now() - started).toFixed(1)} ms`);
    return handle;
  });
  const needs = (document: vscode.TextDocument) => REFERENCE_SCHEMES.has(document.uri.scheme) && vscode.languages.match(REFERENCE_SELECTOR, document) > 0;
  const watch: vscode.Disposable[] = [];
  const stopWatching = () => watch.splice(0).forEach((d) => d.dispose());
  const loadIfNeeded = () => {
    if (lazy.loaded || !deps.settings.referencesEnabled()) return;
    if (vscode.workspace.textDocuments.some(needs)) {
      stopWatching();
      lazy.load();
    }
  };
  watch.push(
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (needs(document)) loadIfNeeded();
    }),
    deps.settings.onDidChange((affects) => {
      if (affects('references')) loadIfNeeded();
    }),
  );
  deps.context.subscriptions.push({ dispose: stopWatching });
  // Documents open already (a restored window, or the yaml file that activated the extension):
  // after activate() returns, so activation does not wait for the features.
  setTimeout(loadIfNeeded, 0);
  return lazy;
}
