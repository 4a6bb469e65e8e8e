// What a command file gives src/commands/index.ts: its commands, each an id and what it runs.
// index.ts registers them all through the CommandRunner (logging, silent cancellation, errors
// with a next step); test/unit/layers.test.ts reads the ids from the `command('...'` calls and
// compares them with package.json.

export interface Command {
  readonly id: string;
  readonly run: (...args: any[]) => unknown;
}

export function command(id: `secretsManager.${string}`, run: (...args: any[]) => unknown): Command {
  return { id, run };
}
