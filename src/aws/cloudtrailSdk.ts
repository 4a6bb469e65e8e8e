// The CloudTrail SDK the History view needs, and nothing else: a chunk of its own (esbuild.mjs,
// FEATURES.history), which startup never loads: src/aws/cloudtrail.ts imports this module the
// first time a history is read.
export { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
export type { Event as SdkTrailEvent, LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
