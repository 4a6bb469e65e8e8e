// The pager behind the tree (src/model/secretPager.ts), against the local endpoint over real
// HTTP with the real SDK service: how many ListSecrets calls each step costs, what a failed page
// leaves, abort, shared requests, and following empty pages of a filtered listing.
import * as assert from 'node:assert/strict';
import type { ConnectionSpec, SecretsService } from '../../../src/aws/types';
import { SecretPager, type PageQuery } from '../../../src/model/secretPager';
import { startEmulator, type Emulator } from '../../emulator/server';
import { makeService, RecordingLogger, STATIC_PROFILE, useSandbox } from '../aws/helpers';

describe('model/secretPager', () => {
  let emu: Emulator;
  let service: SecretsService;
  let logger: RecordingLogger;
  const sandbox = useSandbox();
  const PREFIX = 'pager/app';
  const TOTAL = 25;

  before(async () => {
    emu = await startEmulator({ port: 0 });
    await emu.admin.seedSynthetic(TOTAL, PREFIX);
    await emu.admin.seedSynthetic(5, 'other/app');
  });
  after(() => emu?.stop());
  beforeEach(async () => {
    sandbox.writeConfig(STATIC_PROFILE.config, STATIC_PROFILE.credentials);
    const spec: Omit<ConnectionSpec, 'id'> = { profile: 'dev', region: 'us-east-1', endpoint: emu.url };
    service = makeService(spec);
    logger = new RecordingLogger();
    await emu.admin.resetCounters();
  });
  afterEach(async () => {
    service.dispose();
    await emu.admin.clearFaults();
  });

  const listCalls = async () => (await emu.admin.counters()).byOperation.ListSecrets ?? 0;
  const query = (over: Partial<PageQuery> = {}): PageQuery => ({ pageSize: 10, includeDeleted: false, sortBy: 'name', filter: { key: 'name', values: [PREFIX] }, ...over });
  const pagerOf = (svc: SecretsService = service, over: Partial<PageQuery> = {}, emptyPagesFollowed?: number) =>
    new SecretPager({ service: () => svc, query: () => query(over), log: logger, name: 'dev@us-east-1', emptyPagesFollowed });

  it('loads the first page in one ListSecrets call', async () => {
    const pager = pagerOf();
    await pager.load();
    assert.equal(await listCalls(), 1);
    assert.equal(pager.count, 10);
    assert.ok(pager.hasMore);
    assert.ok(pager.secrets.every((s) => s.name.startsWith(`${PREFIX}-`)));
    assert.equal(pager.error, undefined);
    // Loaded once: a second load() is free.
    await pager.load();
    assert.equal(await listCalls(), 1);
  });

  it('loads more to the end in ceil(N / pageSize) calls, each secret once', async () => {
    const pager = pagerOf();
    await pager.load();
    while (pager.hasMore) assert.equal(await pager.loadMore(), true);
    assert.equal(await listCalls(), Math.ceil(TOTAL / 10));
    assert.equal(pager.count, TOTAL);
    assert.equal(new Set(pager.secrets.map((s) => s.name)).size, TOTAL);
    // Nothing more: no request.
    assert.equal(await pager.loadMore(), false);
    assert.equal(await listCalls(), 3);
  });

  it('a failing later page keeps the secrets loaded so far; the next loadMore retries that page', async () => {
    const pager = pagerOf();
    await pager.load();
    await emu.admin.setFaults({ internalError: { count: 1, operations: ['ListSecrets'] } });
    assert.equal(await pager.loadMore(), true);
    assert.ok(pager.pageError, 'the later page failed');
    assert.equal(pager.error, undefined, 'the listing itself is not an error');
    assert.equal(pager.count, 10);
    assert.ok(pager.hasMore);
    assert.ok(logger.lines.some((l) => l.startsWith('warn Listing secrets of dev@us-east-1 failed:')));
    assert.equal(await pager.loadMore(), true);
    assert.equal(pager.pageError, undefined);
    assert.equal(pager.count, 20);
    assert.equal(await listCalls(), 3);
  });

  it('a failing first page makes the listing an error, with nothing loaded', async () => {
    await emu.admin.setFaults({ internalError: { count: 1, operations: ['ListSecrets'] } });
    const pager = pagerOf();
    await pager.load();
    assert.ok(pager.error);
    assert.equal(pager.pageError, undefined);
    assert.equal(pager.count, 0);
    assert.equal(pager.hasMore, false);
    assert.equal(await pager.loadMore(), false, 'no next page to ask for');
  });

  it('abort cancels the request in flight: nothing is loaded, nothing more is asked, no warning', async () => {
    await emu.admin.setFaults({ latencyMs: 1000 });
    const pager = pagerOf();
    const started = Date.now();
    const loading = pager.load();
    setTimeout(() => pager.abort(), 100);
    await loading;
    assert.ok(Date.now() - started < 900, 'the request was abandoned, not waited for');
    assert.ok(pager.aborted);
    assert.equal(pager.count, 0);
    assert.equal(await pager.loadMore(), false);
    assert.ok(logger.lines.includes('debug Listing secrets of dev@us-east-1: superseded, cancelled'), logger.lines.join('\n'));
    assert.ok(!logger.lines.some((l) => l.startsWith('warn')));
  });

  it('a page that still arrives after abort is ignored', async () => {
    // A service that does not pass the signal on: the request completes after the abort.
    const deaf: SecretsService = Object.create(service);
    deaf.listSecrets = (options) => service.listSecrets({ ...options, signal: undefined });
    await emu.admin.setFaults({ latencyMs: 200 });
    const pager = pagerOf(deaf);
    const loading = pager.load();
    setTimeout(() => pager.abort(), 50);
    await loading;
    assert.equal(await listCalls(), 1, 'the page was served');
    assert.equal(pager.count, 0, 'and dropped');
    assert.equal(pager.hasMore, false);
  });

  it('concurrent callers share one request: three load() calls, then three loadMore() calls', async () => {
    await emu.admin.setFaults({ latencyMs: 150 });
    const pager = pagerOf();
    await Promise.all([pager.load(), pager.load(), pager.load()]);
    assert.equal(await listCalls(), 1);
    assert.deepEqual(await Promise.all([pager.loadMore(), pager.loadMore(), pager.loadMore()]), [true, true, true]);
    assert.equal(await listCalls(), 2);
    assert.equal(pager.count, 20);
  });

  it('loadMore during the first page waits for it, then asks for the next page', async () => {
    await emu.admin.setFaults({ latencyMs: 100 });
    const pager = pagerOf();
    const first = pager.load();
    assert.ok(pager.loading, 'the first page is in flight');
    assert.equal(await pager.loadMore(), true);
    await first;
    assert.equal(await listCalls(), 2);
    assert.equal(pager.count, 20);
  });

  describe('empty pages of a filtered listing', () => {
    // The local endpoint filters before it pages, so it never returns an empty page with a
    // NextToken; AWS can. This service is the real one (real HTTP), with the secrets of its
    // first `hidden` pages dropped, NextToken kept.
    const hidingFirstPages = (hidden: number): SecretsService => {
      let calls = 0;
      const wrapped: SecretsService = Object.create(service);
      wrapped.listSecrets = async (options) => {
        const page = await service.listSecrets(options);
        return ++calls <= hidden ? { secrets: [], nextToken: page.nextToken } : page;
      };
      return wrapped;
    };

    it('are followed by one load() until a page has secrets', async () => {
      const pager = pagerOf(hidingFirstPages(2), { pageSize: 5 });
      await pager.load();
      assert.equal(await listCalls(), 3);
      assert.equal(pager.count, 5);
      assert.deepEqual(pager.secrets.map((s) => s.name), [11, 12, 13, 14, 15].map((n) => `${PREFIX}-000${n}`));
    });

    it('at most five at a time: then the caller sees more to load, and loadMore follows again', async () => {
      const pager = pagerOf(hidingFirstPages(7), { pageSize: 3 });
      await pager.load();
      assert.equal(await listCalls(), 5);
      assert.equal(pager.count, 0);
      assert.ok(pager.hasMore, '"Load more" is offered');
      assert.equal(pager.error, undefined);
      assert.equal(await pager.loadMore(), true);
      assert.equal(await listCalls(), 8);
      assert.equal(pager.count, 3);
    });
  });

  it('upsert replaces a loaded summary in place; remove drops it; find takes a name or an ARN', async () => {
    const pager = pagerOf();
    await pager.load();
    const [first, second] = pager.secrets;
    pager.upsert({ ...second, description: 'changed' });
    assert.equal(pager.secrets[1].description, 'changed');
    assert.equal(pager.count, 10);
    assert.equal(pager.find(first.arn)?.name, first.name);
    pager.remove(first.name);
    assert.equal(pager.count, 9);
    assert.equal(pager.find(first.name), undefined);
    assert.equal(pager.secrets[0].name, second.name);
  });
});
