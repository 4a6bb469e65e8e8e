// Demo data (`--seed demo`) and synthetic secrets for scale tests. Every value is fake, unique and
// marked EXAMPLE; demoSecretValues() lists them so tests can prove none reaches the UI or a log.
// The demo has a history: secrets and versions are backdated (days to months), so dates look real,
// and each step is a CloudTrail event of a demo principal (principals.ts): people publishing and
// rolling back, Terraform, a rotation function whose latest rotation failed, an application reading.
import { createHash } from 'node:crypto';
import type { Trail } from './cloudtrail';
import { DEMO_KEYS } from './principals';
import { CURRENT, DAY_MS, PENDING, type Operation, type Store } from './store';
import type { ReplicaStatus } from './types';

/**
 * The n-th demo version's ClientRequestToken, which becomes its version id: deterministic and
 * UUID-shaped like the ids Secrets Manager makes, with distinct first 8 characters, since the UI
 * shows versions by that short id.
 */
const token = (n: number) => {
  const h = createHash('sha256').update(`demo version ${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const postgres = (password: string) =>
  JSON.stringify({
    username: 'orders_app',
    password,
    engine: 'postgres',
    host: 'orders-db.cluster-EXAMPLE.us-east-1.rds.amazonaws.com',
    port: 5432,
    dbname: 'orders',
  });

/** DER-looking certificate bytes (not valid UTF-8: a real binary). */
const CERT_BYTES = Buffer.concat([
  Buffer.from([0x30, 0x82, 0x03, 0x1a, 0x30, 0x82, 0x02, 0x02, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x14]),
  Buffer.from('CN=edge.EXAMPLE.com O=Example Corp (EXAMPLE CERTIFICATE)', 'latin1'),
  Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 37 + 11) & 0xff)),
]);

/** Who did something in the demo's history (principals.ts). */
type Who = keyof typeof DEMO_KEYS;

interface DemoVersion {
  string?: string;
  binary?: Buffer;
  /** Labels for PutSecretValue; absent: AWSCURRENT moves to this version. */
  stages?: string[];
  daysAgo: number;
  /** Who created it (CreateSecret or PutSecretValue). */
  by: Who;
  /**
   * Created by a rotation rather than by a person: `rotated` (RotationStarted, the function's
   * PutSecretValue with AWSPENDING and UpdateSecretVersionStage moving AWSCURRENT,
   * RotationSucceeded), or `rotationFailed` (its AWSPENDING version stays, RotationFailed).
   */
  via?: 'rotated' | 'rotationFailed';
  /**
   * Its ClientRequestToken's number in a separate series: versions added to the demo after the
   * first ones, so that the ids of those stay as they were.
   */
  later?: number;
}

/** A label moved after the versions were made: `to` and `from` are indexes into `versions`. */
interface DemoMove {
  daysAgo: number;
  by: Who;
  label: string;
  to: number;
  from?: number;
}

interface DemoSecret {
  name: string;
  description?: string;
  tags?: Record<string, string>;
  kmsKeyId?: string;
  /** Oldest first; the secret is created with the first one. */
  versions: DemoVersion[];
  moves?: DemoMove[];
  accessedDaysAgo?: number;
  /** Who read it then (GetSecretValue); default the orders service. */
  accessedBy?: Who;
  deletedDaysAgo?: number;
  deletedBy?: Who;
  owningService?: string;
  /** Rotation configured (RotateSecret with RotateImmediately false) with the first version, by the same principal. */
  rotationDays?: number;
  /** Replication as seeded: a replica of a secret in another region, or a primary with replicas. */
  replication?: { primaryRegion?: string; replicas?: ReplicaStatus[] };
}

const DEMO: DemoSecret[] = [
  {
    name: 'prod/db/postgres',
    description: 'Orders database credentials (PostgreSQL)',
    tags: { team: 'orders', env: 'prod' },
    versions: [
      { string: postgres('Old-Pa55word-EXAMPLE-1'), daysAgo: 180, by: 'terraform' },
      { string: postgres('Prev-Pa55word-EXAMPLE-2'), daysAgo: 95, by: 'alice' },
      { string: postgres('Curr-Pa55word-EXAMPLE-3'), daysAgo: 12, by: 'bob' },
    ],
    // alice rolled back to the previous password; bob moved AWSCURRENT forward again a day later.
    moves: [
      { daysAgo: 11, by: 'alice', label: 'AWSCURRENT', to: 1, from: 2 },
      { daysAgo: 10, by: 'bob', label: 'AWSCURRENT', to: 2, from: 1 },
    ],
    accessedDaysAgo: 1,
  },
  {
    name: 'prod/payments/api-key',
    description: 'Payment provider API key',
    tags: { team: 'payments', env: 'prod' },
    kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE',
    versions: [{ string: 'sk_live_EXAMPLE_4eC39HqLyjWDarjtT1zdp7dc', daysAgo: 150, by: 'carol' }],
    accessedDaysAgo: 0,
    replication: {
      replicas: [
        { Region: 'eu-west-1', Status: 'InSync', StatusMessage: 'Replication succeeded' },
        { Region: 'ap-southeast-2', Status: 'Failed', StatusMessage: 'Access to the KMS key in ap-southeast-2 was denied.' },
      ],
    },
  },
  {
    name: 'prod/edge/tls-certificate',
    description: 'TLS certificate for the edge proxy (binary, DER)',
    tags: { team: 'platform', env: 'prod' },
    versions: [{ binary: CERT_BYTES, daysAgo: 140, by: 'terraform' }],
  },
  {
    name: 'staging/search/credentials',
    description: 'Search cluster credentials with a STAGING candidate',
    tags: { team: 'search', env: 'staging' },
    versions: [
      { string: JSON.stringify({ user: 'search', password: 'Search-Live-EXAMPLE-7' }), daysAgo: 60, by: 'carol' },
      { string: JSON.stringify({ user: 'search', password: 'Search-Next-EXAMPLE-8' }), stages: ['STAGING', 'QA'], daysAgo: 3, by: 'bob' },
    ],
  },
  {
    name: 'dev/analytics/warehouse',
    description: 'Analytics warehouse login',
    tags: { team: 'data', env: 'dev' },
    versions: [{ string: JSON.stringify({ account: 'analytics', user: 'etl', password: 'Warehouse-EXAMPLE-9' }), daysAgo: 120, by: 'terraform' }],
  },
  {
    name: 'dev/legacy/ftp-password',
    description: 'Old FTP password, scheduled for deletion',
    tags: { team: 'ops', env: 'dev' },
    versions: [{ string: 'ftp-Legacy-EXAMPLE-10', daysAgo: 400, by: 'alice' }],
    deletedDaysAgo: 2,
    deletedBy: 'alice',
  },
  {
    name: 'rds!db-2f6c1a7e-EXAMPLE',
    description: 'Master user secret managed by Amazon RDS',
    tags: { 'aws:rds:primaryDBInstanceArn': 'arn:aws:rds:us-east-1:123456789012:db:orders-db' },
    versions: [{ string: JSON.stringify({ username: 'postgres', password: 'Rds-Managed-EXAMPLE-11' }), daysAgo: 30, by: 'carol' }],
    owningService: 'rds',
  },
  {
    name: 'prod/auth/jwt-signing-key',
    description: 'JWT signing key, rotated monthly',
    tags: { team: 'identity', env: 'prod' },
    // Created by Terraform with its rotation; rotated 25 days ago; today's rotation failed after
    // its function put the AWSPENDING version.
    versions: [
      { string: 'jwt-Key-First-EXAMPLE-18', daysAgo: 55, by: 'terraform', later: 1 },
      { string: 'jwt-Key-Current-EXAMPLE-12', daysAgo: 25, by: 'rotation', via: 'rotated' },
      { string: 'jwt-Key-Pending-EXAMPLE-13', stages: ['AWSPENDING'], daysAgo: 0, by: 'rotation', via: 'rotationFailed' },
    ],
    rotationDays: 30,
  },
  {
    name: 'prod/notifications/smtp',
    description: 'SMTP relay credentials',
    tags: { team: 'comms', env: 'prod' },
    versions: [{ string: JSON.stringify({ host: 'smtp.EXAMPLE.com', port: 587, user: 'noreply', password: 'Smtp-EXAMPLE-14' }), daysAgo: 75, by: 'alice' }],
  },
  {
    name: 'shared/github/deploy-token',
    description: 'Deploy token for CI',
    tags: { team: 'platform' },
    versions: [{ string: 'ghp_EXAMPLE15aBcDeFgHiJkLmNoPqRsTuVwXyZ', daysAgo: 45, by: 'bob' }],
  },
  {
    name: 'dev/feature-flags',
    description: 'Feature flag service settings',
    versions: [{ string: JSON.stringify({ sdkKey: 'ff-EXAMPLE-16', environment: 'dev', streaming: true }), daysAgo: 20, by: 'alice' }],
  },
  {
    name: 'prod/maps/api-key',
    versions: [{ string: 'maps-Key-EXAMPLE-17', daysAgo: 10, by: 'bob' }],
  },
  {
    name: 'global/checkout/signing-key',
    description: 'Checkout signing key, replicated from eu-west-1',
    tags: { team: 'checkout', env: 'prod' },
    // A replica: written in eu-west-1, whose CloudTrail has its history.
    versions: [{ string: JSON.stringify({ kid: 'checkout-2025', key: 'Checkout-Signing-EXAMPLE-19' }), daysAgo: 40, by: 'carol', later: 2 }],
    replication: { primaryRegion: 'eu-west-1' },
  },
];

/** Every value the demo seed stores (strings as they are, binaries as base64), each unique. */
export function demoSecretValues(): string[] {
  return DEMO.flatMap((s) => s.versions.map((v) => v.string ?? v.binary!.toString('base64')));
}

/** Demo secrets by role, for tests that need to know what to expect. */
export const DEMO_NAMES = {
  /**
   * JSON database credentials; three versions: AWSCURRENT, AWSPREVIOUS and a deprecated one. Its
   * history: created by Terraform, then published by alice and bob, rolled back by alice, moved
   * forward again by bob (the two oldest versions are older than CloudTrail's 90 days).
   */
  json: 'prod/db/postgres',
  /** Plain-text API key, one version; a primary replicated to eu-west-1 (InSync) and ap-southeast-2 (Failed). */
  plaintext: 'prod/payments/api-key',
  /** SecretBinary (DER-looking bytes). */
  binary: 'prod/edge/tls-certificate',
  /** AWSCURRENT, and a second version labelled STAGING and QA. */
  customLabel: 'staging/search/credentials',
  /** Scheduled for deletion (7-day window, deleted 2 days ago). */
  deleted: 'dev/legacy/ftp-password',
  /** OwningService "rds". */
  managed: 'rds!db-2f6c1a7e-EXAMPLE',
  /**
   * Rotation enabled (30 days): AWSPREVIOUS, AWSCURRENT from a rotation 25 days ago, and an
   * AWSPENDING version from today's rotation, which failed (RotationFailed).
   */
  rotating: 'prod/auth/jwt-signing-key',
  /** A replica of a secret whose primary is in eu-west-1: read-only here. */
  replica: 'global/checkout/signing-key',
} as const;

type Json = Record<string, unknown>;

export function seedDemo(store: Store, trail?: Trail): void {
  const now = store.now();
  const ago = (days: number) => now - days * DAY_MS - 3_600_000; // an hour earlier: "0 days ago" is still the past
  let n = 0;
  /** A request by a demo principal at a time, through the store, with its CloudTrail event. */
  let logged = trail;
  const act = (who: Who, at: number, operation: Operation, input: Json, run: () => Json = () => store.call(operation, input)): Json =>
    store.at(at, () => {
      const recorded = logged?.begin(operation, (input.SecretId ?? input.Name) as string, input, { accessKeyId: DEMO_KEYS[who] });
      const result = run();
      recorded?.({ result });
      return result;
    });
  const serviceEvent = (name: string, eventName: string, at: number) => logged?.serviceEvent(eventName, store.raw(name), at);
  for (const d of DEMO) {
    // A replica's versions were written in its primary's region: this region's CloudTrail has none of it.
    logged = d.replication?.primaryRegion ? undefined : trail;
    const [first, ...rest] = d.versions;
    const tags = Object.entries(d.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    const tokenOf = (v: DemoVersion) => (v.later ? token(1000 + v.later) : token(++n));
    const ids = d.versions.map(() => '');
    const value = { SecretString: first.string, SecretBinary: first.binary?.toString('base64') };
    const createInput = { Name: d.name, Description: d.description, KmsKeyId: d.kmsKeyId, Tags: tags, ClientRequestToken: (ids[0] = tokenOf(first)), ...value };
    act(first.by, ago(first.daysAgo), 'CreateSecret', createInput, () => store.create(createInput, d.owningService));
    let lastRotated: number | undefined;
    if (d.rotationDays) {
      // Terraform's aws_secretsmanager_secret_rotation: RotateSecret without rotating now.
      act(first.by, ago(first.daysAgo) + 120_000, 'RotateSecret', {
        SecretId: d.name,
        RotationLambdaARN: `arn:aws:lambda:${store.region}:${store.accountId}:function:rotate-EXAMPLE`,
        RotationRules: { AutomaticallyAfterDays: d.rotationDays },
        RotateImmediately: false,
      });
      lastRotated = ago(first.daysAgo);
    }
    rest.forEach((v, i) => {
      const at = ago(v.daysAgo) + 60_000;
      const id = (ids[i + 1] = tokenOf(v));
      // A rotation function names the secret by the ARN it is given.
      const secretId = v.via ? store.raw(d.name).arn : d.name;
      const put = (stages: string[] | undefined) =>
        act(v.by, at + 1000, 'PutSecretValue', { SecretId: secretId, ClientRequestToken: id, SecretString: v.string, SecretBinary: v.binary?.toString('base64'), VersionStages: stages });
      if (!v.via) return void put(v.stages);
      // A rotation: Secrets Manager starts it, its function puts AWSPENDING, then (if it gets that
      // far) moves AWSCURRENT; Secrets Manager takes AWSPENDING off when it succeeds.
      serviceEvent(d.name, 'RotationStarted', at);
      put([PENDING]);
      if (v.via === 'rotationFailed') return void serviceEvent(d.name, 'RotationFailed', at + 30_000);
      const current = [...store.raw(d.name).versions.values()].find((x) => x.stages.has(CURRENT))!.id;
      act(v.by, at + 2000, 'UpdateSecretVersionStage', { SecretId: secretId, VersionStage: CURRENT, MoveToVersionId: id, RemoveFromVersionId: current });
      store.raw(d.name).versions.get(id)!.stages.delete(PENDING);
      serviceEvent(d.name, 'RotationSucceeded', at + 3000);
      lastRotated = at;
    });
    for (const m of d.moves ?? []) {
      act(m.by, ago(m.daysAgo), 'UpdateSecretVersionStage', { SecretId: d.name, VersionStage: m.label, MoveToVersionId: ids[m.to], RemoveFromVersionId: m.from === undefined ? undefined : ids[m.from] });
    }
    if (lastRotated !== undefined) store.raw(d.name).lastRotated = lastRotated;
    if (d.accessedDaysAgo !== undefined) act(d.accessedBy ?? 'ordersApp', ago(d.accessedDaysAgo), 'GetSecretValue', { SecretId: d.name });
    if (d.deletedDaysAgo !== undefined) act(d.deletedBy ?? 'alice', ago(d.deletedDaysAgo), 'DeleteSecret', { SecretId: d.name, RecoveryWindowInDays: 7 });
    if (d.replication) {
      const s = store.raw(d.name);
      s.primaryRegion = d.replication.primaryRegion;
      s.replicas = d.replication.replicas?.map((r) => ({ ...r }));
    }
  }
}

/**
 * Adds `count` secrets named `${prefix}-00001`, `${prefix}-00002`... (numbers already taken are
 * skipped), each with a JSON value, a description and tags. Returns how many were added.
 */
export function seedSynthetic(store: Store, count: number, prefix = 'app/svc'): number {
  const teams = ['orders', 'payments', 'search', 'platform'];
  let added = 0;
  for (let i = 1; added < count; i++) {
    const name = `${prefix}-${String(i).padStart(5, '0')}`;
    if (store.find(name)) continue;
    const team = teams[i % teams.length];
    store.CreateSecret({
      Name: name,
      Description: `Synthetic secret ${i} of team ${team}`,
      Tags: [
        { Key: 'team', Value: team },
        { Key: 'synthetic', Value: prefix },
      ],
      SecretString: JSON.stringify({ index: i, token: `synthetic-EXAMPLE-${i}` }),
    });
    added++;
  }
  return added;
}
