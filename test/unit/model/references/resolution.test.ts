// The resolution logic of references (src/model/references/*), in plain Node: which connection
// answers, the batched and deduplicated lookups against the local endpoint (call counts from its
// counters), the key cache (names only, expiry), the findings with their fixes, completion slots,
// and the reference forms of "Move this literal into Secrets Manager".
import * as assert from 'node:assert/strict';
import type { SecretSummary, SecretsService } from '../../../../src/aws/types';
import { resolveConnection, type ConnectionInfo } from '../../../../src/model/references/connection';
import { completionSlot } from '../../../../src/model/references/complete';
import { hoverMarkdown } from '../../../../src/model/references/describe';
import { findingsFor, type CheckContext } from '../../../../src/model/references/diagnose';
import { SecretDirectory, type SecretQuery } from '../../../../src/model/references/directory';
import { KEY_CACHE_TTL_MS, KeyCache, keyNamesOf } from '../../../../src/model/references/keys';
import { literalTargetOf, replacementFor } from '../../../../src/model/references/literal';
import { referencesSecret } from '../../../../src/model/references/match';
import { findReferences } from '../../../../src/model/references/scan';
import { closest, editDistance } from '../../../../src/model/references/suggest';
import { startEmulator, type Emulator } from '../../../emulator/server';
import { makeService, STATIC_PROFILE, useSandbox } from '../../aws/helpers';

const CONNECTIONS: ConnectionInfo[] = [
  { id: 'dev@us-east-1', profile: 'dev', region: 'us-east-1', label: 'dev · us-east-1', account: '111111111111' },
  { id: 'dev@eu-west-1', profile: 'dev', region: 'eu-west-1', label: 'dev · eu-west-1' },
  { id: 'prod@us-east-1', profile: 'prod', region: 'us-east-1', label: 'prod · us-east-1', account: '222222222222' },
];

describe('references: which connection answers', () => {
  const arn = (region: string, account: string) => ({ partition: 'aws', region, account, resource: 'x' });

  it('the active connection by default; the folder\'s choice when it names one of yours; the only one', () => {
    assert.deepEqual(resolveConnection({}, CONNECTIONS, { active: 'prod@us-east-1' }), { connectionId: 'prod@us-east-1', why: 'the active connection' });
    assert.equal(resolveConnection({}, CONNECTIONS, { active: 'prod@us-east-1', folderChoice: 'dev@eu-west-1' }).connectionId, 'dev@eu-west-1');
    assert.equal(resolveConnection({}, CONNECTIONS, { folderChoice: 'dev@us-east-1' }).why, "this folder's connection (secretsManager.references.connection)");
    const unknown = resolveConnection({}, CONNECTIONS, { active: 'dev@us-east-1', folderChoice: 'ops@us-west-2' });
    assert.equal(unknown.connectionId, 'dev@us-east-1');
    assert.match(unknown.why, /asks for "ops@us-west-2", which is not one of your connections/);
    assert.equal(resolveConnection({}, [CONNECTIONS[1]], { active: 'dev@eu-west-1' }).why, 'the only connection');
    assert.match(resolveConnection({}, [], {}).why, /no connection/);
  });

  it('an ARN\'s region picks a connection in that region (same profile first); none there: not checked', () => {
    assert.equal(resolveConnection({ arn: arn('eu-west-1', '') }, CONNECTIONS, { active: 'prod@us-east-1' }).connectionId, 'dev@eu-west-1');
    const none = resolveConnection({ arn: arn('ap-south-1', '') }, CONNECTIONS, { active: 'dev@us-east-1' });
    assert.equal(none.connectionId, undefined);
    assert.match(none.why, /no connection is in ap-south-1/);
    // A placeholder region (${AWS::Region}) is the connection's own.
    assert.equal(resolveConnection({ arn: arn('', '') }, CONNECTIONS, { active: 'dev@us-east-1' }).connectionId, 'dev@us-east-1');
    // A region the file states (a SecretProviderClass's) counts like an ARN's.
    assert.equal(resolveConnection({ region: 'eu-west-1' }, CONNECTIONS, { active: 'dev@us-east-1' }).connectionId, 'dev@eu-west-1');
  });

  it('an ARN\'s account picks the connection of that account; another account no connection has: not checked', () => {
    assert.equal(resolveConnection({ arn: arn('us-east-1', '222222222222') }, CONNECTIONS, { active: 'dev@us-east-1' }).connectionId, 'prod@us-east-1');
    const other = resolveConnection({ arn: arn('us-east-1', '333333333333') }, CONNECTIONS.filter((c) => c.id !== 'prod@us-east-1'), { active: 'dev@us-east-1' });
    assert.equal(other.connectionId, undefined);
    assert.match(other.why, /account 333333333333, and dev · us-east-1 is account 111111111111/);
    // An unknown account (no secret listed yet) does not stop the check.
    assert.equal(resolveConnection({ arn: arn('eu-west-1', '333333333333') }, CONNECTIONS, { active: 'dev@eu-west-1' }).connectionId, 'dev@eu-west-1');
  });
});

