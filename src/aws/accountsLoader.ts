// Loads IAM Identity Center's code (accountsEntry.ts) on first use. A plain require of a relative
// path: in the extension's bundle esbuild resolves it to ./accounts.js next to dist/extension.js,
// left outside the bundle; unbundled (tests) it loads the module itself.
export type AccountsModule = typeof import('./accountsEntry');

let loaded: AccountsModule | undefined;

/**
 * `strings`: the display language's bundle (vscode.l10n.bundle), handed to the module's own copy of
 * @vscode/l10n when it loads, so its messages are in the user's language too.
 */
export function loadAccounts(strings?: Record<string, string | { message: string; comment: string[] }>): Promise<AccountsModule> {
  return Promise.resolve().then(() => {
    if (!loaded) {
      loaded = require('./accountsEntry') as AccountsModule;
      loaded.configureStrings(strings);
    }
    return loaded;
  });
}
