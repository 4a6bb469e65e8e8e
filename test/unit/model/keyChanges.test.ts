// Changed key names between two versions (model/keyChanges.ts): names only, never values.
import * as assert from 'node:assert/strict';
import type { SecretData } from '../../../src/aws/types';
import { keyChanges } from '../../../src/model/keyChanges';

const str = (text: string): SecretData => ({ kind: 'string', text });
const bin = (b: number[]): SecretData => ({ kind: 'binary', bytes: new Uint8Array(b) });

describe('changed key names', () => {
  it('JSON: keys added, removed and changed, as dotted paths, never a value', () => {
    const c = keyChanges(str('{"user":"app","password":"Old-EXAMPLE","db":{"host":"a","port":1}}'), str('{"user":"app","password":"New-EXAMPLE","db":{"host":"b"},"ssl":true}'));
    assert.deepEqual([c.added, c.removed, c.changed], [['ssl'], ['db.port'], ['db.host', 'password']]);
    assert.deepEqual(c.lines, ['Keys added: ssl', 'Keys removed: db.port', 'Keys changed: db.host, password']);
    assert.ok(!JSON.stringify(c).includes('EXAMPLE'));
  });

  it('the same value (JSON by value), text, binary, and a change of kind', () => {
    assert.deepEqual(keyChanges(str('{"a":1,"b":2}'), str('{ "b": 2, "a": 1 }')).lines, ['Same value (no key changed)']);
    assert.deepEqual(keyChanges(str('plain-EXAMPLE'), str('other-EXAMPLE')).lines, ['The text value changed (not JSON on both sides: no key names)']);
    assert.deepEqual(keyChanges(bin([1, 2]), bin([1, 3])).lines, ['The binary value changed']);
    assert.deepEqual(keyChanges(str('x'), bin([1])).lines, ['Changed from text to binary']);
    assert.deepEqual(keyChanges(str('[1]'), str('[2]')).lines, ['The JSON value changed (not an object: no key names)']);
  });
});
