// Who else manages a secret (model/owners.ts): tag conventions and the owning service.
import * as assert from 'node:assert/strict';
import { ownersOf, serviceName } from '../../../src/model/owners';

const tags = (t: Record<string, string>) => Object.entries(t).map(([key, value]) => ({ key, value }));
const tools = (t: Record<string, string>, owningService?: string) => ownersOf({ tags: tags(t), owningService }).map((o) => `${o.tool}: ${o.name}`);

describe('owners', () => {
  it('CloudFormation from aws:cloudformation:stack-name, naming the stack and its resource', () => {
    const [o] = ownersOf({ tags: tags({ 'aws:cloudformation:stack-name': 'orders-prod', 'aws:cloudformation:logical-id': 'DbSecret', team: 'orders' }) });
    assert.equal(o.tool, 'CloudFormation');
    assert.equal(o.name, 'CloudFormation stack orders-prod');
    assert.equal(o.evidence, 'tag aws:cloudformation:stack-name=orders-prod');
    assert.match(o.consequence, /^CloudFormation stack orders-prod manages this secret \(resource DbSecret\) \(tag aws:cloudformation:stack-name=orders-prod\): its next stack update can put the template's value back/);
  });

  it('External Secrets from managed-by=external-secrets (any case)', () => {
    assert.deepEqual(tools({ 'managed-by': 'external-secrets' }), ['External Secrets: External Secrets Operator']);
    assert.deepEqual(tools({ 'Managed-By': 'External-Secrets' }), ['External Secrets: External Secrets Operator']);
    assert.match(ownersOf({ tags: tags({ 'managed-by': 'external-secrets' }) })[0].consequence, /PushSecret writes the Kubernetes Secret's value here again at its next refresh/);
  });

  it('Terraform conventions: ManagedBy / managed-by / managed_by = terraform or opentofu, terraform=true, tf:* and terraform-* keys', () => {
    for (const t of <Record<string, string>[]>[{ ManagedBy: 'Terraform' }, { 'managed-by': 'terraform' }, { managed_by: 'OpenTofu' }, { Terraform: 'true' }, { terraform: 'yes' }, { 'tf:workspace': 'prod' }, { 'terraform-module': 'db' }, { 'app.kubernetes.io/managed-by': 'terraform' }]) {
      assert.deepEqual(tools(t), ['Terraform: Terraform'], JSON.stringify(t));
    }
    assert.deepEqual(tools({ Terraform: 'false' }), []);
    assert.deepEqual(tools({ ManagedBy: 'Terraform', 'tf:workspace': 'prod' }), ['Terraform: Terraform'], 'named once');
    assert.match(ownersOf({ tags: tags({ ManagedBy: 'Terraform' }) })[0].consequence, /^Terraform appears to manage this secret \(tag ManagedBy=Terraform\): if its configuration sets the value \(aws_secretsmanager_secret_version\), the next terraform apply puts that value back over yours\.$/);
  });

  it('Pulumi, Crossplane, and any other tool a managed-by tag names; people and "manual" are not tools', () => {
    assert.deepEqual(tools({ 'pulumi:project': 'shop' }), ['Pulumi: Pulumi']);
    assert.deepEqual(tools({ 'crossplane-kind': 'secret.secretsmanager.aws.upbound.io' }), ['Crossplane: Crossplane']);
    assert.deepEqual(tools({ 'managed-by': 'argocd' }), ['other: argocd']);
    assert.deepEqual(tools({ 'managed-by': 'manual' }), []);
    assert.deepEqual(tools({ team: 'orders', env: 'prod' }), []);
  });

  it('the owning service, by its name, last; left out on request', () => {
    assert.deepEqual(tools({ 'aws:cloudformation:stack-name': 's' }, 'rds'), ['CloudFormation: CloudFormation stack s', 'service: Amazon RDS']);
    assert.deepEqual(ownersOf({ tags: [], owningService: 'rds' }, { includeService: false }), []);
    assert.equal(serviceName('appflow'), 'Amazon AppFlow');
    assert.equal(serviceName('something-new'), 'something-new');
  });
});
