// The model-based test of the publish path: fast-check generates random sequences of user
// actions (edit, save, save with labels, Retry, revert, close, reopen, refresh), world actions
// (another writer's PutSecretValue, a rotation's two steps, a label move, lost responses after
// commit, throttling, server errors, expired credentials, a slow endpoint the user cancels, a
// writer that slips in between the check and the write) and random answers to every question
// (Publish, Cancel, Overwrite, Compare, labels), and runs them against the real publish engine
// and the local endpoint over real HTTP. After every step it checks, against the endpoint's real
// state and its journal of every write it received, what the user was told and agreed to:
//   1. at most one new version per confirmed intent: every write the editor sent carries the
//      token, bytes and labels of an intent the user confirmed; nothing is fixed unconfirmed;
//   2. AWSCURRENT and AWSPREVIOUS move only as the confirmed plan said;
//   3. no version another writer published is displaced unless the user chose Overwrite or was
//      told right after;
//   4. a dirty document holds the user's text, and a clean one holds exactly what its version holds;
//   5. no value in any log line or message; nothing kept after the document closes;
//   6. a restored value (Restore Value, Edit as New Version) publishes in its own format: a
//      binary version as binary.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CreateSecretCommand, DeleteSecretCommand, PutSecretValueCommand, SecretsManagerClient, UpdateSecretVersionStageCommand } from '@aws-sdk/client-secrets-manager';
import { sameData } from '../../src/model/format';
import { expectedLabels } from '../../src/model/publishIntent';
import { dataOfText } from '../../src/model/secretDocument';
import { CURRENT, PENDING, shortId } from '../../src/model/stages';
import type { Emulator } from '../emulator/server';
import type { JournalEntry } from '../emulator/types';
import { EDITOR_KEY, SimEditor, type Answer } from './sim';

const WORLD_KEY = 'AKIDWORLDEXAMPLE';

export interface Model {
  /** The text the user last typed (a dirty document must still hold it). */
  typed?: string;
}

export interface Real {
  readonly sim: SimEditor;
  readonly emu: Emulator;
  readonly world: SecretsManagerClient;
  readonly name: string;
  /** Every secret part of every value used (user's and world's), for the leak check. */
  readonly secrets: Set<string>;
  /** The document texts (base64) of the binary values restored into the document. */
  readonly restoredBinary: Set<string>;
  readonly sinceSeq: number;
  worldTokens: number;
}

// ---- values ---------------------------------------------------------------------------------------

const secretPart = fc.integer({ min: 1, max: 6 }).map((n) => `pw${n}-EXAMPLE`);
/** JSON objects (compact, as stored) or plain text, built around a secret part. */
const value = fc.tuple(fc.constantFrom('json', 'json2', 'text', 'crlf', 'big'), secretPart).map(([shape, s]) => {
  switch (shape) {
    case 'json':
      return { text: `{"user":"app","password":"${s}"}`, secret: s };
    case 'json2':
      return { text: `{"password":"${s}","user":"app","port":5432}`, secret: s };
    case 'big':
      return { text: `{"password":"${s}","id":12345678901234567890}`, secret: s };
    case 'crlf':
      return { text: `line1\r\n${s}\r\n`, secret: s };
    default:
      return { text: `token-${s}`, secret: s };
  }
});

// ---- world --------------------------------------------------------------------------------------

export type WorldAction =
  | { kind: 'put'; value: { text: string; secret: string }; labels?: string[] }
  | { kind: 'pending'; value: { text: string; secret: string } }
  | { kind: 'finishRotation' }
  | { kind: 'moveStaging' };

const worldAction: fc.Arbitrary<WorldAction> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), value, labels: fc.option(fc.constantFrom('STAGING', 'QA').map((l) => [l]), { nil: undefined }) }),
  fc.record({ kind: fc.constant('pending' as const), value }),
  fc.constant({ kind: 'finishRotation' as const }),
  fc.constant({ kind: 'moveStaging' as const }),
);

