// Profiles, region and endpoint, resolved the way the AWS CLI and SDKs do, from the shared config
// and credentials files read with the SDK's own loader (no hand-written INI parser).
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConnectionSpec } from './types';
import { AwsError } from './errors';
import * as l10n from '@vscode/l10n';

type Env = NodeJS.ProcessEnv;
type Section = Record<string, string | undefined>;

export interface SharedConfig {
  profiles: Record<string, Section>;
  /** `[services NAME]` sections, keys like `secrets_manager.endpoint_url`. */
  services: Record<string, Section>;
  /** Lines the SDK's loader silently skips (so a profile may be missing); see lintSharedConfig. */
  problems: ConfigProblem[];
}

/** A line of a shared config file that is not valid. Names the line, never its text (keys live there). */
export interface ConfigProblem {
  file: string;
  line: number;
  problem: string;
}

/**
 * The lines of a shared config or credentials file that are not valid INI as the AWS CLI reads
 * it: the SDK's loader skips them without a word, so a profile under a broken header simply
 * disappears. Returns line numbers and what is wrong, never the text of the line.
 */
export function lintSharedConfig(text: string): { line: number; problem: string }[] {
  const problems: { line: number; problem: string }[] = [];
  let inSection = false;
  let lastWasSetting = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    if (trimmed.startsWith('[')) {
      lastWasSetting = false;
      const m = /^\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(trimmed);
      if (!m) problems.push({ line, problem: l10n.t("a section header without its closing ']'") });
      else if (!m[1].trim()) problems.push({ line, problem: l10n.t('a section header with no name') });
      inSection = !!m && !!m[1].trim();
      return;
    }
    // An indented line continues the setting above it (nested settings such as `s3 =`).
    if (/^\s/.test(raw) && lastWasSetting) return;
    const eq = trimmed.indexOf('=');
    if (eq < 0) problems.push({ line, problem: l10n.t('neither a [section] header, a key = value setting nor a comment') });
    else if (!trimmed.slice(0, eq).trim()) problems.push({ line, problem: l10n.t("a value with no key before the '='") });
    else if (!inSection) problems.push({ line, problem: l10n.t('a setting before any [section] header') });
    lastWasSetting = eq > 0;
  });
  return problems;
}

/** Problems of both files (a missing file is fine: most people have only one). */
async function lintFiles(paths: { configFile: string; credentialsFile: string }): Promise<ConfigProblem[]> {
  const { readFile } = await import('node:fs/promises');
  const problems: ConfigProblem[] = [];
  for (const file of [paths.configFile, paths.credentialsFile]) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'ENOENT') problems.push({ file, line: 0, problem: code === 'EISDIR' ? l10n.t('is not a file') : l10n.t('cannot be read') });
      continue;
    }
    for (const p of lintSharedConfig(text)) problems.push({ file, ...p });
  }
  return problems;
}

/** "FILE line N: PROBLEM", for messages and the log. */
export function describeConfigProblem(p: ConfigProblem): string {
  return p.line ? l10n.t('{0} line {1}: {2}', p.file, p.line, p.problem) : `${p.file} ${p.problem}`;
}

export function homeDir(env: Env): string {
  return env.HOME || env.USERPROFILE || (env.HOMEPATH ? `${env.HOMEDRIVE ?? 'C:'}${env.HOMEPATH}` : '') || os.homedir();
}