describe('references: suggestions', () => {
  it('edit distance counts a swap of neighbours as one', () => {
    assert.equal(editDistance('prod/db-mian', 'prod/db-main'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
  });
  it('suggests the closest names, case differences first, nothing far', () => {
    assert.deepEqual(closest('prod/db/postgress', ['prod/db/postgres', 'prod/db/mysql', 'dev/db/postgres', 'prod/db/postgres-2']), ['prod/db/postgres', 'prod/db/postgres-2']);
    assert.deepEqual(closest('Prod/DB', ['prod/dc', 'prod/db']), ['prod/db']);
    assert.deepEqual(closest('passwrd', ['password', 'username', 'host']), ['password']);
    assert.deepEqual(closest('zzz', ['password']), []);
  });
});

describe('references: batched lookups against the local endpoint', () => {
  let emu: Emulator;
  let service: SecretsService;
  const sandbox = useSandbox();
  const C = 'dev@us-east-1';
  let loaded: SecretSummary[] = [];
  const directory = (ttlMs?: number, now?: () => number) => new SecretDirectory({ service: () => service, loaded: () => loaded }, { ttlMs, now });
  const calls = async () => (await emu.admin.counters()).byOperation;
  const names = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `refs/app-${String(from + i).padStart(5, '0')}`);

  before(async () => {
    emu = await startEmulator({ port: 0 });
    await emu.admin.seedSynthetic(230, 'refs/app');
    // refs/zz has older siblings with longer names: a prefix filter finds more than a page of them first.
    await emu.admin.seedSynthetic(120, 'refs/zz');
  });
  after(() => emu?.stop());
  beforeEach(async () => {
    sandbox.writeConfig(STATIC_PROFILE.config, STATIC_PROFILE.credentials);
    service = makeService({ profile: 'dev', region: 'us-east-1', endpoint: emu.url });
    loaded = [];
    await emu.admin.resetCounters();
  });
  afterEach(async () => {
    service.dispose();
    await emu.admin.clearFaults();
  });

  it('200 secrets cost one ListSecrets per 10 names; asked again, nothing', async () => {
    const d = directory();
    const queries: SecretQuery[] = names(200, 2).map((id) => ({ id }));
    const found = await d.lookup(C, queries);
    assert.equal(found.size, 200);
    assert.ok([...found.values()].every((l) => l.state === 'found'), 'all found');
    assert.deepEqual(await calls(), { ListSecrets: 20 });
    await d.lookup(C, queries);
    assert.deepEqual(await calls(), { ListSecrets: 20 }, 'cached');
    assert.equal(d.account(C), '123456789012', 'the account is learned from the ARNs');
  });

  it('the same names asked by two documents at once share the requests', async () => {
    const d = directory();
    const q = names(30, 2).map((id) => ({ id }));
    const [a, b] = await Promise.all([d.lookup(C, q), d.lookup(C, [...q].reverse())]);
    assert.equal(a.size, 30);
    assert.equal(b.size, 30);
    assert.deepEqual(await calls(), { ListSecrets: 3 });
  });

  it('the view\'s loaded secrets cost nothing', async () => {
    const d = directory();
    const page = await service.listSecrets({ filters: [{ key: 'name', values: ['refs/app-0002'] }], maxResults: 100 });
    loaded = [...page.secrets];
    await emu.admin.resetCounters();
    const found = await d.lookup(C, loaded.map((s) => ({ id: s.name })));
    assert.ok([...found.values()].every((l) => l.state === 'found' && l.source === 'view'));
    assert.deepEqual(await calls(), {});
  });

  it('missing names, ARNs (complete, partial, re-created), and a name with more than a page of older, longer siblings', async () => {
    await service.createSecret({ name: 'refs/zz', data: { kind: 'string', text: '{"a":"zz-EXAMPLE"}' }, clientRequestToken: 'refs-zz-create-token-0000000000001' }).catch(() => undefined);
    const d = directory();
    const a = (await service.describeSecret('refs/app-00003')).arn;
    const suffixless = a.slice(0, -7);
    const stale = `${suffixless}-ZZZZZZ`;
    const arnQuery = (id: string): SecretQuery => {
      const resource = id.slice(id.indexOf(':secret:') + 8);
      const m = /^(.+)-[A-Za-z0-9]{6}$/.exec(resource);
      return { id, arn: { partition: 'aws', region: 'us-east-1', account: '123456789012', resource, nameIfComplete: m?.[1] } };
    };
    await emu.admin.resetCounters();
    const found = await d.lookup(C, [{ id: 'refs/app-00001' }, { id: 'refs/nope' }, arnQuery(a), arnQuery(suffixless), arnQuery(stale)]);
    assert.equal(found.get('refs/app-00001')?.state, 'found');
    assert.equal(found.get('refs/nope')?.state, 'missing');
    assert.equal(found.get(a)?.state, 'found');
    assert.equal(found.get(suffixless)?.state, 'found', 'a partial ARN');
    const gone = found.get(stale);
    assert.equal(gone?.state, 'missing');
    assert.equal(gone?.state === 'missing' && gone.sameName?.name, 'refs/app-00003', 'the name exists with another suffix');
    assert.deepEqual(await calls(), { ListSecrets: 1 }, 'one filtered ListSecrets for the four names');
    await emu.admin.resetCounters();
    const zz = await d.lookup(C, [{ id: 'refs/zz' }]);
    assert.equal(zz.get('refs/zz')?.state, 'found', 'found past a page of longer names');
    assert.deepEqual(await calls(), { ListSecrets: 1, DescribeSecret: 1 });
  });

  it('ListSecrets denied: one DescribeSecret per name, and scheduled deletion is told apart', async () => {
    await emu.admin.setFaults({ deny: [{ operation: 'ListSecrets' }] });
    await service.deleteSecret({ secretId: 'refs/app-00230', recoveryWindowInDays: 7 });
    await emu.admin.resetCounters();
    const d = directory();
    const found = await d.lookup(C, [{ id: 'refs/app-00229' }, { id: 'refs/app-00230' }, { id: 'refs/none' }]);
    assert.deepEqual([...found.values()].map((l) => l.state), ['found', 'found', 'missing']);
    const deleted = found.get('refs/app-00230');
    assert.ok(deleted?.state === 'found' && deleted.summary.deletedDate, 'scheduled for deletion, still found');
    assert.deepEqual(await calls(), { ListSecrets: 1, DescribeSecret: 3 });
    await service.restoreSecret('refs/app-00230');
  });

  it('a failed lookup is no answer, tried again after 30 s; a change through the extension drops what is known', async () => {
    let now = 1_000_000;
    const d = directory(undefined, () => now);
    await emu.admin.setFaults({ internalError: { count: 10, operations: ['ListSecrets'] } });
    const first = await d.lookup(C, [{ id: 'refs/app-00010' }]);
    assert.equal(first.get('refs/app-00010')?.state, 'failed');
    await emu.admin.clearFaults();
    assert.equal((await d.lookup(C, [{ id: 'refs/app-00010' }])).get('refs/app-00010')?.state, 'failed', 'kept for a moment');
    now += 31_000;
    assert.equal((await d.lookup(C, [{ id: 'refs/app-00010' }])).get('refs/app-00010')?.state, 'found');
    const missing = await d.lookup(C, [{ id: 'refs/new-one' }]);
    assert.equal(missing.get('refs/new-one')?.state, 'missing');
    d.changed(C, 'refs/new-one', undefined, true);
    assert.equal(d.peek(C, { id: 'refs/new-one' }), undefined, 'a create drops every "missing"');
  });

  it('search: one ListSecrets per prefix (completion, "did you mean")', async () => {
    const d = directory();
    const a = await d.search(C, 'refs/app-0001');
    const b = await d.search(C, 'refs/app-0001');
    assert.ok(a.length > 0 && a.every((s) => s.name.startsWith('refs/app-0001')));
    assert.equal(a, b);
    assert.deepEqual(await calls(), { ListSecrets: 1 });
    assert.ok(d.names(C).length >= a.length);
  });

  it('the key cache reads a version once, keeps key names only, and forgets them after five minutes', async () => {
    await service.putSecretValue({ secretId: 'refs/app-00020', data: { kind: 'string', text: '{"user":"u","password":"Key-Cache-EXAMPLE-1","nested":{"host":"h"}}' }, clientRequestToken: 'refs-key-cache-token-000000000001' });
    await emu.admin.resetCounters();
    let now = 5_000_000;
    const cache = new KeyCache(() => service, { now: () => now });
    const [a, b] = await Promise.all([cache.load(C, 'refs/app-00020', {}), cache.load(C, 'refs/app-00020', {})]);
    assert.equal(a, b, 'concurrent callers share one read');
    assert.deepEqual(a.state === 'keys' && { keys: a.keys, paths: a.paths }, { keys: ['user', 'password', 'nested'], paths: ['nested.host'] });
    assert.deepEqual(await calls(), { GetSecretValue: 1 });
    await cache.load(C, 'refs/app-00020', {});
    assert.deepEqual(await calls(), { GetSecretValue: 1 }, 'cached');
    assert.ok(!JSON.stringify(cache.held()).includes('Key-Cache-EXAMPLE-1'), 'no value is held');
    now += KEY_CACHE_TTL_MS + 1;
    assert.equal(cache.size, 0, 'expired');
    assert.equal(cache.peek(C, 'refs/app-00020', {}), undefined);
    await cache.load(C, 'refs/app-00020', {});
    assert.deepEqual(await calls(), { GetSecretValue: 2 }, 'read again after the stated time');
    const previous = await cache.load(C, 'refs/app-00020', { versionStage: 'AWSPREVIOUS' });
    assert.equal(previous.state, 'keys');
  });
});

describe('references: key names', () => {
  it('top-level keys and nested paths of JSON objects; text and binary have none', () => {
    assert.deepEqual(keyNamesOf({ kind: 'string', text: '{"a":1,"b":{"c":{"d":2}},"a":3}' }), { state: 'keys', keys: ['a', 'b'], paths: ['b.c', 'b.c.d'] });
    assert.deepEqual(keyNamesOf({ kind: 'string', text: 'plain' }), { state: 'notJson' });
    assert.deepEqual(keyNamesOf({ kind: 'string', text: '[1,2]' }), { state: 'notJson' });
    assert.deepEqual(keyNamesOf({ kind: 'binary', bytes: new Uint8Array([1]) }), { state: 'binary' });
  });
});

const summary = (over: Partial<SecretSummary> = {}): SecretSummary => ({
  arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
  name: 'prod/db',
  rotationEnabled: false,
  tags: [],
  versionsToStages: { 'aaaaaaaa-1111-4111-8111-111111111111': ['AWSCURRENT'], 'bbbbbbbb-2222-4222-8222-222222222222': ['AWSPREVIOUS'] },
  ...over,
});

describe('references: findings and hovers', () => {
  const text = "a: '{{resolve:secretsmanager:prod/db:SecretString:passwrd:AWSPREVIUS}}'";
  const [ref] = findReferences(text, 'yaml', 't.yaml');
  const base: CheckContext = {
    ref,
    resolution: { connectionId: 'dev@us-east-1', why: 'the active connection' },
    connection: CONNECTIONS[0],
    keysAllowed: true,
  };

  it('does not exist: "did you mean", with a fix for each suggestion', () => {
    const [f] = findingsFor({ ...base, lookup: { state: 'missing', at: 0 }, nearby: [summary({ name: 'prod/db-main' }), summary({ name: 'prod/dc' }), summary({ name: 'other' })] });
    assert.equal(f.code, 'secret-not-found');
    assert.equal(f.message, 'No secret prod/db in dev · us-east-1. Did you mean prod/dc?');
    assert.deepEqual(f.fixes, [{ title: 'Change to prod/dc', edit: { span: ref.secret.span, text: 'prod/dc' }, preferred: true }]);
  });

  it('unknown stage and unknown key, each with the closest as a fix; nothing about keys without the opt-in', () => {
    const found = { state: 'found' as const, summary: summary(), source: 'ListSecrets' as const, at: 0 };
    const withStage = findingsFor({ ...base, lookup: found });
    assert.deepEqual(withStage.map((f) => f.code), ['unknown-stage'], 'the key is not checked against a version that does not exist');
    assert.match(withStage[0].message, /^prod\/db has no version labelled AWSPREVIUS \(its labels: AWSCURRENT, AWSPREVIOUS\)\. Did you mean AWSPREVIOUS\?$/);
    const fixedStage = text.replace('AWSPREVIUS', 'AWSPREVIOUS');
    const [good] = findReferences(fixedStage, 'yaml', 't.yaml');
    const keys = { state: 'keys' as const, keys: ['username', 'password'], paths: [], at: 0 };
    const withKey = findingsFor({ ...base, ref: good, lookup: found, keys });
    assert.deepEqual(withKey.map((f) => [f.code, f.message]), [['unknown-key', 'The AWSPREVIOUS version of prod/db has no key passwrd (its keys: username, password). Did you mean password?']]);
    assert.deepEqual((withKey[0].fixes[0] as { edit: unknown }).edit, { span: good.jsonKey!.span, text: 'password' });
    assert.deepEqual(findingsFor({ ...base, ref: good, lookup: found, keys, keysAllowed: false }), []);
  });

  it('scheduled for deletion offers Restore; a re-created secret\'s old ARN offers the new one', () => {
    const [f] = findingsFor({ ...base, lookup: { state: 'found', summary: summary({ deletedDate: new Date('2026-05-01T00:00:00Z') }), source: 'view', at: 0 } });
    assert.equal(f.code, 'scheduled-for-deletion');
    assert.match(f.message, /prod\/db is scheduled for deletion \(deleted on 2026-05-01\)/);
    assert.deepEqual(f.fixes[0], { title: 'Restore prod/db', command: 'secretsManager.restoreSecret', args: [{ connectionId: 'dev@us-east-1', name: 'prod/db', arn: summary().arn }] });
    const arnText = 'valueFrom: arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-ZZZZZZ:password::';
    const [arnRef] = findReferences(arnText, 'yaml', 'task.yaml');
    const [g] = findingsFor({ ...base, ref: arnRef, lookup: { state: 'missing', at: 0, sameName: summary() } });
    assert.equal(g.code, 'arn-suffix');
    assert.deepEqual((g.fixes[0] as { edit: { text: string } }).edit.text, 'prod/db-AbCdEf');
  });

  it('an unknown version id; a version without a label is only information', () => {
    const pinned = "a: '{{resolve:secretsmanager:prod/db:SecretString:password::cccccccc-3333-4333-8333-333333333333}}'";
    const [r] = findReferences(pinned, 'yaml', 't.yaml');
    const found = { state: 'found' as const, summary: summary(), source: 'ListSecrets' as const, at: 0 };
    assert.deepEqual(findingsFor({ ...base, ref: r, lookup: found, versions: [] }).map((f) => f.code), ['unknown-version']);
    assert.deepEqual(findingsFor({ ...base, ref: r, lookup: found, versions: [{ versionId: 'cccccccc-3333-4333-8333-333333333333', stages: [] }] }).map((f) => f.severity), ['information']);
  });

  it('an ExternalSecret whose store is elsewhere gets information, which says so; a Terraform-created secret is not missing', () => {
    const es = 'kind: ExternalSecret\nspec:\n  secretStoreRef:\n    name: shared\n  data:\n  - secretKey: a\n    remoteRef:\n      key: prod/nope\n';
    const [r] = findReferences(es, 'yaml', 'es.yaml');
    const [f] = findingsFor({ ...base, ref: r, lookup: { state: 'missing', at: 0 } });
    assert.equal(f.severity, 'information');
    assert.match(f.message, /its store shared is not in this file/);
    const tf = 'resource "aws_secretsmanager_secret" "n" {\n  name = "prod/new"\n}\n';
    const [t] = findReferences(tf, 'terraform', 'main.tf');
    assert.deepEqual(findingsFor({ ...base, ref: t, lookup: { state: 'missing', at: 0 } }), []);
  });

  it('the hover shows metadata and the connection that answered, never a value; keys not checked says why', () => {
    const [good] = findReferences(text.replace('AWSPREVIUS', 'AWSPREVIOUS').replace('passwrd', 'password'), 'yaml', 't.yaml');
    const md = hoverMarkdown({ ...base, ref: good, keysAllowed: false, lookup: { state: 'found', summary: summary({ description: 'Orders DB', rotationEnabled: true, nextRotationDate: new Date('2026-02-01T00:00:00Z'), owningService: 'rds', tags: [{ key: 'team', value: 'orders' }] }), source: 'view', at: Date.UTC(2026, 0, 1, 12, 0) } });
    for (const part of ['**`prod/db`**', 'Orders DB', '`AWSCURRENT` → `aaaaaaaa`', 'Managed by | rds', 'Rotation | enabled, next 2026-02-01', 'team=orders', 'Reads | key `password` of the AWSPREVIOUS version (`bbbbbbbb`)', 'Key | not checked: that reads the value (GetSecretValue), off for this connection', 'Connection | **dev · us\\-east\\-1**, the active connection (answered from the view\'s list, 12:00 UTC)']) {
      assert.ok(md.includes(part), `hover has ${part}:\n${md}`);
    }
    const unresolved = hoverMarkdown({ ...base, resolution: { why: 'it is in ap-south-1 and no connection is in ap-south-1' } });
    assert.match(unresolved, /Not checked: it is in ap-south-1/);
  });
});

describe('references: completion slots', () => {
  const slot = (text: string, languageId = 'yaml', fileName = 't.yaml') => {
    const offset = text.indexOf('|');
    const clean = text.replace('|', '');
    const s = completionSlot(clean, offset, languageId, fileName, findReferences(clean, languageId, fileName));
    return s && { kind: s.kind, typed: s.typed, secret: s.secret?.id, stage: s.secret?.versionStage };
  };

  it('a dynamic reference being typed: name, SecretString, key, stage, id', () => {
    assert.deepEqual(slot("a: '{{resolve:secretsmanager:pro|"), { kind: 'name', typed: 'pro', secret: undefined, stage: undefined });
    assert.deepEqual(slot("a: '{{resolve:secretsmanager:prod/db:|"), { kind: 'keyword', typed: '', secret: 'prod/db', stage: undefined });
    assert.deepEqual(slot("a: '{{resolve:secretsmanager:prod/db:SecretString:pa|}}'"), { kind: 'key', typed: 'pa', secret: 'prod/db', stage: undefined });
    assert.deepEqual(slot("a: '{{resolve:secretsmanager:prod/db:SecretString:password:|"), { kind: 'stage', typed: '', secret: 'prod/db', stage: undefined });
    assert.deepEqual(slot("a: '{{resolve:secretsmanager:prod/db:SecretString:password:AWSPREVIOUS:|"), { kind: 'versionId', typed: '', secret: 'prod/db', stage: 'AWSPREVIOUS' });
  });

  it('valueFrom ARNs, SDK and CLI calls, Terraform blocks, ExternalSecret and CSI lines', () => {
    assert.equal(slot('valueFrom: arn:aws:secretsmanager:us-east-1:123456789012:secret:pro|')?.kind, 'name');
    assert.deepEqual(slot('"valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:|"', 'json', 'task.json'), { kind: 'key', typed: '', secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf', stage: undefined });
    assert.equal(slot('import x from "@aws-sdk/client-secrets-manager";\nsend(new GetSecretValueCommand({ SecretId: "pr|', 'typescript', 'a.ts')?.kind, 'name');
    assert.equal(slot('aws secretsmanager get-secret-value --secret-id pr|', 'shellscript', 'a.sh')?.kind, 'name');
    assert.deepEqual(slot('aws secretsmanager get-secret-value --secret-id prod/db --version-stage AWS|', 'shellscript', 'a.sh'), { kind: 'stage', typed: 'AWS', secret: 'prod/db', stage: undefined });
    assert.equal(slot('data "aws_secretsmanager_secret_version" "x" {\n  secret_id = "pr|', 'terraform', 'main.tf')?.kind, 'name');
    assert.deepEqual(slot('data "aws_secretsmanager_secret_version" "x" {\n  secret_id = "prod/db"\n  version_stage = "|', 'terraform', 'main.tf'), { kind: 'stage', typed: '', secret: 'prod/db', stage: undefined });
    assert.equal(slot('resource "aws_secretsmanager_secret" "x" {\n  name = "new|', 'terraform', 'main.tf'), undefined, 'a new secret\'s name is not completed');
    const es = 'kind: ExternalSecret\nspec:\n  data:\n  - secretKey: a\n    remoteRef:\n      key: prod/db\n      property: |\n';
    assert.deepEqual(slot(es), { kind: 'key', typed: '', secret: 'prod/db', stage: undefined });
    assert.equal(slot('kind: ExternalSecret\nspec:\n  data:\n  - secretKey: a\n    remoteRef:\n      key: pr|\n')?.kind, 'name');
    assert.equal(slot('kind: Secret\nstringData:\n  key: pr|\n'), undefined, 'a plain Secret\'s key is not a reference');
  });
});

describe('references: Move this literal into Secrets Manager', () => {
  const secret = { name: 'prod/app/api-key', arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/app/api-key-AbCdEf' };
  const apply = (text: string, sel: string, languageId: string, fileName: string) => {
    const start = text.indexOf(sel);
    const r = replacementFor(text, { start, end: start + sel.length }, literalTargetOf(text, languageId, fileName), languageId, secret);
    if (!('edits' in r)) return r;
    let out = text;
    for (const e of [...r.edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
    return out;
  };

  it('CloudFormation: a dynamic reference, quoted in YAML', () => {
    const yaml = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  F:\n    Properties:\n      Key: sk_live_EXAMPLE\n';
    assert.equal(apply(yaml, 'sk_live_EXAMPLE', 'yaml', 't.yaml'), yaml.replace('sk_live_EXAMPLE', "'{{resolve:secretsmanager:prod/app/api-key}}'"));
    const quoted = yaml.replace('sk_live_EXAMPLE', '"sk_live_EXAMPLE"');
    assert.equal(apply(quoted, 'sk_live_EXAMPLE', 'yaml', 't.yaml'), yaml.replace('sk_live_EXAMPLE', '"{{resolve:secretsmanager:prod/app/api-key}}"'));
  });

  it('ECS: the ARN, and "value" becomes "valueFrom"', () => {
    const json = '{"containerDefinitions":[{"environment":[{"name":"KEY","value":"sk_live_EXAMPLE"}]}]}';
    assert.equal(apply(json, 'sk_live_EXAMPLE', 'json', 'task.json'), `{"containerDefinitions":[{"environment":[{"name":"KEY","valueFrom":"${secret.arn}"}]}]}`);
  });

  it('Terraform: a data source expression and its block', () => {
    const tf = 'resource "x" "y" {\n  token = "sk_live_EXAMPLE"\n}\n';
    assert.equal(apply(tf, 'sk_live_EXAMPLE', 'terraform', 'main.tf'),
      'resource "x" "y" {\n  token = data.aws_secretsmanager_secret_version.prod_app_api_key.secret_string\n}\n\ndata "aws_secretsmanager_secret_version" "prod_app_api_key" {\n  secret_id = "prod/app/api-key"\n}\n');
  });

  it('code: left to the user, with an SDK snippet', () => {
    const r = apply('const key = "sk_live_EXAMPLE";', 'sk_live_EXAMPLE', 'typescript', 'a.ts') as { snippet: string };
    assert.match(r.snippet, /GetSecretValueCommand\(\{ SecretId: "prod\/app\/api-key" \}\)/);
  });
});

describe('references: Find References matching', () => {
  it('by name, complete ARN and partial ARN, in the connection\'s region', () => {
    const s = summary();
    const text = [
      "a: '{{resolve:secretsmanager:prod/db}}'",
      'b: arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf',
      'c: arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db',
      'd: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
      "e: '{{resolve:secretsmanager:prod/db-other}}'",
    ].join('\n');
    const refs = findReferences(text, 'yaml', 't.yaml');
    assert.deepEqual(refs.map((r) => referencesSecret(r, s, { region: 'us-east-1', account: '123456789012' })), [true, true, true, false, false]);
  });
});
