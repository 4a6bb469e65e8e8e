// The settings of references (src/ui/settings.ts): the opt-in that lets key checks read values is
// the user's alone; any level can turn references off, none can turn them on over an off; a
// folder's connection choice is read and written for that folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Settings, type ConfigurationApi } from '../../../src/ui/settings';

interface Layers {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

function api(values: Record<string, Layers>, byFolder: Record<string, Record<string, unknown>> = {}) {
  const updates: { key: string; value: unknown; target: boolean | number; scope?: unknown }[] = [];
  const a: ConfigurationApi = {
    getConfiguration: (_section, scope) => ({
      get: <T>(key: string) => {
        const folder = typeof scope === 'string' ? byFolder[scope]?.[key] : undefined;
        const v = values[key] ?? {};
        return (folder ?? v.workspaceFolderValue ?? v.workspaceValue ?? v.globalValue ?? v.defaultValue) as T | undefined;
      },
      inspect: <T>(key: string) => (values[key] ?? {}) as { globalValue?: T },
      update: async (key, value, target) => void updates.push({ key, value, target, scope }),
    }),
    onDidChangeConfiguration: () => ({ dispose() {} }),
  };
  return { api: a, updates };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;

describe('settings: references', () => {
  const conn = { id: 'dev@us-east-1@127.0.0.1:4566', profile: 'dev', region: 'us-east-1' };

  it('the key-check opt-in is a machine setting, off by default', () => {
    assert.equal(properties['secretsManager.references.readValuesForKeys'].scope, 'machine');
    assert.deepEqual(properties['secretsManager.references.readValuesForKeys'].default, []);
    assert.equal(properties['secretsManager.references.connection'].scope, 'resource');
    assert.equal(new Settings(api({}).api).keyChecksAllowed(conn), false);
  });

  it('a workspace or folder cannot let key checks read values; the user can, per connection or for all', () => {
    const fromWorkspace = new Settings(api({ 'references.readValuesForKeys': { workspaceValue: ['*'], workspaceFolderValue: ['*'] } }).api);
    assert.equal(fromWorkspace.keyChecksAllowed(conn), false);
    const byId = new Settings(api({ 'references.readValuesForKeys': { globalValue: ['dev@us-east-1@127.0.0.1:4566'] } }).api);
    assert.equal(byId.keyChecksAllowed(conn), true);
    assert.equal(byId.keyChecksAllowed({ id: 'prod@us-east-1', profile: 'prod', region: 'us-east-1' }), false);
    const byProfileRegion = new Settings(api({ 'references.readValuesForKeys': { globalValue: ['dev@us-east-1'] } }).api);
    assert.equal(byProfileRegion.keyChecksAllowed(conn), true);
    const all = new Settings(api({ 'references.readValuesForKeys': { globalValue: ['*', 3] } }).api);
    assert.equal(all.keyChecksAllowed(conn), true);
    assert.deepEqual(all.readValuesForKeys(), ['*']);
  });

  it('allowing and stopping key checks writes the user\'s settings', async () => {
    const { api: a, updates } = api({ 'references.readValuesForKeys': { globalValue: ['other@eu-west-1'] } });
    const settings = new Settings(a);
    await settings.allowKeyChecks(conn.id, true);
    assert.deepEqual(updates.map((u) => [u.key, u.value, u.target]), [['references.readValuesForKeys', ['other@eu-west-1', conn.id], true]]);
  });

  it('any level turns references off; none turns them on over an off', () => {
    assert.equal(new Settings(api({}).api).referencesEnabled(), true);
    assert.equal(new Settings(api({ 'references.enabled': { globalValue: false, workspaceValue: true } }).api).referencesEnabled(), false);
    assert.equal(new Settings(api({ 'references.enabled': { workspaceFolderValue: false } }).api).referencesEnabled(), false);
    assert.equal(new Settings(api({ 'references.enabled': { globalValue: true } }).api).referencesEnabled(), true);
  });

  it('a folder\'s connection choice is read for that folder and written to it', async () => {
    const { api: a, updates } = api({}, { 'file:///work/a': { 'references.connection': ' prod@eu-west-1 ' } });
    const settings = new Settings(a);
    assert.equal(settings.referenceConnection('file:///work/a'), 'prod@eu-west-1');
    assert.equal(settings.referenceConnection('file:///work/b'), undefined);
    await settings.setReferenceConnection('file:///work/b', 'dev@us-east-1');
    assert.deepEqual(updates, [{ key: 'references.connection', value: 'dev@us-east-1', target: 3, scope: 'file:///work/b' }]);
  });
});
