// "Copy Value" of a JSON object secret offers its top-level fields; copying one must give exactly
// what the secret holds, which JSON.parse would not (it rounds big numbers and reads only the last
// of duplicate keys while listing the first one's position).
import * as assert from 'node:assert/strict';
import { jsonField, jsonFields } from '../../../src/model/lifecycle';

describe('copy one field of a JSON secret', () => {
  it('lists the top-level keys of an object, each once, in document order', () => {
    assert.deepEqual(jsonFields('{"user":"app","password":"p","port":5432,"b":1,"2":2}'), ['user', 'password', 'port', 'b', '2']);
    assert.deepEqual(jsonFields('  {"k":{"nested":1}}\n'), ['k']);
    assert.deepEqual(jsonFields('{}'), []);
  });

  it('has no fields for what is not a JSON object', () => {
    for (const text of ['[1,2]', '"text"', '42', 'not json', '{"a":1,}', '', 'null']) assert.equal(jsonFields(text), undefined, text);
  });

  it('copies big numbers and decimals exactly as written', () => {
    const text = '{"id":12345678901234567890,"price":1.10,"exp":1E+400,"neg":-0.0}';
    assert.equal(jsonField(text, 'id'), '12345678901234567890');
    assert.equal(jsonField(text, 'price'), '1.10');
    assert.equal(jsonField(text, 'exp'), '1E+400');
    assert.equal(jsonField(text, 'neg'), '-0.0');
  });

  it('a duplicate key: listed once, and the last one wins, as JSON.parse reads it', () => {
    const text = '{"password":"first","user":"u","password":"second"}';
    assert.deepEqual(jsonFields(text), ['password', 'user']);
    assert.equal(jsonField(text, 'password'), 'second');
    assert.equal(jsonField(text, 'password'), JSON.parse(text).password);
  });

  it('a string field copies its value with escapes decoded', () => {
    const text = String.raw`{"pem":"-----BEGIN-----\nMIIB\u00e9\/x\"q\"\\end","tab":"a\tb","emoji":"\ud83d\ude00"}`;
    assert.equal(jsonField(text, 'pem'), '-----BEGIN-----\nMIIBé/x"q"\\end');
    assert.equal(jsonField(text, 'tab'), 'a\tb');
    assert.equal(jsonField(text, 'emoji'), '😀');
    // Keys with escapes are found by their decoded name.
    assert.equal(jsonField(String.raw`{"a\u0062c":"x"}`, 'abc'), 'x');
  });

  it('a nested object or array copies its source text compact, escapes and numbers untouched', () => {
    const text = '{\n  "db": { "host" : "h\\u0041", "port": 5432, "ids": [ 12345678901234567890 , 1.50 ] },\n  "list": [ true, null, { } ]\n}';
    assert.equal(jsonField(text, 'db'), '{"host":"h\\u0041","port":5432,"ids":[12345678901234567890,1.50]}');
    assert.equal(jsonField(text, 'list'), '[true,null,{}]');
  });

  it('literals copy as their text', () => {
    assert.equal(jsonField('{"on":true,"off":false,"none":null}', 'on'), 'true');
    assert.equal(jsonField('{"on":true,"off":false,"none":null}', 'none'), 'null');
  });

  it('refuses a key the object does not have', () => {
    assert.throws(() => jsonField('{"a":1}', 'b'), /no top-level field "b"/);
    assert.throws(() => jsonField('[1]', '0'), /no top-level field/);
  });
});
