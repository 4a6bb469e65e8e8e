// The reference parsers (src/model/references/*) on real-world samples: what each format's
// references look like in the wild (AWS, External Secrets, Secrets Store CSI and Terraform
// documentation shapes), what is a reference and what only looks like one.
import * as assert from 'node:assert/strict';
import { findSecretArns, parseSecretArn } from '../../../../src/model/references/arn';
import { findDynamicReferences } from '../../../../src/model/references/cloudformation';
import { findCdkReferences, findCliReferences, findSdkReferences } from '../../../../src/model/references/code';
import { findValueFromReferences } from '../../../../src/model/references/ecs';
import { findKubernetesReferences } from '../../../../src/model/references/kubernetes';
import { findReferences, referenceAt } from '../../../../src/model/references/scan';
import { findTerraformReferences } from '../../../../src/model/references/terraform';
import type { Part, SecretReference } from '../../../../src/model/references/types';

/** The text of a part, checked against the source: the span must point at exactly that text. */
function at(text: string, p: Part | undefined): string | undefined {
  if (!p) return undefined;
  assert.equal(text.slice(p.span.start, p.span.end), p.text, `span of "${p.text}"`);
  return p.text;
}

/** A reference as plain data: secret, key, stage, id (spans checked). */
function shape(text: string, r: SecretReference) {
  return { format: r.format, secret: at(text, r.secret), key: at(text, r.jsonKey), stage: at(text, r.versionStage), id: at(text, r.versionId) };
}

const shapes = (text: string, refs: SecretReference[]) => refs.map((r) => shape(text, r));

