// IAM Identity Center (account discovery, the device flow, role credentials, the CLI's token cache)
// with the SSO and SSO OIDC SDK clients: the entry point of the second bundle file
// dist/accounts.js (esbuild.mjs). The main bundle never holds it: accountsLoader.ts loads it with
// require() when accounts are added or an account connection first needs credentials.
export { awsCliV2Available, defaultSleep, discoverAccounts, roleCredentials, sessionToken, signInNeeded, signInWithDeviceFlow, ssoEndpointsFrom } from './accounts';
export type { DeviceCode, DiscoveryOptions, SsoDeps } from './accounts';
export { appendToSharedConfig, listSsoSessions, readCachedToken, ssoCacheFile, tokenUsable, writeCachedToken } from './ssoCache';
