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

/** Every ScriptedPrompts made since the last check, which strictPrompts.ts's root afterEach runs. */
const tracked: ScriptedPrompts[] = [];

/**
 * What went wrong with the ScriptedPrompts made since the last call (questions nobody scripted an
 * answer for, answers never used), and forget them. The root afterEach calls this after every
 * test; a test may call it itself to assert on the problems (the strictness self-test does).
 */
export function takePromptProblems(): string[] {
  const all = tracked.splice(0, tracked.length);
  return all.flatMap((p) => [...p.unscripted, ...p.leftovers()]);
}

/** A scripted value in a problem message: quoted, long ones shortened. */
const quote = (v: string) => (v.length > 60 ? `"${v.slice(0, 40)}..." (${v.length} characters)` : `"${v}"`);
const describeAnswer = (a: Answer) => (a === undefined ? '(dismiss)' : typeof a === 'function' ? '(a function of the message)' : quote(a));

/**
 * Prompts answered from a script, strictly: each question takes the next scripted answer of its
 * kind, and a question with none left (a modal message, a pick, an input box) rejects with an
 * error quoting it. The error is also kept in `unscripted`, so the test fails even where the
 * extension catches it. To press Cancel, script it: `answerModal(undefined)`,
 * `answerPick(() => undefined)`, `answerInput(undefined)`. Answers never used fail the test too
 * (see `leftovers`). Non-modal messages (toasts) are not questions: they are recorded and
 * dismissed unless an `answerToast` matches.
 */
export class ScriptedPrompts implements Prompts {
  readonly shown: Shown[] = [];
  readonly picks: { title: string; items: PickItem<unknown>[] }[] = [];
  /** Values typed into an input box that its validation refused (the box stayed open), with its message. */
  readonly refusedInputs: { title: string; value: string; message: string }[] = [];
  /** Questions asked with no scripted answer, and scripted answers the question could not take. */
  readonly unscripted: string[] = [];
  private readonly modalAnswers: Answer[] = [];
  private readonly toastAnswers: { match: RegExp; answer: Answer }[] = [];
  private readonly pickAnswers: ((items: PickItem<any>[]) => unknown)[] = [];
  private readonly inputAnswers: (string | undefined)[] = [];

  constructor() {
    tracked.push(this);
  }

  /** Answer the next modal message with this button (or a function of what was shown); undefined presses Cancel. */
  answerModal(...answers: Answer[]): this {
    this.modalAnswers.push(...answers);
    return this;
  }
  /** Click a button of the next non-modal message whose text matches (others stay dismissed). */
  answerToast(match: RegExp, answer: Answer): this {
    this.toastAnswers.push({ match, answer });
    return this;
  }
  /** Answer the next quick pick (one or many) with what `choose` returns; `() => undefined` dismisses it. */
  answerPick(choose: (items: PickItem<any>[]) => unknown): this {
    this.pickAnswers.push(choose);
    return this;
  }
  /** Type these into the next input boxes, in order; undefined dismisses one. */
  answerInput(...values: (string | undefined)[]): this {
    this.inputAnswers.push(...values);
    return this;
  }

  /** Scripted answers not used (yet): at the end of a test, each is a failure. */
  leftovers(): string[] {
    const out: string[] = [];
    const left = (n: number, kind: string, what: string) => out.push(`${n} ${kind} answer${n === 1 ? '' : 's'} scripted but never asked for: ${what}`);
    if (this.modalAnswers.length) left(this.modalAnswers.length, 'modal', this.modalAnswers.map(describeAnswer).join(', '));
    if (this.pickAnswers.length) left(this.pickAnswers.length, 'pick', this.pickAnswers.map((f) => String(f).replace(/\s+/g, ' ').slice(0, 80)).join(' | '));
    if (this.inputAnswers.length) left(this.inputAnswers.length, 'input', this.inputAnswers.map(describeAnswer).join(', '));
    for (const t of this.toastAnswers) out.push(`answerToast(${t.match}, ${describeAnswer(t.answer)}) never matched a message`);
    for (const c of this.cancels) out.push(`cancelProgress(${c.title}) never matched a cancellable progress`);
    return out;
  }

  /** A question the script cannot answer: recorded, and thrown at the extension. */
  private fail(problem: string): never {
    this.unscripted.push(problem);
    throw new Error(problem);
  }

  private async message(level: Shown['level'], message: string, options: MessageOptions, buttons: string[]) {
    const shown: Shown = { level, message, detail: options.detail, modal: options.modal, buttons };
    this.shown.push(shown);
    let a: Answer;
    if (options.modal) {
      if (this.modalAnswers.length === 0) this.fail(`no answer was scripted for the modal ${level} message "${message}" (buttons: ${buttons.join(', ') || 'none'}; script answerModal(undefined) to cancel)`);
      a = this.modalAnswers.shift();
    } else {
      const i = this.toastAnswers.findIndex((t) => t.match.test(message));
      if (i < 0) return undefined;
      a = this.toastAnswers.splice(i, 1)[0].answer;
    }
    // An answer may act first (another writer publishes while the dialog is open), then answer.
    const answer = typeof a === 'function' ? await a(shown) : a;
    if (answer !== undefined && !buttons.includes(answer)) this.fail(`scripted answer "${answer}" is not a button of "${message}" (${buttons.join(', ')})`);
    return answer;
  }
  info(m: string, o: MessageOptions, ...b: string[]) { return this.message('info', m, o, b); }
  warn(m: string, o: MessageOptions, ...b: string[]) { return this.message('warn', m, o, b); }
  error(m: string, o: MessageOptions, ...b: string[]) { return this.message('error', m, o, b); }
  private choose(items: PickItem<any>[], title: string): unknown {
    this.picks.push({ title, items });
    const choose = this.pickAnswers.shift();
    if (!choose) this.fail(`no answer was scripted for the pick "${title}" (${items.length} items; script answerPick(() => undefined) to dismiss it)`);
    return choose(items);
  }
  async pickOne<T>(items: PickItem<T>[], o: { title: string }) {
    return this.choose(items, o.title) as T | undefined;
  }
  async pickMany<T>(items: PickItem<T>[], o: { title: string }) {
    return this.choose(items, o.title) as T[] | undefined;
  }
  /** Lets every item arrive (as the user waiting for the search), then answers like pickOne. */
  async pickStreaming<T>(o: { title: string }, produce: (add: (items: PickItem<T>[]) => void, signal: AbortSignal) => Promise<void>) {
    const items: PickItem<T>[] = [];
    await produce((more) => items.push(...more), new AbortController().signal);
    return this.choose(items, o.title) as T | undefined;
  }
  async input(o: { title: string; validate?: (v: string) => string | undefined }) {
    // As an input box does: a value its validation refuses cannot be submitted; the box stays
    // open for the next scripted value (another try, or undefined to dismiss it).
    for (;;) {
      if (this.inputAnswers.length === 0) {
        const refused = this.refusedInputs.filter((r) => r.title === o.title).map((r) => ` after it refused ${quote(r.value)} (${r.message})`).join('');
        this.fail(`no answer was scripted for the input box "${o.title}"${refused} (script answerInput(undefined) to dismiss it)`);
      }
      const v = this.inputAnswers.shift();
      const refusal = v === undefined ? undefined : o.validate?.(v);
      if (!refusal) return v;
      this.refusedInputs.push({ title: o.title, value: v!, message: refusal });
    }
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
