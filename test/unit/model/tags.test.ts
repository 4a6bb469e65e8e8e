import * as assert from 'node:assert/strict';
import { formatTags, parseTags, validateTagsText } from '../../../src/model/tags';

describe('tags as text (key=value, ...)', () => {
  it('parses comma-separated key=value pairs, trimming keys and values', () => {
    assert.deepEqual(parseTags(' team = payments ,env=prod'), [
      { key: 'team', value: 'payments' },
      { key: 'env', value: 'prod' },
    ]);
  });

  it('an empty text (or only commas and spaces) is no tags, and valid', () => {
    for (const text of ['', '   ', ', ,']) {
      assert.deepEqual(parseTags(text), [], JSON.stringify(text));
      assert.equal(validateTagsText(text), undefined, JSON.stringify(text));
    }
  });

  it('splits a pair at its first =, so a value may contain = (and be empty)', () => {
    assert.deepEqual(parseTags('url=a=b, empty='), [
      { key: 'url', value: 'a=b' },
      { key: 'empty', value: '' },
    ]);
    assert.equal(validateTagsText('url=a=b, empty='), undefined);
  });

  it('refuses a pair with no =, an empty key, a key over 128 or a value over 256 characters', () => {
    for (const text of ['team', 'a=1, b', '=value', `${'k'.repeat(129)}=v`, `k=${'v'.repeat(257)}`]) {
      assert.equal(validateTagsText(text), 'Write tags as key=value, separated by commas.', text.slice(0, 20));
    }
    assert.equal(validateTagsText(`${'k'.repeat(128)}=${'v'.repeat(256)}`), undefined);
  });

  it('formats tags as the text parseTags reads back', () => {
    const tags = [{ key: 'team', value: 'payments' }, { key: 'env', value: 'prod' }];
    assert.equal(formatTags(tags), 'team=payments, env=prod');
    assert.deepEqual(parseTags(formatTags(tags)), tags);
    assert.equal(formatTags([]), '');
  });
});
