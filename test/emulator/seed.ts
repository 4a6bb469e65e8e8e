// Demo data (`--seed demo`) and synthetic secrets for scale tests. Every value is fake, unique and
// marked EXAMPLE; demoSecretValues() lists them so tests can prove none reaches the UI or a log.
// The demo has a history: secrets and versions are backdated (days to months), so dates look real.
import { createHash } from 'node:crypto';
import { DAY_MS, type Store } from './store';

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

interface DemoVersion {
  string?: string;
  binary?: Buffer;
  /** Labels for PutSecretValue; absent: AWSCURRENT moves to this version. */
  stages?: string[];
  daysAgo: number;
}

interface DemoSecret {
  name: string;
  description?: string;
  tags?: Record<string, string>;
  kmsKeyId?: string;
  /** Oldest first; the secret is created with the first one. */
  versions: DemoVersion[];
  accessedDaysAgo?: number;
  deletedDaysAgo?: number;
  owningService?: string;
  rotationDays?: number;
}

const DEMO: DemoSecret[] = [
  {
    name: 'prod/db/postgres',
    description: 'Orders database credentials (PostgreSQL)',
    tags: { team: 'orders', env: 'prod' },
    versions: [
      { string: postgres('Old-Pa55word-EXAMPLE-1'), daysAgo: 180 },
      { string: postgres('Prev-Pa55word-EXAMPLE-2'), daysAgo: 95 },
      { string: postgres('Curr-Pa55word-EXAMPLE-3'), daysAgo: 12 },
    ],
    accessedDaysAgo: 1,
  },
  {
    name: 'prod/payments/api-key',
    description: 'Payment provider API key',
    tags: { team: 'payments', env: 'prod' },
    kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE',
    versions: [{ string: 'sk_live_EXAMPLE_4eC39HqLyjWDarjtT1zdp7dc', daysAgo: 150 }],
    accessedDaysAgo: 0,
  },
  {
    name: 'prod/edge/tls-certificate',
    description: 'TLS certificate for the edge proxy (binary, DER)',
    tags: { team: 'platform', env: 'prod' },
    versions: [{ binary: CERT_BYTES, daysAgo: 140 }],
  },
  {
    name: 'staging/search/credentials',
    description: 'Search cluster credentials with a STAGING candidate',
    tags: { team: 'search', env: 'staging' },
    versions: [
      { string: JSON.stringify({ user: 'search', password: 'Search-Live-EXAMPLE-7' }), daysAgo: 60 },
      { string: JSON.stringify({ user: 'search', password: 'Search-Next-EXAMPLE-8' }), stages: ['STAGING', 'QA'], daysAgo: 3 },
    ],
  },
  {
    name: 'dev/analytics/warehouse',
    description: 'Analytics warehouse login',
    tags: { team: 'data', env: 'dev' },
    versions: [{ string: JSON.stringify({ account: 'analytics', user: 'etl', password: 'Warehouse-EXAMPLE-9' }), daysAgo: 120 }],
  },
  {
    name: 'dev/legacy/ftp-password',
    description: 'Old FTP password, scheduled for deletion',
    tags: { team: 'ops', env: 'dev' },
    versions: [{ string: 'ftp-Legacy-EXAMPLE-10', daysAgo: 400 }],
    deletedDaysAgo: 2,
  },
  {
    name: 'rds!db-2f6c1a7e-EXAMPLE',
    description: 'Master user secret managed by Amazon RDS',
    tags: { 'aws:rds:primaryDBInstanceArn': 'arn:aws:rds:us-east-1:123456789012:db:orders-db' },
    versions: [{ string: JSON.stringify({ username: 'postgres', password: 'Rds-Managed-EXAMPLE-11' }), daysAgo: 30 }],
    owningService: 'rds',
  },
  {
    name: 'prod/auth/jwt-signing-key',
    description: 'JWT signing key, rotated monthly',
    tags: { team: 'identity', env: 'prod' },
    versions: [
      { string: 'jwt-Key-Current-EXAMPLE-12', daysAgo: 25 },
      { string: 'jwt-Key-Pending-EXAMPLE-13', stages: ['AWSPENDING'], daysAgo: 0 },
    ],
    rotationDays: 30,
  },
  {
    name: 'prod/notifications/smtp',
    description: 'SMTP relay credentials',
    tags: { team: 'comms', env: 'prod' },
    versions: [{ string: JSON.stringify({ host: 'smtp.EXAMPLE.com', port: 587, user: 'noreply', password: 'Smtp-EXAMPLE-14' }), daysAgo: 75 }],
  },
  {
    name: 'shared/github/deploy-token',
    description: 'Deploy token for CI',
    tags: { team: 'platform' },
    versions: [{ string: 'ghp_EXAMPLE15aBcDeFgHiJkLmNoPqRsTuVwXyZ', daysAgo: 45 }],
  },
  {
    name: 'dev/feature-flags',
    description: 'Feature flag service settings',
    versions: [{ string: JSON.stringify({ sdkKey: 'ff-EXAMPLE-16', environment: 'dev', streaming: true }), daysAgo: 20 }],
  },
  {
    name: 'prod/maps/api-key',
    versions: [{ string: 'maps-Key-EXAMPLE-17', daysAgo: 10 }],
  },
];

