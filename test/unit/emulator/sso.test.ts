// The local endpoint's IAM Identity Center, through the real SDK clients over HTTP: the portal
// (ListAccounts, ListAccountRoles, GetRoleCredentials with paging and its errors), the OIDC device
// flow (RegisterClient, StartDeviceAuthorization, CreateToken and its errors), and role credentials
// that sign requests to each account's own secrets.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { ListSecretsCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand, RegisterClientCommand, SSOOIDCClient, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { DEMO_START_URL } from '../../emulator/ssoSeed';
import { manualClock, rejectsWith, useEmulator } from './helpers';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('emulator: IAM Identity Center', () => {
  const clock = manualClock();
  const ctx = useEmulator({ seed: 'demo', clock: clock.clock });
  let sso: SSOClient;
  let oidc: SSOOIDCClient;
  before(() => {
    const options = { region: 'eu-west-1', endpoint: ctx.emu.url, maxAttempts: 1 };
    sso = new SSOClient(options);
    oidc = new SSOOIDCClient(options);
  });
  after(() => {
    sso.destroy();
    oidc.destroy();
  });
  beforeEach(async () => {
    await ctx.emu.admin.clearFaults();
    await ctx.emu.admin.ssoSeedDemo();
  });

  const token = async () => (await ctx.emu.admin.ssoIssueToken(DEMO_START_URL)).accessToken;

  describe('portal', () => {
    it('lists the demo organisation with names and e-mail addresses', async () => {
      const out = await sso.send(new ListAccountsCommand({ accessToken: await token() }));
      assert.equal(out.nextToken, undefined);
      assert.deepEqual(
        out.accountList?.map((a) => a.accountName),
        ['payments-prod', 'payments-staging', 'data-platform', 'sandbox', 'security-audit'],
      );
      assert.deepEqual(out.accountList?.[0], { accountId: '111122223333', accountName: 'payments-prod', emailAddress: 'aws+payments-prod@example.com' });
    });

    it('pages accounts and roles with maxResults and nextToken', async () => {
      await ctx.emu.admin.ssoSeed(45, 3, 0);
      const accessToken = await token();
      const ids: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const out = await sso.send(new ListAccountsCommand({ accessToken, maxResults: 20, nextToken }));
        ids.push(...(out.accountList ?? []).map((a) => a.accountId!));
        nextToken = out.nextToken;
        pages++;
      } while (nextToken);
      assert.equal(pages, 3);
      assert.equal(new Set(ids).size, 45);
      const first = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: ids[0], maxResults: 2 }));
      assert.deepEqual(first.roleList, [
        { roleName: 'AdministratorAccess', accountId: ids[0] },
        { roleName: 'ReadOnlyAccess', accountId: ids[0] },
      ]);
      const second = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: ids[0], maxResults: 2, nextToken: first.nextToken }));
      assert.deepEqual(second.roleList?.map((r) => r.roleName), ['BillingReadOnly']);
      assert.equal(second.nextToken, undefined);
    });

    it('refuses a bad page size, a foreign next token and an unknown account', async () => {
      const accessToken = await token();
      await rejectsWith(sso.send(new ListAccountsCommand({ accessToken, maxResults: 500 })), 'InvalidRequestException');
      await rejectsWith(sso.send(new ListAccountsCommand({ accessToken, nextToken: 'bm90LWEtdG9rZW4' })), 'InvalidRequestException');
      await rejectsWith(sso.send(new ListAccountRolesCommand({ accessToken, accountId: '000000000000' })), 'ResourceNotFoundException');
    });

    it('answers UnauthorizedException for an unknown or expired token', async () => {
      await rejectsWith(sso.send(new ListAccountsCommand({ accessToken: 'aoa-not-a-token' })), 'UnauthorizedException', 'Session token not found or invalid');
      const accessToken = await token();
      await sso.send(new ListAccountsCommand({ accessToken }));
      await ctx.emu.admin.ssoExpireTokens();
      await rejectsWith(sso.send(new ListAccountsCommand({ accessToken })), 'UnauthorizedException');
      await rejectsWith(sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '111122223333', roleName: 'ReadOnlyAccess' })), 'UnauthorizedException');
    });

    it('answers TooManyRequestsException (429) when throttling', async () => {
      await ctx.emu.admin.setFaults({ throttle: { count: 1, operations: ['ListAccountRoles'] } });
      const accessToken = await token();
      const err = await rejectsWith(sso.send(new ListAccountRolesCommand({ accessToken, accountId: '111122223333' })), 'TooManyRequestsException');
      assert.equal((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode, 429);
      const again = await sso.send(new ListAccountRolesCommand({ accessToken, accountId: '111122223333' }));
      assert.equal(again.roleList?.length, 3);
    });

    it("hands out role credentials that see that account's own secrets only", async () => {
      const accessToken = await token();
      const secretsOf = async (accountId: string, roleName: string) => {
        const creds = (await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId, roleName }))).roleCredentials!;
        assert.match(creds.accessKeyId!, /^ASIA/);
        assert.ok(creds.expiration! > clock.now, 'expiration is epoch milliseconds in the future');
        const sm = new SecretsManagerClient({
          region: 'eu-west-1',
          endpoint: ctx.emu.url,
          maxAttempts: 1,
          credentials: { accessKeyId: creds.accessKeyId!, secretAccessKey: creds.secretAccessKey!, sessionToken: creds.sessionToken },
        });
        try {
          const list = await sm.send(new ListSecretsCommand({}));
          const names = (list.SecretList ?? []).map((s) => s.Name).sort();
          const arn = list.SecretList?.[0]?.ARN;
          const value = names.includes('payments/stripe') ? (await sm.send(new GetSecretValueCommand({ SecretId: 'payments/stripe' }))).SecretString : undefined;
          return { names, arn, value };
        } finally {
          sm.destroy();
        }
      };
      const prod = await secretsOf('111122223333', 'ReadOnlyAccess');
      const staging = await secretsOf('444455556666', 'AdministratorAccess');
      assert.deepEqual(prod.names, ['payments/db', 'payments/stripe']);
      assert.deepEqual(staging.names, ['payments/db', 'payments/feature-flags', 'payments/stripe']);
      assert.match(prod.arn!, /^arn:aws:secretsmanager:[a-z0-9-]+:111122223333:secret:/);
      assert.notEqual(prod.value, staging.value);
      // The endpoint's own account (dummy keys) still has its demo secrets, none of these.
      const own = await ctx.sm.send(new ListSecretsCommand({}));
      assert.ok(!(own.SecretList ?? []).some((s) => s.Name === 'payments/feature-flags'));
    });

    it('denies every Secrets Manager action to a role without permission, naming the action', async () => {
      const accessToken = await token();
      const creds = (await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '111122223333', roleName: 'BillingReadOnly' }))).roleCredentials!;
      const sm = new SecretsManagerClient({ region: 'eu-west-1', endpoint: ctx.emu.url, maxAttempts: 1, credentials: { accessKeyId: creds.accessKeyId!, secretAccessKey: creds.secretAccessKey!, sessionToken: creds.sessionToken } });
      try {
        await rejectsWith(sm.send(new ListSecretsCommand({})), 'AccessDeniedException', /assumed-role\/AWSReservedSSO_BillingReadOnly_.* is not authorized to perform: secretsmanager:ListSecrets/);
      } finally {
        sm.destroy();
      }
    });

    it('refuses a role the user is not assigned, and expired role credentials', async () => {
      const accessToken = await token();
      await rejectsWith(sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '222233334444', roleName: 'ReadOnlyAccess' })), 'ForbiddenException');
      const creds = (await sso.send(new GetRoleCredentialsCommand({ accessToken, accountId: '222233334444', roleName: 'AdministratorAccess' }))).roleCredentials!;
      await ctx.emu.admin.ssoExpireTokens(true);
      const sm = new SecretsManagerClient({ region: 'eu-west-1', endpoint: ctx.emu.url, maxAttempts: 1, credentials: { accessKeyId: creds.accessKeyId!, secretAccessKey: creds.secretAccessKey!, sessionToken: creds.sessionToken } });
      try {
        await rejectsWith(sm.send(new ListSecretsCommand({})), 'ExpiredTokenException');
      } finally {
        sm.destroy();
      }
    });
  });

  describe('OIDC device flow', () => {
    const register = () => oidc.send(new RegisterClientCommand({ clientName: 'secrets-manager-vscode', clientType: 'public', scopes: ['sso:account:access'] }));

    it('registers a client, starts a device authorization, and gives a token once approved', async () => {
      await ctx.emu.admin.ssoAutoApprove(false);
      const client = await register();
      assert.ok(client.clientId && client.clientSecret);
      assert.ok(client.clientSecretExpiresAt! > client.clientIdIssuedAt!, 'seconds since the epoch');
      const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: DEMO_START_URL }));
      assert.match(device.userCode!, /^[A-Z]{4}-[A-Z]{4}$/);
      assert.equal(device.verificationUriComplete, `${device.verificationUri}?user_code=${device.userCode}`);
      assert.equal(device.interval, 1);
      assert.equal(device.expiresIn, 600);
      const poll = () => oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }));
      const pending = await rejectsWith(poll(), 'AuthorizationPendingException');
      assert.equal((pending as unknown as { error: string }).error, 'authorization_pending');
      // Polling again within the interval.
      const slow = await rejectsWith(poll(), 'SlowDownException');
      assert.equal((slow as unknown as { error: string }).error, 'slow_down');
      clock.advance(1500);
      // What the user does in the browser: open the verification page.
      const page = await new Promise<number>((resolve, reject) => http.get(device.verificationUriComplete!, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject));
      assert.equal(page, 200);
      const t = await poll();
      assert.equal(t.tokenType, 'Bearer');
      assert.ok(t.accessToken && t.refreshToken);
      assert.equal(t.expiresIn, 8 * 3600);
      const accounts = await sso.send(new ListAccountsCommand({ accessToken: t.accessToken }));
      assert.equal(accounts.accountList?.length, 5);
      // The device code is used up; the refresh token gives a new access token once.
      await rejectsWith(poll(), 'InvalidGrantException');
      const refreshed = await oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken: t.refreshToken }));
      assert.ok(refreshed.accessToken && refreshed.accessToken !== t.accessToken);
      await rejectsWith(oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'refresh_token', refreshToken: t.refreshToken })), 'InvalidGrantException');
    });

    it('answers expired_token for a device code past its lifetime, invalid_client for a wrong secret', async () => {
      await ctx.emu.admin.ssoAutoApprove(false);
      const client = await register();
      const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: DEMO_START_URL }));
      clock.advance(601_000);
      const expired = await rejectsWith(
        oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: DEVICE_GRANT, deviceCode: device.deviceCode })),
        'ExpiredTokenException',
      );
      assert.equal((expired as unknown as { error: string }).error, 'expired_token');
      await rejectsWith(oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: 'wrong', startUrl: DEMO_START_URL })), 'InvalidClientException');
      await rejectsWith(oidc.send(new RegisterClientCommand({ clientName: 'x', clientType: 'confidential' })), 'InvalidClientMetadataException');
    });

    it('approves on the first poll with auto-approve (the demo)', async () => {
      await ctx.emu.admin.ssoAutoApprove(true);
      const client = await register();
      const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: DEMO_START_URL }));
      const t = await oidc.send(new CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: DEVICE_GRANT, deviceCode: device.deviceCode }));
      assert.ok(t.accessToken);
    });
  });
});
