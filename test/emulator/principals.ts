// Who made a request, as CloudTrail names it: the local endpoint maps the access key id of each
// request's SigV4 signature to a principal, so the demo data and the tests have a history with
// several people, a CI pipeline and a rotation function. Unknown keys are the IAM user "local"
// (the user the endpoint's AccessDeniedException messages name). Every principal is made up.

/** CloudTrail's userIdentity, as the endpoint writes it into CloudTrailEvent. */
export interface UserIdentity {
  type: 'IAMUser' | 'AssumedRole' | 'AWSService' | 'Root';
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  invokedBy?: string;
  sessionContext?: {
    sessionIssuer: { type: 'Role'; principalId: string; arn: string; accountId: string; userName: string };
    attributes: { creationDate: string; mfaAuthenticated: 'true' | 'false' };
  };
}

export interface Principal {
  /** What LookupEvents returns as Username: the IAM user name, the role session name, "root". */
  readonly username?: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** userIdentity for a request signed with `accessKeyId` (at `at`, epoch ms). */
  identity(accountId: string, accessKeyId: string, at: number): UserIdentity;
}

const iamUser = (name: string, id: string, sourceIp: string, userAgent: string): Principal => ({
  username: name,
  sourceIp,
  userAgent,
  identity: (accountId, accessKeyId) => ({
    type: 'IAMUser',
    principalId: id,
    arn: `arn:aws:iam::${accountId}:user/${name}`,
    accountId,
    accessKeyId,
    userName: name,
  }),
});

/** A role session; `path` is the role's IAM path (SSO roles live under aws-reserved/sso.amazonaws.com/). */
const roleSession = (role: string, session: string, roleId: string, sourceIp: string, userAgent: string, path = '', mfa = false): Principal => ({
  username: session,
  sourceIp,
  userAgent,
  identity: (accountId, accessKeyId, at) => ({
    type: 'AssumedRole',
    principalId: `${roleId}:${session}`,
    arn: `arn:aws:sts::${accountId}:assumed-role/${role}/${session}`,
    accountId,
    accessKeyId,
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: roleId, arn: `arn:aws:iam::${accountId}:role/${path}${role}`, accountId, userName: role },
      attributes: { creationDate: new Date(at - 20 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'), mfaAuthenticated: mfa ? 'true' : 'false' },
    },
  }),
});

const CONSOLE = 'AWS Internal';
const CLI = 'aws-cli/2.22.0 md/awscrt#0.23.4 ua/2.1 os/linux#6.8 md/arch#x86_64 lang/python#3.12.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe sid/EXAMPLE command/secretsmanager.put-secret-value';

/** The IAM user every unknown access key belongs to. */
export const LOCAL_USER = iamUser('local', 'AIDAEXAMPLELOCAL0001', '127.0.0.1', 'aws-sdk-js/3 (local endpoint)');

/** The access keys of the demo principals. */
export const DEMO_KEYS = {
  /** IAM user alice, in the console (MFA). */
  alice: 'AKIAALICEEXAMPLE0001',
  /** bob@example.com through IAM Identity Center (SSO), permission set PowerUserAccess, with the AWS CLI. */
  bob: 'ASIABOBSSOEXAMPLE001',
  /** carol@example.com through IAM Identity Center, permission set AdministratorAccess. */
  carol: 'ASIACAROLSSOEXAMPL01',
  /** The CI pipeline's Terraform role. */
  terraform: 'ASIATERRAFORMEXAMPL1',
  /** The rotation Lambda function's execution role. */
  rotation: 'ASIAROTATIONEXAMPLE1',
  /** The orders service's ECS task role, which reads its database credentials. */
  ordersApp: 'ASIAORDERSAPPEXAMPL1',
} as const;

const SSO_PATH = 'aws-reserved/sso.amazonaws.com/';

const PRINCIPALS: Record<string, Principal> = {
  [DEMO_KEYS.alice]: iamUser('alice', 'AIDAEXAMPLEALICE0001', '198.51.100.23', CONSOLE),
  [DEMO_KEYS.bob]: roleSession('AWSReservedSSO_PowerUserAccess_3f1a2b4c5d6e7f80', 'bob@example.com', 'AROAEXAMPLEPOWERUSER', '203.0.113.45', CLI, SSO_PATH),
  [DEMO_KEYS.carol]: roleSession('AWSReservedSSO_AdministratorAccess_9a8b7c6d5e4f3a2b', 'carol@example.com', 'AROAEXAMPLEADMIN0001', '203.0.113.77', CONSOLE, SSO_PATH),
  [DEMO_KEYS.terraform]: roleSession('terraform-ci', 'gha-deploy-4711', 'AROAEXAMPLETERRAFORM', '192.0.2.10', 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.80.0 aws-sdk-go-v2/1.32.6'),
  [DEMO_KEYS.rotation]: roleSession('rotate-EXAMPLE-role', 'rotate-EXAMPLE', 'AROAEXAMPLEROTATION1', '192.0.2.200', 'Boto3/1.35.36 md/Botocore#1.35.36 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.12.7 exec-env/AWS_Lambda_python3.12'),
  [DEMO_KEYS.ordersApp]: roleSession('orders-api-task', 'c0ffee00d15ea5e0b1e55ed0example', 'AROAEXAMPLEORDERSAPP', '10.0.12.34', 'aws-sdk-java/2.29.0 Linux/5.10 OpenJDK_64-Bit_Server_VM/21 Java/21 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE'),
  // The other writer of the raceBeforeWrite fault (types.ts RACE_ACCESS_KEY_ID).
  AKIDRACEWRITER: iamUser('other-writer', 'AIDAEXAMPLERACEWRITE', '127.0.0.1', 'aws-sdk-js/3 (race fault)'),
};

/** The principal of an access key (LOCAL_USER for any key not listed). */
export function principalOf(accessKeyId: string | undefined): Principal {
  return (accessKeyId && PRINCIPALS[accessKeyId]) || LOCAL_USER;
}

/** Secrets Manager itself (rotation steps it runs, scheduled rotations): an AwsServiceEvent. */
export const SECRETS_MANAGER_SERVICE = 'secretsmanager.amazonaws.com';
