// Secrets where the code uses them (issue 17), loaded when needed. The features (parsers, engine,
// providers: ./features.ts) are a chunk of their own, so what every activation loads does not
// carry them. They load, once, when the first document that
// references live in opens (or is open already), or when a command or a test asks for them; with
// `secretsManager.references.enabled` off, only a command loads them.
//
// The features are reached only through import('./features'): esbuild puts them in a chunk of their
// own (esbuild.mjs, FEATURES.references).
import * as vscode from 'vscode';
import type { ConnectionSpec } from '../aws/types';
import type { EditorHandle } from '../editor';
import type { UiDeps } from '../ui/deps';
import type { TreeHandle } from '../views';
import type * as Features from './features';
import { REFERENCE_SCHEMES, REFERENCE_SELECTOR } from './selector';

/** The reference features, once loaded: engine, providers, literal moves, workspace search. */
export type ReferenceFeatures = Features.ReferencesHandle;

/** The reference features, loaded on first use. */
export interface ReferencesHandle {
  /** Whether loading has been asked for (it may still be under way). */
  readonly requested: boolean;
  /** Loads the features on the first call; every call resolves to the same features. */
  features(): Promise<ReferenceFeatures>;
}

class LazyReferences implements ReferencesHandle {
  private loading: Promise<ReferenceFeatures> | undefined;
  constructor(private readonly start: () => Promise<ReferenceFeatures>) {}
  get requested(): boolean {
    return this.loading !== undefined;
  }
  features(): Promise<ReferenceFeatures> {
    return (this.loading ??= this.start().catch((err: unknown) => {
      // Asked for again by the next use, not remembered as failed.
      this.loading = undefined;
      throw err;
    }));
  }
}

export function registerReferences(
  deps: UiDeps,
  handles: { tree: TreeHandle; editor: EditorHandle; connectionLabel: (c: ConnectionSpec) => string },
  background: <T>(work: () => Promise<T>) => Promise<T>,
): ReferencesHandle {
  const lazy = new LazyReferences(async () => {
    const started = performance.now();
    const features = await import('./features');
    const handle = features.registerReferences(deps, handles, background);
    deps.log.info(`Secret references loaded in ${(performance.now() - started).toFixed(1)} ms`);
    return handle;
  });
  const needs = (document: vscode.TextDocument) => REFERENCE_SCHEMES.has(document.uri.scheme) && vscode.languages.match(REFERENCE_SELECTOR, document) > 0;
  const watch: vscode.Disposable[] = [];
  const stopWatching = () => watch.splice(0).forEach((d) => d.dispose());
  const loadIfNeeded = () => {
    if (lazy.requested || !deps.settings.referencesEnabled()) return;
    if (vscode.workspace.textDocuments.some(needs)) {
      stopWatching();
      lazy.features().catch((err: unknown) => deps.log.error(`Secret references could not be loaded: ${err instanceof Error ? err.message : String(err)}`));
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