/** The two files the CLI reads, for `env` (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else under HOME). */
export function sharedConfigPaths(env: Env = process.env): { configFile: string; credentialsFile: string } {
  const home = homeDir(env);
  const expand = (p: string) => (p.startsWith('~/') || p.startsWith('~\\') ? path.join(home, p.slice(2)) : p);
  return {
    configFile: expand(env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config')),
    credentialsFile: expand(env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials')),
  };
}

/**
 * Reads the shared config and credentials files of `env` with the SDK's own loader, bypassing its
 * file cache (so edits, and tests with different temp directories, are always seen).
 */
export async function loadSharedConfig(env: Env = process.env): Promise<SharedConfig> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const paths = sharedConfigPaths(env);
  let files;
  try {
    files = await loadSharedConfigFiles({
      configFilepath: paths.configFile,
      filepath: paths.credentialsFile,
      ignoreCache: true,
    });
  } catch (err) {
    throw new AwsError('invalidInput', l10n.t('Your AWS config files could not be read: {0}. Check ~/.aws/config and ~/.aws/credentials.', (err as Error).message), { operation: 'LoadConfig', cause: err });
  }
  const profiles: Record<string, Section> = {};
  const services: Record<string, Section> = {};
  for (const [name, section] of Object.entries(files.configFile ?? {})) {
    if (name.startsWith('services.')) services[name.slice('services.'.length)] = section;
    else if (!name.startsWith('sso-session.')) profiles[name] = { ...section };
  }
  for (const [name, section] of Object.entries(files.credentialsFile ?? {})) {
    profiles[name] = { ...profiles[name], ...section };
  }
  return { profiles, services, problems: await lintFiles(paths) };
}

/** Profile names from both files, sorted (sso-session and services sections are not profiles). */
export async function listProfiles(env: Env = process.env): Promise<string[]> {
  return Object.keys((await loadSharedConfig(env)).profiles).sort();
}

/** The `region` of a profile in the shared config files, if it has one. */
export async function profileRegion(name: string, env: Env = process.env): Promise<string | undefined> {
  return (await loadSharedConfig(env)).profiles[name]?.region?.trim() || undefined;
}

/**
 * The profile a connection with no profile setting uses: AWS_PROFILE, else `default` when it
 * exists, else undefined (the default credential chain: environment variables, container or
 * instance role). One exception, as in the SDK's own chain: when AWS_PROFILE is not set but
 * AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are, those keys win over the default profile, so
 * the result is undefined.
 */
export function defaultProfileName(config: SharedConfig, env: Env = process.env): string | undefined {
  if (env.AWS_PROFILE?.trim()) return env.AWS_PROFILE.trim();
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return undefined;
  return config.profiles.default ? 'default' : undefined;
}

/** Setting, else the profile's region, else AWS_REGION / AWS_DEFAULT_REGION. */
export function resolveRegion(o: { setting?: string; profile?: string; config: SharedConfig; env?: Env }): string | undefined {
  const env = o.env ?? process.env;
  return (
    o.setting?.trim() ||
    (o.profile ? o.config.profiles[o.profile]?.region?.trim() : undefined) ||
    env.AWS_REGION?.trim() ||
    env.AWS_DEFAULT_REGION?.trim() ||
    undefined
  );
}

export type EndpointSource =
  | 'setting'
  | 'AWS_ENDPOINT_URL_SECRETS_MANAGER'
  | 'AWS_ENDPOINT_URL'
  | 'profile services section'
  | 'profile endpoint_url';

/**
 * Setting, else AWS_ENDPOINT_URL_SECRETS_MANAGER, else AWS_ENDPOINT_URL, else the profile's
 * services section (`secrets_manager =` / `endpoint_url = ...`), else its endpoint_url. Like the
 * SDK, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (or the profile's ignore_configured_endpoint_urls)
 * turns off all but the setting. Throws an invalidInput AwsError naming the source when the URL
 * is not http(s).
 */
export function resolveEndpoint(o: { setting?: string; profile?: string; config: SharedConfig; env?: Env }): { url: string; source: EndpointSource } | undefined {
  const env = o.env ?? process.env;
  const profile = o.profile ? o.config.profiles[o.profile] : undefined;
  const servicesName = profile?.services;
  const ignoreConfigured =
    (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? profile?.ignore_configured_endpoint_urls ?? '').trim().toLowerCase() === 'true';
  const candidates: [string | undefined, EndpointSource][] = [[o.setting, 'setting']];
  if (!ignoreConfigured) {
    candidates.push(
      [env.AWS_ENDPOINT_URL_SECRETS_MANAGER, 'AWS_ENDPOINT_URL_SECRETS_MANAGER'],
      [env.AWS_ENDPOINT_URL, 'AWS_ENDPOINT_URL'],
      [servicesName ? o.config.services[servicesName]?.['secrets_manager.endpoint_url'] : undefined, 'profile services section'], // l10n-ignore: an EndpointSource id
      [profile?.endpoint_url, 'profile endpoint_url'], // l10n-ignore: an EndpointSource id
    );
  }
  const describe = (source: EndpointSource): string => {
    switch (source) {
      case 'setting':
        return l10n.t('the secretsManager.endpoint setting');
      case 'profile services section': // l10n-ignore: an EndpointSource id
        return l10n.t('the [services {0}] section of profile "{1}"', servicesName ?? '', o.profile ?? '');
      case 'profile endpoint_url': // l10n-ignore: an EndpointSource id
        return l10n.t('endpoint_url of profile "{0}"', o.profile ?? '');
      default:
        return source;
    }
  };
  for (const [url, source] of candidates) {
    if (url && url.trim()) {
      validateEndpoint(url.trim(), describe(source));
      return { url: url.trim(), source };
    }
  }
  return undefined;
}

/** Throws an invalidInput AwsError, naming `source`, unless `url` is an absolute http(s) URL. */
export function validateEndpoint(url: string, source: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.host) {
    throw new AwsError('invalidInput', l10n.t('The endpoint "{0}" from {1} is not an http(s) URL. Use a URL such as http://127.0.0.1:4566.', url, source), { operation: 'ResolveEndpoint' });
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Why an endpoint would carry secret values in cleartext over a network, or undefined: plain
 * http is fine on this machine (a local endpoint) and for hosts the user allowed by name (e.g. a
 * LocalStack container reached as http://localstack:4566); anywhere else it is refused.
 */
export function cleartextEndpointProblem(url: string, allowedHosts: readonly string[] = []): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // validateEndpoint reports malformed URLs
  }
  if (parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase();
  if (LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host)) return undefined;
  if (allowedHosts.some((h) => h.trim().toLowerCase() === host)) return undefined;
  return l10n.t('The endpoint {0} is plain http on another machine, so secret values would cross the network unencrypted. Use https, or an endpoint on this machine (127.0.0.1, localhost); to allow this host anyway (e.g. a LocalStack container), add "{1}" to the secretsManager.allowHttpHosts setting', parsed.origin, host);
}

/**
 * The connection a user with no saved connection expects, like the AWS CLI: the profile setting
 * or defaultProfileName(), resolveRegion() (undefined when there is none: the UI asks), and
 * resolveEndpoint(). Throws an invalidInput AwsError for a malformed endpoint.
 */
export async function resolveDefaultConnection(
  settings: { profile?: string; region?: string; endpoint?: string },
  env: Env = process.env,
  makeId: (spec: Omit<ConnectionSpec, 'id'>) => string,
  onProblems?: (problems: ConfigProblem[]) => void,
): Promise<ConnectionSpec | undefined> {
  const config = await loadSharedConfig(env);
  if (config.problems.length) onProblems?.(config.problems);
  const profile = settings.profile?.trim() || defaultProfileName(config, env);
  // With environment keys the credentials skip the default profile, but (as in the SDK) its
  // region and endpoint settings still apply.
  const configProfile = profile ?? (config.profiles.default ? 'default' : undefined);
  const region = resolveRegion({ setting: settings.region, profile: configProfile, config, env });
  if (!region) return undefined;
  const endpoint = resolveEndpoint({ setting: settings.endpoint, profile: configProfile, config, env })?.url;
  const spec = { profile, region, endpoint };
  return { ...spec, id: makeId(spec) };
}

export { isKnownRegion, KNOWN_REGIONS, OTHER_PARTITION_REGIONS } from './regions';
