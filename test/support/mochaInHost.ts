// Runs the mocha files of one folder inside the VS Code extension host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha = require('mocha');
import TotalsReporter = require('./reporter');

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

export function runFolder(dir: string, options: { timeout?: number; rootHooks?: Mocha.RootHookObject } = {}): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: options.timeout ?? 30_000,
    reporter: TotalsReporter,
    grep: process.env.SM_TEST_GREP || undefined,
    rootHooks: options.rootHooks,
  });
  const files = testFiles(dir);
  for (const f of files) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no test files in ${dir}`));
      return;
    }
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
