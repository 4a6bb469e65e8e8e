// Which open events of the Secrets view open a value (src/model/treeOpen.ts), with VS Code
// 1.139's event pattern: a click is one event, a double-click two (the click, then the dblclick),
// Enter one; with workbench.list.openMode doubleClick a click none and a double-click one.
import * as assert from 'node:assert/strict';
import { DOUBLE_CLICK_MS, OpenGate, type OpenGateOptions } from '../../../src/model/treeOpen';

function gate(options: Partial<OpenGateOptions> = {}) {
  let now = 1_000_000;
  const g = new OpenGate(() => ({ openOnSingleClick: false, listOpenMode: 'singleClick', ...options }), () => now);
  return { g, wait: (ms: number) => void (now += ms) };
}

describe('tree open gate', () => {
  it('a single click selects and opens nothing', () => {
    const { g, wait } = gate();
    assert.equal(g.decide('secret:a'), 'select');
    wait(2_000);
    assert.equal(g.decide('secret:a'), 'select', 'a second click seconds later is another single click');
  });

  it('a double-click (two events on one item within the double-click time) opens', () => {
    const { g, wait } = gate();
    assert.equal(g.decide('secret:a'), 'select');
    wait(DOUBLE_CLICK_MS - 100);
    assert.equal(g.decide('secret:a'), 'open');
    wait(100);
    assert.equal(g.decide('secret:a'), 'select', 'a third click after a double-click starts again');
  });

  it('clicks on two different items are two single clicks', () => {
    const { g, wait } = gate();
    assert.equal(g.decide('secret:a'), 'select');
    wait(100);
    assert.equal(g.decide('secret:b'), 'select');
  });

  it('Enter opens: the keyboard command announces the event it causes', () => {
    const { g, wait } = gate();
    g.keyboard();
    wait(5);
    assert.equal(g.decide('secret:a'), 'open');
    assert.equal(g.decide('secret:b'), 'select', 'the announcement is used once');
    g.keyboard();
    wait(5_000);
    assert.equal(g.decide('secret:c'), 'select', 'a stale announcement (Enter on another kind of item) does not open a later click');
  });

  it('opens on every event when the user chose one-click opening or VS Code opens on double-click only', () => {
    assert.equal(gate({ openOnSingleClick: true }).g.decide('secret:a'), 'open');
    assert.equal(gate({ listOpenMode: 'doubleClick' }).g.decide('secret:a'), 'open');
  });
});
