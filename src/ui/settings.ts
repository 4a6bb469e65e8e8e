// The extension's settings: every `secretsManager.*` key and its default, written once, read
// through one typed reader that the composition root makes and passes on (UiDeps.settings).
// Nothing else calls getConfiguration('secretsManager'); test/unit/ui/settings.test.ts checks
// the defaults against package.json.
//
// Safeguards: `publish.confirm`, `clipboard.clearAfterSeconds` and `allowHttpHosts` protect the
// user, so a workspace must not weaken them (a cloned repository's .vscode/settings.json could turn off the
// publish confirmation). They are `"scope": "machine"` in package.json, and the reader takes
// them from the user's (global) settings or the default only, never from workspace or folder
// values, whatever VS Code's own scope handling does.
//
// No runtime import of `vscode`: the workspace API is passed in (vscode.workspace satisfies
// ConfigurationApi), so the table and the reader load in plain Node for unit tests.
import type { PublishJsonAs } from '../model/format';
import { matchesChoice } from '../model/references/connection';

/** Every setting under `secretsManager.`, with the default package.json declares. */
export const SETTING_DEFAULTS = {
  profile: '',
  region: '',
  endpoint: '',
  'json.indent': 2,
  'json.publishFormat': 'compact',
  'publish.confirm': true,
  'tree.includeDeleted': false,
  'tree.sortBy': 'name',
  'tree.pageSize': 100,
  'clipboard.clearAfterSeconds': 30,
  allowHttpHosts: [] as readonly string[],
  'history.maxPages': 20,
  'references.enabled': true,
  'references.connection': '',
  'references.readValuesForKeys': [] as readonly string[],
  'accounts.production': [] as readonly string[],
  'tree.openOnSingleClick': false,
  hideValues: false,
} as const;

export type SettingKey = keyof typeof SETTING_DEFAULTS;

/** Read from user (global) settings or the default only: a workspace cannot change them. */
export const USER_ONLY_SETTINGS: readonly SettingKey[] = ['publish.confirm', 'clipboard.clearAfterSeconds', 'allowHttpHosts', 'references.readValuesForKeys'];

/** ConfigurationTarget.WorkspaceFolder (vscode's enum value; this file does not load vscode). */
const WORKSPACE_FOLDER_TARGET = 3;

export const SECTION = 'secretsManager';

/** What the tree needs from the settings. */
export interface TreeSettings {
  pageSize: number;
  includeDeleted: boolean;
  sortBy: 'name' | 'lastChanged';
  /** secretsManager.accounts.production: the tree says which accounts are marked production. */
  productionAccounts: readonly string[];
}

/** The default connection's settings, trimmed; empty = not set. */
export interface ConnectionSettings {
  profile?: string;
  region?: string;
  endpoint?: string;
}

/** Groups of settings whose change someone reacts to. */
export type SettingGroup = 'connection' | 'tree' | 'references' | 'hideValues';

const GROUPS: Record<SettingGroup, readonly string[]> = {
  connection: [`${SECTION}.profile`, `${SECTION}.region`, `${SECTION}.endpoint`],
  tree: [`${SECTION}.tree`, `${SECTION}.accounts.production`],
  references: [`${SECTION}.references`],
  hideValues: [`${SECTION}.hideValues`],
};

/** The part of vscode.workspace the reader uses. */
export interface ConfigurationApi {
  /** `scope`: a workspace folder's URI, for resource settings. */
  getConfiguration(section: string, scope?: unknown): {
    get<T>(key: string): T | undefined;
    inspect<T>(key: string): { defaultValue?: T; globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T } | undefined;
    /** `true` as the target: user (global) settings; 3: the workspace folder of the scope. */
    update(key: string, value: unknown, target: boolean | number): PromiseLike<void>;
  };
  onDidChangeConfiguration(listener: (e: { affectsConfiguration(section: string): boolean }) => unknown): { dispose(): void };
}

