// The in-host part of `npm run bench`: runs inside the real VS Code extension host (through
// test/harness/runIntegration.ts, suite "bench") against the local endpoint, and writes its
// figures to SM_BENCH_OUT. Medians of several runs; call counts from the endpoint's counters.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { randomUUID } from 'node:crypto';
import type { ExtensionApi } from '../../src/extension';
import { AdminClient } from '../emulator/admin-client';
import { benchReferences } from './references';

interface Row {
  group: string;
  name: string;
  value: number | string;
  unit: string;
  target: string;
  floor: number | string;
}

const quick = process.env.SM_BENCH_MODE === 'quick';
const RUNS = quick ? 2 : 5;
const N = quick ? 300 : 10_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => Math.round(x * 10) / 10;

async function timed<T>(body: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await body();
  return [performance.now() - t, r];
}

export async function run(): Promise<void> {
  try {
    await bench();
  } catch (err) {
    // The harness tails SM_TEST_LOG; without this the reason would be lost in the workbench.
    const text = `bench failed: ${err instanceof Error ? err.stack : String(err)}\n`;
    if (process.env.SM_TEST_LOG) fs.appendFileSync(process.env.SM_TEST_LOG, text);
    console.error(text);
    throw err;
  }
}

async function bench(): Promise<void> {
  const out = process.env.SM_BENCH_OUT;
  const url = process.env.SM_EMULATOR_URL;
  if (!out || !url) throw new Error('run through `npm run bench`');
  const rows: Row[] = [];
  const figures: Record<string, unknown> = { N, runs: RUNS };
  const admin = new AdminClient(url);
  const api = (await vscode.extensions.getExtension<ExtensionApi>('secrets-manager-dev.secrets-manager-vscode')!.activate());
  await api.testing.connections.load();
  const connectionId = api.testing.connections.list()[0].id;
  const provider = api.testing.tree.provider;
  const raw = new SecretsManagerClient({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'AKIDLOCALEXAMPLE', secretAccessKey: 'x' } });
  const calls = async () => (await admin.counters()).byOperation;
  await vscode.workspace.getConfiguration('secretsManager').update('publish.confirm', false, vscode.ConfigurationTarget.Global);

  rows.push({ group: 'activation', name: 'activate()', value: ms(api.activationMs), unit: 'ms', target: '< 15', floor: '' });
  figures.activationMs = api.activationMs;
  figures.activationPhases = api.activationPhases;
  for (const [name, t] of Object.entries(api.activationPhases)) {
    rows.push({ group: 'activation', name: `  of which ${name}`, value: t, unit: 'ms', target: '', floor: '' });
  }

  // ---- scale ----------------------------------------------------------------------------------
  await admin.seedSynthetic(N, 'bench/svc');
  const heapBefore = process.memoryUsage().heapUsed;
  const listing = async (label: string) => {
    const first: number[] = [];
    const all: number[] = [];
    let firstCalls = 0;
    let allCalls = 0;
    for (let i = 0; i < RUNS; i++) {
      provider.setFilter({ key: 'name', values: ['bench/svc'] });
      await admin.resetCounters();
      const [t1, nodes] = await timed(() => provider.getChildren());
      first.push(t1);
      firstCalls = (await calls()).ListSecrets ?? 0;
      let count = nodes.length;
      const [t2] = await timed(async () => {
        for (;;) {
          const children = await provider.getChildren();
          const more = children.find((c) => c.kind === 'loadMore');
          count = children.length;
          if (!more) break;
          await provider.loadMore(connectionId);
        }
      });
      all.push(t1 + t2);
      allCalls = (await calls()).ListSecrets ?? 0;
      if (count !== N) throw new Error(`listed ${count} of ${N}`);
    }
    rows.push({ group: `scale${label}`, name: `first page of ${N}`, value: ms(median(first)), unit: 'ms', target: '', floor: '' });
    rows.push({ group: `scale${label}`, name: 'first page: ListSecrets calls', value: firstCalls, unit: 'calls', target: '1', floor: 1 });
    rows.push({ group: `scale${label}`, name: `list all ${N}`, value: ms(median(all)), unit: 'ms', target: '', floor: '' });
    rows.push({ group: `scale${label}`, name: 'list all: ListSecrets calls', value: allCalls, unit: 'calls', target: String(Math.ceil(N / 100)), floor: Math.ceil(N / 100) });
    return { first: median(first), all: median(all), firstCalls, allCalls };
  };
  figures.listing = await listing('');
  const heapAfter = process.memoryUsage().heapUsed;
  rows.push({ group: 'scale', name: `extension host heap growth after listing ${N}`, value: Math.round((heapAfter - heapBefore) / 1024), unit: 'KiB', target: '', floor: '' });
  figures.heapGrowthKiB = (heapAfter - heapBefore) / 1024;

  const filterTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    provider.setFilter({ key: 'name', values: ['bench/svc-0000'] });
    const [t] = await timed(() => provider.getChildren());
    filterTimes.push(t);
  }
  rows.push({ group: 'scale', name: 'apply a filter (server-side)', value: ms(median(filterTimes)), unit: 'ms', target: '', floor: '' });
  provider.setFilter(undefined);

  // ---- editing --------------------------------------------------------------------------------
  const editing = async (label: string) => {
    const read: number[] = [];
    const readFloor: number[] = [];
    const open: number[] = [];
    const publish: number[] = [];
    const publishFloor: number[] = [];
    let openCalls = 0;
    let publishCalls = 0;
    for (let i = 0; i < RUNS; i++) {
      // A fresh secret each run: VS Code keeps closed documents' models, which would make a
      // second open of the same secret free.
      const name = `bench/edit-${label ? 'latency' : 'plain'}-${i}-${Date.now()}`;
      await raw.send(new CreateSecretCommand({ Name: name, SecretString: '{"user":"bench","password":"EXAMPLE-0"}' }));
      const uri = vscode.Uri.from({ scheme: 'secretsmanager', authority: connectionId, path: `/${name} (AWSCURRENT)` });
      await admin.resetCounters();
      const [r, document] = await timed(() => Promise.resolve(vscode.workspace.openTextDocument(uri)));
      read.push(r);
      openCalls = (await calls()).GetSecretValue ?? 0;
      const [o] = await timed(() => Promise.resolve(vscode.commands.executeCommand('secretsManager.openSecret', { connectionId, name })));
      open.push(r + o);
      const [f] = await timed(() => raw.send(new GetSecretValueCommand({ SecretId: name })));
      readFloor.push(f);

      const editor = vscode.window.activeTextEditor!;
      await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), `{"user":"bench","password":"EXAMPLE-${i + 1}"}`));
      await admin.resetCounters();
      const [p] = await timed(() => Promise.resolve(document.save()));
      publish.push(p);
      publishCalls = Object.values(await calls()).reduce((a, b) => a + b, 0);
      const [pf] = await timed(async () => {
        await raw.send(new DescribeSecretCommand({ SecretId: name }));
        await raw.send(new PutSecretValueCommand({ SecretId: name, SecretString: `{"user":"bench","password":"EXAMPLE-raw-${i}"}`, ClientRequestToken: randomUUID() }));
      });
      publishFloor.push(pf);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
    const g = `editing${label}`;
    rows.push({ group: g, name: 'read a secret document (provider)', value: ms(median(read)), unit: 'ms', target: `<= ${ms(median(readFloor) * 1.1)} (1.1 x floor)`, floor: ms(median(readFloor)) });
    rows.push({ group: g, name: 'open command incl. editor UI', value: ms(median(open)), unit: 'ms', target: '', floor: '' });
    rows.push({ group: g, name: 'open: GetSecretValue calls', value: openCalls, unit: 'calls', target: '1', floor: 1 });
    rows.push({ group: g, name: 'save = publish (no confirmation)', value: ms(median(publish)), unit: 'ms', target: `<= ${ms(median(publishFloor) * 1.1)} (1.1 x floor)`, floor: ms(median(publishFloor)) });
    rows.push({ group: g, name: 'publish: calls', value: publishCalls, unit: 'calls', target: '2', floor: 2 });
    return { read: median(read), readFloor: median(readFloor), open: median(open), publish: median(publish), publishFloor: median(publishFloor), openCalls, publishCalls };
  };
  figures.editing = await editing('');

  // ---- references (issue 17): a file of 1,000 references to 200 secrets ------------------------
  const workspace = process.env.SM_WORKSPACE_DIR ?? '';
  figures.references = await benchReferences({ api, admin, raw, runs: RUNS, label: '', workspace, rowsOut: rows });

  // ---- the same with 50 ms per request ---------------------------------------------------------
  await admin.setFaults({ latencyMs: 50 });
  figures.listingLatency = await listing(' (+50 ms/request)');
  figures.editingLatency = await editing(' (+50 ms/request)');
  figures.referencesLatency = await benchReferences({ api, admin, raw, runs: RUNS, label: ' (+50 ms/request)', workspace, rowsOut: rows });
  await admin.clearFaults();

  // First items in the tree, measured last so it does not warm the rest.
  provider.refresh();
  const [firstItems] = await timed(() => provider.getChildren());
  rows.push({ group: 'activation', name: 'tree: first items (after refresh)', value: ms(firstItems), unit: 'ms', target: '', floor: '' });

  await vscode.workspace.getConfiguration('secretsManager').update('publish.confirm', undefined, vscode.ConfigurationTarget.Global);
  raw.destroy();
  fs.writeFileSync(out, JSON.stringify({ rows, figures }));
  // The orchestrator counts no tests here; a results file keeps the harness honest.
  if (process.env.SM_TEST_RESULTS) fs.writeFileSync(process.env.SM_TEST_RESULTS, JSON.stringify({ passed: 1, failed: 0, skipped: 0 }));
}
