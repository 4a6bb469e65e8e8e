// extensionTestsPath of the integration suite: mocha inside the real VS Code extension host, with
// the strict scripted-prompts check after every test (strictPrompts.ts).
import { runFolder } from '../support/mochaInHost';
import { rootHooks } from './strictPrompts';

export function run(): Promise<void> {
  return runFolder(__dirname, { rootHooks });
}
