import * as assert from 'node:assert/strict';
import type { SecretData } from '../../../src/aws/types';
import { ownersOf } from '../../../src/model/owners';
import { describeMoves, isNoOp, planCreate, planPublish, versionCountOf, type PlanInput } from '../../../src/model/publishPlan';
import { replicationOf, rotationFacts } from '../../../src/model/rotation';

const str = (text: string): SecretData => ({ kind: 'string', text });
const CUR = '1a2b3c4d-0000-4000-8000-000000000001';
const PREV = '5e6f7a8b-0000-4000-8000-000000000002';
const STAGED = '9c0d1e2f-0000-4000-8000-000000000003';
const map = { [CUR]: ['AWSCURRENT'], [PREV]: ['AWSPREVIOUS'], [STAGED]: ['STAGING', 'QA'] };
const now = new Date('2026-01-01T12:00:00Z');
const base: PlanInput = {
  secretName: 'prod/orders/db',
  connectionLabel: 'default · us-east-1',
  versionsToStages: map,
  before: str('{"user":"app","password":"Old-EXAMPLE"}'),
  after: str('{"user":"app","password":"New-EXAMPLE","ssl":true}'),
  now,
};

describe('publish plan', () => {
  it('says how AWSCURRENT and AWSPREVIOUS move by default, as the PutSecretValue reference says', () => {
    const plan = planPublish(base);
    assert.equal(plan.versionStages, undefined, 'no VersionStages: Secrets Manager moves AWSCURRENT itself');
    assert.ok(plan.movesCurrent);
    assert.deepEqual(plan.moves, ['AWSCURRENT moves from 1a2b3c4d to the new version; AWSPREVIOUS moves to 1a2b3c4d (it leaves 5e6f7a8b).']);
    assert.equal(plan.message, 'Publish a new version of prod/orders/db?');
    assert.match(plan.detail, /^Connection: default · us-east-1\n/);
  });

  it('says plainly that AWSCURRENT stays where it is when it is not chosen', () => {
    const plan = planPublish({ ...base, labels: ['STAGING'] });
    assert.deepEqual(plan.versionStages, ['STAGING']);
    assert.ok(!plan.movesCurrent);
    assert.deepEqual(plan.moves, [
      'AWSCURRENT stays where it is, on 1a2b3c4d: the new version does not become current, and applications keep reading 1a2b3c4d.',
      'STAGING moves from 9c0d1e2f to the new version.',
    ]);
  });

  it('lists every chosen label, AWSCURRENT first, and sends them all', () => {
    const plan = planPublish({ ...base, labels: ['NEWLABEL', 'AWSCURRENT', 'QA'] });
    assert.deepEqual(plan.versionStages, ['AWSCURRENT', 'NEWLABEL', 'QA']);
    assert.deepEqual(plan.moves, [
      'AWSCURRENT moves from 1a2b3c4d to the new version; AWSPREVIOUS moves to 1a2b3c4d (it leaves 5e6f7a8b).',
      'NEWLABEL is attached to the new version.',
      'QA moves from 9c0d1e2f to the new version.',
    ]);
    assert.equal(describeMoves(map, ['AWSCURRENT']).versionStages, undefined, 'AWSCURRENT alone is the default');
    assert.deepEqual(describeMoves({}, undefined).moves, ['The new version gets AWSCURRENT.']);
    assert.deepEqual(describeMoves({ [CUR]: ['AWSCURRENT'] }, undefined).moves, ['AWSCURRENT moves from 1a2b3c4d to the new version; AWSPREVIOUS moves to 1a2b3c4d.']);
  });

  it('names changed JSON keys, never values', () => {
    const plan = planPublish(base);
    assert.deepEqual(plan.changes, ['Keys added: ssl', 'Keys changed: password']);
    assert.ok(!plan.detail.includes('EXAMPLE'), 'no value in the confirmation');
    assert.deepEqual(planPublish({ ...base, after: str('{"user":"app"}') }).changes, ['Keys removed: password']);
    assert.deepEqual(planPublish({ ...base, before: str('key-1'), after: str('key-2') }).changes, ['The text value changes.']);
    assert.deepEqual(planPublish({ ...base, after: str('{oops'), jsonToText: true }).changes, ['The secret was JSON; it will be published as plain text.']);
    assert.deepEqual(planPublish({ ...base, before: { kind: 'binary', bytes: new Uint8Array([1]) }, after: { kind: 'binary', bytes: new Uint8Array([2]) } }).changes, ['The binary value changes.']);
  });

  it('detects a save that changes nothing (JSON by value)', () => {
    assert.ok(isNoOp(str('{"a":1,"b":2}'), str('{\n  "b": 2,\n  "a": 1\n}')));
    assert.ok(!isNoOp(str('{"a":1}'), str('{"a":2}')));
    assert.ok(!isNoOp(undefined, str('')), 'a new secret is never a no-op');
  });

  it('warns when the current version is less than 10 minutes old', () => {
    const plan = planPublish({ ...base, currentCreated: new Date(now.getTime() - 3 * 60_000) });
    assert.equal(plan.warnings.length, 1);
    assert.match(plan.warnings[0], /^The current version was created 3 minutes ago\. AWS advises at most one PutSecretValue every 10 minutes/);
    assert.match(planPublish({ ...base, currentCreated: now }).warnings[0], /less than a minute ago/);
    assert.deepEqual(planPublish({ ...base, currentCreated: new Date(now.getTime() - 11 * 60_000) }).warnings, []);
  });

  it('warns near 100 versions and says when only labelled versions were counted', () => {
    assert.deepEqual(versionCountOf(map), { count: 3, labelledOnly: true });
    assert.deepEqual(versionCountOf(map, 95), { count: 95, labelledOnly: false });
    const full = planPublish({ ...base, versionCount: { count: 95, labelledOnly: false } });
    assert.match(full.warnings[0], /^This secret has 95 versions\. Secrets Manager keeps about 100 versions/);
    const labelled = planPublish({ ...base, versionCount: { count: 92, labelledOnly: true } });
    assert.match(labelled.warnings[0], /92 versions with a label \(DescribeSecret counts only labelled versions, so there may be more\)/);
    assert.deepEqual(planPublish({ ...base, versionCount: { count: 89, labelledOnly: false } }).warnings, []);
  });

  it('warns about a secret owned by another service and about overwriting another writer', () => {
    const plan = planPublish({ ...base, owningService: 'rds', overwriting: { readFrom: PREV, live: CUR } });
    assert.match(plan.warnings[0], /^Someone else published 1a2b3c4d after you opened this secret \(you started from 5e6f7a8b\)/);
    assert.match(plan.warnings[1], /managed by rds/);
    assert.match(plan.detail, /\nWarning: This secret is managed by rds/);
  });

  it('names the tools that manage the secret, from its tags (issue 16)', () => {
    const owners = ownersOf({ tags: [{ key: 'aws:cloudformation:stack-name', value: 'orders-prod' }, { key: 'managed-by', value: 'external-secrets' }, { key: 'ManagedBy', value: 'Terraform' }] });
    const plan = planPublish({ ...base, owners });
    assert.equal(plan.warnings.length, 3);
    assert.match(plan.warnings[0], /^CloudFormation stack orders-prod manages this secret \(tag aws:cloudformation:stack-name=orders-prod\): its next stack update can put the template's value back/);
    assert.match(plan.warnings[1], /^External Secrets Operator manages this secret \(tag managed-by=external-secrets\): its PushSecret writes/);
    assert.match(plan.warnings[2], /^Terraform appears to manage this secret \(tag ManagedBy=Terraform\)/);
    assert.match(plan.detail, /\nWarning: CloudFormation stack orders-prod manages this secret/);
    assert.deepEqual(planPublish({ ...base, owners: [] }).warnings, []);
  });

  it('says that rotation will replace the value, when rotation is on', () => {
    const rotation = rotationFacts({ arn: 'a', name: 'n', tags: [], versionsToStages: map, rotationEnabled: true, rotationRules: { automaticallyAfterDays: 30 }, rotationLambdaArn: 'arn:aws:lambda:us-east-1:1:function:rotate-EXAMPLE', nextRotationDate: new Date('2026-01-20T00:00:00Z') });
    const [w] = planPublish({ ...base, rotation }).warnings;
    assert.equal(w, 'Rotation is on (every 30 days, by rotate-EXAMPLE; next rotation 2026-01-20): that rotation creates a new version and moves AWSCURRENT to it, so the value you publish stays current only until then.');
    assert.deepEqual(planPublish({ ...base, rotation: { ...rotation, enabled: false } }).warnings, []);
  });

  it('names a primary\'s replicas, and the ones whose replication failed', () => {
    const replication = replicationOf({ primaryRegion: 'us-east-1', replicationStatus: [{ region: 'eu-west-1', status: 'InSync' }, { region: 'ap-southeast-2', status: 'Failed' }] }, 'us-east-1');
    const [w] = planPublish({ ...base, replication }).warnings;
    assert.equal(w, 'This secret is replicated to eu-west-1 (InSync), ap-southeast-2 (Failed): Secrets Manager copies the new version to each replica\'s region, where applications read the old value until replication completes. Replication to ap-southeast-2 has failed: that replica keeps the old value.');
    assert.deepEqual(planPublish({ ...base, replication: replicationOf({}, 'us-east-1') }).warnings, []);
  });

  it('words the creation of a secret', () => {
    const c = planCreate({ secretName: 'app/new', connectionLabel: 'default · us-east-1' });
    assert.equal(c.message, 'Create the secret app/new?');
    assert.match(c.detail, /first version, labelled AWSCURRENT/);
  });
});