async function doWorld(r: Real, a: WorldAction): Promise<void> {
  const token = () => `0000${(++r.worldTokens).toString(16).padStart(4, '0')}-w0w0-4000-8000-${Date.now().toString().padStart(12, '0').slice(-12)}`;
  const state = async () => (await r.emu.admin.secretState(r.name))!;
  const holder = async (label: string) => (await state()).versions.find((v) => v.stages.includes(label))?.versionId;
  try {
    if (a.kind === 'put' || a.kind === 'pending') {
      r.secrets.add(a.value.secret);
      const labels = a.kind === 'pending' ? [PENDING] : a.labels;
      await r.world.send(new PutSecretValueCommand({ SecretId: r.name, SecretString: a.value.text, ClientRequestToken: token(), VersionStages: labels }));
    } else if (a.kind === 'finishRotation') {
      // The rotation's last step: AWSCURRENT moves to the AWSPENDING version.
      const pending = await holder(PENDING);
      const current = await holder(CURRENT);
      if (pending && pending !== current) {
        await r.world.send(new UpdateSecretVersionStageCommand({ SecretId: r.name, VersionStage: CURRENT, MoveToVersionId: pending, RemoveFromVersionId: current }));
      }
    } else {
      const s = await state();
      const target = s.versions.find((v) => v.stages.length > 0 && !v.stages.includes('STAGING'))?.versionId;
      if (target) {
        await r.world.send(new UpdateSecretVersionStageCommand({ SecretId: r.name, VersionStage: 'STAGING', MoveToVersionId: target, RemoveFromVersionId: await holder('STAGING') }));
      }
    }
  } catch {
    // Another writer's failure (e.g. a fault meant for the editor hit it first) is theirs.
  }
}

// ---- faults -------------------------------------------------------------------------------------

export type Fault = 'lostResponse' | 'throttled' | 'serverError' | 'putServerError' | 'expired' | 'slowCancelled' | 'race';
const fault = fc.constantFrom<Fault>('lostResponse', 'throttled', 'serverError', 'putServerError', 'expired', 'slowCancelled', 'race');

async function arm(r: Real, f: Fault): Promise<void> {
  const admin = r.emu.admin;
  switch (f) {
    case 'lostResponse':
      return admin.setFaults({ dropAfterCommit: { count: 1, operations: ['PutSecretValue'] } });
    case 'throttled':
      return admin.setFaults({ throttle: { count: 1, operations: ['PutSecretValue', 'DescribeSecret'] } });
    case 'serverError':
      return admin.setFaults({ internalError: { count: 1, operations: ['PutSecretValue', 'DescribeSecret', 'GetSecretValue'] } });
    case 'putServerError':
      // The write itself fails with a 5xx: its outcome is unknown to the editor, and nothing was committed.
      return admin.setFaults({ internalError: { count: 1, operations: ['PutSecretValue'] } });
    case 'expired':
      return admin.setFaults({ expiredToken: { count: 1 } });
    case 'slowCancelled':
      return admin.setFaults({ latencyMs: 20 });
    case 'race': {
      const s = `pw9-EXAMPLE`;
      r.secrets.add(s);
      return admin.setFaults({ raceBeforeWrite: { count: 1, operations: ['PutSecretValue'], write: { operation: 'PutSecretValue', secretString: `{"user":"racer","password":"${s}"}` } } });
    }
  }
}

// ---- commands -----------------------------------------------------------------------------------

const answer: fc.Arbitrary<Answer> = fc.record({
  // Mostly the first button (Publish, Compare, Publish as Plain Text...), so that sequences get far.
  button: fc.oneof({ weight: 6, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(2) }, { weight: 1, arbitrary: fc.constant(3) }),
  // Now and then another writer acts while the dialog is open.
  meanwhile: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: worldAction }),
}).map((a) => a as Answer);
const answers = fc.array(answer, { minLength: 1, maxLength: 4 });
const labelChoice = fc.subarray(['AWSCURRENT', 'STAGING', 'QA', 'AWSPENDING', 'NEWLABEL']);

