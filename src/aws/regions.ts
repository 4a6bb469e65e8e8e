import * as l10n from '@vscode/l10n';
// AWS region names: the known ones (for the quick pick and typo checks) and the shape of a name.
// No SDK import, so activation does not load it.

/**
 * The AWS commercial regions (partition "aws"), as listed in the SDK's partition data
 * (@aws-sdk/core util-endpoints partitions), for the region quick pick. Copied rather than
 * imported so activation does not load the SDK.
 */
export const KNOWN_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'me-west-1', 'mx-central-1', 'sa-east-1', 'sa-west-1',
];

/** Regions of the China and GovCloud partitions: valid, but not offered in the quick pick. */
export const OTHER_PARTITION_REGIONS: readonly string[] = ['cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1'];

/** Whether `region` is one of KNOWN_REGIONS (a typo check for the quick pick, not a gate). */
export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.includes(region) || OTHER_PARTITION_REGIONS.includes(region);
}

/** The shape of a region name (the manifest's secretsManager.region pattern says the same). */
const REGION_NAME = /^[a-z]{2,}(-[a-z0-9]+)*-\d+$/;

/**
 * Why `region` cannot be a region name, or undefined when it can. A region name is lower case
 * letters and digits in dash-separated parts ending in a number (us-east-1, us-gov-west-1); the
 * SDK puts it in the endpoint's host name, so anything else fails or goes somewhere unexpected.
 */
export function regionNameProblem(region: string): string | undefined {
  if (REGION_NAME.test(region)) return undefined;
  const lower = region.trim().toLowerCase();
  const hint = lower !== region && REGION_NAME.test(lower) ? l10n.t(' (did you mean {0}?)', lower) : l10n.t(' (like us-east-1)');
  return l10n.t('"{0}" is not an AWS region name{1}', region, hint);
}