export class Settings {
  constructor(private readonly api: ConfigurationApi) {}

  private config() {
    return this.api.getConfiguration(SECTION);
  }

  /** A setting's effective value (user, workspace, folder), else the default. */
  private value(key: SettingKey): unknown {
    return this.config().get(key) ?? SETTING_DEFAULTS[key];
  }

  /** A safeguard: the user's (global) value when it has the default's type, else the default. */
  private userValue<K extends SettingKey>(key: K): (typeof SETTING_DEFAULTS)[K] {
    const fallback = SETTING_DEFAULTS[key];
    const global = this.config().inspect(key)?.globalValue;
    return typeof global === typeof fallback ? (global as (typeof SETTING_DEFAULTS)[K]) : fallback;
  }

  private text(key: 'profile' | 'region' | 'endpoint'): string | undefined {
    const v = this.value(key);
    return typeof v === 'string' ? v.trim() || undefined : undefined;
  }

  connection(): ConnectionSettings {
    return { profile: this.text('profile'), region: this.text('region'), endpoint: this.text('endpoint') };
  }

  jsonIndent(): number {
    return this.value('json.indent') as number;
  }

  /** What the publisher reads before each publish. */
  publish(): { confirm: boolean; publishJsonAs: PublishJsonAs } {
    return { confirm: this.publishConfirm(), publishJsonAs: this.value('json.publishFormat') as PublishJsonAs };
  }

  /** Ask before publishing. User settings only. */
  publishConfirm(): boolean {
    return this.userValue('publish.confirm');
  }

  /** Seconds after which a copied value is cleared from the clipboard (0: kept). User settings only. */
  clipboardClearAfterSeconds(): number {
    return this.userValue('clipboard.clearAfterSeconds');
  }

  /** Hosts other than this machine that may be reached over plain http. User settings only. */
  allowHttpHosts(): readonly string[] {
    const hosts = this.userValue('allowHttpHosts') as unknown;
    return Array.isArray(hosts) ? hosts.filter((h): h is string => typeof h === 'string') : [];
  }

  /**
   * Accounts marked production (ids or name patterns): every scope's list together, so a workspace
   * can add accounts but not remove one the user marked.
   */
  productionAccounts(): readonly string[] {
    const i = this.config().inspect('accounts.production');
    const lists = [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue];
    return [...new Set(lists.flatMap((l) => (Array.isArray(l) ? l.filter((p): p is string => typeof p === 'string') : [])))];
  }

  /** LookupEvents pages (50 events each) a History reads at most (1-200). */
  historyMaxPages(): number {
    return Math.min(200, Math.max(1, Math.floor(this.value('history.maxPages') as number) || SETTING_DEFAULTS['history.maxPages']));
  }

  tree(): TreeSettings {
    return {
      // ListSecrets accepts MaxResults 1-100.
      pageSize: Math.min(100, Math.max(1, Math.floor(this.value('tree.pageSize') as number) || 100)),
      includeDeleted: this.value('tree.includeDeleted') as boolean,
      sortBy: this.value('tree.sortBy') === 'lastChanged' ? 'lastChanged' : 'name',
      productionAccounts: this.productionAccounts(),
    };
  }

  /** Writes the default connection's endpoint or region to the user's settings (Set the Endpoint). */
  async setConnectionSetting(key: 'endpoint' | 'region', value: string): Promise<void> {
    await this.config().update(key, value, true);
  }

  /** What decides whether an open event of the tree opens (model/treeOpen.ts), with VS Code's own list open mode. */
  treeOpen(): { openOnSingleClick: boolean; listOpenMode: 'singleClick' | 'doubleClick' } {
    const mode = this.api.getConfiguration('workbench.list').get('openMode');
    return { openOnSingleClick: this.value('tree.openOnSingleClick') === true, listOpenMode: mode === 'doubleClick' ? 'doubleClick' : 'singleClick' };
  }

  /** Screen-sharing mode: secret documents open with their values masked. */
  hideValues(): boolean {
    return this.value('hideValues') === true;
  }

