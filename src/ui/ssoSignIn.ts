// The UI half of the one IAM Identity Center sign-in per session (aws/ssoSessions.ts): the
// question, the AWS CLI's `aws sso login` in a terminal, or the device flow where the CLI (v2) is
// missing. Built at activation (extension.ts); the SSO code itself loads on first use.
import * as vscode from 'vscode';
import { loadAccounts } from '../aws/accountsLoader';
import { sessionOf, type SsoSessionsDeps } from '../aws/ssoSessions';
import { ssoSessionKey, type SsoSessionRef } from '../aws/ssoTypes';
import type { UiDeps } from './deps';

const CACHE_POLL_MS = 1000;

export function sessionName(ref: SsoSessionRef): string {
  return ref.session ? `${ref.session} (${ref.startUrl})` : ref.startUrl;
}

/** The question and the sign-in that SsoSessions needs from the UI. */
export function ssoSignInUi(deps: Pick<UiDeps, 'prompts' | 'log' | 'env' | 'connections'>): Pick<SsoSessionsDeps, 'ask' | 'signIn' | 'users' | 'sso'> {
  const { prompts, log, env, connections } = deps;
  const sso = () => ({ logger: log, env });
  const signIn = async (ref: SsoSessionRef): Promise<void> => {
    const mod = await loadAccounts();
    if (ref.session && (await mod.awsCliV2Available(env))) {
      // As the extension signs in a profile: the CLI in a terminal; its token lands in the shared cache.
      const before = (await mod.readCachedToken(ref, env))?.accessToken;
      const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('AWS sign-in'), isTransient: true });
      terminal.show();
      terminal.sendText(`aws sso login --sso-session ${/^[\w.@+-]+$/.test(ref.session) ? ref.session : `'${ref.session.replace(/'/g, `'\\''`)}'`}`);
      await prompts.progress({ title: vscode.l10n.t('Waiting for aws sso login to finish in the terminal...'), cancellable: true, delayMs: 0 }, async (signal) => {
        for (;;) {
          const t = await mod.readCachedToken(ref, env);
          if (t && t.accessToken !== before && mod.tokenUsable(t)) return;
          await mod.defaultSleep(CACHE_POLL_MS, signal);
        }
      });
      return;
    }
    await prompts.progress({ title: vscode.l10n.t('Signing in to IAM Identity Center ({0})...', sessionName(ref)), cancellable: true, delayMs: 0 }, (signal) =>
      mod.signInWithDeviceFlow(ref, {
        ...sso(),
        signal,
        show: (code) => {
          const open = vscode.l10n.t('Open Browser');
          const copy = vscode.l10n.t('Copy Code');
          void prompts
            .info(vscode.l10n.t('To sign in to {0}, open {1} and confirm the code {2}.', ref.startUrl, code.verificationUri, code.userCode), {}, open, copy)
            .then(async (choice) => {
              if (choice === open) await vscode.env.openExternal((code.verificationUriComplete ?? code.verificationUri) as unknown as vscode.Uri);
              else if (choice === copy) await vscode.env.clipboard.writeText(code.userCode);
            });
        },
      }),
    );
  };
  return {
    sso,
    signIn,
    users: (key) => connections.list().filter((c) => c.sso && ssoSessionKey(sessionOf(c.sso)) === key).length,
    ask: async (ref, users) => {
      const yes = vscode.l10n.t('Sign In');
      const message =
        users > 1
          ? vscode.l10n.t('Your IAM Identity Center sign-in ({0}) has expired. Sign in again for the {1} connections that use it?', sessionName(ref), users)
          : vscode.l10n.t('Your IAM Identity Center sign-in ({0}) has expired. Sign in again?', sessionName(ref));
      return (await prompts.warn(message, { modal: true }, yes)) === yes;
    },
  };
}
