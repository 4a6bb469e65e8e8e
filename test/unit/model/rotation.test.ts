// Rotation and replication facts in words (model/rotation.ts).
import * as assert from 'node:assert/strict';
import type { SecretSummary } from '../../../src/aws/types';
import { functionNameOf, replicasText, replicationOf, rotationFacts, rotationSummary, rotationTrouble, scheduleText } from '../../../src/model/rotation';

const CUR = '1a2b3c4d-0000-4000-8000-000000000001';
const PEND = '5e6f7a8b-0000-4000-8000-000000000002';
const base: SecretSummary = { arn: 'arn', name: 's', rotationEnabled: false, tags: [], versionsToStages: { [CUR]: ['AWSCURRENT'] } };
const d = (s: string) => new Date(`${s}T00:00:00Z`);

describe('rotation facts', () => {
  it('off, or on with its schedule, function, last and next rotation', () => {
    assert.equal(rotationSummary(rotationFacts(base)), 'off');
    const on = rotationFacts({
      ...base,
      rotationEnabled: true,
      rotationLambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:rotate-EXAMPLE',
      rotationRules: { automaticallyAfterDays: 30, duration: '3h' },
      lastRotatedDate: d('2026-05-01'),
      nextRotationDate: d('2026-05-31'),
    });
    assert.equal(on.functionName, 'rotate-EXAMPLE');
    assert.equal(rotationSummary(on), 'on, every 30 days, within 3h, by rotate-EXAMPLE; last 2026-05-01, next 2026-05-31');
    assert.equal(scheduleText({ scheduleExpression: 'rate(10 days)' }), 'rate(10 days)');
    assert.equal(scheduleText({ automaticallyAfterDays: 1 }), 'every 1 day');
    assert.equal(functionNameOf('arn:aws:lambda:us-east-1:1:function:f:PROD'), 'f');
    assert.equal(rotationSummary(rotationFacts({ ...base, lastRotatedDate: d('2026-01-02') })), 'off (last rotated 2026-01-02)');
  });

  it('AWSPENDING on another version: newer (in progress or failed) or older (left over), from the versions\' dates', () => {
    const stages = { [CUR]: ['AWSCURRENT'], [PEND]: ['AWSPENDING'] };
    const versions = (pending: string) => [{ versionId: CUR, stages: ['AWSCURRENT'], createdDate: d('2026-05-01') }, { versionId: PEND, stages: ['AWSPENDING'], createdDate: d(pending) }];
    const newer = rotationFacts({ ...base, versionsToStages: stages }, versions('2026-05-20'));
    assert.equal(newer.pending?.newer, true);
    assert.match(rotationTrouble(newer)!, /^A rotation is in progress, or its last attempt failed: AWSPENDING is on 5e6f7a8b, newer than AWSCURRENT\./);
    assert.match(rotationTrouble(rotationFacts({ ...base, versionsToStages: stages }, versions('2026-04-01')))!, /older than AWSCURRENT: left by an earlier rotation/);
    assert.equal(rotationFacts({ ...base, versionsToStages: stages }).pending?.newer, undefined, 'not known without the versions');
    assert.equal(rotationTrouble(rotationFacts({ ...base, versionsToStages: { [CUR]: ['AWSCURRENT', 'AWSPENDING'] } })), undefined, 'AWSPENDING with AWSCURRENT: nothing pending');
  });

  it('a RotationFailed after the last RotationSucceeded is a failed rotation; one before it is not', () => {
    const e = (eventName: string, day: string, eventId = eventName) => ({ eventName, eventTime: d(day), eventId });
    assert.ok(rotationFacts(base, [], [e('RotationSucceeded', '2026-05-01'), e('RotationFailed', '2026-05-02')]).failed);
    assert.equal(rotationFacts(base, [], [e('RotationFailed', '2026-05-01'), e('RotationSucceeded', '2026-05-02')]).failed, undefined);
  });
});

describe('replication facts', () => {
  it('none, a primary with its replicas, a replica of another region\'s secret', () => {
    assert.deepEqual(replicationOf(base, 'us-east-1'), { role: 'none', replicas: [] });
    const primary = replicationOf({ primaryRegion: 'us-east-1', replicationStatus: [{ region: 'eu-west-1', status: 'InSync' }, { region: 'ap-south-1', status: 'Failed', statusMessage: 'KMS key disabled' }] }, 'us-east-1');
    assert.equal(primary.role, 'primary');
    assert.equal(replicasText(primary), 'eu-west-1 (InSync), ap-south-1 (Failed)');
    assert.equal(replicasText(primary, true), 'eu-west-1 (InSync), ap-south-1 (Failed: KMS key disabled)');
    assert.deepEqual(replicationOf({ primaryRegion: 'eu-west-1' }, 'us-east-1'), { role: 'replica', primaryRegion: 'eu-west-1', replicas: [] });
    assert.equal(replicationOf({ primaryRegion: 'eu-west-1' }, 'eu-west-1').role, 'none', 'seen from its own region');
  });
});
