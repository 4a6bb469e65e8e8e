// The references part of the in-host benchmark (issue 17): a file of 1,000 references to 200
// secrets opened cold (nothing looked up yet): the calls it costs and the time until its
// diagnostics appear, with and without key checks, and a second file naming the same secrets.
// Beside each, the floor measured in the same run: the same lookups made with the raw SDK client
// (the 20 name-filtered ListSecrets the extension's batching needs, with the same parallelism),
// and, for scale, the naive way (a DescribeSecret per secret). Figures are printed, never asserted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DescribeSecretCommand, GetSecretValueCommand, ListSecretsCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import { NAMES_PER_LIST, PARALLEL_CALLS } from '../../src/model/references/directory';
import { KEY_READS_IN_PARALLEL } from '../../src/model/references/keys';
import { OPEN_DELAY_MS } from '../../src/references/engine';
import type { AdminClient } from '../emulator/admin-client';
import { median, ms, type Row } from './figures';

export const SECRETS = 200;
export const REFERENCES = 1000;
const PREFIX = 'bench/ref';
/** Every 100th reference names a secret that does not exist: 10 diagnostics without key checks. */
const MISSING = REFERENCES / 100;
/** With key checks, every 250th reference has a typo'd key: 4 more. */
const KEY_TYPOS = REFERENCES / 250;

const names = Array.from({ length: SECRETS }, (_, i) => `${PREFIX}-${String(i + 1).padStart(5, '0')}`);

async function pool(tasks: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < tasks.length) await tasks[next++]();
  }));
}

