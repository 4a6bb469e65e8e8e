#!/usr/bin/env node
// `npm start`: build, start the local Secrets Manager endpoint with demo data, and open VS Code
// with the extension pointed at it (AWS_ENDPOINT_URL_SECRETS_MANAGER + dummy keys): no AWS
// account needed. Desktop VS Code (`code --extensionDevelopmentPath`) when `code` is on PATH and
// there is a display; otherwise code-server, printing the URL to open in a browser.
//   SM_START_HOST=desktop|code-server   force one;  SM_PORT=N   code-server's port (default 8080)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const require = createRequire(import.meta.url);

for (const [title, args] of [['build the extension', ['esbuild.mjs']], ['build the local endpoint', ['esbuild.mjs', '--tests']]]) {
  console.log(`== ${title}`);
  if (spawnSync('node', args, { stdio: 'inherit' }).status !== 0) process.exit(1);
}

const { startEmulator } = require('../out/test/emulator/server.js');
const emulator = await startEmulator({ port: 0, seed: 'demo' });
console.log(`Local Secrets Manager endpoint with demo data: ${emulator.url}`);

// Your own AWS set-up (profiles, keys, endpoints) stays out of the demo.
for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-start-'));
const { hermeticAwsEnv } = require('../out/test/harness/hermeticEnv.js');
const env = hermeticAwsEnv(emulator.url, scratch);
// The demo's IAM Identity Center: an sso-session for "Add Accounts..." (the endpoint's demo
// organisation; sign-in approves itself), in a config file of the demo's own.
const { DEMO_START_URL } = require('../out/test/emulator/ssoSeed.js');
fs.writeFileSync(env.AWS_CONFIG_FILE, `[sso-session secrets-manager-demo]\nsso_start_url = ${DEMO_START_URL}\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n`);

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
const display = process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
const host = process.env.SM_START_HOST ?? (hasCode && display ? 'desktop' : 'code-server');
let stopHost = async () => {};

if (host === 'desktop') {
  console.log('Opening desktop VS Code with the extension under development...');
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, '--wait', scratch], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  child.on('exit', () => shutdown());
} else {
  const { provision } = require('../out/test/harness/provision.js');
  const { startCodeServer, workbenchUrl } = require('../out/test/harness/codeServer.js');
  const toolchain = provision();
  // The demo's sign-in token goes to ~/.aws/sso/cache of a scratch HOME (the extension host's), not yours.
  const home = path.join(scratch, 'home');
  fs.mkdirSync(home, { recursive: true });
  const server = await startCodeServer({
    toolchain,
    env,
    port: Number(process.env.SM_PORT ?? 8080),
    // Without it the workbench ignores the extensionDevelopmentPath payload of the URL.
    args: ['--vscode-option', 'enable-smoke-test-driver'],
    settings: { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'security.workspace.trust.enabled': false, 'chat.disableAIFeatures': true },
    log: (l) => console.log(l),
  });
  stopHost = () => server.stop();
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  const url = workbenchUrl({ host: server.host, folder: workspace, extensionDevelopmentPath: root, extensionEnvironment: { ...env, HOME: home } });
  console.log('\nVS Code (code-server) is running with the extension and demo data. Open this URL in a browser:\n');
  console.log(`  ${url}\n`);
  console.log('Press Ctrl+C to stop.');
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await stopHost();
  await emulator.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
