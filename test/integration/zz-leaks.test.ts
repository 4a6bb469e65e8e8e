// Runs after the other integration files (mocha loads them in name order): every value the
// endpoint holds, seeded or published by the suite, is looked for in everything the extension
// logged during the whole run, at every level (the in-memory ring records trace and debug too),
// and in every text shown to the user through Prompts (messages, errors, picks, progress).
import * as assert from 'node:assert/strict';
import { ListSecretsCommand } from '@aws-sdk/client-secrets-manager';
import { demoSecretValues } from '../emulator/seed';
import { activate, admin, sdk } from './helpers';

describe('no value in the log or the UI', () => {
  it('no seeded or published value appears in any log line of the run', async () => {
    const api = await activate();
    const client = sdk();
    const values = new Set(demoSecretValues());
    let token: string | undefined;
    do {
      const page = await client.send(new ListSecretsCommand({ NextToken: token, IncludePlannedDeletion: true }));
      for (const s of page.SecretList ?? []) {
        const state = await admin().secretState(s.Name!);
        for (const v of state?.versions ?? []) values.add(v.string ?? v.binaryBase64 ?? '');
      }
      token = page.NextToken;
    } while (token);
    client.destroy();
    assert.equal(api.testing.logDropped(), 0, 'the log ring kept every line of the run');
    const log = api.testing.logLines().join('\n');
    assert.ok(log.length > 1000 && /PutSecretValue/.test(log), 'the run logged its calls');
    // Short values ("a", "v1") would match ordinary words; every test value worth leaking is longer.
    const checked = [...values].filter((v) => v.length >= 8);
    assert.ok(checked.length > 20, `checked ${checked.length} values`);
    for (const v of checked) assert.ok(!log.includes(v), `a stored value appears in the log: ${v.slice(0, 4)}...`);

    // Everything the extension showed: notifications, modal messages and their details, error
    // messages, quick pick items, input box titles, progress titles.
    const shown = api.testing.shownTexts();
    assert.equal(shown.dropped, 0, 'every shown text of the run was kept');
    const ui = shown.texts.join('\n');
    assert.ok(shown.texts.length > 50 && /Not published/.test(ui) && /Publish a new version/.test(ui), `the run showed messages, errors and confirmations (${shown.texts.length})`);
    for (const v of checked) assert.ok(!ui.includes(v), `a stored value was shown to the user: ${v.slice(0, 4)}...`);
  });
});