/** Every value the demo seed stores (strings as they are, binaries as base64), each unique. */
export function demoSecretValues(): string[] {
  return DEMO.flatMap((s) => s.versions.map((v) => v.string ?? v.binary!.toString('base64')));
}

/** Demo secrets by role, for tests that need to know what to expect. */
export const DEMO_NAMES = {
  /** JSON database credentials; three versions: AWSCURRENT, AWSPREVIOUS and a deprecated one. */
  json: 'prod/db/postgres',
  /** Plain-text API key, one version. */
  plaintext: 'prod/payments/api-key',
  /** SecretBinary (DER-looking bytes). */
  binary: 'prod/edge/tls-certificate',
  /** AWSCURRENT, and a second version labelled STAGING and QA. */
  customLabel: 'staging/search/credentials',
  /** Scheduled for deletion (7-day window, deleted 2 days ago). */
  deleted: 'dev/legacy/ftp-password',
  /** OwningService "rds". */
  managed: 'rds!db-2f6c1a7e-EXAMPLE',
  /** Rotation enabled (30 days), with an AWSPENDING version. */
  rotating: 'prod/auth/jwt-signing-key',
} as const;

export function seedDemo(store: Store): void {
  const now = store.now();
  const ago = (days: number) => now - days * DAY_MS - 3_600_000; // an hour earlier: "0 days ago" is still the past
  let n = 0;
  for (const d of DEMO) {
    const [first, ...rest] = d.versions;
    const tags = Object.entries(d.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
    const value = { SecretString: first.string, SecretBinary: first.binary?.toString('base64') };
    store.at(ago(first.daysAgo), () =>
      store.create({ Name: d.name, Description: d.description, KmsKeyId: d.kmsKeyId, Tags: tags, ClientRequestToken: token(++n), ...value }, d.owningService),
    );
    for (const v of rest) {
      store.at(ago(v.daysAgo) + 60_000, () =>
        store.PutSecretValue({
          SecretId: d.name,
          ClientRequestToken: token(++n),
          SecretString: v.string,
          SecretBinary: v.binary?.toString('base64'),
          VersionStages: v.stages,
        }),
      );
    }
    if (d.rotationDays) {
      const s = store.raw(d.name);
      s.rotationEnabled = true;
      s.rotationDays = d.rotationDays;
      s.rotationLambdaArn = `arn:aws:lambda:${store.region}:${store.accountId}:function:rotate-EXAMPLE`;
      s.lastRotated = ago(first.daysAgo);
    }
    if (d.accessedDaysAgo !== undefined) store.at(ago(d.accessedDaysAgo), () => store.GetSecretValue({ SecretId: d.name }));
    if (d.deletedDaysAgo !== undefined) store.at(ago(d.deletedDaysAgo), () => store.DeleteSecret({ SecretId: d.name, RecoveryWindowInDays: 7 }));
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
