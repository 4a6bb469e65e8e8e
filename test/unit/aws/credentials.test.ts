// Credentials end to end: profiles in a temp config directory, the real SDK over HTTP against the
// local endpoint. No SDK mock.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveDefaultConnection } from '../../../src/aws/config';
import { AwsSecretsService } from '../../../src/aws/service';
import { startEmulator, type Emulator } from '../../emulator/server';
import { DEMO_NAMES } from '../../emulator/seed';
import { closedPort, makeService, RecordingLogger, rejection, STATIC_PROFILE, useSandbox } from './helpers';

describe('aws/credentials', () => {
  let emu: Emulator;
  const sandbox = useSandbox();
  before(async () => {
    emu = await startEmulator({ port: 0, seed: 'demo' });
  });
  after(() => emu?.stop());

  it('a profile with static keys lists secrets', async () => {
    sandbox.writeConfig(STATIC_PROFILE.config, STATIC_PROFILE.credentials);
    const page = await makeService({ profile: 'dev', region: 'us-east-1', endpoint: emu.url }).listSecrets();
    assert.ok(page.secrets.some((s) => s.name === DEMO_NAMES.json));
  });

  it('a credential_process profile running a node script lists secrets', async () => {
    const script = path.join(sandbox.dir, 'creds.js');
    fs.writeFileSync(script, 'console.log(JSON.stringify({ Version: 1, AccessKeyId: "AKIDPROCEXAMPLE", SecretAccessKey: "procsecretEXAMPLE", SessionToken: "tok" }))');
    sandbox.writeConfig(`[profile proc]\nregion = us-east-1\ncredential_process = "${process.execPath}" "${script}"\n`);
    const page = await makeService({ profile: 'proc', region: 'us-east-1', endpoint: emu.url }).listSecrets({ maxResults: 1 });
    assert.equal(page.secrets.length, 1);
  });

  it('a failing credential_process: notSignedIn naming the profile, without echoing the command', async () => {
    sandbox.writeConfig(`[profile proc]\ncredential_process = "${process.execPath}" -e "process.exit(3)" --token=SHOULD-NOT-SHOW\n`);
    const err = await rejection(makeService({ profile: 'proc', region: 'us-east-1', endpoint: emu.url }).listSecrets());
    assert.equal(err.kind, 'notSignedIn');
    assert.match(err.message, /credential_process of profile "proc" failed/);
    assert.ok(!err.message.includes('SHOULD-NOT-SHOW'));
  });

  it('credentials that expire mid-session: the next call after the profile is refreshed uses the new keys', async () => {
    const keys = (id: string) => `[rotating]\naws_access_key_id = ${id}\naws_secret_access_key = secretEXAMPLE\n`;
    sandbox.writeConfig('[profile rotating]\nregion = us-east-1\n', keys('AKIDOLDEXAMPLE'));
    const svc = makeService({ profile: 'rotating', region: 'us-east-1', endpoint: emu.url });
    await svc.listSecrets({ maxResults: 1 });
    await emu.admin.setFaults({ expiredAccessKeys: ['AKIDOLDEXAMPLE'] });
    try {
      const err = await rejection(svc.listSecrets({ maxResults: 1 }));
      assert.equal(err.kind, 'notSignedIn');
      assert.match(err.message, /credentials of profile "rotating" have expired/);
      // The user signs in again: the credentials file gets fresh keys (as aws configure, saml2aws, ... do).
      sandbox.writeConfig('[profile rotating]\nregion = us-east-1\n', keys('AKIDNEWEXAMPLE'));
      await emu.admin.resetCounters();
      await svc.listSecrets({ maxResults: 1 });
      assert.deepEqual((await emu.admin.counters()).byAccessKey, { AKIDNEWEXAMPLE: 1 }, 'the retry signed with the new keys');
    } finally {
      await emu.admin.clearFaults();
      svc.dispose();
    }
  });

  it('environment credentials with no config files at all', async () => {
    fs.rmSync(path.join(sandbox.dir, 'config'), { force: true });
    process.env.AWS_ACCESS_KEY_ID = 'AKIDENVEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'envsecretEXAMPLE';
    process.env.AWS_SESSION_TOKEN = 'envtokenEXAMPLE';
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = emu.url;
    const conn = await resolveDefaultConnection({}, process.env, (s) => `${s.profile ?? 'env'}@${s.region}`);
    assert.deepEqual(conn, { id: 'env@us-east-1', profile: undefined, region: 'us-east-1', endpoint: emu.url });
    const svc = new AwsSecretsService(conn!, { logger: new RecordingLogger() });
    assert.equal((await svc.describeSecret(DEMO_NAMES.json)).name, DEMO_NAMES.json);
  });

  it('environment keys win over a default profile when AWS_PROFILE is not set', async () => {
    // The default profile is SSO with no token: using it would fail. The env keys are used instead.
    sandbox.writeConfig('[default]\nregion = us-east-1\nsso_session = s\nsso_account_id = 123456789012\nsso_role_name = R\n[sso-session s]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n');
    process.env.AWS_ACCESS_KEY_ID = 'AKIDENVEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'envsecretEXAMPLE';
    process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = emu.url;
    const conn = await resolveDefaultConnection({}, process.env, (s) => `${s.profile ?? 'env'}@${s.region}`);
    assert.equal(conn?.profile, undefined);
    assert.equal(conn?.region, 'us-east-1');
    await new AwsSecretsService(conn!, { logger: new RecordingLogger() }).listSecrets({ maxResults: 1 });
  });

  describe('SSO', () => {
    const writeToken = (key: string, expiresAt: string) => {
      const cache = path.join(sandbox.dir, '.aws', 'sso', 'cache');
      fs.mkdirSync(cache, { recursive: true });
      fs.writeFileSync(
        path.join(cache, `${createHash('sha1').update(key).digest('hex')}.json`),
        JSON.stringify({ accessToken: 'expired-EXAMPLE', expiresAt, region: 'us-east-1', startUrl: 'https://example.awsapps.com/start' }),
      );
    };
    const SESSION_PROFILE =
      '[profile corp]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n';

    it('an sso-session profile whose cached token expired: ssoExpired naming the profile', async () => {
      sandbox.writeConfig(SESSION_PROFILE);
      writeToken('corp', '2020-01-01T00:00:00Z');
      const err = await rejection(makeService({ profile: 'corp', region: 'us-east-1', endpoint: emu.url }).listSecrets());
      assert.equal(err.kind, 'ssoExpired', err.message);
      assert.match(err.message, /profile "corp"/);
      assert.match(err.message, /aws sso login --profile corp/);
      assert.equal(err.ssoLoginCommand, 'aws sso login --profile corp');
      assert.equal(err.profile, 'corp');
    });

    it('an sso-session profile that never signed in (no cached token): ssoExpired', async () => {
      sandbox.writeConfig(SESSION_PROFILE);
      const err = await rejection(makeService({ profile: 'corp', region: 'us-east-1', endpoint: emu.url }).listSecrets());
      assert.equal(err.kind, 'ssoExpired', err.message);
      assert.equal(err.ssoLoginCommand, 'aws sso login --profile corp');
    });

    it('a legacy SSO profile (sso_start_url in the profile) with an expired token: ssoExpired', async () => {
      sandbox.writeConfig('[profile legacy]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n');
      writeToken('https://example.awsapps.com/start', '2020-01-01T00:00:00Z');
      const err = await rejection(makeService({ profile: 'legacy', region: 'us-east-1', endpoint: emu.url }).listSecrets());
      assert.equal(err.kind, 'ssoExpired', err.message);
      assert.match(err.message, /legacy/);
    });
  });

  it('an unknown profile: notSignedIn naming it and saying how to configure it', async () => {
    sandbox.writeConfig(STATIC_PROFILE.config, STATIC_PROFILE.credentials);
    const err = await rejection(makeService({ profile: 'nope', region: 'us-east-1', endpoint: emu.url }).listSecrets());
    assert.equal(err.kind, 'notSignedIn');
    assert.match(err.message, /Profile "nope"/);
    assert.match(err.message, /aws configure --profile nope/);
  });

  it('a profile lost to a malformed config file: invalidInput naming the file and line, never its text', async () => {
    sandbox.writeConfig('[profile dev\nregion = us-east-1\n', '[dev]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key SECRET-EXAMPLE\n');
    const err = await rejection(makeService({ profile: 'dev', region: 'us-east-1', endpoint: emu.url }).listSecrets());
    assert.equal(err.kind, 'invalidInput', err.message);
    assert.match(err.message, /Profile "dev" could not be read: .*config line 1: a section header without its closing '\]'/);
    assert.match(err.message, /credentials line 3: neither a \[section\] header/);
    assert.ok(!err.message.includes('SECRET-EXAMPLE'), 'the line itself is not quoted');
  });

  it('no credentials anywhere: notSignedIn saying what to set', async () => {
    const err = await rejection(makeService({ region: 'us-east-1', endpoint: emu.url }).listSecrets());
    assert.equal(err.kind, 'notSignedIn');
    assert.match(err.message, /No AWS credentials were found/);
    assert.match(err.message, /AWS_ACCESS_KEY_ID/);
  });

  describe('assume-role with MFA', () => {
    const MFA_PROFILE =
      '[profile src]\naws_access_key_id = AKIDSRCEXAMPLE\naws_secret_access_key = srcsecretEXAMPLE\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = src\nmfa_serial = arn:aws:iam::123456789012:mfa/me\nregion = us-east-1\n';

    it('asks the injected callback for the code of the profile\'s MFA device; STS failures are not blamed on the endpoint', async () => {
      sandbox.writeConfig(MFA_PROFILE);
      // STS is pointed at a closed local port: nothing leaves the machine.
      process.env.AWS_ENDPOINT_URL_STS = `http://127.0.0.1:${await closedPort()}`;
      const asked: string[] = [];
      const svc = makeService({ profile: 'admin', region: 'us-east-1', endpoint: emu.url }, {
        mfaCodeProvider: async (serial) => {
          asked.push(serial);
          return '123456';
        },
      });
      const err = await rejection(svc.listSecrets());
      assert.deepEqual(asked, ['arn:aws:iam::123456789012:mfa/me']);
      assert.equal(err.kind, 'endpointUnreachable');
      assert.match(err.message, /get credentials for profile "admin"/);
      assert.ok(!err.message.includes(emu.url), 'the Secrets Manager endpoint was never reached');
    });

    it('a cancelled MFA prompt is a cancellation, and the next call asks again', async () => {
      sandbox.writeConfig(MFA_PROFILE);
      process.env.AWS_ENDPOINT_URL_STS = `http://127.0.0.1:${await closedPort()}`;
      let asked = 0;
      const svc = makeService({ profile: 'admin', region: 'us-east-1', endpoint: emu.url }, {
        mfaCodeProvider: async () => {
          asked++;
          throw Object.assign(new Error('Canceled'), { name: 'Canceled' });
        },
      });
      assert.equal((await rejection(svc.listSecrets())).kind, 'cancelled');
      assert.equal((await rejection(svc.listSecrets())).kind, 'cancelled');
      assert.equal(asked, 2);
    });
  });
});
