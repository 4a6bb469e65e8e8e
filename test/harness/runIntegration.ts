// Entry point of the integration (and e2e-in-host) suites: starts the project's local Secrets
// Manager endpoint with demo data, then runs the mocha suite inside a real VS Code extension
// host through @vscode/test-electron's runTests.
//
// Which VS Code: SM_TEST_HOST=desktop | code-server | auto (default).
//   desktop      runTests downloads desktop VS Code as usual (needs internet and a display).
//   code-server  runTests spawns ./code-server-host, which runs the same suite in code-server
//                (VS Code 1.139 from the npm registry) in headless Chromium: works offline.
//   auto         desktop on macOS/Windows or Linux with a DISPLAY, else code-server.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEmulator } from '../emulator/server';
import { hermeticAwsEnv } from './hermeticEnv';
import { ROOT } from './provision';

export type TestHost = 'desktop' | 'code-server';

export function chooseHost(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): TestHost {
  const wanted = (env.SM_TEST_HOST ?? 'auto').toLowerCase();
  if (wanted === 'desktop' || wanted === 'code-server') return wanted;
  if (wanted !== 'auto') throw new Error(`SM_TEST_HOST must be desktop, code-server or auto, not "${wanted}"`);
  if (platform === 'darwin' || platform === 'win32') return 'desktop';
  return env.DISPLAY || env.WAYLAND_DISPLAY ? 'desktop' : 'code-server';
}

async function main(): Promise<number> {
  const suite = process.argv[2] ?? 'integration';
  const host = chooseHost(process.env, process.platform);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `sm-${suite}-`));
  // Nothing from the developer's own AWS set-up may reach the tests.
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  const emulator = await startEmulator({ port: 0, seed: 'demo' });
  console.log(`[${suite}] local Secrets Manager endpoint: ${emulator.url}`);
  console.log(`[${suite}] VS Code host: ${host}${host === 'code-server' ? ' (set SM_TEST_HOST=desktop to use desktop VS Code)' : ''}`);
  const resultsFile = process.env.SM_TEST_RESULTS ?? path.join(scratch, 'results.json');
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.mkdirSync(path.join(scratch, 'home'), { recursive: true });
  const started = Date.now();
  try {
    await runTests({
      vscodeExecutablePath: host === 'code-server' ? path.join(ROOT, 'test', 'harness', 'code-server-host') : undefined,
      version: process.env.SM_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', suite, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${path.join(scratch, 'user-data')}`],
      extensionTestsEnv: {
        ...hermeticAwsEnv(emulator.url, scratch),
        // The IAM Identity Center token cache (~/.aws/sso/cache) of the tests is the scratch folder's.
        HOME: path.join(scratch, 'home'),
        SM_EMULATOR_URL: emulator.url,
        SM_TEST_RESULTS: resultsFile,
        SM_ARTIFACTS: process.env.SM_ARTIFACTS ?? path.join(ROOT, 'test-artifacts'),
        SM_TEST_GREP: process.env.SM_TEST_GREP ?? '',
        SM_USER_DATA_DIR: path.join(scratch, 'user-data'),
        SM_WORKSPACE_DIR: workspace,
      },
    });
    return 0;
  } catch (err) {
    console.error(`[${suite}] VS Code exited with a failure: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    console.log(`[${suite}] finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await emulator.stop();
    if (!fs.existsSync(resultsFile)) {
      console.error(`[${suite}] no test results were written: VS Code or the test runner did not start`);
    }
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code), (err) => {
    console.error(err);
    process.exit(1);
  });
}
