// The CloudTrail SDK the History view needs, and nothing else: the entry point of the second
// bundle file, dist/history.js (esbuild.mjs). The main bundle never holds it: src/aws/cloudtrail.ts
// loads this module with require() the first time a history is read, and the extension's build
// points that require at ./history.js.
export { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
export type { Event as SdkTrailEvent, LookupEventsCommandOutput } from '@aws-sdk/client-cloudtrail';
