// The integration suite's root hooks: the one place where the strict ScriptedPrompts are checked.
// After every test, each ScriptedPrompts made during it is checked, then forgotten: a question the
// test scripted no answer for (even one the extension caught and swallowed), or a scripted answer
// never asked for, fails that test. Instances are tracked when made, so it does not matter that
// the tests' own afterEach swaps the prompts out before this root hook runs.
import type * as Mocha from 'mocha';
import { takePromptProblems } from './helpers';

const report = (problems: string[]) => new Error(`scripted prompts: ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);

export const rootHooks: Mocha.RootHookObject = {
  afterEach(this: Mocha.Context) {
    const problems = takePromptProblems();
    if (problems.length === 0) return;
    // Fails the test itself (not the hook: a failing root afterEach would stop the whole run).
    // The reporter counts a test that passed and then failed here once, as failed.
    const hook = this.test as Mocha.Hook;
    hook.error(report(problems));
  },
  afterAll() {
    // Prompts made in an `after` hook (or after the last test) are checked once, at the end.
    const problems = takePromptProblems();
    if (problems.length) throw report(problems);
  },
};
