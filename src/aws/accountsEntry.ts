// IAM Identity Center (account discovery, the device flow, role credentials, the CLI's token cache)
// with the SSO and SSO OIDC SDK clients: the entry point of the second bundle file
// dist/accounts.js (esbuild.mjs). The main bundle never holds it: accountsLoader.ts loads it with
// require() when accounts are added or an account connection first needs credentials.
export { awsCliV2Available, defaultSleep, discoverAccounts, roleCredentials, sessionToken, signInNeeded, signInWithDeviceFlow, ssoEndpointsFrom } from './accounts';
export type { DeviceCode, DiscoveryOptions, SsoDeps } from './accounts';
export { appendToSharedConfig, listSsoSessions, readCachedToken, ssoCacheFile, tokenUsable, writeCachedToken } from './ssoCache';

import * as l10n from '@vscode/l10n';

/**
 * This bundle's own copy of @vscode/l10n gets the bundle VS Code loaded for the display language
 * (the main bundle's copy is configured by ui/localize.ts; a copy cannot share its state).
 */
export function configureStrings(contents: l10n.l10nJsonFormat | undefined): void {
  if (contents) l10n.config({ contents });
}
