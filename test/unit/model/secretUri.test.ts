import * as assert from 'node:assert/strict';
import { isEditable, isLiveDocument, isSecretDocumentPath, parseSecretUri, SECRET_SCHEME, titleLabel, toSecretUri, type SecretDocumentRef } from '../../../src/model/secretUri';

describe('secret document URIs', () => {
  const conn = 'env@us-east-1@127.0.0.1:4566';

  it('round-trips names with slashes and every character Secrets Manager allows', () => {
    for (const name of ['db', 'prod/orders/db', 'a+b=c.d@e-f_g', '/leading/slash', 'x'.repeat(512), 'rds!db-2f6c1a7e-EXAMPLE']) {
      for (const ref of [
        { connectionId: conn, name },
        { connectionId: conn, name, versionId: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0', stage: 'AWSPREVIOUS' },
        { connectionId: conn, name, versionId: '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0' },
        { connectionId: conn, name, stage: 'STAGING' },
        { connectionId: conn, name, create: true },
      ] satisfies SecretDocumentRef[]) {
        const parts = toSecretUri(ref);
        assert.equal(parts.scheme, SECRET_SCHEME);
        assert.equal(parts.authority, conn);
        assert.deepEqual(parseSecretUri(parts), ref, JSON.stringify(ref));
      }
    }
  });

  it('reads "name (label)" in the path so the tab title says which version it is', () => {
    assert.equal(toSecretUri({ connectionId: conn, name: 'prod/db' }).path, '/prod/db (AWSCURRENT)');
    assert.equal(toSecretUri({ connectionId: conn, name: 'prod/db', versionId: '1a2b3c4d-aaaa-bbbb', stage: 'AWSPREVIOUS' }).path, '/prod/db (AWSPREVIOUS)');
    assert.equal(toSecretUri({ connectionId: conn, name: 'prod/db', versionId: '1a2b3c4d-aaaa-bbbb' }).path, '/prod/db (1a2b3c4d)');
    assert.equal(toSecretUri({ connectionId: conn, name: 'prod/db', create: true }).path, '/prod/db (new secret)');
    assert.equal(titleLabel({ connectionId: conn, name: 'x', stage: 'QA' }), 'QA');
  });

  it('carries a pinned version in the query and keeps the live document free of it', () => {
    assert.equal(toSecretUri({ connectionId: conn, name: 'db' }).query, '');
    assert.equal(toSecretUri({ connectionId: conn, name: 'db', stage: 'AWSCURRENT' }).query, '', 'AWSCURRENT alone is the live document');
    assert.equal(toSecretUri({ connectionId: conn, name: 'db', versionId: 'v1' }).query, 'version=v1');
    assert.equal(toSecretUri({ connectionId: conn, name: 'db', create: true }).query, 'create=1');
    const compared = toSecretUri({ connectionId: conn, name: 'db', versionId: 'v1', stage: 'AWSPREVIOUS', sortedKeys: true });
    assert.equal(compared.query, 'version=v1&stage=AWSPREVIOUS&keys=sorted');
    assert.deepEqual(parseSecretUri(compared), { connectionId: conn, name: 'db', versionId: 'v1', stage: 'AWSPREVIOUS', sortedKeys: true });
    assert.throws(() => toSecretUri({ connectionId: conn, name: 'db', sortedKeys: true }), /Only a pinned version/);
    // A label with parentheses (the API sets only a length rule) still makes a document: the tab shows brackets.
    const odd = toSecretUri({ connectionId: conn, name: 'db', stage: 'blue(2)' });
    assert.equal(odd.path, '/db (blue[2])');
    assert.deepEqual(parseSecretUri(odd), { connectionId: conn, name: 'db', stage: 'blue(2)' });
  });

  it('tells editable documents from read-only ones', () => {
    assert.ok(isLiveDocument({ connectionId: conn, name: 'db' }));
    assert.ok(isLiveDocument({ connectionId: conn, name: 'db', stage: 'AWSCURRENT' }));
    assert.ok(!isLiveDocument({ connectionId: conn, name: 'db', versionId: 'v1', stage: 'AWSCURRENT' }), 'a pinned version is read-only even if it holds AWSCURRENT');
    assert.ok(!isLiveDocument({ connectionId: conn, name: 'db', stage: 'AWSPREVIOUS' }));
    assert.ok(!isLiveDocument({ connectionId: conn, name: 'db', create: true }));
    assert.ok(isEditable({ connectionId: conn, name: 'db', create: true }));
    assert.ok(!isEditable({ connectionId: conn, name: 'db', versionId: 'v1' }));
  });

  it('a replica\'s AWSCURRENT document is the live document, read-only, and carries its primary\'s region (issue 16)', () => {
    const replica = toSecretUri({ connectionId: conn, name: 'db', replicaOf: 'eu-west-1' });
    assert.equal(replica.path, '/db (AWSCURRENT)', 'the same tab title');
    assert.equal(replica.query, 'replica=eu-west-1');
    const ref = parseSecretUri(replica);
    assert.deepEqual(ref, { connectionId: conn, name: 'db', replicaOf: 'eu-west-1' });
    assert.ok(isLiveDocument(ref));
    assert.ok(!isEditable(ref), 'Secrets Manager refuses writes to a replica');
    assert.ok(isEditable({ connectionId: conn, name: 'db' }), 'the same secret in its primary\'s region is editable');
  });

  it('tells document paths from the "folders" VS Code stats above them', () => {
    assert.ok(isSecretDocumentPath('/prod/orders/db (AWSCURRENT)'));
    assert.ok(!isSecretDocumentPath('/prod/orders'));
    assert.ok(!isSecretDocumentPath('/'));
  });

  it('refuses what is not a secret document', () => {
    assert.throws(() => parseSecretUri({ scheme: 'file', authority: conn, path: '/db (AWSCURRENT)', query: '' }), /Not a secret document/);
    assert.throws(() => parseSecretUri({ authority: conn, path: '/db', query: '' }), /Not a secret document path/);
    assert.throws(() => parseSecretUri({ authority: '', path: '/db (AWSCURRENT)', query: '' }), /Not a secret document path/);
    assert.throws(() => parseSecretUri({ authority: conn, path: '/a b (AWSCURRENT)', query: '' }), /Not a secret document path/);
    assert.throws(() => toSecretUri({ connectionId: conn, name: 'has space' }), /spaces or parentheses/);
    assert.throws(() => toSecretUri({ connectionId: '', name: 'db' }), /connection/);
  });
});
