#!/usr/bin/env node
// `npm run icon`: media/icon.png (the 128x128 listing icon the Marketplace and Open VSX show; they
// do not accept SVG there) from media/icon.svg, rendered by Debian's Chromium through
// playwright-core (both already used by the tests; SM_CHROMIUM names another browser). The PNG
// is kept in the repository as a source asset; run this after changing the SVG.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const svg = fs.readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
const out = path.join(root, 'media', 'icon.png');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sm-icon-'));
const browser = await chromium.launch({
  executablePath: process.env.SM_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  env: { ...process.env, HOME: home },
});
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
} finally {
  await browser.close();
  fs.rmSync(home, { recursive: true, force: true });
}
const png = fs.readFileSync(out);
console.log(`media/icon.png: ${png.readUInt32BE(16)}x${png.readUInt32BE(20)}, ${png.length} bytes`);
