// Loads IAM Identity Center's code (accountsEntry.ts) on first use. A plain require of a relative
// path: in the extension's bundle esbuild resolves it to ./accounts.js next to dist/extension.js,
// left outside the bundle; unbundled (tests) it loads the module itself.
export type AccountsModule = typeof import('./accountsEntry');

let loaded: AccountsModule | undefined;

export function loadAccounts(): Promise<AccountsModule> {
  return Promise.resolve().then(() => (loaded ??= require('./accountsEntry') as AccountsModule));
}
