// Composition root: builds the objects the extension is made of, registers them, nothing else.
// First: the model's strings are localized through @vscode/l10n, configured there (ui/localize.ts).
import './ui/localize';
import { AsyncLocalStorage } from 'node:async_hooks';
import * as vscode from 'vscode';
import { loadAccounts } from './aws/accountsLoader';
import { createSecretsService } from './aws/service';
import { SsoSessions } from './aws/ssoSessions';
import { ConnectionRegistry } from './model/connections';
import { CommandRunner } from './ui/commandRunner';
import { ErrorReporter } from './ui/errors';
import type { UiDeps } from './ui/deps';
import { SecretEvents } from './ui/events';
import { ExtensionLog } from './ui/log';
import { SwappablePrompts, VsCodePrompts, type Prompts } from './ui/prompts';
import { Settings } from './ui/settings';
import { resolveDefaultConnection } from './ui/defaultConnection';
import { ssoSignInUi } from './ui/ssoSignIn';
import { registerCommands } from './commands';
import { registerEditor, type EditorHandle } from './editor';
import { registerValues, type ValuesHandle } from './editor/values';
import { registerChatGuard, type ChatGuard } from './editor/chatGuard';
import { registerReferences, type ReferencesHandle } from './references';
import { registerTree, shortConnectionLabel, type TreeHandle } from './views';
import { registerFirstRun } from './views/firstRun';
import { registerHistoryView, type HistoryHandle } from './views/history';

/** What activate() returns: used by the integration tests, stable enough for other extensions. */
export interface ExtensionApi {
  /** Wall time of activate(), in milliseconds. */
  readonly activationMs: number;
  /** Where that time went: phase name -> milliseconds. */
  readonly activationPhases: Readonly<Record<string, number>>;
  readonly testing: {
    /** Answer the extension's questions from a test; undefined restores VS Code's own prompts. */
    usePrompts(prompts: Prompts | undefined): void;
    readonly connections: ConnectionRegistry;
    /** The settings reader every part of the extension reads through. */
    readonly settings: Settings;
    /** Recent log lines, all levels. */
    logLines(): readonly string[];
    /** How many log lines the ring dropped, and everything shown through Prompts (leak checks). */
    logDropped(): number;
    shownTexts(): { texts: readonly string[]; dropped: number };
    readonly tree: TreeHandle;
    readonly editor: EditorHandle;
    readonly history: HistoryHandle;
    readonly references: ReferencesHandle;
    readonly values: ValuesHandle;
    readonly chatGuard: ChatGuard;
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round((now - mark) * 10) / 10;
    mark = now;
  };
  const log = new ExtensionLog(vscode.window.createOutputChannel('Secrets Manager', { log: true }));
  const vscodePrompts = new VsCodePrompts();
  const prompts = new SwappablePrompts(vscodePrompts);
  const errors = new ErrorReporter(log, prompts);
  const runner = new CommandRunner(log, errors);
  const events = new SecretEvents();
  const settings = new Settings(vscode.workspace);
  // The only read of the environment outside src/aws: passed down from here.
  const env = process.env;
  // Requests the references make in the background (lookups for diagnostics, hovers): an MFA
  // code is asked for only by a request the user made.
  const background = new AsyncLocalStorage<boolean>();
  // IAM Identity Center connections (Add Accounts): one sign-in per session, asked only by a
  // request the user made; the SSO code loads (its own chunk) when first needed.
  let sso: SsoSessions | undefined;
  const connections = new ConnectionRegistry(
    context.globalState,
    (spec) =>
      createSecretsService(spec, {
        credentialsLoader: spec.sso ? () => sso!.credentials(spec.sso!) : undefined,
        logger: log,
        allowHttpHosts: () => settings.allowHttpHosts(),
        // assume-role profiles with mfa_serial ask for the code through the UI.
        mfaCodeProvider: async (serial) => {
          if (background.getStore()) throw new Error(vscode.l10n.t('Profile {0} needs an MFA code: run a command of the Secrets Manager view first to enter it.', spec.profile ?? ''));
          const code = await prompts.input({ title: vscode.l10n.t('MFA code for {0}', serial), prompt: vscode.l10n.t('Profile {0} assumes a role that needs a code from your MFA device.', spec.profile ?? ''), validate: (v) => (/^\d{6}$/.test(v.trim()) ? undefined : vscode.l10n.t('Six digits.')) });
          if (!code) throw new vscode.CancellationError();
          return code.trim();
        },
      }),
    () => resolveDefaultConnection(settings.connection(), env, (problem) => log.warn(problem)),
  );
  context.subscriptions.push(
    log,
    events,
    { dispose: () => connections.dispose() },
    // The default connection follows the profile, region and endpoint settings.
    settings.onDidChange((affects) => {
      if (affects('connection')) void connections.invalidate();
    }),
  );
  const deps: UiDeps = { context, log, prompts, runner, errors, events, connections, settings, env };
  sso = new SsoSessions({ ...ssoSignInUi(deps), canAsk: () => !background.getStore(), load: () => loadAccounts() });
  phase('core objects');

  const tree = registerTree(deps);
  const firstRun = registerFirstRun(deps);
  phase('tree');
  const editor = registerEditor(deps);
  phase('editor');
  const values = registerValues(deps);
  const chatGuard = registerChatGuard(deps);
  phase('values');
  // The History view; its CloudTrail client loads on first use (its own chunk).
  const history = registerHistoryView(deps);
  phase('history view');
  const references = registerReferences(deps, { tree, editor, connectionLabel: shortConnectionLabel }, (work) => background.run(true, work));
  phase('references');
  context.subscriptions.push(...registerCommands(deps, { tree, editor, history, references, sso, values, firstRun }));
  context.subscriptions.push(sso.onDidSignIn(() => tree.provider.refresh()));
  phase('commands');

  const activationMs = performance.now() - started;
  log.info(`Secrets Manager activated in ${activationMs.toFixed(1)} ms`);
  return {
    activationMs,
    activationPhases: phases,
    testing: {
      usePrompts: (p) => prompts.use(p ?? vscodePrompts),
      connections,
      settings,
      logLines: () => log.lines(),
      logDropped: () => log.dropped(),
      shownTexts: () => prompts.shown(),
      tree,
      editor,
      history,
      references,
      values,
      chatGuard,
    },
  };
}

export function deactivate(): void {
  /* everything is disposed through context.subscriptions */
}
