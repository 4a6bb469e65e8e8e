// IAM Identity Center in the AWS layer, against the local endpoint with the real SDK clients: the
// AWS CLI v2 token cache (a file the CLI wrote is read; a file the extension writes is one the
// SDK's own SSO credential provider uses), the device flow, refresh, account and role paging with
// bounded concurrency and throttling, role credentials.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SSOClient } from '@aws-sdk/client-sso';
import { fromSSO } from '@aws-sdk/credential-providers';
import { discoverAccounts, roleCredentials, sessionToken, signInWithDeviceFlow } from '../../../src/aws/accounts';
import { AwsError } from '../../../src/aws/errors';
import { cacheTime, listSsoSessions, readCachedToken, ssoCacheFile, writeCachedToken } from '../../../src/aws/ssoCache';
import type { CachedSsoToken, SsoSessionRef } from '../../../src/aws/ssoTypes';
import { DEMO_START_URL } from '../../emulator/ssoSeed';
import { manualClock, useEmulator } from '../emulator/helpers';
import { RecordingLogger, useSandbox } from './helpers';

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

describe('aws/accounts: the AWS CLI v2 token cache', () => {
  const sandbox = useSandbox();
  const env = () => ({ HOME: sandbox.dir });

  it('names the file by the sha1 of the sso-session name, or of the start URL with no session', () => {
    assert.equal(ssoCacheFile({ session: 'my-sso', startUrl: 'https://x.awsapps.com/start' }, env()), path.join(sandbox.dir, '.aws', 'sso', 'cache', `${sha1('my-sso')}.json`));
    assert.equal(ssoCacheFile({ startUrl: 'https://x.awsapps.com/start' }, env()), path.join(sandbox.dir, '.aws', 'sso', 'cache', `${sha1('https://x.awsapps.com/start')}.json`));
  });

  it('reads a token file as the AWS CLI v2 writes it', async () => {
    const dir = path.join(sandbox.dir, '.aws', 'sso', 'cache');
    fs.mkdirSync(dir, { recursive: true });
    // The CLI's own layout (`aws sso login --sso-session my-sso`), other fields included.
    fs.writeFileSync(
      path.join(dir, `${sha1('my-sso')}.json`),
      JSON.stringify({
        startUrl: 'https://d-1234567890.awsapps.com/start',
        region: 'eu-west-1',
        accessToken: 'aoaEXAMPLE',
        expiresAt: '2030-01-01T10:00:00Z',
        clientId: 'cid',
        clientSecret: 'csecret',
        registrationExpiresAt: '2030-03-01T10:00:00Z',
        refreshToken: 'aorEXAMPLE',
      }),
    );
    const t = await readCachedToken({ session: 'my-sso', startUrl: 'https://d-1234567890.awsapps.com/start' }, env());
    assert.deepEqual(t, {
      startUrl: 'https://d-1234567890.awsapps.com/start',
      region: 'eu-west-1',
      accessToken: 'aoaEXAMPLE',
      expiresAt: '2030-01-01T10:00:00Z',
      clientId: 'cid',
      clientSecret: 'csecret',
      registrationExpiresAt: '2030-03-01T10:00:00Z',
      refreshToken: 'aorEXAMPLE',
    });
    assert.equal(await readCachedToken({ session: 'other', startUrl: 'x' }, env()), undefined);
    fs.writeFileSync(path.join(dir, `${sha1('broken')}.json`), '{"accessToken": 1}');
    assert.equal(await readCachedToken({ session: 'broken', startUrl: 'x' }, env()), undefined);
  });

  it('writes a private file the CLI can read, keeping fields it does not know', async () => {
    const ref = { session: 'my-sso', startUrl: 'https://d-1234567890.awsapps.com/start' };
    const file = ssoCacheFile(ref, env());
    await writeCachedToken(ref, { startUrl: ref.startUrl, region: 'eu-west-1', accessToken: 'old', expiresAt: '2020-01-01T00:00:00Z' }, env());
    fs.writeFileSync(file, JSON.stringify({ accessToken: 'old', expiresAt: '2020-01-01T00:00:00Z', futureCliField: 'kept' }));
    const token: CachedSsoToken = { startUrl: ref.startUrl, region: 'eu-west-1', accessToken: 'new', expiresAt: cacheTime(Date.UTC(2030, 0, 1, 10)), refreshToken: 'r', clientId: 'c', clientSecret: 's', registrationExpiresAt: cacheTime(Date.UTC(2030, 2, 1)) };
    await writeCachedToken(ref, token, env());
    const written = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.deepEqual(written, { ...token, futureCliField: 'kept' });
    assert.equal(written.expiresAt, '2030-01-01T10:00:00Z', 'UTC, no milliseconds, as the CLI writes it');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, 0o700);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), [path.basename(file)], 'no temporary file left');
  });

  it('lists the sso-session sections of the config', async () => {
    sandbox.writeConfig('[sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\n[sso-session half]\nsso_region = us-east-1\n\n[profile dev]\nregion = us-east-1\n');
    assert.deepEqual(await listSsoSessions(process.env), [{ session: 'corp', startUrl: 'https://d-1.awsapps.com/start', region: 'eu-west-1', scopes: ['sso:account:access'] }]);
  });
});

