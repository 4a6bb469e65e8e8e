import * as assert from 'node:assert/strict';
import type { SecretData } from '../../../src/aws/types';
import {
  byteLength, decodeBase64, encodeBase64, fromDocument, jsonEqual, parseJson, parseJsonContainer, printJson, sameData, sortJsonKeys, toDocument,
} from '../../../src/model/format';

const str = (text: string): SecretData => ({ kind: 'string', text });
const node = (text: string) => {
  const r = parseJson(text);
  assert.ok(r.ok, `parses: ${text}`);
  return r.node;
};

describe('format: secret data <-> document text', () => {
  it('opens a JSON secret pretty-printed with the configured indent', () => {
    const doc = toDocument(str('{"user":"app","port":5432,"tags":["a","b"],"empty":{},"none":[]}'), 2);
    assert.equal(doc.format, 'json');
    assert.equal(doc.text, '{\n  "user": "app",\n  "port": 5432,\n  "tags": [\n    "a",\n    "b"\n  ],\n  "empty": {},\n  "none": []\n}');
    assert.equal(toDocument(str('{"a":{"b":1}}'), 4).text, '{\n    "a": {\n        "b": 1\n    }\n}');
    assert.equal(toDocument(str('{"a": 1}'), 0).text, '{"a":1}', 'indent 0 is compact');
  });

  it('prints exactly what JSON.stringify prints for ordinary JSON', () => {
    const value = { s: 'x"y\\z\n', n: -1.5e-7, t: true, f: false, z: null, arr: [1, [2, {}], { k: 'v' }], o: { deep: { deeper: [] } } };
    const text = JSON.stringify(value);
    for (const indent of [0, 2, 3]) assert.equal(printJson(node(text), indent), JSON.stringify(value, null, indent));
  });

  it('keeps number literals, escapes and duplicate keys exactly (no JSON.parse round trip)', () => {
    const original = '{"id":12345678901234567890,"ratio":1.10,"name":"caf\\u00e9","a":1,"a":2}';
    const doc = toDocument(str(original), 2);
    assert.match(doc.text, /12345678901234567890/, 'a big integer is not rounded');
    assert.match(doc.text, /1\.10/, 'a trailing zero stays');
    assert.match(doc.text, /caf\\u00e9/, 'an escape stays as typed');
    const back = fromDocument(doc.text, 'json', 'compact');
    assert.deepEqual(back, str(original), 'compact publishing gives back the original bytes');
  });

  it('sorts JSON keys at every depth for comparisons, so a reorder prints the same; values stay exact', () => {
    const a = str('{"b":1,"a":{"y":[{"q":2,"p":1}],"x":1.50},"dup":1,"dup":2}');
    const b = str('{"dup":1,"a":{"x":1.50,"y":[{"p":1,"q":2}]},"dup":2,"b":1}');
    const sorted = toDocument(a, 2, { sortKeys: true });
    assert.equal(sorted.format, 'json');
    assert.equal(sorted.text, toDocument(b, 2, { sortKeys: true }).text, 'a reordering is not a difference');
    assert.equal(printJson(sortJsonKeys(node('{"b":1,"a":{"y":[{"q":2,"p":1}],"x":1.50},"dup":1,"dup":2}')), 0), '{"a":{"x":1.50,"y":[{"p":1,"q":2}]},"b":1,"dup":1,"dup":2}', 'number literals and duplicate keys (in order) kept');
    assert.notEqual(toDocument(a, 2).text, toDocument(b, 2).text, 'without sortKeys the document keeps the stored order');
    assert.notEqual(sorted.text, toDocument(str('{"a":{"x":1.5,"y":[{"p":1,"q":3}]},"b":1,"dup":1,"dup":2}'), 2, { sortKeys: true }).text, 'a changed value still differs');
  });

  it('leaves plain strings and bare JSON scalars as text', () => {
    assert.deepEqual(toDocument(str('sk_live_EXAMPLE'), 2), { text: 'sk_live_EXAMPLE', format: 'text' });
    assert.deepEqual(toDocument(str('12345'), 2), { text: '12345', format: 'text' });
    assert.deepEqual(toDocument(str('"quoted"'), 2), { text: '"quoted"', format: 'text' });
    assert.deepEqual(toDocument(str('{not json'), 2), { text: '{not json', format: 'text' });
    assert.deepEqual(toDocument(str(''), 2), { text: '', format: 'text' });
  });

  it('publishes JSON compact (as the console does) or as typed', () => {
    const typed = '{\n  "a": 1,\n  "b": [ 1, 2 ]\n}\n';
    assert.deepEqual(fromDocument(typed, 'json', 'compact'), str('{"a":1,"b":[1,2]}'));
    assert.deepEqual(fromDocument(typed, 'json', 'asTyped'), str(typed));
    assert.deepEqual(fromDocument('  plain\n', 'text', 'compact'), str('  plain\n'), 'text is published exactly as typed');
    assert.throws(() => fromDocument('{"a":', 'json', 'compact'), /not valid JSON \(line 1, column 6\)/);
  });

  it('round-trips binary secrets through base64', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const doc = toDocument({ kind: 'binary', bytes }, 2);
    assert.equal(doc.format, 'binary');
    assert.equal(doc.text, Buffer.from(bytes).toString('base64'));
    const back = fromDocument(doc.text, 'binary', 'compact');
    assert.equal(back.kind, 'binary');
    assert.deepEqual([...(back as { bytes: Uint8Array }).bytes], [...bytes]);
    assert.deepEqual([...decodeBase64(`${doc.text.slice(0, 40)}\n ${doc.text.slice(40)}\n`)!], [...bytes], 'whitespace and line breaks are ignored');
    assert.equal(encodeBase64(new Uint8Array([0xff, 0xfe])), '//4=');
    assert.deepEqual([...decodeBase64('//4')!], [0xff, 0xfe], 'padding is optional');
  });

  it('refuses text that is not base64', () => {
    for (const bad of ['abc$', 'YQ==YQ==', 'Y', 'YWJj=', '-_-_']) assert.equal(decodeBase64(bad), undefined, bad);
    assert.throws(() => fromDocument('not base64!', 'binary', 'compact'), /not valid base64/);
  });

  it('compares JSON by value, not formatting, key order, escapes or number spelling', () => {
    assert.ok(sameData(str('{"a":1,"b":[1,2]}'), str('{\n  "b": [1, 2],\n  "a": 1\n}')));
    assert.ok(sameData(str('{"n":1.50}'), str('{"n":15e-1}')));
    assert.ok(sameData(str('{"n":0}'), str('{"n":-0.0}')));
    assert.ok(sameData(str('{"s":"\\u0041"}'), str('{"s":"A"}')));
    assert.ok(sameData(str('{"a":1,"a":2}'), str('{"a":2}')), 'the last duplicate wins, as in JSON.parse');
    assert.ok(!sameData(str('{"n":12345678901234567890}'), str('{"n":12345678901234567891}')), 'no precision is lost');
    assert.ok(!sameData(str('{"a":1}'), str('{"a":"1"}')));
    assert.ok(!sameData(str('{"a":[1,2]}'), str('{"a":[2,1]}')), 'array order matters');
    assert.ok(!sameData(str('{"a":1}'), str('{"a":1,"b":null}')));
    assert.ok(!sameData(str('key '), str('key')), 'plain text is compared exactly');
    assert.ok(!sameData(str('AQI='), { kind: 'binary', bytes: new Uint8Array([1, 2]) }));
    assert.ok(sameData({ kind: 'binary', bytes: new Uint8Array([1, 2]) }, { kind: 'binary', bytes: new Uint8Array([1, 2]) }));
    assert.ok(jsonEqual(node('[]'), node(' [ ] ')));
  });

  it('reports where JSON is broken, without quoting the text', () => {
    const cases: [string, number, number, RegExp][] = [
      ['{\n  "a": 1,\n}', 3, 1, /Trailing comma/],
      ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /Expected ',' or '}'/],
      ['{"a": "secret-value', 1, 7, /Unterminated string/],
      ['{"a": tru}', 1, 7, /Expected a value/],
      ['{"a": 01}', 1, 8, /Invalid number/],
      ['[1, 2', 1, 6, /']' is missing/],
      ['{"a": 1} x', 1, 10, /after the end/],
    ];
    for (const [text, line, column, message] of cases) {
      const r = parseJson(text);
      assert.ok(!r.ok, text);
      assert.equal(r.error.line, line, `line of ${JSON.stringify(text)}`);
      assert.equal(r.error.column, column, `column of ${JSON.stringify(text)}`);
      assert.match(r.error.message, message);
      assert.ok(!r.error.message.includes('secret-value'));
    }
    assert.equal(parseJsonContainer('['.repeat(100_000)), undefined, 'deep nesting is an error, not a crash');
  });

  it('counts the bytes Secrets Manager counts', () => {
    assert.equal(byteLength(str('é')), 2);
    assert.equal(byteLength(str('😀')), 4);
    assert.equal(byteLength({ kind: 'binary', bytes: new Uint8Array(10) }), 10);
  });
});
