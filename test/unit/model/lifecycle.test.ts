import * as assert from 'node:assert/strict';
import { consoleUrl } from '../../../src/model/lifecycle';

describe('AWS console URL of a secret', () => {
  it('uses the regional console host of the region, per partition', () => {
    assert.equal(consoleUrl('us-east-1', 'db'), 'https://us-east-1.console.aws.amazon.com/secretsmanager/secret?name=db&region=us-east-1');
    assert.equal(consoleUrl('eu-west-1', 'db'), 'https://eu-west-1.console.aws.amazon.com/secretsmanager/secret?name=db&region=eu-west-1');
    // China (aws-cn) and GovCloud (aws-us-gov) have consoles of their own.
    assert.equal(consoleUrl('cn-north-1', 'db'), 'https://cn-north-1.console.amazonaws.cn/secretsmanager/secret?name=db&region=cn-north-1');
    assert.equal(consoleUrl('us-gov-west-1', 'db'), 'https://us-gov-west-1.console.amazonaws-us-gov.com/secretsmanager/secret?name=db&region=us-gov-west-1');
  });

  it('encodes the secret name as one query value', () => {
    const url = new URL(consoleUrl('us-east-1', 'prod/db+x&y=1 z')!);
    assert.equal(url.searchParams.get('name'), 'prod/db+x&y=1 z');
    assert.equal(url.searchParams.get('region'), 'us-east-1');
  });

  it('has no console page for a connection with a custom endpoint, nor for isolated and sovereign partitions', () => {
    assert.equal(consoleUrl('us-east-1', 'db', 'http://127.0.0.1:4566'), undefined);
    for (const region of ['us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'eusc-de-east-1']) assert.equal(consoleUrl(region, 'db'), undefined, region);
  });
});