describe('aws/accounts: against the local IAM Identity Center', () => {
  const sandbox = useSandbox();
  const clock = manualClock(Date.now());
  const ctx = useEmulator({ seed: 'demo', clock: clock.clock });
  const ref: SsoSessionRef = { session: 'demo', startUrl: DEMO_START_URL, region: 'eu-west-1' };
  const deps = () => ({ logger: new RecordingLogger(), env: { HOME: sandbox.dir }, ssoEndpoint: ctx.emu.url, oidcEndpoint: ctx.emu.url, now: clock.clock });
  beforeEach(async () => {
    await ctx.emu.admin.clearFaults();
    await ctx.emu.admin.ssoSeedDemo();
    await ctx.emu.admin.ssoAutoApprove(false);
  });

  it('signs in with the device flow, writes the cache, and the SDK uses that token for role credentials', async () => {
    let shown: { userCode: string; verificationUriComplete?: string } | undefined;
    let sleeps = 0;
    const token = await signInWithDeviceFlow(ref, {
      ...deps(),
      show: (code) => void (shown = code),
      // The user approves in the browser after the first poll.
      sleep: async (ms) => {
        sleeps++;
        clock.advance(ms);
        if (sleeps === 1) assert.equal(await ctx.emu.admin.ssoApproveDevice(shown!.userCode), true);
      },
    });
    assert.match(shown!.userCode, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(sleeps, 1);
    const cached = await readCachedToken(ref, { HOME: sandbox.dir });
    assert.deepEqual(cached, token);
    assert.ok(token.refreshToken && token.clientId && token.clientSecret && token.registrationExpiresAt);
    assert.equal(token.region, 'eu-west-1');
    assert.equal(token.startUrl, DEMO_START_URL);
    // The SDK's own provider (what the AWS CLI and every SDK do with an sso-session profile) reads the file.
    sandbox.writeConfig(`[sso-session demo]\nsso_start_url = ${DEMO_START_URL}\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\n[profile prod]\nsso_session = demo\nsso_account_id = 111122223333\nsso_role_name = ReadOnlyAccess\nregion = eu-west-1\n`);
    const creds = await fromSSO({ profile: 'prod', ignoreCache: true, clientConfig: { endpoint: ctx.emu.url } })();
    assert.match(creds.accessKeyId, /^ASIA/);
  });

  it('slows down when told to, and stops when the code expires', async () => {
    const pauses: number[] = [];
    await assert.rejects(
      // Polling at half the interval it was given: too soon, every time after the first.
      signInWithDeviceFlow(ref, { ...deps(), show: () => undefined, sleep: async (ms) => void (pauses.push(ms), clock.advance(ms / 2)) }),
      (err: AwsError) => err instanceof AwsError && err.kind === 'ssoExpired' && /expired before it was approved/.test(err.message),
    );
    // The first poll was pending, every later one too soon (slow_down adds 5 s)...
    assert.deepEqual(pauses.slice(0, 3), [1000, 6000, 11000]);
    // ...until the code's ten minutes were used up.
    assert.ok(pauses.length > 10 && pauses.length < 30, `${pauses.length} polls`);
  });

  it('uses a cached token, refreshes an expired one with its refresh token, and asks for a sign-in without one', async () => {
    const env = { HOME: sandbox.dir };
    const { accessToken } = await ctx.emu.admin.ssoIssueToken(DEMO_START_URL);
    await writeCachedToken(ref, { startUrl: DEMO_START_URL, region: 'eu-west-1', accessToken, expiresAt: cacheTime(clock.now + 3600_000) }, env);
    assert.equal(await sessionToken(ref, deps()), accessToken);

    // A signed-in session (refresh token, registration), then its access token expires.
    const signedIn = await signInWithDeviceFlow(ref, { ...deps(), show: async (c) => void (await ctx.emu.admin.ssoApproveDevice(c.userCode)), sleep: async (ms) => clock.advance(ms) });
    await writeCachedToken(ref, { ...signedIn, expiresAt: cacheTime(clock.now - 1000) }, env);
    const refreshed = await sessionToken(ref, deps());
    assert.notEqual(refreshed, signedIn.accessToken);
    const after = (await readCachedToken(ref, env))!;
    assert.equal(after.accessToken, refreshed, 'written back for the CLI');
    assert.ok(Date.parse(after.expiresAt) > clock.now);

    await writeCachedToken({ session: 'plain', startUrl: DEMO_START_URL }, { startUrl: DEMO_START_URL, region: 'eu-west-1', accessToken: 'x', expiresAt: cacheTime(clock.now - 1000) }, env);
    await assert.rejects(sessionToken({ ...ref, session: 'plain' }, deps()), (err: AwsError) => err.kind === 'ssoExpired' && /session "plain"/.test(err.message) && !err.message.includes('x"'));
  });

  it('pages 250 accounts x 3 roles with at most `concurrency` calls at a time', async () => {
    await ctx.emu.admin.ssoSeed(250, 3, 0);
    const { accessToken } = await ctx.emu.admin.ssoIssueToken(DEMO_START_URL);
    let inFlight = 0;
    let most = 0;
    const progress: number[] = [];
    const d = await discoverAccounts(
      ref,
      accessToken,
      {
        ...deps(),
        ssoClient: (region) => {
          const real = new SSOClient({ region, endpoint: ctx.emu.url, maxAttempts: 1 });
          return {
            send: (async (command: Parameters<SSOClient['send']>[0], options?: Parameters<SSOClient['send']>[1]) => {
              most = Math.max(most, ++inFlight);
              try {
                return await real.send(command as never, options as never);
              } finally {
                inFlight--;
              }
            }) as SSOClient['send'],
            destroy: () => real.destroy(),
          };
        },
      },
      { concurrency: 6, onProgress: (done) => progress.push(done) },
    );
    assert.equal(d.accounts.length, 250);
    assert.equal(new Set(d.accounts.map((a) => a.accountId)).size, 250);
    assert.deepEqual(d.accounts[0], { accountId: '100000000001', accountName: 'account-001', emailAddress: 'aws+account-001@example.com', roles: ['AdministratorAccess', 'ReadOnlyAccess', 'BillingReadOnly'] });
    assert.ok(d.accounts.every((a) => a.roles.length === 3));
    assert.equal(d.stats.listAccountsCalls, 3, '100 a page');
    assert.equal(d.stats.listAccountRolesCalls, 250);
    assert.ok(most <= 6 && most >= 2, `at most 6 at a time (saw ${most})`);
    assert.equal(progress.at(-1), 250);
  });

  it('follows role pages, sends throttled calls again, and stops on an expired token', async () => {
    await ctx.emu.admin.ssoSeed(12, 5, 0);
    const { accessToken } = await ctx.emu.admin.ssoIssueToken(DEMO_START_URL);
    await ctx.emu.admin.resetCounters();
    await ctx.emu.admin.setFaults({ throttle: { count: 5, operations: ['ListAccountRoles', 'ListAccounts'] } });
    const d = await discoverAccounts(ref, accessToken, { ...deps(), sleep: async () => undefined }, { pageSize: 2, concurrency: 4 });
    assert.equal(d.accounts.length, 12);
    assert.ok(d.accounts.every((a) => a.roles.length === 5 && !a.rolesError));
    assert.equal(d.stats.throttledRetries, 5);
    // 6 pages of accounts, 3 pages of roles for each of 12 accounts, and the 5 sent again.
    assert.equal(d.stats.listAccountsCalls + d.stats.listAccountRolesCalls, 6 + 36 + 5);
    const counters = await ctx.emu.admin.counters();
    assert.equal(counters.byOperation.ListAccounts, d.stats.listAccountsCalls);
    assert.equal(counters.byOperation.ListAccountRoles, d.stats.listAccountRolesCalls);

    await ctx.emu.admin.ssoExpireTokens();
    await assert.rejects(discoverAccounts(ref, accessToken, deps()), (err: AwsError) => err.kind === 'ssoExpired' && err.operation === 'ListAccounts');
  });

  it('gives role credentials for an account; an expired token is ssoExpired', async () => {
    const { accessToken } = await ctx.emu.admin.ssoIssueToken(DEMO_START_URL);
    const role = { session: 'demo', startUrl: DEMO_START_URL, ssoRegion: 'eu-west-1', accountId: '444455556666', accountName: 'payments-staging', roleName: 'AdministratorAccess' };
    const logger = new RecordingLogger();
    const creds = await roleCredentials(role, { ...deps(), logger, token: async () => accessToken })();
    assert.match(creds.accessKeyId, /^ASIA/);
    assert.ok(creds.expiration && creds.expiration.getTime() > clock.now);
    assert.ok(!logger.lines.some((l) => l.includes(creds.secretAccessKey) || l.includes(creds.sessionToken!) || l.includes(accessToken)), 'no key or token in the log');
    await ctx.emu.admin.ssoExpireTokens();
    await assert.rejects(roleCredentials(role, { ...deps(), token: async () => accessToken })(), (err: AwsError) => err.kind === 'ssoExpired' && err.operation === 'GetRoleCredentials' && !err.message.includes(accessToken));
  });
});


