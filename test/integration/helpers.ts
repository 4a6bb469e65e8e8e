// Shared helpers of the integration suite (runs inside the VS Code extension host).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ExtensionApi } from '../../src/extension';
import type { MessageOptions, PickItem, ProgressOptions, Prompts } from '../../src/ui/prompts';
import { AdminClient } from '../emulator/admin-client';

export const EXTENSION_ID = 'secrets-manager-dev.secrets-manager-vscode';

export async function activate(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the test host`);
  const api = await ext.activate();
  await api.testing.connections.load();
  return api;
}

export function endpoint(): string {
  const url = process.env.SM_EMULATOR_URL;
  assert.ok(url, 'SM_EMULATOR_URL is not set: run through scripts/test.mjs');
  return url;
}

export const admin = () => new AdminClient(endpoint());

/** The real SDK against the local endpoint, for setting up state. */
export function sdk(): SecretsManagerClient {
  return new SecretsManagerClient({
    region: 'us-east-1',
    endpoint: endpoint(),
    credentials: { accessKeyId: 'AKIDLOCALEXAMPLE', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
}

let made = 0;

/** A new secret `<prefix>/t...` with versions v1 (AWSPREVIOUS) and v2 (AWSCURRENT), JSON values. */
export async function twoVersions(client: SecretsManagerClient, prefix = 'versions'): Promise<{ name: string; v1: string; v2: string }> {
  const name = `${prefix}/t${Date.now()}-${++made}`;
  await client.send(new CreateSecretCommand({ Name: name, SecretString: '{"k":"v1-EXAMPLE"}' }));
  await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: '{"k":"v2-EXAMPLE","other":"x"}' }));
  const s = (await admin().secretState(name))!;
  const byLabel = (l: string) => s.versions.find((v) => v.stages.includes(l))!.versionId;
  return { name, v1: byLabel('AWSPREVIOUS'), v2: byLabel('AWSCURRENT') };
}

/** The endpoint's labels of every version of a secret: versionId -> sorted labels. */
export async function versionLabels(name: string): Promise<Record<string, string[]>> {
  return Object.fromEntries((await admin().secretState(name))!.versions.map((v) => [v.versionId, [...v.stages].sort()]));
}

export interface Shown {
  level: 'info' | 'warn' | 'error';
  message: string;
  detail?: string;
  modal?: boolean;
  buttons: string[];
}

type Answer = string | undefined | ((shown: Shown) => string | undefined | Promise<string | undefined>);

/**
 * Prompts answered from a script. Each question takes the next scripted answer of its kind;
 * messages with no scripted answer are recorded and dismissed (undefined).
 */
export class ScriptedPrompts implements Prompts {
  readonly shown: Shown[] = [];
  readonly picks: { title: string; items: PickItem<unknown>[] }[] = [];
  private readonly modalAnswers: Answer[] = [];
  private readonly toastAnswers: { match: RegExp; answer: Answer }[] = [];
  private readonly pickAnswers: ((items: PickItem<any>[]) => unknown)[] = [];
  private readonly inputAnswers: (string | undefined)[] = [];

  /** Answer the next modal message with this button (or a function of what was shown). */
  answerModal(...answers: Answer[]): this {
    this.modalAnswers.push(...answers);
    return this;
  }
  /** Click a button of the next non-modal message whose text matches (others stay dismissed). */
  answerToast(match: RegExp, answer: Answer): this {
    this.toastAnswers.push({ match, answer });
    return this;
  }
  answerPick(choose: (items: PickItem<any>[]) => unknown): this {
    this.pickAnswers.push(choose);
    return this;
  }
  answerInput(...values: (string | undefined)[]): this {
    this.inputAnswers.push(...values);
    return this;
  }

  private async message(level: Shown['level'], message: string, options: MessageOptions, buttons: string[]) {
    const shown: Shown = { level, message, detail: options.detail, modal: options.modal, buttons };
    this.shown.push(shown);
    let a: Answer;
    if (options.modal) {
      a = this.modalAnswers.shift();
    } else {
      const i = this.toastAnswers.findIndex((t) => t.match.test(message));
      if (i < 0) return undefined;
      a = this.toastAnswers.splice(i, 1)[0].answer;
    }
    const answer = typeof a === 'function' ? await a(shown) : a;
    if (answer !== undefined && !buttons.includes(answer)) throw new Error(`scripted answer "${answer}" is not a button of "${message}" (${buttons.join(', ')})`);
    return answer;
  }
  info(m: string, o: MessageOptions, ...b: string[]) { return this.message('info', m, o, b); }
  warn(m: string, o: MessageOptions, ...b: string[]) { return this.message('warn', m, o, b); }
  error(m: string, o: MessageOptions, ...b: string[]) { return this.message('error', m, o, b); }
  async pickOne<T>(items: PickItem<T>[], o: { title: string }) {
    this.picks.push({ title: o.title, items });
    const choose = this.pickAnswers.shift();
    return choose ? (choose(items) as T | undefined) : undefined;
  }
  async pickMany<T>(items: PickItem<T>[], o: { title: string }) {
    this.picks.push({ title: o.title, items });
    const choose = this.pickAnswers.shift();
    return choose ? (choose(items) as T[] | undefined) : undefined;
  }
  async input(o: { title: string; validate?: (v: string) => string | undefined }) {
    const v = this.inputAnswers.shift();
    if (v !== undefined && o.validate?.(v)) throw new Error(`scripted input "${v}" fails validation: ${o.validate(v)}`);
    return v;
  }
  /** Progress notifications shown, in order, with whether they offered Cancel. */
  readonly progressShown: ProgressOptions[] = [];
  private readonly cancels: { title: RegExp; afterMs: number }[] = [];

  /** The user presses Cancel on the next cancellable progress whose title matches, after `afterMs`. */
  cancelProgress(title: RegExp, afterMs: number): this {
    this.cancels.push({ title, afterMs });
    return this;
  }

  async progress<T>(o: ProgressOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.progressShown.push({ ...o });
    const i = o.cancellable ? this.cancels.findIndex((c) => c.title.test(o.title)) : -1;
    if (i < 0) return work(new AbortController().signal);
    const [{ afterMs }] = this.cancels.splice(i, 1);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), afterMs);
    try {
      return await work(abort.signal);
    } catch (err) {
      // As VS Code's prompts do: once the user cancelled, the outcome is a cancellation.
      if (abort.signal.aborted) throw new vscode.CancellationError();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Every text shown to the user, for leak checks. */
  allText(): string {
    return this.shown.map((s) => `${s.message}\n${s.detail ?? ''}\n${s.buttons.join(' ')}`).join('\n');
  }
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
