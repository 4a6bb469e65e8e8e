// The strict ScriptedPrompts themselves (issue 15): a question with no scripted answer fails the
// test with its text, even when the extension swallows the error; answers never used fail it;
// an explicit Cancel counts as an answer; toasts are not questions. Each test takes the problems
// it provoked (takePromptProblems) and asserts on them, so the root hook finds none left.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { activate, ScriptedPrompts, sdk, takePromptProblems, twoVersions, versionLabels } from './helpers';
import { rootHooks } from './strictPrompts';

describe('strict scripted prompts', () => {
  let api: ExtensionApi;
  const client = sdk();
  before(async () => {
    api = await activate();
  });
  afterEach(() => api.testing.usePrompts(undefined));
  after(() => client.destroy());

  it('an unscripted modal, pick or input rejects with the question and is recorded', async () => {
    const prompts = new ScriptedPrompts();
    await assert.rejects(prompts.warn('Delete everything?', { modal: true }, 'Delete'), /no answer was scripted for the modal warn message "Delete everything\?"/);
    await assert.rejects(prompts.pickOne([{ label: 'a', value: 'a' }], { title: 'Choose a fruit' }), /no answer was scripted for the pick "Choose a fruit"/);
    await assert.rejects(prompts.pickMany([{ label: 'a', value: 'a' }], { title: 'Choose fruits' }), /no answer was scripted for the pick "Choose fruits"/);
    await assert.rejects(prompts.input({ title: 'Name of the fruit' }), /no answer was scripted for the input box "Name of the fruit"/);
    const problems = takePromptProblems();
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems[0], /"Delete everything\?"/);
    assert.match(problems[3], /"Name of the fruit"/);
    assert.deepEqual(takePromptProblems(), [], 'taken problems are forgotten');
  });

  it('an unscripted confirmation inside a command (whose runner catches the error) is still recorded, and nothing happens', async () => {
    const { name, v1, v2 } = await twoVersions(client, 'strict');
    api.testing.usePrompts(new ScriptedPrompts());
    await vscode.commands.executeCommand('secretsManager.rollback', { connectionId: api.testing.connections.list()[0].id, name });
    assert.deepEqual(await versionLabels(name), { [v1]: ['AWSPREVIOUS'], [v2]: ['AWSCURRENT'] }, 'not rolled back');
    const problems = takePromptProblems();
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^no answer was scripted for the modal warn message ".*Promote/);
    assert.ok(problems[0].includes(name), `the problem quotes the question: ${problems[0]}`);
  });

  it('answers never used are leftovers, named by kind', async () => {
    new ScriptedPrompts()
      .answerModal('Publish', undefined)
      .answerPick(() => 'x')
      .answerInput('typed')
      .answerToast(/never shown/, 'Retry')
      .cancelProgress(/never run/, 10);
    const problems = takePromptProblems();
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems.splice(1, 1)[0], /^1 pick answer scripted but never asked for: \(\) => /);
    assert.deepEqual(problems, [
      '2 modal answers scripted but never asked for: "Publish", (dismiss)',
      '1 input answer scripted but never asked for: "typed"',
      'answerToast(/never shown/, "Retry") never matched a message',
      'cancelProgress(/never run/) never matched a cancellable progress',
    ]);
  });

  it('an explicit Cancel is an answer; a toast is not a question; a refused input waits for the next answer', async () => {
    const prompts = new ScriptedPrompts().answerModal(undefined).answerPick(() => undefined).answerInput('bad', undefined);
    assert.equal(await prompts.warn('Sure?', { modal: true }, 'Yes'), undefined);
    assert.equal(await prompts.pickOne([{ label: 'a', value: 'a' }], { title: 'Pick' }), undefined);
    assert.equal(await prompts.input({ title: 'Type', validate: (v) => (v === 'bad' ? 'Not that.' : undefined) }), undefined);
    assert.deepEqual(prompts.refusedInputs, [{ title: 'Type', value: 'bad', message: 'Not that.' }]);
    assert.equal(await prompts.info('Done.', {}, 'Show'), undefined, 'an unanswered toast is dismissed');
    assert.deepEqual(takePromptProblems(), []);
  });

  it('the root afterEach fails the test that left problems (through the hook, not by throwing), then forgets them', async () => {
    new ScriptedPrompts().answerModal('Publish');
    const errors: Error[] = [];
    const hook = rootHooks.afterEach as (this: unknown) => void;
    hook.call({ test: { error: (e: Error) => errors.push(e) } });
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /1 modal answer scripted but never asked for: "Publish"/);
    assert.deepEqual(takePromptProblems(), [], 'forgotten after the check');
    hook.call({ test: { error: (e: Error) => errors.push(e) } });
    assert.equal(errors.length, 1, 'nothing to report when every answer was used');
  });
});