type Cmd = fc.AsyncCommand<Model, Real>;

export abstract class Step implements Cmd {
  check(): boolean {
    return true;
  }
  abstract act(m: Model, r: Real): Promise<void>;
  async run(m: Model, r: Real): Promise<void> {
    r.sim.step++;
    await this.act(m, r);
    if (process.env.SM_MODEL_TRACE) {
      console.log(`  [${r.name}] ${this.toString()} -> ${r.sim.dirty ? 'dirty' : 'clean'}`);
      for (const s of r.sim.shown.filter((x) => x.step === r.sim.step)) console.log(`      ${s.kind}: ${s.text.split('\n')[0].slice(0, 150)}${s.answer ? ` => ${s.answer}` : ''}`);
    }
    await r.emu.admin.clearFaults();
    await checkInvariants(m, r);
  }
  abstract toString(): string;
}

/** Binds world actions in scripted answers to this run's world. */
const bind = (r: Real, as: Answer[]) => as.map((a) => {
  const w = (a as { meanwhile?: unknown }).meanwhile as WorldAction | undefined;
  return { button: a.button, meanwhile: w ? () => doWorld(r, w) : undefined };
});
const describeAnswers = (as: Answer[]) => as.map((a) => `${a.button}${(a as { meanwhile?: WorldAction }).meanwhile ? `+${(a as { meanwhile?: WorldAction }).meanwhile!.kind}` : ''}`).join(',');

export class Edit extends Step {
  constructor(readonly v: { text: string; secret: string }) { super(); }
  async act(m: Model, r: Real) {
    if (!r.sim.doc) return;
    r.secrets.add(this.v.secret);
    r.sim.edit(this.v.text);
    m.typed = this.v.text;
  }
  toString() { return `edit(${JSON.stringify(this.v.text)})`; }
}

export class EditBack extends Step {
  async act(m: Model, r: Real) {
    if (!r.sim.doc) return;
    r.sim.edit(r.sim.doc.saved);
    m.typed = r.sim.doc.saved;
  }
  toString() { return 'editBack'; }
}

/** Restore Value / Edit as New Version: an old version's value, maybe binary, put in as an unsaved edit. */
export class Restore extends Step {
  constructor(readonly v: { text: string; secret: string }, readonly binary: boolean) { super(); }
  async act(m: Model, r: Real) {
    if (!r.sim.doc) return;
    r.secrets.add(this.v.secret);
    r.sim.restore(this.binary ? { kind: 'binary', bytes: new TextEncoder().encode(this.v.text) } : { kind: 'string', text: this.v.text });
    if (this.binary) r.restoredBinary.add(r.sim.text()!);
    m.typed = r.sim.text();
  }
  toString() { return `restore${this.binary ? 'Binary' : ''}(${JSON.stringify(this.v.text)})`; }
}

export class Save extends Step {
  constructor(readonly how: 'ctrlS' | 'fileSave' | 'retry' | 'withLabels' | 'cancelSlowRead', readonly as: Answer[], readonly labels: string[], readonly f?: Fault) { super(); }
  async act(_m: Model, r: Real) {
    if (this.f) await arm(r, this.f);
    r.sim.script(bind(r, this.as), this.labels, this.f === 'slowCancelled');
    if (this.how === 'fileSave') await r.sim.fileSave();
    else await r.sim.publishCommand(this.how === 'withLabels');
  }
  toString() { return `${this.how}([${describeAnswers(this.as)}]${this.how === 'withLabels' ? ` labels=${this.labels.join('+') || 'none'}` : ''}${this.f ? ` fault=${this.f}` : ''})`; }
}

/** What the user does while a publish's progress shows (reads and writes are not modal). */
export type UserAct =
  | { kind: 'revert' }
  | { kind: 'close' }
  /** Types on, without saving. */
  | { kind: 'edit'; value: { text: string; secret: string } }
  /** Types on and saves again (Ctrl+S while the first publish is under way), answering `as`. */
  | { kind: 'editSave'; value: { text: string; secret: string }; as: Answer[] }
  /** Restore Value / Edit as New Version, without saving. */
  | { kind: 'restore'; value: { text: string; secret: string }; binary: boolean };

