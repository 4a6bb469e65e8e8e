// Accounts in words (issue 20): the pairs a discovery offers, the connections chosen pairs become,
// which accounts are production, the profile Save as Profile writes, the tree's grouping.
import * as assert from 'node:assert/strict';
import { accountChoices, accountConnections, isProductionAccount, profileNameFor, profileText } from '../../../src/model/accounts';
import { accountLabel, connectionId, connectionLabel } from '../../../src/model/connections';

const SESSION = { session: 'corp', startUrl: 'https://d-1.awsapps.com/start', region: 'eu-west-1' };

describe('model/accounts', () => {
  it('offers every account x role pair, sorted by account name then role', () => {
    const choices = accountChoices([
      { accountId: '222222222222', accountName: 'beta', roles: ['ReadOnly', 'Admin'] },
      { accountId: '111111111111', accountName: 'alpha', emailAddress: 'a@example.com', roles: ['Admin'] },
      { accountId: '333333333333', accountName: 'gamma', roles: [], rolesError: 'throttled' },
    ]);
    assert.deepEqual(choices.map((c) => `${c.accountName}/${c.roleName}`), ['alpha/Admin', 'beta/Admin', 'beta/ReadOnly']);
    assert.equal(choices[0].emailAddress, 'a@example.com');
  });

  it('makes one connection per pair and region, named by account and role, with no profile', () => {
    const specs = accountConnections(SESSION, [{ accountId: '111111111111', accountName: 'alpha', roleName: 'Admin' }], ['us-east-1', 'eu-west-1'], 'http://127.0.0.1:4566');
    assert.equal(specs.length, 2);
    assert.deepEqual(specs[0], {
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4566',
      sso: { session: 'corp', startUrl: SESSION.startUrl, ssoRegion: 'eu-west-1', accountId: '111111111111', accountName: 'alpha', roleName: 'Admin' },
    });
    assert.equal(connectionId(specs[0]), '111111111111.Admin@us-east-1@127.0.0.1:4566');
    assert.equal(connectionLabel({ ...specs[1], id: 'x' }), 'alpha (111111111111) / Admin · eu-west-1 · http://127.0.0.1:4566');
    assert.equal(accountLabel(specs[0]), 'alpha (111111111111) / Admin');
    assert.equal(accountLabel({}), undefined);
  });

  it('marks production by account id or by a name pattern, case-insensitively', () => {
    const prod = { accountId: '111122223333', accountName: 'payments-prod' };
    assert.ok(isProductionAccount(prod, ['111122223333']));
    assert.ok(isProductionAccount(prod, ['*-prod']));
    assert.ok(isProductionAccount(prod, ['PAYMENTS-*']));
    assert.ok(!isProductionAccount(prod, ['444455556666', 'prod', '*-staging', '', '  ']));
    assert.ok(!isProductionAccount({ accountId: '1', accountName: 'a.b' }, ['a*c']));
    assert.ok(!isProductionAccount({ accountId: '1', accountName: 'axb' }, ['a.b']), 'a dot is a dot, not any character');
  });

  it('writes a CLI profile for an sso-session, with the session section only when the config lacks it', () => {
    const spec = accountConnections(SESSION, [{ accountId: '111111111111', accountName: 'alpha', roleName: 'Admin' }], ['us-east-1'])[0];
    assert.equal(profileNameFor(spec.sso!), 'alpha-Admin');
    assert.equal(profileNameFor({ accountName: 'my account', roleName: 'R/1' }), 'my-account-R-1');
    assert.equal(
      profileText('alpha-Admin', spec, false),
      '[sso-session corp]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\n[profile alpha-Admin]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = us-east-1\n',
    );
    assert.equal(profileText('p', spec, true), '[profile p]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Admin\nregion = us-east-1\n');
    const legacy = accountConnections({ startUrl: SESSION.startUrl, region: 'eu-west-1' }, [{ accountId: '1', accountName: 'a', roleName: 'R' }], ['us-east-1'])[0];
    assert.equal(profileText('p', legacy, false), '[profile p]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1\nsso_account_id = 1\nsso_role_name = R\nregion = us-east-1\n');
  });
});
