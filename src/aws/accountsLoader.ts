// Loads IAM Identity Center's code (accountsEntry.ts) on first use, through import() only: the
// build puts it in a chunk of its own (esbuild.mjs, FEATURES.accounts); unbundled (tests) it loads
// the module itself.
export type AccountsModule = typeof import('./accountsEntry');

let loading: Promise<AccountsModule> | undefined;

export function loadAccounts(): Promise<AccountsModule> {
  return (loading ??= import('./accountsEntry').catch((err: unknown) => {
    // Asked for again by the next use, not remembered as failed.
    loading = undefined;
    throw err;
  }));
}
