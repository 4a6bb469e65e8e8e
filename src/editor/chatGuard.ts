// No value reaches an AI assistant without a deliberate act (issue 19). What VS Code 1.139 offers,
// checked in code-server 4.139.1 (its workbench source and test/e2e/chat.test.ts):
// - Inline suggestions: `editor.inlineSuggest.enabled` is language-overridable, so the
//   manifest's configurationDefaults turn it off for the secret languages (every provider,
//   Copilot's included, goes through it). Masked documents use the same languages.
// - The chat's implicit context (the active editor attached to the chat input): decided by
//   `chat.implicitContext.enabled`, read without a language or resource, so no language default
//   or scheme can turn it off for secrets alone; the only exclusion hook
//   (`lm.registerIgnoredFileProvider`) is a proposed API (chatParticipantPrivate) that a published
//   extension cannot use. So: when a secret document opens while chat can attach it, the user is
//   told once per session, plainly, with the two ways out: turn off the chat's implicit context
//   (a user setting, written only when they press the button) or hide values (masked documents
//   carry no value).
import * as vscode from 'vscode';
import { SECRET_SCHEME } from '../model/secretUri';
import type { UiDeps } from '../ui/deps';

const DONT_ASK_KEY = 'secretsManager.chatWarning.dismissed';

export const CHAT_WARNING = vscode.l10n.t('A chat in this window can attach the open secret to its input as context, and sending the chat would give its value to an AI model.');
export const TURN_OFF = vscode.l10n.t('Turn Off Chat Context');
export const HIDE = vscode.l10n.t('Hide Values');
export const NEVER = vscode.l10n.t("Don't Warn Again");

export interface ChatGuard {
  /** Whether the warning was shown in this session. */
  readonly warned: () => boolean;
  /** Forgets this session's warning (tests). */
  reset(): void;
}

export function registerChatGuard(deps: UiDeps): ChatGuard {
  const { context, settings, prompts, log } = deps;
  let warned = false;
  const check = async (editor: vscode.TextEditor | undefined) => {
    if (warned || !editor || editor.document.uri.scheme !== SECRET_SCHEME) return;
    if (context.globalState.get<boolean>(DONT_ASK_KEY)) return;
    const chat = settings.chatContext();
    if (chat.aiDisabled || !chat.attachesActiveEditor) return;
    warned = true;
    log.info('Warned that the chat can attach an open secret (chat.implicitContext.enabled)');
    const choice = await prompts.warn(vscode.l10n.t('{0} Turn off the chat\'s context for the active editor (a user setting), or hide values: secrets then open masked.', CHAT_WARNING), {}, TURN_OFF, HIDE, NEVER);
    if (choice === TURN_OFF) await settings.stopChatImplicitContext();
    else if (choice === HIDE) await vscode.commands.executeCommand('secretsManager.hideValues');
    else if (choice === NEVER) await context.globalState.update(DONT_ASK_KEY, true);
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor((e) => void check(e)));
  void check(vscode.window.activeTextEditor);
  return { warned: () => warned, reset: () => void (warned = false) };
}
