// Reading a secret's history: DescribeSecret and ListSecretVersionIds (deprecated versions
// included), then CloudTrail LookupEvents filtered by the secret's ARN over the days that matter
// (from just before its oldest version, at most CloudTrail's 90 days), page by page, at most two
// requests a second (LookupEvents' rate), up to a page limit. When the lookup by ARN finds nothing
// for a secret with recent versions, it looks up by name once. A CloudTrail failure keeps the
// versions: the timeline says why there is no attribution (access denied names
// cloudtrail:LookupEvents). Cancelling aborts the request in flight. No `vscode`; the join is
// history.ts.
import { AwsError } from '../aws/errors';
import type { CloudTrailService, TrailEvent } from '../aws/cloudtrailTypes';
import type { SecretSummary, SecretsService, SecretVersion } from '../aws/types';
import { isCancellation } from './errorPolicy';
import { joinHistory, RETENTION_MS, type LookupFailure, type LookupOutcome, type Timeline } from './history';
import { ownersOf, type Owner } from './owners';
import { replicationOf, rotationFacts, type ReplicationFacts, type RotationFacts } from './rotation';
import * as l10n from '@vscode/l10n';

/** Events per LookupEvents call (its maximum). */
export const PAGE_SIZE = 50;
/** Pages read at most per history (1,000 events), unless told otherwise (secretsManager.history.maxPages). */
export const MAX_PAGES = 20;
/** LookupEvents allows two requests a second per account and region. */
export const MIN_INTERVAL_MS = 500;
/** Events a little older than the oldest version are read too (clocks, delivery). */
const MARGIN_MS = 5 * 60_000;

export interface SecretHistory {
  readonly summary: SecretSummary;
  readonly versions: readonly SecretVersion[];
  readonly region: string;
  readonly timeline: Timeline;
  readonly rotation: RotationFacts;
  readonly replication: ReplicationFacts;
  readonly owners: readonly Owner[];
  /** When it was read. */
  readonly readAt: Date;
  /** LookupEvents calls made. */
  readonly lookups: number;
}

export interface HistoryOptions {
  readonly signal?: AbortSignal;
  readonly maxPages?: number;
  readonly minIntervalMs?: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Progress: "Reading CloudTrail events (page 3)...". */
  readonly onProgress?: (message: string) => void;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new AwsError('cancelled', l10n.t('Cancelled.'), { operation: 'LookupEvents' }));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new AwsError('cancelled', l10n.t('Cancelled.'), { operation: 'LookupEvents' }));
    }, { once: true });
  });

function failureOf(err: unknown): LookupFailure {
  if (err instanceof AwsError) return { kind: err.kind, message: err.message, action: err.action };
  return { message: err instanceof Error ? err.message : l10n.t('LookupEvents failed') };
}

/** The days a lookup covers: from just before the oldest version (or the secret's creation), at most 90 days back. */
export function lookupWindow(summary: Pick<SecretSummary, 'createdDate'>, versions: readonly SecretVersion[], now: Date): { from: Date; to: Date } {
  const oldest = Math.min(...versions.map((v) => v.createdDate?.getTime() ?? now.getTime()), summary.createdDate?.getTime() ?? now.getTime(), now.getTime());
  return { from: new Date(Math.max(now.getTime() - RETENTION_MS, oldest - MARGIN_MS)), to: now };
}

/** Reads a secret's history. Rejects only for the Secrets Manager reads, or a cancellation. */
export async function loadHistory(service: SecretsService, secretId: string, options: HistoryOptions = {}): Promise<SecretHistory> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? defaultSleep;
  const signal = options.signal;
  options.onProgress?.(l10n.t('Reading {0} and its versions...', secretId));
  const [summary, versions] = await Promise.all([service.describeSecret(secretId, signal), service.listVersions(secretId, true, signal)]);
  const region = service.connection.region;
  const readAt = now();
  const window = lookupWindow(summary, versions, readAt);
  const trail = service.cloudTrail();
  const maxPages = Math.max(1, options.maxPages ?? MAX_PAGES);
  const interval = options.minIntervalMs ?? MIN_INTERVAL_MS;
  let lookups = 0;

  const read = async (value: string): Promise<{ events: TrailEvent[]; outcome: LookupOutcome }> => {
    const events: TrailEvent[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    for (;;) {
      if (lookups > 0 && interval > 0) await sleep(interval, signal);
      options.onProgress?.(l10n.t('Reading CloudTrail events of {0}{1}...', summary.name, pages ? l10n.t(' (page {0})', pages + 1) : ''));
      try {
        lookups++;
        const page = await readPage(trail, value, window, nextToken, signal);
        pages++;
        events.push(...page.events);
        nextToken = page.nextToken;
      } catch (err) {
        if (isCancellation(err)) throw err;
        const error = failureOf(err);
        if (pages === 0) return { events, outcome: { state: 'failed', error } };
        return { events, outcome: { state: 'partial', readBack: oldestOf(events, window.to), pages, error } };
      }
      if (!nextToken) return { events, outcome: { state: 'complete' } };
      if (pages >= maxPages) return { events, outcome: { state: 'partial', readBack: oldestOf(events, window.to), pages } };
    }
  };

  let { events, outcome } = await read(summary.arn);
  const recent = versions.some((v) => (v.createdDate?.getTime() ?? 0) >= window.from.getTime());
  const about = (e: TrailEvent) => e.resources.includes(summary.arn) || e.serviceSecretId === summary.arn;
  if (outcome.state === 'complete' && recent && !events.some(about)) {
    // CloudTrail names a secret's resource by the id the caller gave: look up by name as well.
    const byName = await read(summary.name);
    events = [...events, ...byName.events];
    outcome = byName.outcome;
  }
  const timeline = joinHistory({
    secret: { name: summary.name, arn: summary.arn, region, primaryRegion: summary.primaryRegion, created: summary.createdDate },
    versions,
    events,
    window,
    lookup: outcome,
    now: readAt,
  });
  return {
    summary,
    versions,
    region,
    timeline,
    rotation: rotationFacts(summary, versions, timeline.rotationEvents),
    replication: replicationOf(summary, region),
    owners: ownersOf(summary),
    readAt,
    lookups,
  };
}

function readPage(trail: CloudTrailService, value: string, window: { from: Date; to: Date }, nextToken: string | undefined, signal: AbortSignal | undefined) {
  return trail.lookupEvents({ attribute: { key: 'ResourceName', value }, startTime: window.from, endTime: window.to, maxResults: PAGE_SIZE, nextToken, signal });
}

function oldestOf(events: readonly TrailEvent[], fallback: Date): Date {
  return events.reduce((d, e) => (e.eventTime < d ? e.eventTime : d), fallback);
}
