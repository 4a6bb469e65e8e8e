// Startup as the user sees it, for `npm run bench`: in the browser, the first click on the Secrets
// Manager icon, split by the extension's own log (written by VS Code at debug level): until the
// extension is activated (VS Code's part: it starts the extension host and loads the extension),
// from activation to the first page of secrets, and from there to the first secret painted. The
// floor of the last two is the same view shown again: the workbench painting rows the extension
// already has. Writes its rows as JSON to the file named by the first argument.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { DEMO_NAMES } from '../emulator/seed';
import { ROOT } from '../harness/provision';
import { openWorkbench, showSecretsView } from '../e2e/workbench';

async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: node out/test/bench/startup.js OUT.json');
  const wb = await openWorkbench({ extensionDevelopmentPath: ROOT, args: ['--log', 'debug'] });
  try {
    const row = wb.page.locator('.monaco-list-row', { hasText: DEMO_NAMES.json }).first();
    let started = Date.now();
    await showSecretsView(wb.page);
    await row.waitFor({ timeout: 60_000 });
    const painted = Date.now();
    const cold = painted - started;
    const clicked = started;
    const marks = await logMarks(wb.server.scratch);
    const warm: number[] = [];
    const icon = (label: string) => wb.page.locator(`.activitybar [aria-label^="${label}"]`).first();
    for (let i = 0; i < 3; i++) {
      await icon('Explorer').click();
      await row.waitFor({ state: 'hidden', timeout: 30_000 });
      await wb.page.waitForTimeout(500); // let the side bar settle before timing the next click
      started = Date.now();
      await icon('Secrets Manager').click();
      await row.waitFor({ timeout: 30_000 });
      warm.push(Date.now() - started);
    }
    warm.sort((a, b) => a - b);
    const floor = warm[1];
    const split = marks.activated && marks.firstPage
      ? { toActivation: marks.activated - clicked, toFirstPage: marks.firstPage - marks.activated, toPaint: painted - marks.firstPage }
      : undefined;
    const rows = split
      ? [
          { group: 'startup (browser)', name: 'activation -> first secret painted (first page + paint)', value: split.toFirstPage + split.toPaint, unit: 'ms', target: '', floor },
          { group: 'startup (browser)', name: '  of which: activated -> first page received (first ListSecrets, SDK loaded)', value: split.toFirstPage, unit: 'ms', target: '', floor: '' },
          { group: 'startup (browser)', name: '  of which: first page -> painted', value: split.toPaint, unit: 'ms', target: '', floor: '' },
          { group: 'startup (browser)', name: '  floor: the same view shown again (VS Code painting rows it has)', value: floor, unit: 'ms', target: '', floor: '' },
          { group: 'startup (browser)', name: 'click on the icon -> activation (VS Code starts the extension host and the extension)', value: split.toActivation, unit: 'ms', target: '', floor: '' },
        ]
      : [{ group: 'startup (browser)', name: 'click on the icon -> first secret painted (the log had no marks)', value: cold, unit: 'ms', target: '', floor }];
    fs.writeFileSync(out, JSON.stringify({ rows, figures: { cold, warm: floor, ...split } }));
  } finally {
    await wb.close();
  }
}

/** When the extension said it was activated, and when its first ListSecrets answered (epoch ms). */
async function logMarks(scratch: string): Promise<{ activated?: number; firstPage?: number }> {
  await new Promise((r) => setTimeout(r, 500)); // the log is written asynchronously
  const files = execFileSync('find', [path.join(scratch, 'user-data', 'logs'), '-name', 'Secrets Manager.log'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  const lines = files.length ? fs.readFileSync(files[0], 'utf8').split('\n') : [];
  const at = (re: RegExp) => {
    const line = lines.find((l) => re.test(l));
    const m = line && /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d\.\d{3})/.exec(line);
    return m ? new Date(`${m[1]}T${m[2]}`).getTime() : undefined;
  };
  return { activated: at(/Secrets Manager activated in/), firstPage: at(/ListSecrets on .*: ok in/) };
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