const userAct: fc.Arbitrary<UserAct> = fc.oneof(
  fc.constant({ kind: 'revert' as const }),
  fc.constant({ kind: 'close' as const }),
  value.map((v) => ({ kind: 'edit' as const, value: v })),
  fc.tuple(value, answers).map(([v, as]) => ({ kind: 'editSave' as const, value: v, as })),
  fc.tuple(value, fc.boolean()).map(([v, binary]) => ({ kind: 'restore' as const, value: v, binary })),
);

/** A save during whose first read (the check) or write (the request in flight) the user acts. */
export class SaveInterrupted extends Step {
  constructor(readonly how: 'ctrlS' | 'fileSave', readonly as: Answer[], readonly at: 'read' | 'write', readonly what: UserAct, readonly f?: Fault) { super(); }
  async act(m: Model, r: Real) {
    if (this.f) await arm(r, this.f);
    r.sim.script(bind(r, this.as), [], this.f === 'slowCancelled');
    const what = this.what;
    r.sim.duringNext(this.at, async () => {
      if (what.kind === 'revert') {
        await r.sim.revert();
        if (!r.sim.dirty) m.typed = r.sim.doc?.text;
      } else if (what.kind === 'close') {
        r.sim.close();
        m.typed = undefined;
      } else if (what.kind === 'restore') {
        await new Restore(what.value, what.binary).act(m, r);
      } else if (r.sim.doc) {
        r.secrets.add(what.value.secret);
        r.sim.edit(what.value.text);
        m.typed = what.value.text;
        if (what.kind === 'editSave') {
          const outer = r.sim.takeScript();
          r.sim.script(bind(r, what.as));
          await r.sim.publishCommand();
          r.sim.restoreScript(outer);
        }
      }
    });
    try {
      if (this.how === 'fileSave') await r.sim.fileSave();
      else await r.sim.publishCommand();
    } finally {
      r.sim.duringNext(undefined);
    }
    if (r.sim.doc && !r.sim.dirty) m.typed = r.sim.doc.text;
  }
  toString() {
    const w = this.what;
    const what = w.kind === 'editSave' ? `editSave(${JSON.stringify(w.value.text)}, [${describeAnswers(w.as)}])` : w.kind === 'edit' ? `edit(${JSON.stringify(w.value.text)})` : w.kind === 'restore' ? new Restore(w.value, w.binary).toString() : w.kind;
    return `${this.how}([${describeAnswers(this.as)}]${this.f ? ` fault=${this.f}` : ''}) during its ${this.at}: ${what}`;
  }
}

export class Revert extends Step {
  constructor(readonly f?: Fault) { super(); }
  async act(m: Model, r: Real) {
    if (this.f === 'serverError') await arm(r, this.f);
    await r.sim.revert();
    if (!r.sim.dirty) m.typed = r.sim.doc?.text;
  }
  toString() { return `revert${this.f === 'serverError' ? '(failing)' : ''}`; }
}

export class Refresh extends Step {
  async act(m: Model, r: Real) {
    // Another action of the extension changed the secret: clean documents are read again.
    if (r.sim.doc && !r.sim.dirty) await r.sim.revert();
    if (!r.sim.dirty) m.typed = r.sim.doc?.text;
  }
  toString() { return 'refresh'; }
}

export class Close extends Step {
  async act(m: Model, r: Real) {
    r.sim.close();
    m.typed = undefined;
  }
  toString() { return 'close'; }
}

export class Reopen extends Step {
  async act(m: Model, r: Real) {
    if (r.sim.doc) return;
    await r.sim.open();
    m.typed = r.sim.text();
  }
  toString() { return 'reopen'; }
}

