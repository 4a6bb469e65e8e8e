// Shared set-up for e2e tests: the local endpoint with demo data, code-server with the
// extension, and Chromium on its workbench. Everything is stopped by `close()`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startCodeServer, workbenchUrl, type CodeServer } from '../harness/codeServer';
import { provision, ROOT, type Toolchain } from '../harness/provision';
import { startEmulator } from '../emulator/server';
import { AdminClient } from '../emulator/admin-client';
import { hermeticAwsEnv } from '../harness/hermeticEnv';

export const ARTIFACTS = process.env.SM_ARTIFACTS || path.join(ROOT, 'test-artifacts');

export interface Workbench {
  /** The first window. */
  page: Page;
  server: CodeServer;
  admin: AdminClient;
  endpoint: string;
  toolchain: Toolchain;
  /** The first window, or `page`. */
  screenshot(name: string, page?: Page): Promise<string>;
  /** Another browser tab on the same workbench URL (same browser profile): a second VS Code window. */
  newWindow(): Promise<Page>;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Load the extension from the repo (development) or use what is in extensionsDir. */
  extensionDevelopmentPath?: string;
  extensionsDir?: string;
  /** The server's user data folder (default: a fresh one), for files a test puts there first. */
  userDataDir?: string;
  settings?: Record<string, unknown>;
  /** More code-server arguments (e.g. `--log debug`). */
  args?: string[];
  /** Files of the workspace folder the workbench opens (path relative to it -> text). */
  files?: Record<string, string>;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const toolchain = provision();
  const emulator = await startEmulator({ port: 0, seed: 'demo' });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-e2e-'));
  const env = hermeticAwsEnv(emulator.url, scratch);
  // The extension host's HOME is a scratch folder: an IAM Identity Center sign-in writes
  // ~/.aws/sso/cache there, not in yours. (Only the extension host's: code-server keeps its own.)
  const home = path.join(scratch, 'home');
  fs.mkdirSync(home, { recursive: true });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await emulator.stop();
  };
  try {
    server = await startCodeServer({
      toolchain,
      env,
      extensionsDir: options.extensionsDir,
      userDataDir: options.userDataDir,
      // Without it the workbench ignores the URL's extensionDevelopmentPath payload.
      args: [...(options.extensionDevelopmentPath ? ['--vscode-option', 'enable-smoke-test-driver'] : []), ...(options.args ?? [])],
      settings: { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'chat.disableAIFeatures': true, ...options.settings },
    });
    browser = await launchBrowser(toolchain.chromium, server.scratch);
    // One context for all windows, like tabs of one browser profile.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const workspace = path.join(scratch, 'workspace');
    fs.mkdirSync(workspace);
    for (const [name, text] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
      fs.writeFileSync(path.join(workspace, name), text);
    }
    const url = workbenchUrl({
      host: server.host,
      folder: workspace,
      extensionDevelopmentPath: options.extensionDevelopmentPath,
      extensionEnvironment: { ...env, HOME: home },
    });
    const newWindow = async () => {
      const p = await context.newPage();
      await p.goto(url);
      await p.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      return p;
    };
    const page = await newWindow();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    return {
      page,
      server,
      admin: new AdminClient(emulator.url),
      endpoint: emulator.url,
      toolchain,
      screenshot: async (name, p = page) => {
        const file = path.join(ARTIFACTS, `${name}.png`);
        await p.screenshot({ path: file });
        return file;
      },
      newWindow,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Click the Secrets Manager icon in the activity bar and wait for the view. */
export async function showSecretsView(page: Page): Promise<void> {
  await page.locator('.activitybar [aria-label^="Secrets Manager"]').first().click();
  // A container with one view shows the view's name in the side bar title, not a pane header.
  await page.locator('.sidebar .composite.title', { hasText: /Secrets Manager/ }).first().waitFor({ timeout: 30_000 });
}
