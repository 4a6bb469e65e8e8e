import * as assert from 'node:assert/strict';
import { currentVersionId, holderOf } from '../../../src/model/stages';

describe('holderOf: the version that holds a label', () => {
  const map = { v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT', 'STAGING'], v3: [] };

  it('finds the holder of AWS and custom labels, and undefined for a label nobody holds', () => {
    assert.equal(holderOf(map, 'AWSCURRENT'), 'v2');
    assert.equal(holderOf(map, 'AWSPREVIOUS'), 'v1');
    assert.equal(holderOf(map, 'STAGING'), 'v2');
    assert.equal(holderOf(map, 'AWSPENDING'), undefined);
    assert.equal(holderOf({}, 'AWSCURRENT'), undefined);
  });

  it('is the one function behind currentVersionId', () => {
    assert.equal(currentVersionId(map), 'v2');
  });
});