describe('references: secret ARNs', () => {
  it('parses complete and partial ARNs, with the name a complete ARN stands for', () => {
    assert.deepEqual(parseSecretArn('arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf'), {
      partition: 'aws', region: 'us-east-1', account: '123456789012', resource: 'prod/db-AbCdEf', nameIfComplete: 'prod/db',
    });
    assert.deepEqual(parseSecretArn('arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:app'), {
      partition: 'aws-us-gov', region: 'us-gov-west-1', account: '123456789012', resource: 'app', nameIfComplete: undefined,
    });
    // CloudFormation pseudo parameters stand for the connection's region and account.
    const sub = parseSecretArn('arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db');
    assert.equal(sub?.region, '');
    assert.equal(sub?.account, '');
    assert.equal(sub?.resource, 'prod/db');
    assert.equal(parseSecretArn('arn:aws:ssm:us-east-1:123456789012:parameter/db'), undefined);
    assert.equal(parseSecretArn('arn:aws:secretsmanager:us-east-1:123456789012:secret:'), undefined);
  });

  it('finds ARNs anywhere, but not IAM wildcards or names built at deploy time', () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: [
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db/postgres-AbCdEf',
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/*',
          'arn:aws:secretsmanager:*:*:secret:*',
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-??????',
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:${Name}',
          'arn:aws:kms:us-east-1:123456789012:key/abc',
        ],
      }],
    }, null, 2);
    assert.deepEqual(findSecretArns(policy).map((r) => at(policy, r.secret)), ['arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db/postgres-AbCdEf']);
  });
});

describe('references: CloudFormation dynamic references', () => {
  const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  MyDB:
    Type: AWS::RDS::DBInstance
    Properties:
      MasterUsername: '{{resolve:secretsmanager:MyRDSSecret:SecretString:username}}'
      MasterUserPassword: '{{resolve:secretsmanager:MyRDSSecret:SecretString:password}}'
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          API_KEY: '{{resolve:secretsmanager:arn:aws:secretsmanager:us-west-2:123456789012:secret:MySecret-a1b2c3:SecretString:apiKey}}'
          OLD: '{{resolve:secretsmanager:MySecret:SecretString:password:AWSPREVIOUS}}'
          PINNED: '{{resolve:secretsmanager:MySecret:SecretString:password::EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE}}'
          STAGE_ONLY: '{{resolve:secretsmanager:MySecret:SecretString::AWSPENDING}}'
          WHOLE: '{{resolve:secretsmanager:MySecret}}'
          SUB: !Sub '{{resolve:secretsmanager:\${DbSecret}:SecretString:password}}'
          SUBKEY: !Sub '{{resolve:secretsmanager:prod/app:SecretString:\${Key}}}'
          SUBARN: !Sub '{{resolve:secretsmanager:arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:prod/db:SecretString:password}}'
          SSM: '{{resolve:ssm:/my/param:1}}'
          SECURE: '{{resolve:ssm-secure:/my/secure:2}}'
          OPEN: '{{resolve:secretsmanager:unfinished
`;

  it('reads every optional part, and ARNs as the secret id', () => {
    assert.deepEqual(shapes(template, findDynamicReferences(template)), [
      { format: 'cloudformation', secret: 'MyRDSSecret', key: 'username', stage: undefined, id: undefined },
      { format: 'cloudformation', secret: 'MyRDSSecret', key: 'password', stage: undefined, id: undefined },
      { format: 'cloudformation', secret: 'arn:aws:secretsmanager:us-west-2:123456789012:secret:MySecret-a1b2c3', key: 'apiKey', stage: undefined, id: undefined },
      { format: 'cloudformation', secret: 'MySecret', key: 'password', stage: 'AWSPREVIOUS', id: undefined },
      { format: 'cloudformation', secret: 'MySecret', key: 'password', stage: undefined, id: 'EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE' },
      { format: 'cloudformation', secret: 'MySecret', key: undefined, stage: 'AWSPENDING', id: undefined },
      { format: 'cloudformation', secret: 'MySecret', key: undefined, stage: undefined, id: undefined },
      // ${Key} is known at deploy time only: the secret is still checked, the key is not.
      { format: 'cloudformation', secret: 'prod/app', key: undefined, stage: undefined, id: undefined },
      { format: 'cloudformation', secret: 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db', key: 'password', stage: undefined, id: undefined },
    ]);
  });

  it('JSON templates; Fn::Join pieces and other resolvers are not references', () => {
    const json = JSON.stringify({
      Resources: {
        DB: {
          Type: 'AWS::RDS::DBCluster',
          Properties: {
            MasterUsername: '{{resolve:secretsmanager:prod/db:SecretString:username}}',
            MasterUserPassword: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'MySecret' }, ':SecretString:password}}']] },
            Other: '{{resolve:ssm:/x}}',
          },
        },
      },
    }, null, 2);
    assert.deepEqual(shapes(json, findDynamicReferences(json)).map((s) => s.secret), ['prod/db']);
  });

  it('names the mistakes it can see: another secret-string, both a stage and an id, too many parts', () => {
    const text = "a: '{{resolve:secretsmanager:s:SecretBinary:k}}'\nb: '{{resolve:secretsmanager:s:SecretString:k:AWSCURRENT:abc}}'\nc: '{{resolve:secretsmanager:s:SecretString:k:::x}}'";
    assert.deepEqual(findDynamicReferences(text).map((r) => r.problems?.map((p) => p.code)), [['secret-string'], ['stage-and-id'], ['extra-segments']]);
  });
});

describe('references: ECS valueFrom', () => {
  it('task definition JSON: ARN with key, stage and id; SSM parameters are not ours', () => {
    const task = JSON.stringify({
      family: 'app',
      containerDefinitions: [{
        name: 'web',
        secrets: [
          { name: 'DB_USER', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:appauthexample-AbCdEf:username1::' },
          { name: 'DB_PASS', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:appauthexample-AbCdEf:password:AWSPREVIOUS:' },
          { name: 'WHOLE', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-key-XyZ123' },
          { name: 'PARAM', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/parameter_name' },
          { name: 'PARAM2', valueFrom: 'parameter_name' },
        ],
      }],
    }, null, 2);
    assert.deepEqual(shapes(task, findValueFromReferences(task)), [
      { format: 'ecs', secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:appauthexample-AbCdEf', key: 'username1', stage: undefined, id: undefined },
      { format: 'ecs', secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:appauthexample-AbCdEf', key: 'password', stage: 'AWSPREVIOUS', id: undefined },
      { format: 'ecs', secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-key-XyZ123', key: undefined, stage: undefined, id: undefined },
    ]);
  });

  it('CloudFormation YAML (with !Sub) and Terraform jsonencode forms', () => {
    const cfn = `      ContainerDefinitions:
        - Name: app
          Secrets:
            - Name: DB_PASSWORD
              ValueFrom: !Sub 'arn:aws:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:prod/db-AbCdEf:password::'
            - Name: TOKEN
              ValueFrom: !Ref TokenSecret
`;
    assert.deepEqual(shapes(cfn, findValueFromReferences(cfn)), [
      { format: 'ecs', secret: 'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:prod/db-AbCdEf', key: 'password', stage: undefined, id: undefined },
    ]);
    const tf = `resource "aws_ecs_task_definition" "app" {
  container_definitions = jsonencode([{
    name = "app"
    secrets = [{
      name      = "DB_PASSWORD"
      valueFrom = "\${aws_secretsmanager_secret.db.arn}:password::"
    }, {
      name      = "API_KEY"
      valueFrom = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-key-XyZ123"
    }]
  }])
}`;
    assert.deepEqual(shapes(tf, findValueFromReferences(tf)).map((s) => s.secret), ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/api-key-XyZ123']);
  });
});

describe('references: Kubernetes', () => {
  const externalSecrets = `apiVersion: external-secrets.io/v1beta1
kind: SecretStore
metadata:
  name: aws-secretsmanager
spec:
  provider:
    aws:
      service: SecretsManager
      region: eu-central-1
---
apiVersion: external-secrets.io/v1beta1
kind: SecretStore
metadata:
  name: parameters
spec:
  provider:
    aws:
      service: ParameterStore
      region: eu-central-1
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: example
spec:
  refreshInterval: 1h
  secretStoreRef:
    name: aws-secretsmanager
    kind: SecretStore
  target:
    name: secret-to-be-created
  data:
  - secretKey: password
    remoteRef:
      key: prod/db/postgres
      property: password
      version: AWSPREVIOUS
  - secretKey: username
    remoteRef:
      key: "arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/db-AbCdEf"
      property: username
      version: uuid/123e4567-e89b-12d3-a456-426614174000
  - secretKey: owner
    remoteRef:
      key: prod/db/postgres
      metadataPolicy: Fetch
      property: team
  dataFrom:
  - extract:
      key: prod/app/config
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: from-parameters
spec:
  secretStoreRef:
    name: parameters
  data:
  - secretKey: x
    remoteRef:
      key: /app/param
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: elsewhere
spec:
  secretStoreRef:
    name: shared-store
    kind: ClusterSecretStore
  data:
  - secretKey: token
    remoteRef:
      key: shared/github/deploy-token
`;

  it('ExternalSecret remoteRef and extract: key, property, version (stage or uuid/id), by the store in the file', () => {
    const refs = findKubernetesReferences(externalSecrets);
    assert.deepEqual(shapes(externalSecrets, refs), [
      { format: 'externalSecret', secret: 'prod/db/postgres', key: 'password', stage: 'AWSPREVIOUS', id: undefined },
      { format: 'externalSecret', secret: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:prod/db-AbCdEf', key: 'username', stage: undefined, id: '123e4567-e89b-12d3-a456-426614174000' },
      // metadataPolicy: Fetch: `property` is a tag, not a JSON key.
      { format: 'externalSecret', secret: 'prod/db/postgres', key: undefined, stage: undefined, id: undefined },
      { format: 'externalSecret', secret: 'prod/app/config', key: undefined, stage: undefined, id: undefined },
      // The ParameterStore store's ExternalSecret gives none; the one whose store is elsewhere is uncertain.
      { format: 'externalSecret', secret: 'shared/github/deploy-token', key: undefined, stage: undefined, id: undefined },
    ]);
    assert.equal(refs[0].region, 'eu-central-1', 'the store says the region');
    assert.equal(refs[0].uncertain, undefined);
    assert.match(refs[4].uncertain ?? '', /shared-store is not in this file/);
    assert.ok(refs.every((r) => r.keyIsPath && r.block), 'property is a path; the remoteRef is the block');
  });

  it('SecretProviderClass objects: objectName, jmesPath paths, version label and id; other types and providers are not ours', () => {
    const spc = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: nginx-irsa-deployment-aws-secrets
spec:
  provider: aws
  parameters:
    region: us-east-1
    objects: |
        - objectName: "MySecret"
          objectType: "secretsmanager"
          jmesPath:
            - path: username
              objectAlias: dbusername
            - path: password
              objectAlias: dbpassword
        - objectName: "arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret2-d4e5f6"
          objectVersionLabel: AWSPREVIOUS
        - objectName: "MyParameter"
          objectType: "ssmparameter"
        - objectName: pinned
          objectType: secretsmanager
          objectVersion: EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE
---
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: azure
spec:
  provider: azure
  parameters:
    objects: |
      array:
        - |
          objectName: secret1
          objectType: secret
`;
    const refs = findKubernetesReferences(spc);
    assert.deepEqual(shapes(spc, refs), [
      { format: 'csi', secret: 'MySecret', key: 'username', stage: undefined, id: undefined },
      { format: 'csi', secret: 'MySecret', key: 'password', stage: undefined, id: undefined },
      { format: 'csi', secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret2-d4e5f6', key: undefined, stage: 'AWSPREVIOUS', id: undefined },
      { format: 'csi', secret: 'pinned', key: undefined, stage: undefined, id: 'EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE' },
    ]);
    assert.ok(refs.every((r) => r.region === 'us-east-1'));
  });

  it('a plain Kubernetes Secret or Deployment gives nothing', () => {
    const manifest = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  key: prod/db/postgres\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        env:\n        - name: KEY\n          valueFrom:\n            secretKeyRef:\n              name: db\n              key: password\n';
    assert.deepEqual(findReferences(manifest, 'yaml', 'k8s.yaml'), []);
  });
});

describe('references: Terraform', () => {
  const tf = `data "aws_secretsmanager_secret" "by_name" {
  name = "prod/db/postgres"
}

data "aws_secretsmanager_secret" "by_arn" {
  arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-key-AbCdEf"
}

data "aws_secretsmanager_secret_version" "db" {
  secret_id     = "prod/db/postgres"
  version_stage = "AWSPREVIOUS"
}

ephemeral "aws_secretsmanager_secret_version" "token" {
  secret_id = "shared/github/deploy-token"
}

data "aws_secretsmanager_secret_version" "dyn" {
  secret_id = data.aws_secretsmanager_secret.by_name.id
}

data "aws_secretsmanager_secret_version" "interp" {
  secret_id = "\${var.env}/db"
}

resource "aws_secretsmanager_secret" "new" {
  name        = "prod/new-service/token" # created by this configuration
  description = "Token of the new service"
  replica {
    region = "eu-west-1"
  }
}

resource "aws_secretsmanager_secret_version" "new" {
  secret_id     = aws_secretsmanager_secret.new.id
  secret_string = jsonencode({ token = "x" })
}

resource "aws_secretsmanager_secret_rotation" "new" {
  secret_id = "prod/new-service/token"
  rotation_lambda_arn = aws_lambda_function.rotate.arn
}

locals {
  db = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)
}

output "user" { value = local.db.username }
output "pw" { value = jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)["password"] }
output "host" { value = lookup(jsondecode(data.aws_secretsmanager_secret_version.db.secret_string), "host", "") }
`;

  it('data sources, ephemeral resources and resources with literal ids; JSON keys through jsondecode', () => {
    const refs = findTerraformReferences(tf);
    assert.deepEqual(shapes(tf, refs), [
      { format: 'terraform', secret: 'prod/db/postgres', key: undefined, stage: undefined, id: undefined },
      { format: 'terraform', secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-key-AbCdEf', key: undefined, stage: undefined, id: undefined },
      { format: 'terraform', secret: 'prod/db/postgres', key: undefined, stage: 'AWSPREVIOUS', id: undefined },
      { format: 'terraform', secret: 'shared/github/deploy-token', key: undefined, stage: undefined, id: undefined },
      { format: 'terraform', secret: 'prod/new-service/token', key: undefined, stage: undefined, id: undefined },
      { format: 'terraform', secret: 'prod/new-service/token', key: undefined, stage: undefined, id: undefined },
      { format: 'terraform', secret: 'prod/db/postgres', key: 'password', stage: 'AWSPREVIOUS', id: undefined },
      { format: 'terraform', secret: 'prod/db/postgres', key: 'host', stage: 'AWSPREVIOUS', id: undefined },
      { format: 'terraform', secret: 'prod/db/postgres', key: 'username', stage: 'AWSPREVIOUS', id: undefined },
    ]);
    assert.deepEqual(refs.map((r) => !!r.creates), [false, false, false, false, true, true, false, false, false], 'a name the file creates need not exist yet');
  });

  it('other providers\' resources and braces inside strings and heredocs do not confuse it', () => {
    const other = `resource "aws_ssm_parameter" "p" {
  name = "prod/db/postgres"
}
data "aws_secretsmanager_secret" "x" {
  tags = { note = "}" }
  policy = <<EOF
{ "a": "}" }
EOF
  name = "after/heredoc"
}`;
    assert.deepEqual(shapes(other, findTerraformReferences(other)).map((s) => s.secret), ['after/heredoc']);
  });
});

describe('references: SDK, CLI and CDK calls', () => {
  it('JS/TS v3: SecretId and VersionStage of the same request; template literals are not literals', () => {
    const js = `import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
const client = new SecretsManagerClient({ region: "us-east-1" });
const a = await client.send(new GetSecretValueCommand({ SecretId: "prod/db/postgres", VersionStage: "AWSPREVIOUS" }));
const b = await client.send(new GetSecretValueCommand({ SecretId: \`\${env}/db\` }));
const c = await client.send(new DescribeSecretCommand({ SecretId: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-key-AbCdEf' }));
const d = await client.send(new GetSecretValueCommand({ SecretId: "x", VersionId: "EXAMPLE1-90ab" }));
`;
    assert.deepEqual(shapes(js, findSdkReferences(js)), [
      { format: 'sdk', secret: 'prod/db/postgres', key: undefined, stage: 'AWSPREVIOUS', id: undefined },
      { format: 'sdk', secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-key-AbCdEf', key: undefined, stage: undefined, id: undefined },
      { format: 'sdk', secret: 'x', key: undefined, stage: undefined, id: 'EXAMPLE1-90ab' },
    ]);
  });

  it('Python boto3 (the console\'s sample code), Go, Java, Ruby, C#', () => {
    const py = `import boto3
def get_secret():
    secret_name = "prod/payments/api-key"
    region_name = "us-east-1"
    client = boto3.session.Session().client(service_name='secretsmanager', region_name=region_name)
    get_secret_value_response = client.get_secret_value(SecretId=secret_name)
    other = client.get_secret_value(SecretId='prod/db/postgres', VersionStage='AWSPREVIOUS')
    f = client.get_secret_value(SecretId=f"{env}/db")
`;
    assert.deepEqual(shapes(py, findSdkReferences(py)).map((s) => [s.secret, s.stage]), [['prod/db/postgres', 'AWSPREVIOUS'], ['prod/payments/api-key', undefined]]);
    const go = `import "github.com/aws/aws-sdk-go-v2/service/secretsmanager"
input := &secretsmanager.GetSecretValueInput{
    SecretId:     aws.String("prod/db/postgres"),
    VersionStage: aws.String("AWSPREVIOUS"),
}`;
    assert.deepEqual(shapes(go, findSdkReferences(go)).map((s) => [s.secret, s.stage]), [['prod/db/postgres', 'AWSPREVIOUS']]);
    const java = `import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
GetSecretValueRequest r = GetSecretValueRequest.builder()
        .secretId("prod/db/postgres")
        .build();`;
    assert.deepEqual(shapes(java, findSdkReferences(java)).map((s) => s.secret), ['prod/db/postgres']);
    const rb = "client = Aws::SecretsManager::Client.new\nresp = client.get_secret_value(secret_id: 'prod/db/postgres')";
    assert.deepEqual(shapes(rb, findSdkReferences(rb)).map((s) => s.secret), ['prod/db/postgres']);
    const cs = 'using Amazon.SecretsManager;\nvar request = new GetSecretValueRequest { SecretId = "prod/db/postgres", VersionStage = "AWSCURRENT" };';
    assert.deepEqual(shapes(cs, findSdkReferences(cs)).map((s) => [s.secret, s.stage]), [['prod/db/postgres', 'AWSCURRENT']]);
  });

  it('SecretId in a file that never mentions Secrets Manager is not a reference', () => {
    const unrelated = 'const glue = { SecretId: "my-glue-thing" };\nsecret_name = "k8s-tls"';
    assert.deepEqual(findSdkReferences(unrelated), []);
  });

  it('CLI: --secret-id (bare, quoted, ARN), --version-stage, line continuations; variables and create-secret are not', () => {
    const sh = `#!/bin/sh
aws secretsmanager get-secret-value --secret-id prod/db/postgres --version-stage AWSPREVIOUS --query SecretString --output text
aws secretsmanager describe-secret \\
    --secret-id "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-key-AbCdEf"
aws secretsmanager get-secret-value --secret-id "$SECRET_ID"
aws secretsmanager get-secret-value --secret-id=\${NAME}
aws secretsmanager create-secret --name new/secret --secret-string x
aws ssm get-parameter --name /my/param
RUN aws secretsmanager get-secret-value --secret-id=shared/github/deploy-token > /tmp/t
`;
    assert.deepEqual(shapes(sh, findCliReferences(sh)), [
      { format: 'cli', secret: 'prod/db/postgres', key: undefined, stage: 'AWSPREVIOUS', id: undefined },
      { format: 'cli', secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-key-AbCdEf', key: undefined, stage: undefined, id: undefined },
      { format: 'cli', secret: 'shared/github/deploy-token', key: undefined, stage: undefined, id: undefined },
    ]);
  });

  it('CDK: SecretValue.secretsManager with jsonField and versionStage, fromSecretNameV2, fromSecretCompleteArn (TS and Python)', () => {
    const ts = `import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
const s = secretsmanager.Secret.fromSecretNameV2(this, 'DbSecret', 'prod/db/postgres');
const pw = SecretValue.secretsManager('prod/db/postgres', { jsonField: 'password', versionStage: 'AWSPREVIOUS' });
const a = secretsmanager.Secret.fromSecretCompleteArn(this, 'X', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-key-AbCdEf');
const gen = SecretValue.secretsManager(props.secretName);`;
    assert.deepEqual(shapes(ts, findCdkReferences(ts)), [
      { format: 'cdk', secret: 'prod/db/postgres', key: 'password', stage: 'AWSPREVIOUS', id: undefined },
      { format: 'cdk', secret: 'prod/db/postgres', key: undefined, stage: undefined, id: undefined },
      { format: 'cdk', secret: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-key-AbCdEf', key: undefined, stage: undefined, id: undefined },
    ]);
    const py = 'password=SecretValue.secrets_manager("prod/db/postgres", json_field="password")\nsecret = sm.Secret.from_secret_name_v2(self, "Db", "prod/db/postgres")';
    assert.deepEqual(shapes(py, findCdkReferences(py)).map((s) => [s.secret, s.key]), [['prod/db/postgres', 'password'], ['prod/db/postgres', undefined]]);
  });
});

describe('references: which parsers read which file', () => {
  it('an ARN inside a dynamic reference or valueFrom is one reference, the specific one', () => {
    const text = "a: '{{resolve:secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:SecretString:password}}'\nvalueFrom: arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf:user::\nb: arn:aws:secretsmanager:us-east-1:123456789012:secret:other-AbCdEf\n";
    assert.deepEqual(findReferences(text, 'yaml', 't.yaml').map((r) => r.format), ['cloudformation', 'ecs', 'arn']);
  });

  it('SDK patterns only in code; Terraform blocks only in Terraform; CLI everywhere', () => {
    const js = 'import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";\nconst x = { SecretId: "prod/db" };';
    assert.equal(findReferences(js, 'typescript', 'a.ts').length, 1);
    assert.equal(findReferences(js, 'yaml', 'a.yaml').length, 0);
    const tf = 'data "aws_secretsmanager_secret" "a" {\n  name = "prod/db"\n}\n';
    assert.equal(findReferences(tf, 'plaintext', 'main.tf').length, 1, '.tf without a Terraform extension');
    assert.equal(findReferences(tf, 'typescript', 'a.ts').length, 0);
    const md = 'Run `aws secretsmanager get-secret-value --secret-id prod/db` to check.';
    assert.equal(findReferences(md, 'dockerfile', 'Dockerfile').length, 1);
  });

  it('finds the reference and the part under an offset', () => {
    const text = "x: '{{resolve:secretsmanager:prod/db:SecretString:password:AWSPREVIOUS}}'";
    const refs = findReferences(text, 'yaml', 't.yaml');
    assert.equal(referenceAt(refs, text.indexOf('prod/db') + 2)?.part, 'secret');
    assert.equal(referenceAt(refs, text.indexOf('password') + 8)?.part, 'jsonKey');
    assert.equal(referenceAt(refs, text.indexOf('AWSPREVIOUS'))?.part, 'versionStage');
    assert.equal(referenceAt(refs, text.indexOf('resolve'))?.part, 'secret');
    assert.equal(referenceAt(refs, 1), undefined);
  });
});
