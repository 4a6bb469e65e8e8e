// The guided first run in the manifest (issue 19): the walkthrough's four steps, each completing
// on something the extension really does (a contributed command, or a context key the code sets),
// with media that ships in the VSIX; the view's welcome when no connection exists offers Add
// Connection, explains the AWS CLI configuration, and points people without an account to
// LocalStack or moto and the secretsManager.endpoint setting (not to a repository script).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
// The manifest as VS Code shows it in English: every `%key%` replaced from package.nls.json.
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'), (_key, value) =>
  typeof value === 'string' && /^%[^%]+%$/.test(value) ? nls[value.slice(1, -1)] ?? value : value);
const c = manifest.contributes;

describe('first run in the manifest', () => {
  it('has a walkthrough whose steps complete on the user\'s own actions', () => {
    assert.equal(c.walkthroughs.length, 1);
    const w = c.walkthroughs[0];
    assert.deepEqual(w.steps.map((s: { title: string }) => s.title), ['Connect to AWS', 'Open a secret', 'Edit and publish with the diff', 'Roll back']);
    const commands = new Set(c.commands.map((x: { command: string }) => x.command));
    const code = fs.readFileSync(path.join(ROOT, 'src', 'views', 'firstRun.ts'), 'utf8');
    for (const step of w.steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} completes on something`);
      for (const event of step.completionEvents as string[]) {
        const [kind, what] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(commands.has(what), `${event}: a contributed command`);
        else if (kind === 'onContext') assert.ok(code.includes(`'${what}'`), `${event}: a key src/views/firstRun.ts sets`);
        else assert.fail(`${event}: an unexpected completion event`);
      }
      const media = path.join(ROOT, step.media.markdown);
      assert.ok(fs.existsSync(media), `${step.id}: ${step.media.markdown} exists`);
    }
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\*$/m, 'the step pages ship in the VSIX');
    assert.match(w.steps[0].description, /command:secretsManager\.addConnection/);
    assert.match(w.steps[1].description, /command:secretsManager\.openSecret/);
  });

  it('the welcome of a view with no connection: Add Connection, the AWS CLI configuration, LocalStack or moto and the endpoint setting', () => {
    const welcome = c.viewsWelcome.find((v: { when?: string }) => v.when === 'secretsManager.state == noConnection');
    assert.ok(welcome);
    const text: string = welcome.contents;
    for (const expected of ['[Add Connection](command:secretsManager.addConnection)', '~/.aws/config', 'AWS_ACCESS_KEY_ID', 'LocalStack', 'moto', 'secretsManager.endpoint', '(command:secretsManager.setEndpoint)', '(command:secretsManager.openWalkthrough)']) {
      assert.ok(text.includes(expected), `the welcome says ${expected}`);
    }
    assert.ok(!/npm start|repository/.test(text), 'no repository script a user does not have');
  });
});
