// The AWS SDK that startup needs, and only that: the Secrets Manager client and commands the
// service sends (service.ts) and the credential providers (credentials.ts). Both import() this
// module on the first request, so activation does not parse the SDK; and because it names each
// export, the build keeps only these (a namespace import of the packages would keep them whole).
// test/bench/floor-entry.ts, the benchmark's floor, holds the same set.
export {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  RestoreSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
export { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