  /** Turns the hide-values mode on or off in the user's settings (the view's toggle). */
  async setHideValues(on: boolean): Promise<void> {
    await this.config().update('hideValues', on, true);
  }

  /**
   * What VS Code's chat would do with an open secret (VS Code 1.139's own settings, read here
   * like every other): `chat.disableAIFeatures` hides chat altogether; `chat.implicitContext.enabled`
   * says, per chat location, whether the active editor is attached to the chat input.
   */
  chatContext(): { aiDisabled: boolean; attachesActiveEditor: boolean } {
    const aiDisabled = this.api.getConfiguration('chat').get('disableAIFeatures') === true;
    const enabled = this.api.getConfiguration('chat.implicitContext').get<unknown>('enabled');
    const panel = enabled && typeof enabled === 'object' ? (enabled as Record<string, unknown>).panel : undefined;
    // VS Code's default is { panel: "always" }.
    return { aiDisabled, attachesActiveEditor: panel === undefined || panel === 'always' || panel === 'first' };
  }

  /** Stops the chat panel from attaching the active editor, in the user's settings (the user's own choice, from a button). */
  async stopChatImplicitContext(): Promise<void> {
    const config = this.api.getConfiguration('chat.implicitContext');
    const enabled = config.get<unknown>('enabled');
    const current = enabled && typeof enabled === 'object' ? (enabled as Record<string, unknown>) : {};
    await config.update('enabled', { ...current, panel: 'never' }, true);
  }

  /** Changes a tree setting in the user's settings (the view's toggles). */
  async updateTree(key: 'includeDeleted' | 'sortBy', value: boolean | TreeSettings['sortBy']): Promise<void> {
    await this.config().update(`tree.${key}`, value, true);
  }

  /**
   * Whether references are recognised and checked. Any level (user, workspace, folder) can turn
   * them off; none can turn them back on over another's off (a repository cannot make the
   * extension call AWS when the user said no).
   */
  referencesEnabled(): boolean {
    const i = this.config().inspect<boolean>('references.enabled');
    return ![i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue].includes(false);
  }

  /** The connection a workspace folder's references resolve against, as written (empty: the active one). */
  referenceConnection(folder?: unknown): string | undefined {
    const v = this.api.getConfiguration(SECTION, folder).get('references.connection');
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  }

  /** Sets (or clears, with undefined) a workspace folder's connection for references. */
  async setReferenceConnection(folder: unknown, value: string | undefined): Promise<void> {
    await this.api.getConfiguration(SECTION, folder).update('references.connection', value, WORKSPACE_FOLDER_TARGET);
  }

  /** The connections on which key checks may read values, as the user wrote them. User settings only. */
  readValuesForKeys(): readonly string[] {
    const v = this.userValue('references.readValuesForKeys') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }

  /** Key checks and key completion may read this connection's values (GetSecretValue). User settings only. */
  keyChecksAllowed(connection: { id: string; profile?: string; region: string }): boolean {
    return this.readValuesForKeys().some((entry) => entry.trim() === '*' || matchesChoice(connection, entry));
  }

  /** Allows or stops key checks on a connection, in the user's settings. */
  async allowKeyChecks(connectionId: string, allow: boolean): Promise<void> {
    const current = this.readValuesForKeys();
    const next = allow ? [...new Set([...current, connectionId])] : current.filter((e) => e !== connectionId);
    await this.config().update('references.readValuesForKeys', next, true);
  }

  /** Fires when settings of a group change; `affects` says which groups. */
  onDidChange(listener: (affects: (group: SettingGroup) => boolean) => void): { dispose(): void } {
    return this.api.onDidChangeConfiguration((e) => {
      const affects = (group: SettingGroup) => GROUPS[group].some((s) => e.affectsConfiguration(s));
      if ((Object.keys(GROUPS) as SettingGroup[]).some(affects)) listener(affects);
    });
  }
}
