// Runs a real VS Code (code-server, VS Code 1.139) and drives its workbench with Debian's
// Chromium through playwright-core. Used by the integration tests (through the
// `code-server-host` shim that @vscode/test-electron's runTests spawns), the e2e suite and
// `npm start`. Every process started here is in its own process group and killed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Toolchain } from './provision';

export interface CodeServer {
  readonly url: string;
  readonly host: string;
  readonly scratch: string;
  /** Pids of the extension host processes the server runs now (one per connected window). Linux only: reads /proc. */
  extensionHostPids(): number[];
  stop(): Promise<void>;
}

/** Processes in process group `pgid` whose command line contains `marker` (Linux /proc). */
function processesInGroup(pgid: number, marker: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 5 of /proc/<pid>/stat is the process group; the command (field 2) may contain spaces, so split after its ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue;
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(marker)) pids.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return pids.sort((a, b) => a - b);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before it served ${url}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s`);
}

export interface StartOptions {
  toolchain: Toolchain;
  /** Environment for the server and so for its extension host. */
  env?: NodeJS.ProcessEnv;
  userDataDir?: string;
  extensionsDir?: string;
  /** Settings written to the user settings.json before start. */
  settings?: Record<string, unknown>;
  /** Extra code-server arguments (e.g. --vscode-option enable-smoke-test-driver). */
  args?: string[];
  port?: number;
  log?: (line: string) => void;
}

export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-code-server-'));
  const userDataDir = options.userDataDir ?? path.join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(scratch, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (options.settings) {
    fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(options.settings, null, 2));
  }
  const port = options.port ?? (await freePort());
  const host = `127.0.0.1:${port}`;
  const logFile = path.join(scratch, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(
    options.toolchain.node24,
    [
      options.toolchain.codeServerEntry,
      '--bind-addr', host,
      '--auth', 'none',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--reconnection-grace-time', '5',
      ...(options.args ?? []),
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        ...options.env,
        // No marketplace: the workbench would otherwise query one on start.
        EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}',
        XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
        XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
        XDG_CACHE_HOME: path.join(scratch, 'xdg-cache'),
      },
    },
  );
  fs.closeSync(out);
  const url = `http://${host}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child, 'SIGTERM');
    const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    killGroup(child, 'SIGKILL');
  };
  try {
    await waitForHttp(url + '/healthz', child, 60_000);
  } catch (err) {
    await stop();
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    throw new Error(`${(err as Error).message}\n--- code-server log (last lines) ---\n${tail}`);
  }
  options.log?.(`[code-server] listening on ${url} (log: ${logFile})`);
  // Detached: the server leads its own process group, which its extension hosts inherit.
  const extensionHostPids = () => (child.pid === undefined ? [] : processesInGroup(child.pid, '--type=extensionHost'));
  return { url, host, scratch, extensionHostPids, stop };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser(chromium: string, scratch: string): Promise<Browser> {
  const { chromium: pw } = await import('playwright-core');
  const home = path.join(scratch, 'browser-home');
  fs.mkdirSync(home, { recursive: true });
  return pw.launch({
    executablePath: chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: home },
  });
}

/** Strip the `%c` styling VS Code puts on forwarded extension-host console messages. */
export function plainConsoleText(text: string): string {
  return text.replace(/%c/g, '').replace(/\s*(color|font-weight|background)[^;]*;?\s*$/g, '').trimEnd();
}

export interface WorkbenchUrlOptions {
  host: string;
  folder: string;
  extensionDevelopmentPath?: string;
  extensionTestsPath?: string;
  extensionEnvironment?: Record<string, string>;
}

export function workbenchUrl(o: WorkbenchUrlOptions): string {
  const payload: [string, string][] = [];
  if (o.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${o.host}${o.extensionDevelopmentPath}`]);
  if (o.extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${o.host}${o.extensionTestsPath}`]);
  if (o.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(o.extensionEnvironment)]);
  const q = new URLSearchParams({ folder: o.folder });
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `http://${o.host}/?${q.toString()}`;
}

export async function openWorkbench(browser: Browser, url: string, onConsole?: (line: string) => void): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  if (onConsole) page.on('console', (msg) => onConsole(plainConsoleText(msg.text())));
  await page.goto(url);
  return page;
}
