// The masked view of a value (src/model/mask.ts): structure kept, every value masked unless
// revealed, the leaves' lines for the Reveal lenses, and nothing of a hidden value in the text.
import * as assert from 'node:assert/strict';
import { MASK, maskText, WHOLE } from '../../../src/model/mask';

const JSON_TEXT = '{\n  "username": "admin",\n  "password": "hunter2-S3cret",\n  "port": 5432,\n  "ssl": true,\n  "hosts": ["db-1.internal", "db-2.internal"],\n  "nested": { "token": "tok-XYZ", "empty": {} }\n}';

describe('masked view', () => {
  it('keeps the keys and masks every value, so no value is in the text', () => {
    const view = maskText(JSON_TEXT, 'json', new Set());
    for (const value of ['admin', 'hunter2-S3cret', '5432', 'true', 'db-1.internal', 'db-2.internal', 'tok-XYZ']) assert.ok(!view.text.includes(value), `${value} is hidden`);
    for (const key of ['"username"', '"password"', '"port"', '"ssl"', '"hosts"', '"nested"', '"token"', '"empty": {}']) assert.ok(view.text.includes(key), `${key} is shown`);
    assert.ok(JSON.parse(view.text), 'the masked text is JSON');
    assert.equal(JSON.parse(view.text).password, MASK);
    assert.deepEqual(view.leaves.map((l) => l.label), ['username', 'password', 'port', 'ssl', 'hosts[0]', 'hosts[1]', 'nested.token']);
    assert.ok(view.leaves.every((l) => !l.revealed));
  });

  it('reveals exactly the values asked for, as stored (number spelling kept)', () => {
    const text = '{"a": "x", "b": 1.50, "c": "y"}';
    const first = maskText(text, 'json', new Set());
    const b = first.leaves.find((l) => l.label === 'b')!;
    const view = maskText(text, 'json', new Set([b.path]));
    assert.ok(view.text.includes('"b": 1.50'));
    assert.ok(!view.text.includes('"x"') && !view.text.includes('"y"'));
    assert.deepEqual(view.leaves.map((l) => l.revealed), [false, true, false]);
  });

  it('puts each leaf on the line its value is printed on', () => {
    const view = maskText(JSON_TEXT, 'json', new Set());
    const lines = view.text.split('\n');
    for (const leaf of view.leaves) assert.ok(lines[leaf.line].includes(MASK), `${leaf.label} on line ${leaf.line}: ${lines[leaf.line]}`);
  });

  it('masks text and binary values whole', () => {
    const text = maskText('sk_live_EXAMPLE', 'text', new Set());
    assert.ok(!text.text.includes('sk_live'));
    assert.deepEqual(text.leaves.map((l) => l.path), [WHOLE]);
    assert.equal(maskText('sk_live_EXAMPLE', 'text', new Set([WHOLE])).text, 'sk_live_EXAMPLE');
    assert.ok(!maskText('AAEC', 'binary', new Set()).text.includes('AAEC'));
  });
});
