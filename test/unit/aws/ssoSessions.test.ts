// One sign-in per IAM Identity Center session, with the real SSO code against the local endpoint:
// connections whose credentials fail together on an expired token share one question and one
// sign-in; one that used the old token after the sign-in tries again without asking; a declined
// sign-in is not asked again; background requests never ask.
import * as assert from 'node:assert/strict';
import { AwsError } from '../../../src/aws/errors';
import { cacheTime, writeCachedToken } from '../../../src/aws/ssoCache';
import { SsoSessions, sessionOf } from '../../../src/aws/ssoSessions';
import type { SsoRoleRef } from '../../../src/aws/ssoTypes';
import { DEMO_START_URL } from '../../emulator/ssoSeed';
import { useEmulator } from '../emulator/helpers';
import { RecordingLogger, useSandbox } from './helpers';

const role = (accountId: string, accountName: string, roleName: string): SsoRoleRef => ({ session: 'demo', startUrl: DEMO_START_URL, ssoRegion: 'eu-west-1', accountId, accountName, roleName });
const ROLES = [role('111122223333', 'payments-prod', 'ReadOnlyAccess'), role('444455556666', 'payments-staging', 'AdministratorAccess'), role('222233334444', 'sandbox', 'AdministratorAccess')];

describe('aws/ssoSessions: one sign-in per session', () => {
  const sandbox = useSandbox();
  const ctx = useEmulator({ seed: 'demo' });
  const ref = sessionOf(ROLES[0]);

  function sessions(answer: boolean, options: { canAsk?: () => boolean } = {}) {
    const env = { HOME: sandbox.dir };
    const calls = { asked: [] as number[], signIns: 0 };
    const s = new SsoSessions({
      sso: () => ({ logger: new RecordingLogger(), env, ssoEndpoint: ctx.emu.url, oidcEndpoint: ctx.emu.url }),
      users: () => 3,
      ask: async (_ref, users) => {
        calls.asked.push(users);
        await new Promise((r) => setTimeout(r, 20)); // the question stays open a moment
        return answer;
      },
      // Signing in: a new token in the cache, as `aws sso login` or the device flow leaves it.
      signIn: async () => {
        calls.signIns++;
        const { accessToken } = await ctx.emu.admin.ssoIssueToken(DEMO_START_URL);
        await writeCachedToken(ref, { startUrl: DEMO_START_URL, region: 'eu-west-1', accessToken, expiresAt: cacheTime(Date.now() + 3600_000) }, env);
      },
      canAsk: options.canAsk,
    });
    return { s, calls };
  }
  const signedIn = async () => {
    const { accessToken } = await ctx.emu.admin.ssoIssueToken(DEMO_START_URL);
    await writeCachedToken(ref, { startUrl: DEMO_START_URL, region: 'eu-west-1', accessToken, expiresAt: cacheTime(Date.now() + 3600_000) }, { HOME: sandbox.dir });
  };

  it('three connections failing together on an expired token: one question, one sign-in, three credentials', async () => {
    await signedIn();
    const { s, calls } = sessions(true);
    const providers = await Promise.all(ROLES.map((r) => s.credentials(r)));
    await ctx.emu.admin.ssoExpireTokens();
    const creds = await Promise.all(providers.map((p) => p()));
    assert.ok(creds.every((c) => /^ASIA/.test(c.accessKeyId)));
    assert.deepEqual(calls.asked, [3]);
    assert.equal(calls.signIns, 1);
    assert.equal(s.asked, 1);
    // A connection that used the old token after the sign-in tries again without asking.
    const late = await s.credentials(ROLES[0]);
    assert.ok((await late()).accessKeyId);
    assert.deepEqual(calls.asked, [3]);
  });

  it('a declined sign-in fails every connection with ssoExpired and is not asked again', async () => {
    await signedIn();
    await ctx.emu.admin.ssoExpireTokens();
    const { s, calls } = sessions(false);
    const providers = await Promise.all(ROLES.map((r) => s.credentials(r)));
    const results = await Promise.allSettled(providers.map((p) => p()));
    assert.ok(results.every((r) => r.status === 'rejected' && r.reason instanceof AwsError && r.reason.kind === 'ssoExpired'));
    await assert.rejects(providers[0](), (err: AwsError) => err.kind === 'ssoExpired');
    assert.deepEqual(calls.asked, [3], 'asked once, not again after no');
    assert.equal(calls.signIns, 0);
    // Signing in on request (the command) works, and clears the refusal.
    await s.signIn(ref, { ask: false });
    assert.ok((await providers[1]()).accessKeyId);
  });

  it('a background request never asks', async () => {
    await signedIn();
    await ctx.emu.admin.ssoExpireTokens();
    const { s, calls } = sessions(true, { canAsk: () => false });
    await assert.rejects((await s.credentials(ROLES[2]))(), (err: AwsError) => err.kind === 'ssoExpired');
    assert.deepEqual(calls.asked, []);
  });
});
