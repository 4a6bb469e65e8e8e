// The accounts part of the benchmark (issue 20): discovering 200 accounts x 3 roles through the SSO
// portal API, as Add Accounts does (src/aws/accounts.ts discoverAccounts: every page, 8 calls at a
// time, throttled calls sent again), beside its floor measured in the same run: the same pages
// fetched with the raw SSOClient and the same parallelism. Also with 50 ms per request (where the
// bounded concurrency matters) and with throttling. Figures are printed, never asserted.
// No `vscode`: index.ts runs it in the extension host; `node out/test/bench/accounts.js [--quick]`
// runs it alone in plain Node against an endpoint of its own.
import { ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { discoverAccounts } from '../../src/aws/accounts';
import type { Logger } from '../../src/aws/types';
import type { AdminClient } from '../emulator/admin-client';
import type { EmulatorAdminApi } from '../emulator/types';
import { median, ms, type Row } from './figures';

export const ACCOUNTS = 200;
export const ROLES = 3;
const CONCURRENCY = 8;
const PAGE = 100;
const START_URL = 'https://d-9067bench01.awsapps.com/start';

const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** The floor: every page with a new raw client (as each discovery makes one), roles CONCURRENCY accounts at a time. */
async function rawDiscovery(url: string, accessToken: string): Promise<number> {
  const sso = new SSOClient({ region: 'us-east-1', endpoint: url, maxAttempts: 1 });
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const out = await sso.send(new ListAccountsCommand({ accessToken, maxResults: PAGE, nextToken }));
    ids.push(...(out.accountList ?? []).map((a) => a.accountId!));
    nextToken = out.nextToken;
  } while (nextToken);
  let next = 0;
  let roles = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < ids.length) {
      const accountId = ids[next++];
      let token: string | undefined;
      do {
        const out = await sso.send(new ListAccountRolesCommand({ accessToken, accountId, maxResults: PAGE, nextToken: token }));
        roles += out.roleList?.length ?? 0;
        token = out.nextToken;
      } while (token);
    }
  }));
  sso.destroy();
  return roles;
}

export async function benchAccounts(o: { admin: AdminClient | EmulatorAdminApi; url: string; runs: number; rowsOut: Row[] }): Promise<Record<string, unknown>> {
  const { admin, url, runs, rowsOut: rows } = o;
  await admin.ssoSeed(ACCOUNTS, ROLES, 0);
  const { accessToken } = await admin.ssoIssueToken(START_URL, 24 * 3600);
  const ref = { session: 'bench', startUrl: START_URL, region: 'us-east-1' };
  const deps = { logger: silent, env: {}, ssoEndpoint: url, oidcEndpoint: url };
  const figures: Record<string, unknown> = {};
  // One of each first, not counted: the SDK's modules load and warm up on the first calls.
  await discoverAccounts(ref, accessToken, deps, { concurrency: CONCURRENCY });
  await rawDiscovery(url, accessToken);
  const g = `accounts: discovery of ${ACCOUNTS} accounts x ${ROLES} roles`;
  try {
    for (const [label, latency] of [['', 0], [' (+50 ms/request)', 50]] as const) {
      await admin.setFaults(latency ? { latencyMs: latency } : {});
      const times: number[] = [];
      const floors: number[] = [];
      let calls: Record<string, number> = {};
      let found = 0;
      for (let i = 0; i < runs; i++) {
        await admin.resetCounters();
        const t0 = performance.now();
        const d = await discoverAccounts(ref, accessToken, deps, { concurrency: CONCURRENCY });
        times.push(performance.now() - t0);
        calls = (await admin.counters()).byOperation;
        found = d.accounts.reduce((n, a) => n + a.roles.length, 0);
        const t1 = performance.now();
        const rawRoles = await rawDiscovery(url, accessToken);
        floors.push(performance.now() - t1);
        if (rawRoles !== found) throw new Error(`the floor found ${rawRoles} roles, discovery ${found}`);
      }
      const t = median(times);
      const floor = median(floors);
      const floorCalls = Math.ceil(ACCOUNTS / PAGE) + ACCOUNTS;
      rows.push({ group: g, name: `discover every account and role${label}`, value: ms(t), unit: 'ms', target: `<= ${ms(floor * 1.1)} (1.1 x floor); a few seconds`, floor: ms(floor) });
      rows.push({ group: g, name: `  discovery / floor (raw SSOClient, same pages, ${CONCURRENCY} at a time)${label}`, value: Number((t / floor).toFixed(2)), unit: 'ratio', target: '<= 1.1', floor: 1 });
      rows.push({ group: g, name: `  ListAccounts calls${label}`, value: calls.ListAccounts ?? 0, unit: 'calls', target: String(Math.ceil(ACCOUNTS / PAGE)), floor: Math.ceil(ACCOUNTS / PAGE) });
      rows.push({ group: g, name: `  ListAccountRoles calls${label}`, value: calls.ListAccountRoles ?? 0, unit: 'calls', target: String(ACCOUNTS), floor: ACCOUNTS });
      rows.push({ group: g, name: `  roles found${label}`, value: found, unit: 'roles', target: String(ACCOUNTS * ROLES), floor: ACCOUNTS * ROLES });
      if (latency) rows.push({ group: g, name: `  one call after another would take${label}`, value: floorCalls * latency, unit: 'ms', target: '', floor: '' });
      figures[latency ? 'latency50' : 'local'] = { ms: ms(t), floorMs: ms(floor), calls, roles: found };
    }
    // Throttled: 30 ListAccountRoles calls answered TooManyRequestsException along the way.
    await admin.setFaults({ throttle: { count: 30, operations: ['ListAccountRoles'] } });
    await admin.resetCounters();
    const t0 = performance.now();
    const d = await discoverAccounts(ref, accessToken, deps, { concurrency: CONCURRENCY });
    const t = performance.now() - t0;
    const calls = (await admin.counters()).byOperation;
    rows.push({ group: g, name: 'discover with 30 ListAccountRoles calls throttled', value: ms(t), unit: 'ms', target: 'completes', floor: '' });
    rows.push({ group: g, name: '  calls sent again after a pause', value: d.stats.throttledRetries, unit: 'calls', target: '30', floor: 30 });
    rows.push({ group: g, name: '  all calls (ListAccounts + ListAccountRoles)', value: (calls.ListAccounts ?? 0) + (calls.ListAccountRoles ?? 0), unit: 'calls', target: String(Math.ceil(ACCOUNTS / PAGE) + ACCOUNTS + 30), floor: Math.ceil(ACCOUNTS / PAGE) + ACCOUNTS });
    figures.throttled = { ms: ms(t), retries: d.stats.throttledRetries, roles: d.accounts.reduce((n, a) => n + a.roles.length, 0) };
  } finally {
    await admin.clearFaults();
  }
  return figures;
}

/** Alone, in plain Node: `node out/test/bench/accounts.js [--quick]`. */
async function main(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startEmulator } = require('../emulator/server') as typeof import('../emulator/server');
  const quick = process.argv.includes('--quick');
  const emu = await startEmulator({ port: 0 });
  const rows: Row[] = [];
  try {
    await benchAccounts({ admin: emu.admin, url: emu.url, runs: quick ? 2 : 5, rowsOut: rows });
  } finally {
    await emu.stop();
  }
  console.log(`mode: ${quick ? 'quick (2 runs)' : 'full (5 runs)'}; medians`);
  for (const r of rows) console.log(`${r.name.padEnd(86)} ${String(r.value).padStart(9)} ${r.unit.padEnd(6)} target ${r.target}${r.floor !== '' ? `  floor ${r.floor}` : ''}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
