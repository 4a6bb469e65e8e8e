// Profiles, region and endpoint resolution from shared config files in a temp directory, read
// with the SDK's own loader.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  cleartextEndpointProblem,
  defaultProfileName,
  isKnownRegion,
  KNOWN_REGIONS,
  lintSharedConfig,
  listProfiles,
  loadSharedConfig,
  profileRegion,
  resolveDefaultConnection,
  resolveEndpoint,
  resolveRegion,
  sharedConfigPaths,
} from '../../../src/aws/config';
import { AwsError } from '../../../src/aws/errors';
import { makeService, rejection, useSandbox } from './helpers';

const makeId = (s: { profile?: string; region: string; endpoint?: string }) => `${s.profile ?? 'env'}@${s.region}${s.endpoint ? '@custom' : ''}`;

describe('aws/config', () => {
  const sandbox = useSandbox();

  it('lists profiles of both files, without sso-session or services sections', async () => {
    sandbox.writeConfig(
      '[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n[sso-session corp]\nsso_region = us-east-1\n[services local]\nsecrets_manager =\n  endpoint_url = http://127.0.0.1:1\n',
      '[default]\naws_access_key_id = A\naws_secret_access_key = B\n[ci]\naws_access_key_id = C\naws_secret_access_key = D\n',
    );
    assert.deepEqual(await listProfiles(), ['ci', 'default', 'dev']);
    assert.equal(await profileRegion('dev'), 'eu-west-1');
    assert.equal(await profileRegion('ci'), undefined);
    assert.equal(await profileRegion('missing'), undefined);
  });

  it('reads the files named by the env passed in, and never serves a cached copy', async () => {
    const a = path.join(sandbox.dir, 'a.ini');
    fs.writeFileSync(a, '[profile one]\nregion = us-west-2\n');
    const env = { AWS_CONFIG_FILE: a, AWS_SHARED_CREDENTIALS_FILE: path.join(sandbox.dir, 'none') };
    assert.deepEqual(await listProfiles(env), ['one']);
    fs.writeFileSync(a, '[profile one]\nregion = ap-south-1\n[profile two]\nregion = us-east-1\n');
    assert.deepEqual(await listProfiles(env), ['one', 'two']);
    assert.equal(await profileRegion('one', env), 'ap-south-1');
    // Another directory, same process: no stale cache.
    const b = path.join(sandbox.dir, 'b.ini');
    fs.writeFileSync(b, '[profile three]\nregion = us-east-1\n');
    assert.deepEqual(await listProfiles({ AWS_CONFIG_FILE: b, AWS_SHARED_CREDENTIALS_FILE: path.join(sandbox.dir, 'none') }), ['three']);
  });

  it('defaults the file paths to HOME/.aws, and gives no profiles when there are no files', async () => {
    assert.deepEqual(sharedConfigPaths({ HOME: '/h' }), { configFile: path.join('/h', '.aws', 'config'), credentialsFile: path.join('/h', '.aws', 'credentials') });
    assert.deepEqual(await listProfiles({ HOME: sandbox.dir }), []);
  });

  it('default profile: AWS_PROFILE, else default when it exists (unless env keys are set), else none', async () => {
    sandbox.writeConfig('[default]\nregion = us-east-1\n[profile dev]\n');
    const config = await loadSharedConfig();
    assert.equal(defaultProfileName(config, { AWS_PROFILE: 'dev' }), 'dev');
    assert.equal(defaultProfileName(config, {}), 'default');
    assert.equal(defaultProfileName(config, { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'B' }), undefined);
    assert.equal(defaultProfileName(config, { AWS_PROFILE: 'dev', AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'B' }), 'dev');
    sandbox.writeConfig('[profile dev]\n');
    assert.equal(defaultProfileName(await loadSharedConfig(), {}), undefined);
  });

  it('region: setting, then the profile, then AWS_REGION, then AWS_DEFAULT_REGION, else undefined', async () => {
    sandbox.writeConfig('[profile dev]\nregion = eu-west-1\n');
    const config = await loadSharedConfig();
    const env = { AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'ap-south-1' };
    assert.equal(resolveRegion({ setting: 'ca-central-1', profile: 'dev', config, env }), 'ca-central-1');
    assert.equal(resolveRegion({ setting: '', profile: 'dev', config, env }), 'eu-west-1');
    assert.equal(resolveRegion({ profile: 'other', config, env }), 'us-west-2');
    assert.equal(resolveRegion({ config, env: { AWS_DEFAULT_REGION: 'ap-south-1' } }), 'ap-south-1');
    assert.equal(resolveRegion({ config, env: {} }), undefined);
  });

  it('known regions: the commercial ones for the quick pick', () => {
    for (const r of ['us-east-1', 'eu-central-1', 'ap-southeast-2', 'sa-east-1', 'il-central-1']) assert.ok(KNOWN_REGIONS.includes(r), r);
    assert.ok(!KNOWN_REGIONS.includes('us-gov-west-1'));
    assert.equal(new Set(KNOWN_REGIONS).size, KNOWN_REGIONS.length);
    assert.ok(isKnownRegion('us-east-1'));
    assert.ok(isKnownRegion('cn-north-1'));
    assert.ok(!isKnownRegion('us-east-7'));
    assert.ok(!isKnownRegion('US-EAST-1'));
  });

  it('endpoint: setting > AWS_ENDPOINT_URL_SECRETS_MANAGER > AWS_ENDPOINT_URL > services section > endpoint_url', async () => {
    sandbox.writeConfig(
      '[profile dev]\nservices = local\nendpoint_url = http://127.0.0.1:1001\n[services local]\nsecrets_manager =\n  endpoint_url = http://127.0.0.1:1002\n[profile plain]\nendpoint_url = http://127.0.0.1:1001\n[profile other-service]\nservices = s3only\n[services s3only]\ns3 =\n  endpoint_url = http://127.0.0.1:1009\n',
    );
    const config = await loadSharedConfig();
    const env = { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:1003', AWS_ENDPOINT_URL: 'http://127.0.0.1:1004' };
    assert.deepEqual(resolveEndpoint({ setting: 'http://127.0.0.1:1005', profile: 'dev', config, env }), { url: 'http://127.0.0.1:1005', source: 'setting' });
    assert.deepEqual(resolveEndpoint({ profile: 'dev', config, env }), { url: 'http://127.0.0.1:1003', source: 'AWS_ENDPOINT_URL_SECRETS_MANAGER' });
    assert.deepEqual(resolveEndpoint({ profile: 'dev', config, env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:1004' } }), { url: 'http://127.0.0.1:1004', source: 'AWS_ENDPOINT_URL' });
    assert.deepEqual(resolveEndpoint({ profile: 'dev', config, env: {} }), { url: 'http://127.0.0.1:1002', source: 'profile services section' });
    assert.deepEqual(resolveEndpoint({ profile: 'plain', config, env: {} }), { url: 'http://127.0.0.1:1001', source: 'profile endpoint_url' });
    assert.equal(resolveEndpoint({ profile: 'other-service', config, env: {} }), undefined, 'another service\'s endpoint is not ours');
    assert.equal(resolveEndpoint({ config, env: {} }), undefined);
    assert.equal(resolveEndpoint({ setting: '  ', config, env: {} }), undefined);
  });

  it('endpoint: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS leaves only the setting', async () => {
    sandbox.writeConfig('[profile plain]\nendpoint_url = http://127.0.0.1:1001\n[profile ignoring]\nendpoint_url = http://127.0.0.1:1001\nignore_configured_endpoint_urls = true\n');
    const config = await loadSharedConfig();
    const env = { AWS_ENDPOINT_URL: 'http://127.0.0.1:1004', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' };
    assert.equal(resolveEndpoint({ profile: 'plain', config, env }), undefined);
    assert.equal(resolveEndpoint({ setting: 'http://127.0.0.1:1005', profile: 'plain', config, env })?.source, 'setting');
    assert.equal(resolveEndpoint({ profile: 'ignoring', config, env: {} }), undefined);
  });

  it('refuses a malformed endpoint URL with an invalidInput error naming where it came from', async () => {
    sandbox.writeConfig('[profile bad]\nendpoint_url = ftp://example.com\n');
    const config = await loadSharedConfig();
    const check = (o: Parameters<typeof resolveEndpoint>[0], pattern: RegExp) =>
      assert.throws(() => resolveEndpoint(o), (err: unknown) => {
        assert.ok(err instanceof AwsError);
        assert.equal(err.kind, 'invalidInput');
        assert.match(err.message, pattern);
        return true;
      });
    check({ config, env: { AWS_ENDPOINT_URL: 'localhost:4566' } }, /"localhost:4566" from AWS_ENDPOINT_URL is not an http\(s\) URL/);
    check({ config, env: { AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http//nope' } }, /from AWS_ENDPOINT_URL_SECRETS_MANAGER/);
    check({ setting: 'not a url', config, env: {} }, /from the secretsManager\.endpoint setting/);
    check({ profile: 'bad', config, env: {} }, /"ftp:\/\/example\.com" from endpoint_url of profile "bad"/);
  });

  it('finds the lines the SDK skips silently, by number and without their text', () => {
    const text = [
      '# comment', '; comment', '', '[default]', 'region = us-east-1 # inline', 's3 =', '  max_concurrent_requests = 10',
      '[profile dev', 'aws_secret_access_key = SECRET-EXAMPLE', 'just words', '= orphan', '[]', '[ok] ; note', 'x=1',
    ].join('\n');
    assert.deepEqual(lintSharedConfig(text), [
      { line: 8, problem: "a section header without its closing ']'" },
      { line: 9, problem: 'a setting before any [section] header' },
      { line: 10, problem: 'neither a [section] header, a key = value setting nor a comment' },
      { line: 11, problem: "a value with no key before the '='" },
      { line: 12, problem: 'a section header with no name' },
    ]);
    assert.deepEqual(lintSharedConfig('region = us-east-1\n'), [{ line: 1, problem: 'a setting before any [section] header' }]);
    assert.deepEqual(lintSharedConfig('[a]\r\nx = 1\r\n'), [], 'CRLF files are fine');
  });

  it('a malformed config file: loadSharedConfig reports the file and line; the profile under it is missing', async () => {
    sandbox.writeConfig('[profile dev\nregion = eu-west-1\n[profile ok]\nregion = us-east-1\n', 'not ini at all\n');
    const config = await loadSharedConfig();
    assert.deepEqual(Object.keys(config.profiles), ['ok'], 'the SDK loader dropped "dev" without a word');
    assert.deepEqual(config.problems.map((p) => [path.basename(p.file), p.line]), [['config', 1], ['config', 2], ['credentials', 1]]);
    fs.rmSync(path.join(sandbox.dir, 'credentials'));
    fs.mkdirSync(path.join(sandbox.dir, 'credentials'));
    assert.deepEqual((await loadSharedConfig()).problems.map((p) => [path.basename(p.file), p.line, p.problem]).at(-1), ['credentials', 0, 'is not a file']);
    const reported: string[] = [];
    await resolveDefaultConnection({}, { ...process.env, AWS_REGION: 'us-east-1' }, makeId, (problems) => reported.push(...problems.map((p) => `${path.basename(p.file)}:${p.line}`)));
    assert.deepEqual(reported, ['config:1', 'config:2', 'credentials:0']);
  });

  it('the default connection: env keys, AWS_REGION and an endpoint variable are enough, with no files', async () => {
    const env = {
      HOME: sandbox.dir,
      AWS_CONFIG_FILE: path.join(sandbox.dir, 'missing-config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(sandbox.dir, 'missing-credentials'),
      AWS_ACCESS_KEY_ID: 'AKIDENVEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'envsecretEXAMPLE',
      AWS_REGION: 'eu-west-3',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: 'http://127.0.0.1:4566',
    };
    assert.deepEqual(await resolveDefaultConnection({}, env, makeId), { id: 'env@eu-west-3@custom', profile: undefined, region: 'eu-west-3', endpoint: 'http://127.0.0.1:4566' });
    assert.equal(await resolveDefaultConnection({}, { ...env, AWS_REGION: undefined }, makeId), undefined, 'no region: the UI asks');
    sandbox.writeConfig('[profile dev]\nregion = sa-east-1\n');
    assert.deepEqual(await resolveDefaultConnection({ profile: 'dev' }, process.env, makeId), { id: 'dev@sa-east-1', profile: 'dev', region: 'sa-east-1', endpoint: undefined });
  });

  it('plain http is refused off this machine, unless the user allowed that host', () => {
    for (const ok of ['http://127.0.0.1:4566', 'http://localhost:5000', 'http://[::1]:4566', 'http://127.0.0.2:9', 'https://secretsmanager.vpce.example.com', 'https://10.0.0.5']) {
      assert.equal(cleartextEndpointProblem(ok), undefined, ok);
    }
    const problem = cleartextEndpointProblem('http://10.0.0.5:4566/');
    assert.match(problem!, /^The endpoint http:\/\/10\.0\.0\.5:4566 is plain http on another machine, so secret values would cross the network unencrypted\./);
    assert.match(problem!, /add "10\.0\.0\.5" to the secretsManager\.allowHttpHosts setting/);
    assert.equal(cleartextEndpointProblem('http://LocalStack:4566', ['localstack']), undefined, 'an allowed host, any case');
    assert.ok(cleartextEndpointProblem('http://localstack.evil.example:4566', ['localstack']), 'only that host');
  });

  it('a service for an http endpoint off this machine sends nothing', async () => {
    const service = makeService({ region: 'us-east-1', endpoint: 'http://192.0.2.1:4566' });
    const err = await rejection(service.describeSecret('any'));
    assert.equal(err.kind, 'invalidInput');
    assert.match(err.message, /plain http on another machine.*Nothing was sent\./);
  });
});
