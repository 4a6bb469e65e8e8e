// The AWS CLI v2's IAM Identity Center token cache, shared rather than copied: the extension reads
// the token `aws sso login` cached, and writes the token its own device flow gets where and how the
// CLI (and the SDKs' SSO token provider) will use it. One file per session:
// ~/.aws/sso/cache/<sha1 hex of the sso-session name>.json, or of the start URL for a start URL
// with no session (the CLI's legacy profiles), holding startUrl, region, accessToken, expiresAt
// (ISO 8601, UTC), and for sessions refreshToken, clientId, clientSecret, registrationExpiresAt.
// Also the `[sso-session NAME]` sections of the AWS config. Nothing here logs a token.
import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { homeDir, sharedConfigPaths } from './config';
import type { CachedSsoToken, SsoSessionRef } from './ssoTypes';

type Env = NodeJS.ProcessEnv;

/** ~/.aws/sso/cache (HOME of `env`), where the CLI keeps its tokens. */
export function ssoCacheDir(env: Env = process.env): string {
  return path.join(homeDir(env), '.aws', 'sso', 'cache');
}

/** The cache file of a session: sha1 of its name, or of the start URL when there is no session name. */
export function ssoCacheFile(ref: { session?: string; startUrl: string }, env: Env = process.env): string {
  const key = ref.session ?? ref.startUrl;
  return path.join(ssoCacheDir(env), `${createHash('sha1').update(key, 'utf8').digest('hex')}.json`);
}

/** A time as the CLI writes it: ISO 8601 in UTC without milliseconds. */
export function cacheTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The cached token of a session, or undefined when there is none or the file is not a token. */
export async function readCachedToken(ref: { session?: string; startUrl: string }, env: Env = process.env): Promise<CachedSsoToken | undefined> {
  const { readFile } = await import('node:fs/promises');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(ssoCacheFile(ref, env), 'utf8'));
  } catch {
    return undefined;
  }
  const o = (raw ?? {}) as Record<string, unknown>;
  const accessToken = text(o.accessToken);
  const expiresAt = text(o.expiresAt);
  if (!accessToken || !expiresAt || Number.isNaN(Date.parse(expiresAt))) return undefined;
  const token: CachedSsoToken = { startUrl: text(o.startUrl) ?? ref.startUrl, region: text(o.region) ?? '', accessToken, expiresAt };
  for (const k of ['refreshToken', 'clientId', 'clientSecret', 'registrationExpiresAt'] as const) {
    const v = text(o[k]);
    if (v) token[k] = v;
  }
  return token;
}

/**
 * Writes a session's token where the CLI reads it: the folder made private (0700), the file 0600,
 * written to a temporary name and renamed over the old one (a reader never sees half a file).
 * Other fields an existing file holds (a newer CLI's) are kept.
 */
export async function writeCachedToken(ref: { session?: string; startUrl: string }, token: CachedSsoToken, env: Env = process.env): Promise<string> {
  const fs = await import('node:fs/promises');
  const file = ssoCacheFile(ref, env);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let kept: Record<string, unknown> = {};
  try {
    const old = JSON.parse(await fs.readFile(file, 'utf8'));
    if (old && typeof old === 'object' && !Array.isArray(old)) kept = old;
  } catch {
    kept = {};
  }
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(tmp, JSON.stringify({ ...kept, ...token }, null, 2), { mode: 0o600 });
  await fs.rename(tmp, file);
  return file;
}

/** Whether a cached token can still be sent: it expires more than a minute from now. */
export function tokenUsable(token: CachedSsoToken | undefined, now: number = Date.now()): token is CachedSsoToken {
  return !!token && Date.parse(token.expiresAt) - now > 60_000;
}

/** Whether an expired (or expiring) token can be refreshed without the user: a refresh token and a live client registration. */
export function tokenRefreshable(token: CachedSsoToken | undefined, now: number = Date.now()): boolean {
  return !!token?.refreshToken && !!token.clientId && !!token.clientSecret && !!token.registrationExpiresAt && Date.parse(token.registrationExpiresAt) - now > 60_000;
}

/** The `[sso-session NAME]` sections of the AWS config with a start URL and a region. */
export async function listSsoSessions(env: Env = process.env): Promise<SsoSessionRef[]> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const paths = sharedConfigPaths(env);
  let files;
  try {
    files = await loadSharedConfigFiles({ configFilepath: paths.configFile, filepath: paths.credentialsFile, ignoreCache: true });
  } catch {
    return [];
  }
  const out: SsoSessionRef[] = [];
  for (const [key, section] of Object.entries(files.configFile ?? {})) {
    if (!key.startsWith('sso-session.')) continue;
    const startUrl = section.sso_start_url?.trim();
    const region = section.sso_region?.trim();
    if (!startUrl || !region) continue;
    const scopes = section.sso_registration_scopes?.split(',').map((s) => s.trim()).filter(Boolean);
    out.push({ session: key.slice('sso-session.'.length), startUrl, region, ...(scopes?.length ? { scopes } : {}) });
  }
  return out.sort((a, b) => a.session!.localeCompare(b.session!));
}

/**
 * Appends `text` (whole sections) to the AWS config file the CLI reads, creating it (0600) when
 * missing; a file not ending in a newline gets one first. Returns the file.
 */
export async function appendToSharedConfig(text: string, env: Env = process.env): Promise<string> {
  const fs = await import('node:fs/promises');
  const file = sharedConfigPaths(env).configFile;
  await fs.mkdir(path.dirname(file), { recursive: true });
  let before = '';
  try {
    before = await fs.readFile(file, 'utf8');
  } catch {
    before = '';
  }
  const sep = before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  await fs.appendFile(file, `${sep}${text}`, { mode: 0o600 });
  return file;
}