export class World extends Step {
  constructor(readonly a: WorldAction) { super(); }
  async act(_m: Model, r: Real) {
    await doWorld(r, this.a);
  }
  toString() { return `world.${this.a.kind}${'value' in this.a ? `(${JSON.stringify(this.a.value.text)})` : ''}`; }
}

const commands = [
  value.map((v) => new Edit(v)),
  value.map((v) => new Edit(v)),
  value.map((v) => new Edit(v)),
  fc.constant(new EditBack()),
  fc.tuple(value, fc.boolean()).map(([v, b]) => new Restore(v, b)),
  fc.tuple(answers, fc.option(fault, { nil: undefined })).map(([a, f]) => new Save('ctrlS', a, [], f)),
  fc.tuple(answers, fc.option(fault, { nil: undefined })).map(([a, f]) => new Save('ctrlS', a, [], f)),
  fc.tuple(answers, fc.option(fault, { nil: undefined })).map(([a, f]) => new Save('fileSave', a, [], f)),
  fc.tuple(answers, fc.option(fault, { nil: undefined })).map(([a, f]) => new Save('retry', a, [], f)),
  fc.tuple(answers, labelChoice, fc.option(fault, { nil: undefined })).map(([a, l, f]) => new Save('withLabels', a, l, f)),
  answers.map((a) => new Save('cancelSlowRead', a, [], 'slowCancelled')),
  fc.tuple(fc.constantFrom<'ctrlS' | 'fileSave'>('ctrlS', 'fileSave'), answers, fc.constantFrom<'read' | 'write'>('read', 'write'), userAct, fc.option(fault, { nil: undefined }))
    .map(([how, a, at, what, f]) => new SaveInterrupted(how, a, at, what, f)),
  fc.option(fc.constant<Fault>('serverError'), { nil: undefined }).map((f) => new Revert(f)),
  fc.constant(new Refresh()),
  fc.constant(new Close()),
  fc.constant(new Reopen()),
  fc.constant(new Reopen()),
  worldAction.map((a) => new World(a)),
];

// ---- invariants ---------------------------------------------------------------------------------

const CONFIRMING = new Set(['Publish', 'Overwrite', 'Create', 'setting']);

