import * as assert from 'node:assert/strict';
import type { SecretSummary } from '../../../src/aws/types';
import { compareSecrets, mergeSorted } from '../../../src/model/secretOrder';

const s = (name: string, changed?: number): SecretSummary => ({ arn: `arn:${name}`, name, rotationEnabled: false, tags: [], versionsToStages: {}, lastChangedDate: changed === undefined ? undefined : new Date(changed) });
const num = (a: number, b: number) => a - b;

describe('the order of listed secrets', () => {
  it('merges a page that comes after what is loaded by appending it, and interleaves one that does not', () => {
    const a = [1, 3, 5];
    assert.deepEqual(mergeSorted(a, [6, 7], num), [1, 3, 5, 6, 7]);
    assert.deepEqual(mergeSorted(a, [2, 4, 8], num), [1, 2, 3, 4, 5, 8]);
    assert.deepEqual(mergeSorted([], [2], num), [2]);
    assert.equal(mergeSorted(a, [], num), a, 'nothing to add: the same list');
  });

  it('orders by name in code-unit order, or by last change, newest first, then name', () => {
    const byName = [s('b'), s('B'), s('a/x'), s('a')].sort(compareSecrets('name')).map((x) => x.name);
    assert.deepEqual(byName, ['B', 'a', 'a/x', 'b'], 'upper case first, as Secrets Manager compares names');
    const byChange = [s('old', 1), s('new', 3), s('mid', 2), s('never'), s('also-mid', 2)].sort(compareSecrets('lastChanged')).map((x) => x.name);
    assert.deepEqual(byChange, ['new', 'also-mid', 'mid', 'old', 'never']);
  });
});
