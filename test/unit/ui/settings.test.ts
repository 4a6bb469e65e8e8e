// The settings reader (src/ui/settings.ts) in plain Node: its table of keys and defaults is the
// manifest's, and the two safeguards come from user settings only. The real VS Code host is
// covered by test/integration/settings.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTING_DEFAULTS, Settings, USER_ONLY_SETTINGS, type ConfigurationApi } from '../../../src/ui/settings';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown; scope?: string }> = manifest.contributes.configuration.properties;

interface Layers {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** A configuration with VS Code's precedence: folder, workspace, user, default. */
function fakeApi(values: Record<string, Layers>) {
  const updates: [string, unknown, boolean | number][] = [];
  const listeners: ((e: { affectsConfiguration(s: string): boolean }) => unknown)[] = [];
  const api: ConfigurationApi = {
    getConfiguration: (section) => {
      assert.equal(section, 'secretsManager');
      return {
        get: <T>(key: string) => {
          const v = values[key] ?? {};
          return (v.workspaceFolderValue ?? v.workspaceValue ?? v.globalValue ?? v.defaultValue) as T | undefined;
        },
        inspect: <T>(key: string) => (values[key] ?? {}) as { globalValue?: T },
        update: async (key, value, global) => void updates.push([key, value, global]),
      };
    },
    onDidChangeConfiguration: (listener) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
  };
  const change = (...changed: string[]) => {
    for (const l of listeners) l({ affectsConfiguration: (s) => changed.some((c) => c === s || c.startsWith(`${s}.`)) });
  };
  return { api, updates, change };
}

describe('settings reader', () => {
  it('knows exactly the settings package.json contributes, with the same defaults', () => {
    const contributed = Object.keys(properties).map((k) => k.replace(/^secretsManager\./, ''));
    assert.deepEqual(Object.keys(SETTING_DEFAULTS).sort(), contributed.sort());
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) {
      assert.deepEqual(value, properties[`secretsManager.${key}`].default, `default of secretsManager.${key}`);
    }
  });

  it('the safeguards are machine settings in package.json', () => {
    assert.deepEqual([...USER_ONLY_SETTINGS].sort(), ['allowHttpHosts', 'clipboard.clearAfterSeconds', 'publish.confirm', 'references.readValuesForKeys']);
    for (const key of USER_ONLY_SETTINGS) assert.equal(properties[`secretsManager.${key}`].scope, 'machine', key);
  });

  it('with nothing set, every value is the default', () => {
    const settings = new Settings(fakeApi({}).api);
    assert.deepEqual(settings.connection(), { profile: undefined, region: undefined, endpoint: undefined });
    assert.equal(settings.jsonIndent(), 2);
    assert.deepEqual(settings.publish(), { confirm: true, publishJsonAs: 'compact' });
    assert.equal(settings.clipboardClearAfterSeconds(), 30);
    assert.deepEqual(settings.tree(), { pageSize: 100, includeDeleted: false, sortBy: 'name', productionAccounts: [] });
  });

  it('a workspace or folder cannot turn off the publish confirmation or the clipboard clearing', () => {
    const { api } = fakeApi({
      'publish.confirm': { defaultValue: true, workspaceValue: false, workspaceFolderValue: false },
      'clipboard.clearAfterSeconds': { defaultValue: 30, workspaceValue: 0 },
    });
    const settings = new Settings(api);
    assert.equal(settings.publishConfirm(), true);
    assert.equal(settings.publish().confirm, true);
    assert.equal(settings.clipboardClearAfterSeconds(), 30);
  });

  it('a workspace cannot allow plain http to another host; the user can', () => {
    const fromWorkspace = new Settings(fakeApi({ allowHttpHosts: { defaultValue: [], workspaceValue: ['evil.example'] } }).api);
    assert.deepEqual(fromWorkspace.allowHttpHosts(), []);
    const fromUser = new Settings(fakeApi({ allowHttpHosts: { defaultValue: [], globalValue: ['localstack', 7] } }).api);
    assert.deepEqual(fromUser.allowHttpHosts(), ['localstack'], 'only strings');
  });

  it('the user can, in user settings; a workspace cannot turn them back on either', () => {
    const { api } = fakeApi({
      'publish.confirm': { defaultValue: true, globalValue: false, workspaceValue: true },
      'clipboard.clearAfterSeconds': { defaultValue: 30, globalValue: 0, workspaceValue: 5 },
    });
    const settings = new Settings(api);
    assert.equal(settings.publishConfirm(), false);
    assert.equal(settings.clipboardClearAfterSeconds(), 0);
  });

  it('a safeguard of the wrong type in user settings is the default', () => {
    const { api } = fakeApi({ 'publish.confirm': { globalValue: 'false' }, 'clipboard.clearAfterSeconds': { globalValue: '0' } });
    const settings = new Settings(api);
    assert.equal(settings.publishConfirm(), true);
    assert.equal(settings.clipboardClearAfterSeconds(), 30);
  });

  it('other settings follow VS Code precedence; connection values are trimmed, empty is unset', () => {
    const { api } = fakeApi({
      profile: { globalValue: ' dev ' },
      region: { globalValue: 'eu-west-1', workspaceValue: '   ' },
      endpoint: { globalValue: 42 },
      'json.indent': { globalValue: 4, workspaceValue: 3 },
      'json.publishFormat': { workspaceValue: 'asTyped' },
      'tree.pageSize': { globalValue: 500 },
      'tree.sortBy': { globalValue: 'lastChanged' },
      'tree.includeDeleted': { workspaceFolderValue: true },
    });
    const settings = new Settings(api);
    assert.deepEqual(settings.connection(), { profile: 'dev', region: undefined, endpoint: undefined });
    assert.equal(settings.jsonIndent(), 3);
    assert.equal(settings.publish().publishJsonAs, 'asTyped');
    assert.deepEqual(settings.tree(), { pageSize: 100, includeDeleted: true, sortBy: 'lastChanged', productionAccounts: [] });
  });

  it('clamps the page size to what ListSecrets accepts (1-100), and an unknown sort order is by name', () => {
    const tree = (pageSize: unknown, sortBy: unknown) => new Settings(fakeApi({ 'tree.pageSize': { globalValue: pageSize }, 'tree.sortBy': { globalValue: sortBy } }).api).tree();
    assert.equal(tree(0, 'name').pageSize, 100);
    assert.equal(tree(-5, 'name').pageSize, 1);
    assert.equal(tree(7.9, 'name').pageSize, 7);
    assert.equal(tree(7, 'size').sortBy, 'name');
  });

  it('writes the tree toggles to user settings', async () => {
    const { api, updates } = fakeApi({});
    const settings = new Settings(api);
    await settings.updateTree('includeDeleted', true);
    await settings.updateTree('sortBy', 'lastChanged');
    assert.deepEqual(updates, [['tree.includeDeleted', true, true], ['tree.sortBy', 'lastChanged', true]]);
  });

  it('reports changes by group, and only for its own settings', () => {
    const { api, change } = fakeApi({});
    const heard: string[] = [];
    const sub = new Settings(api).onDidChange((affects) => heard.push(`${affects('tree')}/${affects('connection')}`));
    change('secretsManager.tree.sortBy');
    change('secretsManager.region');
    change('editor.fontSize');
    change('secretsManager.json.indent');
    sub.dispose();
    change('secretsManager.tree.pageSize');
    assert.deepEqual(heard, ['true/false', 'false/true']);
  });
});
