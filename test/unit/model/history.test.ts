// The join of CloudTrail events to a secret's versions (model/history.ts), in plain Node: who made
// each version and moved each label; events in any order, split over pages, repeated; rotation
// steps; rollbacks; and why a version has no attribution.
import * as assert from 'node:assert/strict';
import type { TrailActor, TrailEvent, TrailRequest, TrailResponse } from '../../../src/aws/cloudtrailTypes';
import type { SecretVersion } from '../../../src/aws/types';
import { chronological, describeActor, entryDescription, entryDetails, entryTitle, joinHistory, RETENTION_MS, type HistoryEntry, type HistoryInput } from '../../../src/model/history';
import { rotationFacts, rotationTrouble } from '../../../src/model/rotation';

const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf';
const NAME = 'prod/db';
const NOW = new Date('2026-06-01T12:00:00Z');
const MIN = 60_000;
const DAY = 86_400_000;
const at = (msAgo: number) => new Date(NOW.getTime() - msAgo);
const V = (n: number) => `${String(n).repeat(8)}-0000-4000-8000-00000000000${n}`;

const ALICE: TrailActor = { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/alice', userName: 'alice' };
const BOB: TrailActor = { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_PowerUserAccess_3f1a2b4c5d6e7f80/bob@example.com', sessionName: 'bob@example.com', userName: 'AWSReservedSSO_PowerUserAccess_3f1a2b4c5d6e7f80', roleArn: 'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_PowerUserAccess_3f1a2b4c5d6e7f80' };
const LAMBDA: TrailActor = { type: 'AssumedRole', arn: 'arn:aws:sts::123456789012:assumed-role/rotate-role/rotate-fn', sessionName: 'rotate-fn', userName: 'rotate-role' };
const SERVICE: TrailActor = { type: 'AWSService', invokedBy: 'secretsmanager.amazonaws.com' };

let ids = 0;
function ev(eventName: string, time: Date, actor: TrailActor, request: TrailRequest = {}, response: TrailResponse = {}, extra: Partial<TrailEvent> = {}): TrailEvent {
  return {
    eventId: `evt-${String(++ids).padStart(4, '0')}`,
    eventName,
    eventTime: time,
    readOnly: false,
    resources: [ARN],
    actor,
    username: actor.sessionName ?? actor.userName,
    sourceIp: actor.type === 'AWSService' ? 'secretsmanager.amazonaws.com' : '203.0.113.9',
    request: { secretId: NAME, ...request },
    response,
    ...extra,
  };
}
const put = (t: Date, who: TrailActor, v: string, stages?: string[]) => ev('PutSecretValue', t, who, { clientRequestToken: v, versionStages: stages }, { versionId: v, versionStages: stages ?? ['AWSCURRENT'] });
const create = (t: Date, who: TrailActor, v: string) => ev('CreateSecret', t, who, { name: NAME, clientRequestToken: v, secretId: undefined }, { arn: ARN, versionId: v });
const move = (t: Date, who: TrailActor, label: string, to?: string, from?: string) => ev('UpdateSecretVersionStage', t, who, { versionStage: label, moveToVersionId: to, removeFromVersionId: from });
const version = (v: string, created: Date, stages: string[] = []): SecretVersion => ({ versionId: v, stages, createdDate: new Date(created.getTime() + 400) });

function input(versions: SecretVersion[], events: TrailEvent[], over: Partial<HistoryInput> = {}): HistoryInput {
  return {
    secret: { name: NAME, arn: ARN, region: 'us-east-1' },
    versions,
    events,
    window: { from: new Date(NOW.getTime() - RETENTION_MS), to: NOW },
    lookup: { state: 'complete' },
    now: NOW,
    ...over,
  };
}

/** A compact view of the entries: kind, target and who. */
function shape(entries: readonly HistoryEntry[]): string[] {
  return entries.map((e) => {
    switch (e.kind) {
      case 'version': return `version ${e.versionId.slice(0, 1)} ${e.by ? `by ${e.by.who}` : `missing:${e.missing!.why}`}`;
      case 'move': return `move ${e.label} ${e.from ? e.from.slice(0, 1) : '?'}->${e.to ? e.to.slice(0, 1) : 'none'} by ${e.by.who}${e.rollback ? ' rollback' : ''}${e.rotation ? ' rotation' : ''}`;
      case 'rotation': return `rotation ${e.step} by ${e.by.who}`;
      case 'change': return `change ${e.eventName} by ${e.by.who}`;
      case 'refused': return `refused ${e.eventName} ${e.errorCode} by ${e.by.who}`;
    }
  });
}

// Two principals publish; one rolls back.
const story = () => {
  const t1 = at(30 * DAY);
  const t2 = at(10 * DAY);
  const t3 = at(2 * DAY);
  const t4 = at(1 * DAY);
  return {
    versions: [version(V(1), t1, []), version(V(2), t2, ['AWSCURRENT']), version(V(3), t3, ['AWSPREVIOUS'])],
    events: [create(t1, ALICE, V(1)), put(t2, BOB, V(2)), put(t3, ALICE, V(3)), move(t4, BOB, 'AWSCURRENT', V(2), V(3))],
  };
};

describe('history: the join of CloudTrail events to versions', () => {
  it('two principals publish, one rolls back: every version and move names who, through which call, newest first', () => {
    const { versions, events } = story();
    const t = joinHistory(input(versions, events));
    assert.deepEqual(shape(t.entries), [
      'move AWSCURRENT 3->2 by bob@example.com rollback',
      'move AWSCURRENT 2->3 by alice',
      'version 3 by alice',
      'move AWSCURRENT 1->2 by bob@example.com',
      'version 2 by bob@example.com',
      'version 1 by alice',
    ]);
    const v3 = t.entries.find((e) => e.kind === 'version' && e.versionId === V(3))!;
    assert.equal(v3.kind === 'version' && v3.previousVersionId, V(2), 'the version before it, for changed keys');
    assert.deepEqual(v3.kind === 'version' && v3.labels, ['AWSPREVIOUS'], 'its labels now');
    assert.equal(entryTitle(t.entries[0]), 'Rolled back: AWSCURRENT → 22222222');
    assert.match(entryDescription(t.entries[0]), /^from 33333333 · 2026-05-31 12:00 UTC · bob@example\.com · UpdateSecretVersionStage$/);
    assert.match(entryDescription(v3), / · alice · PutSecretValue$/);
    assert.equal(t.attribution.state, 'complete');
    assert.match(t.attribution.text, /^4 events from CloudTrail since 2026-03-03 \(CloudTrail keeps 90 days\)\.$/);
    assert.deepEqual(t.counts, { events: 4, writes: 4, reads: 0, unjoined: 0 });
  });

  it('gives the same timeline whatever order the events come in, split over pages, repeated', () => {
    const { versions, events } = story();
    const expected = shape(joinHistory(input(versions, events)).entries);
    const shuffled = [events[3], events[1], events[0], events[2]];
    assert.deepEqual(shape(joinHistory(input(versions, shuffled)).entries), expected, 'out of order');
    // Pages newest first, one event on two pages (an event delivered while paging), every page twice.
    const pages = [[events[3], events[2]], [events[2], events[1]], [events[0]]];
    assert.deepEqual(shape(joinHistory(input(versions, [...pages.flat(), ...pages.flat()])).entries), expected, 'duplicates across pages');
  });

  it('orders what happened within one second (CloudTrail\'s times are whole seconds) by the versions\' own creation times', () => {
    const second = at(DAY);
    const ms = (n: number) => new Date(second.getTime() + n);
    const versions: SecretVersion[] = [
      { versionId: V(1), stages: [], createdDate: ms(100) },
      { versionId: V(2), stages: ['AWSCURRENT'], createdDate: ms(300) },
      { versionId: V(3), stages: ['AWSPREVIOUS'], createdDate: ms(600) },
    ];
    const events = [create(second, BOB, V(1)), put(second, ALICE, V(2)), put(second, BOB, V(3)), move(second, ALICE, 'AWSCURRENT', V(2), V(3))];
    const expected = ['move AWSCURRENT 3->2 by alice rollback', 'move AWSCURRENT 2->3 by bob@example.com', 'version 3 by bob@example.com', 'move AWSCURRENT 1->2 by alice', 'version 2 by alice', 'version 1 by bob@example.com'];
    for (const order of [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]]) {
      assert.deepEqual(shape(joinHistory(input(versions, order.map((i) => events[i]))).entries), expected, `order ${order}`);
    }
  });

  it('orders same-second label moves by their chain, and says where AWSPREVIOUS went', () => {
    const t = at(DAY);
    const versions = [version(V(1), at(3 * DAY), ['AWSPREVIOUS']), version(V(2), at(2 * DAY), []), version(V(3), at(2 * DAY) , ['AWSCURRENT', 'BLUE'])];
    const events = [
      // Logged in the same second; listed here in the wrong order.
      move(t, ALICE, 'BLUE', V(3), V(2)),
      move(t, ALICE, 'BLUE', V(2), V(1)),
      move(at(DAY - MIN), BOB, 'AWSCURRENT', V(3), V(1)),
      move(at(DAY - 2 * MIN), BOB, 'STAGING', undefined, V(1)),
    ];
    const moves = joinHistory(input(versions, events)).entries.filter((e) => e.kind === 'move');
    assert.deepEqual(shape(moves), [
      'move STAGING 1->none by bob@example.com',
      'move AWSCURRENT 1->3 by bob@example.com',
      'move BLUE 2->3 by alice',
      'move BLUE 1->2 by alice',
    ]);
    assert.equal(entryTitle(moves[0]), 'STAGING removed from 11111111');
    const current = moves[1];
    assert.equal(current.kind === 'move' && current.previousTo, V(1));
    assert.equal(current.kind === 'move' && current.rollback, undefined, 'forward, to a newer version');
    assert.ok(entryDetails(current).includes(`AWSPREVIOUS moved to ${V(1)}`));
    assert.deepEqual(chronological(events).map((e) => e.request.moveToVersionId ?? 'none'), [V(2), V(3), V(3), 'none'], 'oldest first, the BLUE chain in order');
  });

  it('a PutSecretValue that moved AWSCURRENT gets its own entry, from the version replayed before it', () => {
    const versions = [version(V(1), at(5 * DAY), ['AWSPREVIOUS']), version(V(2), at(4 * DAY), ['AWSCURRENT']), version(V(3), at(3 * DAY), ['STAGING'])];
    const events = [create(at(5 * DAY), ALICE, V(1)), put(at(4 * DAY), BOB, V(2)), put(at(3 * DAY), BOB, V(3), ['STAGING'])];
    const t = joinHistory(input(versions, events));
    assert.deepEqual(shape(t.entries), ['version 3 by bob@example.com', 'move AWSCURRENT 1->2 by bob@example.com', 'version 2 by bob@example.com', 'version 1 by alice']);
    const staged = t.entries[0];
    assert.deepEqual(staged.kind === 'version' && staged.createdWith, ['STAGING'], 'a custom label at creation is not a move of AWSCURRENT');
    const m = t.entries[1];
    assert.equal(m.kind === 'move' && m.via, 'PutSecretValue');
  });

  it('rotation steps: RotateSecret, RotationStarted, the function\'s AWSPENDING version and AWSCURRENT move, RotationSucceeded; then a failed one', () => {
    const t0 = at(20 * DAY);
    const t1 = at(2 * DAY);
    const versions = [version(V(1), at(40 * DAY), ['AWSPREVIOUS']), version(V(2), t0, ['AWSCURRENT']), version(V(3), t1, ['AWSPENDING'])];
    const events = [
      create(at(40 * DAY), ALICE, V(1)),
      // All in one second, as CloudTrail's whole-second times make them: listed shuffled.
      ev('RotationSucceeded', t0, SERVICE, {}, {}, { eventType: 'AwsServiceEvent', serviceSecretId: ARN, resources: [ARN] }),
      move(t0, LAMBDA, 'AWSCURRENT', V(2), V(1)),
      put(t0, LAMBDA, V(2), ['AWSPENDING']),
      ev('RotationStarted', t0, SERVICE, {}, {}, { eventType: 'AwsServiceEvent', serviceSecretId: ARN }),
      ev('RotateSecret', t0, BOB, { rotateImmediately: true }),
      ev('RotationStarted', t1, SERVICE, {}, {}, { serviceSecretId: ARN }),
      put(t1, LAMBDA, V(3), ['AWSPENDING']),
      ev('RotationFailed', new Date(t1.getTime() + 30_000), SERVICE, {}, {}, { serviceSecretId: ARN }),
    ];
    const t = joinHistory(input(versions, events));
    assert.deepEqual(shape(t.entries), [
      'rotation RotationFailed by secretsmanager.amazonaws.com',
      'version 3 by rotate-fn (rotate-role)',
      'rotation RotationStarted by secretsmanager.amazonaws.com',
      'rotation RotationSucceeded by secretsmanager.amazonaws.com',
      'move AWSCURRENT 1->2 by rotate-fn (rotate-role) rotation',
      'version 2 by rotate-fn (rotate-role)',
      'rotation RotationStarted by secretsmanager.amazonaws.com',
      'rotation RotateSecret by bob@example.com',
      'version 1 by alice',
    ]);
    const v3 = t.entries[1];
    assert.equal(v3.kind === 'version' && v3.rotation, true);
    assert.match(entryDescription(v3), /PutSecretValue \(rotation\)$/);
    assert.equal(entryTitle(t.entries.at(-2)!), 'Rotation requested');
    const facts = rotationFacts(
      { arn: ARN, name: NAME, rotationEnabled: true, tags: [], versionsToStages: { [V(1)]: ['AWSPREVIOUS'], [V(2)]: ['AWSCURRENT'], [V(3)]: ['AWSPENDING'] }, rotationRules: { automaticallyAfterDays: 30 } },
      versions,
      t.rotationEvents,
    );
    assert.deepEqual(facts.pending, { versionId: V(3), newer: true, created: versions[2].createdDate });
    assert.equal(facts.failed?.eventId, events[8].eventId);
    assert.match(rotationTrouble(facts)!, /^The last rotation failed \(RotationFailed, .*\): AWSPENDING is left on 33333333, newer than AWSCURRENT, and the next attempt starts from it\.$/);
  });

  it('every version is listed; one without an event says why', () => {
    const versions = [
      version(V(1), at(200 * DAY), []),
      version(V(2), at(40 * DAY), ['AWSPREVIOUS']),
      version(V(3), at(5 * MIN), ['AWSCURRENT']),
    ];
    const why = (over: Partial<HistoryInput>, events: TrailEvent[] = []) =>
      joinHistory(input(versions, events, over)).entries.map((e) => (e.kind === 'version' ? e.missing?.why ?? 'found' : e.kind));
    assert.deepEqual(why({}), ['tooRecent', 'notFound', 'retention']);
    assert.deepEqual(why({ lookup: { state: 'failed', error: { kind: 'accessDenied', message: 'denied', action: 'cloudtrail:LookupEvents' } } }), ['denied', 'denied', 'denied']);
    assert.deepEqual(why({ lookup: { state: 'failed', error: { kind: 'endpointUnreachable', message: 'unreachable' } } }), ['unavailable', 'unavailable', 'unavailable']);
    assert.deepEqual(why({ secret: { name: NAME, arn: ARN, region: 'us-east-1', primaryRegion: 'eu-west-1' } }), ['otherRegion', 'otherRegion', 'otherRegion']);
    assert.deepEqual(why({ lookup: { state: 'partial', readBack: at(DAY), pages: 50 } }), ['tooRecent', 'notRead', 'retention']);
    assert.deepEqual(why({}, [put(at(5 * MIN), BOB, V(3))]), ['move', 'found', 'notFound', 'retention']);
    const denied = joinHistory(input(versions, [], { lookup: { state: 'failed', error: { kind: 'accessDenied', message: 'x', action: 'cloudtrail:LookupEvents' } } }));
    assert.equal(denied.attribution.text, 'No attribution: CloudTrail access denied. Ask for cloudtrail:LookupEvents to see who changed what.');
    assert.equal(denied.entries.length, 3, 'the versions stay');
    const old = denied.entries.find((e) => e.kind === 'version' && e.versionId === V(1))!;
    assert.ok(entryDetails(old).includes('Who: not known: CloudTrail access denied (cloudtrail:LookupEvents)'));
    const retention = joinHistory(input(versions, [])).entries.at(-1)!;
    assert.match(entryDescription(retention), /· older than 90 days$/);
    const partial = joinHistory(input(versions, [], { lookup: { state: 'partial', readBack: at(DAY), pages: 50 } }));
    assert.match(partial.attribution.text, /back to 2026-05-31: the lookup stopped after 50 pages\.$/);
  });

  it('a retry with the same token created nothing: one version, its repeats counted', () => {
    const versions = [version(V(1), at(2 * DAY), ['AWSCURRENT'])];
    const first = create(at(2 * DAY), ALICE, V(1));
    const t = joinHistory(input(versions, [put(at(2 * DAY - 1000), ALICE, V(1)), first]));
    assert.deepEqual(shape(t.entries), ['version 1 by alice']);
    const v = t.entries[0];
    assert.equal(v.kind === 'version' && v.repeats, 1);
    assert.equal(v.kind === 'version' && v.by?.eventId, first.eventId, 'the first call created it');
  });

  it('leaves out reads (counted), other secrets\' events and an earlier secret of the same name; lists refused writes and other changes', () => {
    const versions = [version(V(1), at(3 * DAY), ['AWSCURRENT'])];
    const created = at(3 * DAY);
    const events = [
      create(created, ALICE, V(1)),
      ev('GetSecretValue', at(DAY), BOB, { versionStage: 'AWSCURRENT' }, {}, { readOnly: true }),
      ev('PutSecretValue', at(DAY), BOB, {}, {}, { resources: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:other-XyZ123'], request: { secretId: 'other' } }),
      // The secret of the same name that was deleted before this one was created.
      ev('PutSecretValue', at(10 * DAY), BOB, { secretId: NAME, clientRequestToken: V(9) }, {}, { resources: [] }),
      ev('PutSecretValue', at(DAY / 2), BOB, { clientRequestToken: V(7) }, {}, { errorCode: 'AccessDeniedException', errorMessage: 'User bob is not authorized to perform: secretsmanager:PutSecretValue' }),
      ev('TagResource', at(DAY / 3), ALICE),
    ];
    const t = joinHistory(input(versions, events, { secret: { name: NAME, arn: ARN, region: 'us-east-1', created } }));
    assert.deepEqual(shape(t.entries), ['change TagResource by alice', 'refused PutSecretValue AccessDeniedException by bob@example.com', 'version 1 by alice']);
    assert.equal(t.counts.reads, 1);
    assert.equal(entryTitle(t.entries[0]), 'Tags added or changed');
    assert.ok(entryDetails(t.entries[1]).some((l) => /^Refused: AccessDeniedException: User bob/.test(l)));
  });

  it('names principals: IAM user, IAM Identity Center user and permission set, role session, service, root', () => {
    assert.deepEqual(describeActor(ALICE), { who: 'alice', principal: 'IAM user alice' });
    assert.deepEqual(describeActor(BOB), { who: 'bob@example.com', principal: 'IAM Identity Center user bob@example.com, permission set PowerUserAccess (role AWSReservedSSO_PowerUserAccess_3f1a2b4c5d6e7f80, session bob@example.com)' });
    assert.deepEqual(describeActor(LAMBDA), { who: 'rotate-fn (rotate-role)', principal: 'role rotate-role, session rotate-fn' });
    assert.deepEqual(describeActor(SERVICE), { who: 'secretsmanager.amazonaws.com', principal: 'AWS service secretsmanager.amazonaws.com' });
    assert.deepEqual(describeActor({ type: 'Root', accountId: '123456789012' }), { who: 'root', principal: 'the root user of account 123456789012' });
    assert.equal(describeActor({}, 'someone').who, 'someone');
  });

  it('details name the principal ARN, access key, source, user agent and event id, never anything else', () => {
    const { versions, events } = story();
    const t = joinHistory(input(versions, events));
    const lines = entryDetails(t.entries[0]);
    assert.ok(lines.includes(`Principal: ${BOB.arn}`));
    assert.ok(lines.includes('From: 203.0.113.9'));
    assert.ok(lines.some((l) => l === `Event: UpdateSecretVersionStage ${events[3].eventId}`));
    assert.ok(lines.includes('A rollback: AWSCURRENT went back to an older version'));
  });
});
