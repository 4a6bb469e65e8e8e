import * as assert from 'node:assert/strict';
import { saveKey } from '../../../src/ui/keys';

describe('key names in messages', () => {
  it('the save key is Cmd+S on macOS and Ctrl+S elsewhere', () => {
    assert.equal(saveKey('darwin'), 'Cmd+S');
    assert.equal(saveKey('linux'), 'Ctrl+S');
    assert.equal(saveKey('win32'), 'Ctrl+S');
    assert.equal(saveKey(), process.platform === 'darwin' ? 'Cmd+S' : 'Ctrl+S');
  });
});