async function checkInvariants(m: Model, r: Real): Promise<void> {
  const { sim } = r;
  const journal = (await r.emu.admin.journal(r.sinceSeq)).filter((e: JournalEntry) => e.secretName === r.name);
  const fixed = new Map(sim.fixed.map((f) => [f.intent.token, f]));

  // 1. Nothing fixed unconfirmed; every write the editor sent is a confirmed intent's exact request.
  for (const f of sim.fixed) assert.ok(CONFIRMING.has(f.confirmedBy), `intent ${shortId(f.intent.token)} was fixed after "${f.confirmedBy}", not a confirmation`);
  for (const e of journal.filter((x) => x.accessKeyId === EDITOR_KEY)) {
    assert.equal(e.operation, 'PutSecretValue', `the publish path sent ${e.operation}`);
    const f = fixed.get(e.clientRequestToken ?? '');
    assert.ok(f, `PutSecretValue with token ${e.clientRequestToken} matches no confirmed intent`);
    const data = f.intent.data;
    assert.equal(e.secretString, data.kind === 'string' ? data.text : undefined, 'the bytes sent are the bytes confirmed');
    assert.equal(e.secretBinaryBase64, data.kind === 'binary' ? Buffer.from(data.bytes).toString('base64') : undefined, 'the binary sent is the binary confirmed');
    assert.deepEqual(e.versionStages ?? null, f.intent.versionStages ? [...f.intent.versionStages] : null, 'the labels sent are the labels confirmed');
  }

  // 1b. Nothing is sent for a text the user discarded: no write goes out after the document it
  // was confirmed in was reverted, refreshed or closed while that publish was under way.
  assert.deepEqual(sim.sentAfterDiscard, [], 'a write went out after its document was reverted, refreshed or closed during the publish');
  // 1c. Saves of one document land in the order the user made them: an earlier save's text never
  // replaces what a later save of the same document published (double Ctrl+S).
  assert.deepEqual(sim.olderAfterNewer, [], 'an earlier save was written after a later save of the same document had published');

  // 2 and 3. Every version the editor created: the labels the plan said, and AWSCURRENT replaced
  // only the version the user read, one they chose to overwrite, or one they were told about.
  for (const e of journal.filter((x) => x.accessKeyId === EDITOR_KEY && x.created)) {
    const { intent } = fixed.get(e.clientRequestToken!)!;
    const after = e.stagesAfter ?? {};
    const before = Object.entries(e.stagesBefore ?? {}).find(([, s]) => s.includes(CURRENT))?.[0];
    const got = [...(after[e.versionId!] ?? [])].sort();
    if (got.join() !== expectedLabels(intent).sort().join()) {
      const told = sim.shown.some((s) => s.kind === 'outcome' && s.text.includes(shortId(e.versionId!)) && /instead of the planned/.test(s.text));
      assert.ok(told, `version ${shortId(e.versionId!)} got ${got.join('+')}, not the planned ${expectedLabels(intent).join('+')}, without a word`);
      continue;
    }
    if (!intent.movesCurrent) {
      const now = Object.entries(after).find(([, s]) => s.includes(CURRENT))?.[0];
      assert.equal(now, before, 'AWSCURRENT did not move, as the plan said');
      continue;
    }
    if (before === undefined || before === intent.baseVersionId) continue;
    const chose = intent.overwrite && before === intent.expected.current;
    const told = sim.shown.some((s) => s.kind === 'outcome' && s.text.includes(shortId(before)) && /another writer published/.test(s.text));
    assert.ok(chose || told, `version ${shortId(before)} (another writer's) was displaced by ${shortId(e.versionId!)} without Overwrite and without a word`);
  }

  // 4. Documents.
  const doc = sim.doc;
  if (doc && sim.dirty) assert.equal(doc.text, m.typed, 'a dirty document holds the text the user typed');
  if (doc && !sim.dirty) {
    const state = (await r.emu.admin.secretState(r.name))!;
    if (doc.base.baseVersionId === undefined) {
      assert.equal(doc.text, '', 'a document of a secret with no version is empty');
    } else {
      const v = state.versions.find((x) => x.versionId === doc.base.baseVersionId);
      assert.ok(v, `the document's version ${shortId(doc.base.baseVersionId)} exists`);
      const shown = dataOfText(doc.text, doc.base.format, doc.base.bom, 'compact');
      const stored = v.binaryBase64 !== undefined ? { kind: 'binary' as const, bytes: Buffer.from(v.binaryBase64, 'base64') } : { kind: 'string' as const, text: v.string ?? '' };
      assert.ok(sameData(shown, stored), `a clean document shows exactly its version's value (${shortId(v.versionId)})`);
    }
  }

  // 4b. A clean document of a secret whose AWSCURRENT is still the version the editor's own latest
  // publish made current stands for it, once that publish's outcome is known (nothing left 'sent').
  const mine = journal.filter((e) => e.accessKeyId === EDITOR_KEY && e.created).at(-1);
  const madeCurrent = mine && (mine.stagesAfter?.[mine.versionId!] ?? []).includes(CURRENT);
  if (doc && !sim.dirty && mine && madeCurrent && sim.outcomeKnown) {
    const state = (await r.emu.admin.secretState(r.name))!;
    if (state.versions.find((v) => v.versionId === mine.versionId)?.stages.includes(CURRENT)) {
      assert.equal(doc.base.baseVersionId, mine.versionId, `the clean editor stands for ${shortId(mine.versionId!)}, the AWSCURRENT it published`);
    }
  }

  // 5. No value anywhere; nothing kept for a closed document.
  for (const text of sim.allText()) for (const s of r.secrets) assert.ok(!text.includes(s), `a value reached the user or the log: ${text.slice(0, 120)}`);
  if (!doc) assert.equal(sim.intents, 0, 'no intent is kept after the document closes');

  // 6. A restored binary value is published as binary, never as its base64 text.
  for (const f of sim.fixed) {
    if (r.restoredBinary.has(f.intent.text)) assert.equal(f.intent.data.kind, 'binary', `intent ${shortId(f.intent.token)} publishes a restored binary value as text`);
  }
}

