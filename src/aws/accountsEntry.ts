// IAM Identity Center (account discovery, the device flow, role credentials, the CLI's token cache)
// with the SSO and SSO OIDC SDK clients: a chunk of its own (esbuild.mjs, FEATURES.accounts), which
// startup never loads: accountsLoader.ts imports it when accounts are added or an account
// connection first needs credentials.
export { awsCliV2Available, defaultSleep, discoverAccounts, roleCredentials, sessionToken, signInNeeded, signInWithDeviceFlow, ssoEndpointsFrom } from './accounts';
export type { DeviceCode, DiscoveryOptions, SsoDeps } from './accounts';
export { appendToSharedConfig, listSsoSessions, readCachedToken, ssoCacheFile, tokenUsable, writeCachedToken } from './ssoCache';

