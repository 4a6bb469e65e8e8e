// The environment every VS Code the project starts (tests, e2e, `npm start`) gives the extension:
// the local endpoint, dummy keys, and config files that do not exist, so the developer's own AWS
// profiles never leak in and nothing can reach AWS.
import * as path from 'node:path';

export function hermeticAwsEnv(endpoint: string, scratch: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    // IAM Identity Center's portal and OIDC APIs (account discovery, the device flow) at the same port.
    AWS_ENDPOINT_URL_SSO: endpoint,
    AWS_ENDPOINT_URL_SSO_OIDC: endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDLOCALEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'local-secret-key-EXAMPLE',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: path.join(scratch, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(scratch, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}