// ---- the run ------------------------------------------------------------------------------------

export interface ModelStats {
  runs: number;
  steps: number;
  versionsCreated: number;
  lostResponses: number;
  raced: number;
  ms: number;
}

const worldClient = (emu: Emulator) =>
  new SecretsManagerClient({ region: 'us-east-1', endpoint: emu.url, credentials: { accessKeyId: WORLD_KEY, secretAccessKey: 'x' }, maxAttempts: 1 });

/** One sequence: a fresh secret (with `start` as its value, or none), the document open, the steps run and checked. */
async function sequence(emu: Emulator, world: SecretsManagerClient, name: string, setup: { start?: { text: string; secret: string }; confirm: boolean }, run: (m: Model, r: Real) => Promise<void>): Promise<Real> {
  const secrets = new Set<string>();
  if (setup.start) secrets.add(setup.start.secret);
  // Each sequence has its own secret and a fresh journal, so the endpoint stays small.
  await emu.admin.clearJournal();
  await world.send(new CreateSecretCommand({ Name: name, SecretString: setup.start?.text }));
  const sim = new SimEditor(emu.url, 'sim@us-east-1', name, { confirm: setup.confirm }, name.replace(/\W/g, '').slice(-6));
  await sim.open();
  const real: Real = { sim, emu, world, name, secrets, restoredBinary: new Set(), sinceSeq: 0, worldTokens: 0 };
  await run({ typed: sim.doc?.text }, real);
  await emu.admin.clearFaults();
  return real;
}

let scenarios = 0;

/**
 * A named sequence (a regression test from a counterexample fast-check shrank): runs the steps
 * with every invariant checked after each, and returns the system for the test's own assertions.
 */
export async function scenario(emu: Emulator, setup: { start?: { text: string; secret: string }; confirm: boolean }, steps: Step[]): Promise<Real> {
  const world = worldClient(emu);
  try {
    return await sequence(emu, world, `model/regression-${process.pid}-${++scenarios}`, setup, async (m, r) => {
      for (const step of steps) await step.run(m, r);
    });
  } finally {
    world.destroy();
  }
}

export async function checkPublishModel(emu: Emulator, options: { runs: number; seed?: number; path?: string; maxCommands?: number }): Promise<ModelStats> {
  const stats: ModelStats = { runs: 0, steps: 0, versionsCreated: 0, lostResponses: 0, raced: 0, ms: 0 };
  const started = Date.now();
  let n = 0;
  const world = worldClient(emu);
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.record({ start: fc.option(value, { nil: undefined }), confirm: fc.integer({ min: 0, max: 4 }).map((x) => x > 0) }),
        fc.commands(commands, { maxCommands: options.maxCommands ?? 16, size: 'large' }),
        async (setup, cmds) => {
          const name = `model/s${process.pid}-${++n}`;
          await sequence(emu, world, name, setup, (model, real) => fc.asyncModelRun(() => ({ model, real }), cmds));
          const journal = (await emu.admin.journal(0)).filter((e) => e.secretName === name);
          stats.runs++;
          stats.steps += [...cmds].length;
          stats.versionsCreated += journal.filter((e) => e.accessKeyId === EDITOR_KEY && e.created).length;
          stats.lostResponses += journal.filter((e) => e.accessKeyId === EDITOR_KEY && e.outcome === 'dropped').length;
          stats.raced += journal.filter((e) => e.accessKeyId === 'AKIDRACEWRITER' && e.committed).length;
          await world.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
        },
      ),
      { numRuns: options.runs, seed: options.seed, path: options.path, endOnFailure: false, verbose: 1 },
    );
  } finally {
    world.destroy();
    stats.ms = Date.now() - started;
  }
  return stats;
}
