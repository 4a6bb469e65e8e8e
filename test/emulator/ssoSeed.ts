// Organisations for the local endpoint's IAM Identity Center: the demo one (`--seed demo`, so
// `npm start` shows accounts whose secrets differ) and synthetic ones of any size for tests and the
// benchmark. Every value is made up.
import type { SsoAccount, SsoPortal } from './sso';

/** The start URL of the demo organisation (any start URL works against the local endpoint). */
export const DEMO_START_URL = 'https://d-9067demo01.awsapps.com/start';

interface DemoAccount extends SsoAccount {
  secrets: { name: string; value: string; description?: string }[];
}

const DEMO_ORG: DemoAccount[] = [
  {
    accountId: '111122223333',
    accountName: 'payments-prod',
    emailAddress: 'aws+payments-prod@example.com',
    roles: ['AdministratorAccess', 'ReadOnlyAccess', 'BillingReadOnly'],
    secrets: [
      { name: 'payments/stripe', value: '{"apiKey":"sk_live_EXAMPLE_prod","webhookSecret":"whsec_EXAMPLE_prod"}', description: 'Stripe keys for the payments service' },
      { name: 'payments/db', value: '{"host":"payments.cluster-EXAMPLE.eu-west-1.rds.amazonaws.com","username":"payments","password":"EXAMPLE-prod-password"}' },
    ],
  },
  {
    accountId: '444455556666',
    accountName: 'payments-staging',
    emailAddress: 'aws+payments-staging@example.com',
    roles: ['AdministratorAccess', 'ReadOnlyAccess'],
    secrets: [
      { name: 'payments/stripe', value: '{"apiKey":"sk_test_EXAMPLE_staging","webhookSecret":"whsec_EXAMPLE_staging"}', description: 'Stripe test keys' },
      { name: 'payments/db', value: '{"host":"payments-staging.cluster-EXAMPLE.eu-west-1.rds.amazonaws.com","username":"payments","password":"EXAMPLE-staging-password"}' },
      { name: 'payments/feature-flags', value: '{"newCheckout":true}' },
    ],
  },
  {
    accountId: '777788889999',
    accountName: 'data-platform',
    emailAddress: 'aws+data@example.com',
    roles: ['DataEngineer', 'ReadOnlyAccess'],
    secrets: [
      { name: 'warehouse/snowflake', value: '{"account":"EXAMPLE-xy12345","user":"etl","password":"EXAMPLE-warehouse"}' },
      { name: 'airflow/fernet-key', value: 'EXAMPLEfernetKeyEXAMPLEfernetKey00000000000=' },
    ],
  },
  {
    accountId: '222233334444',
    accountName: 'sandbox',
    emailAddress: 'aws+sandbox@example.com',
    roles: ['AdministratorAccess'],
    secrets: [{ name: 'scratch/hello', value: 'hello from the sandbox account' }],
  },
  {
    accountId: '555566667777',
    accountName: 'security-audit',
    emailAddress: 'aws+security@example.com',
    roles: ['SecurityAudit', 'BillingReadOnly'],
    secrets: [],
  },
];

function seedAccounts(portal: SsoPortal, accounts: DemoAccount[]): void {
  portal.setOrganisation(accounts);
  for (const a of accounts) {
    const store = portal.storeOf(a.accountId);
    for (const s of a.secrets) store.create({ Name: s.name, SecretString: s.value, Description: s.description }, undefined);
  }
}

/** The demo organisation: five accounts, their roles (one without Secrets Manager access), their secrets. */
export function seedDemoOrganisation(portal: SsoPortal): void {
  seedAccounts(portal, DEMO_ORG);
}

export const ROLE_NAMES = ['AdministratorAccess', 'ReadOnlyAccess', 'BillingReadOnly', 'DataEngineer', 'SecurityAudit'];

/**
 * `accounts` accounts named account-001..., ids 100000000001..., each with `rolesPerAccount` roles
 * from ROLE_NAMES (the third is BillingReadOnly, which cannot read secrets) and `secretsPerAccount`
 * secrets whose names and values carry the account's name.
 */
export function seedSyntheticOrganisation(portal: SsoPortal, accounts: number, rolesPerAccount = 2, secretsPerAccount = 2): void {
  if (!Number.isInteger(accounts) || accounts < 0 || accounts > 5000) throw new TypeError('accounts must be an integer from 0 to 5000');
  if (!Number.isInteger(rolesPerAccount) || rolesPerAccount < 1 || rolesPerAccount > ROLE_NAMES.length) throw new TypeError(`rolesPerAccount must be from 1 to ${ROLE_NAMES.length}`);
  if (!Number.isInteger(secretsPerAccount) || secretsPerAccount < 0 || secretsPerAccount > 100) throw new TypeError('secretsPerAccount must be from 0 to 100');
  const list: DemoAccount[] = [];
  for (let i = 1; i <= accounts; i++) {
    const n = String(i).padStart(3, '0');
    const accountName = `account-${n}`;
    list.push({
      accountId: String(100000000000 + i),
      accountName,
      emailAddress: `aws+${accountName}@example.com`,
      roles: ROLE_NAMES.slice(0, rolesPerAccount),
      secrets: Array.from({ length: secretsPerAccount }, (_, k) => ({ name: `${accountName}/secret-${k + 1}`, value: `{"account":"${accountName}","n":${k + 1}}` })),
    });
  }
  seedAccounts(portal, list);
}