/** A CloudFormation template with 1,000 dynamic references (5 per secret, key `token`). */
function template(tag: string): string {
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", `Description: bench ${tag}`, 'Resources:', '  Fn:', '    Type: AWS::Lambda::Function', '    Properties:', '      Environment:', '        Variables:'];
  for (let j = 0; j < REFERENCES; j++) {
    // Five references per secret (every secret is named), every 100th to one that does not exist.
    const name = j % 100 === 99 ? `${PREFIX}-missing-${j}` : names[Math.floor(j / (REFERENCES / SECRETS)) % SECRETS];
    const key = j % 250 === 7 ? 'tokn' : 'token';
    lines.push(`          V${j}: '{{resolve:secretsmanager:${name}:SecretString:${key}}}'`);
  }
  return lines.join('\n') + '\n';
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function benchReferences(o: { api: ExtensionApi; admin: AdminClient; raw: SecretsManagerClient; runs: number; label: string; workspace: string; rowsOut: Row[] }): Promise<Record<string, unknown>> {
  const { api, admin, raw, runs, label, workspace } = o;
  const { engine } = await api.testing.references.features();
  const settings = vscode.workspace.getConfiguration('secretsManager');
  if (!(await admin.secretState(names[0]))) await admin.seedSynthetic(SECRETS, PREFIX);
  const calls = async () => (await admin.counters()).byOperation;
  let file = 0;

  /** Opens a new copy of the template; resolves when its diagnostics are all there. */
  const openTemplate = async (expected: number) => {
    const uri = vscode.Uri.file(path.join(workspace, `bench-references-${Date.now()}-${++file}.yaml`));
    fs.writeFileSync(uri.fsPath, template(`${label} ${file}`));
    const started = performance.now();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    await until('the diagnostics', () => (vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Secrets Manager').length === expected ? true : undefined));
    return performance.now() - started;
  };

  const cold = async (keys: boolean) => {
    await settings.update('references.readValuesForKeys', keys ? ['*'] : undefined, vscode.ConfigurationTarget.Global);
    const times: number[] = [];
    const checks: number[] = [];
    const lookups: number[] = [];
    const keyReads: number[] = [];
    let byOperation: Record<string, number> = {};
    for (let i = 0; i < runs; i++) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await engine.idle();
      engine.directory.invalidate();
      engine.keys.clear();
      await admin.resetCounters();
      times.push(await openTemplate(MISSING + (keys ? KEY_TYPOS : 0)));
      checks.push(engine.lastCheck?.ms ?? NaN);
      lookups.push((engine.lastCheck?.phases.lookups ?? NaN) + (engine.lastCheck?.phases.near ?? 0));
      keyReads.push(engine.lastCheck?.phases.keys ?? NaN);
      byOperation = await calls();
    }
    // A second file naming the same secrets, right after: everything is known.
    await admin.resetCounters();
    const warm = await openTemplate(MISSING + (keys ? KEY_TYPOS : 0));
    const warmCalls = Object.values(await calls()).reduce((a, b) => a + b, 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    return { time: median(times), check: median(checks), lookups: median(lookups), keyReads: median(keyReads), byOperation, warm, warmCalls };
  };

  // The floor: the same lookups with the raw SDK client, with the extension's parallelism.
  const floor = async () => {
    const listed: number[] = [];
    const described: number[] = [];
    const read: number[] = [];
    const chunks: string[][] = [];
    const wanted = [...names, ...Array.from({ length: MISSING }, (_, k) => `${PREFIX}-missing-${k * 100 + 99}`)];
    for (let i = 0; i < wanted.length; i += NAMES_PER_LIST) chunks.push(wanted.slice(i, i + NAMES_PER_LIST));
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await pool(chunks.map((values) => () => raw.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: values }], IncludePlannedDeletion: true, MaxResults: 100 }))), PARALLEL_CALLS);
      listed.push(performance.now() - t);
      t = performance.now();
      await pool(names.map((n) => () => raw.send(new DescribeSecretCommand({ SecretId: n }))), PARALLEL_CALLS);
      described.push(performance.now() - t);
      t = performance.now();
      await pool(names.map((n) => () => raw.send(new GetSecretValueCommand({ SecretId: n }))), KEY_READS_IN_PARALLEL);
      read.push(performance.now() - t);
    }
    return { listCalls: chunks.length, list: median(listed), describe: median(described), read: median(read) };
  };

  // VS Code alone: opening and showing a file of the same size without a reference.
  const plain: number[] = [];
  for (let i = 0; i < runs; i++) {
    const uri = vscode.Uri.file(path.join(workspace, `bench-plain-${Date.now()}-${i}.yaml`));
    fs.writeFileSync(uri.fsPath, template('plain').replace(/\{\{resolve:secretsmanager:/g, '{{plain:'));
    const started = performance.now();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    plain.push(performance.now() - started);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
  const f = await floor();
  const without = await cold(false);
  const withKeys = await cold(true);
  await settings.update('references.readValuesForKeys', undefined, vscode.ConfigurationTarget.Global);

  const g = `references${label}`;
  const metadata = (c: Record<string, number>) => (c.ListSecrets ?? 0) + (c.DescribeSecret ?? 0);
  const described = (c: Record<string, number>) => Object.entries(c).map(([op, n]) => `${op} ${n}`).join(', ') || 'none';
  const rows: Row[] = [
    { group: g, name: `${REFERENCES} references to ${SECRETS} secrets: metadata calls`, value: metadata(without.byOperation), unit: 'calls', target: `<= ~${SECRETS} (issue 17)`, floor: f.listCalls },
    { group: g, name: '  calls by operation', value: described(without.byOperation), unit: '', target: '', floor: `ListSecrets ${f.listCalls}` },
    { group: g, name: `  time until diagnostics appear (open; ${OPEN_DELAY_MS} ms wait included)`, value: ms(without.time), unit: 'ms', target: '', floor: ms(median(plain) + OPEN_DELAY_MS + f.list) },
    { group: g, name: '    of which VS Code opens and shows the file (no reference in it)', value: ms(median(plain)), unit: 'ms', target: '', floor: '' },
    { group: g, name: '    of which the check (parse, lookups, findings)', value: ms(without.check), unit: 'ms', target: '', floor: '' },
    { group: g, name: '      of which the lookups', value: ms(without.lookups), unit: 'ms', target: '', floor: ms(f.list) },
    { group: g, name: `  naive: ${SECRETS} DescribeSecret (raw SDK, ${PARALLEL_CALLS} at a time)`, value: ms(f.describe), unit: 'ms', target: '', floor: '' },
    { group: g, name: '  another file, same secrets: calls', value: without.warmCalls, unit: 'calls', target: '0', floor: 0 },
    { group: g, name: '  another file, same secrets: time until diagnostics', value: ms(without.warm), unit: 'ms', target: '', floor: '' },
    { group: g, name: 'with key checks (opt-in): calls', value: described(withKeys.byOperation), unit: '', target: '', floor: `ListSecrets ${f.listCalls}, GetSecretValue ${SECRETS}` },
    { group: g, name: `  time until diagnostics appear (${KEY_READS_IN_PARALLEL} reads at a time)`, value: ms(withKeys.time), unit: 'ms', target: '', floor: ms(median(plain) + OPEN_DELAY_MS + f.list + f.read) },
    { group: g, name: '    of which the check', value: ms(withKeys.check), unit: 'ms', target: '', floor: '' },
    { group: g, name: '      of which the lookups', value: ms(withKeys.lookups), unit: 'ms', target: '', floor: ms(f.list) },
    { group: g, name: '      of which the key reads', value: ms(withKeys.keyReads), unit: 'ms', target: '', floor: ms(f.read) },
    { group: g, name: '  another file, same secrets: calls', value: withKeys.warmCalls, unit: 'calls', target: '0', floor: 0 },
  ];
  o.rowsOut.push(...rows);
  return { floor: f, plainOpen: median(plain), without, withKeys };
}
