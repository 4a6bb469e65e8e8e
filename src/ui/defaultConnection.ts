// The default connection: what the settings and the environment imply, read by the connection
// registry at activation (extension.ts) and again when the connection settings change.
import * as vscode from 'vscode';
import { describeConfigProblem, resolveDefaultConnection as resolveFromConfig } from '../aws/config';
import type { ConnectionSpec } from '../aws/types';
import { connectionId } from '../model/connections';
import type { ConnectionSettings } from './settings';

/**
 * The connection a user with no saved connection expects, like the AWS CLI: settings, else
 * AWS_PROFILE / the `default` profile / environment credentials; the profile's region or
 * AWS_REGION; the endpoint from the setting, AWS_ENDPOINT_URL(_SECRETS_MANAGER) or the profile.
 * `report` hears why there is none (no region, unreadable config, bad endpoint), for the log.
 */
export async function resolveDefaultConnection(settings: ConnectionSettings, env: NodeJS.ProcessEnv, report?: (problem: string) => void): Promise<ConnectionSpec | undefined> {
  try {
    const spec = await resolveFromConfig({ profile: settings.profile, region: settings.region, endpoint: settings.endpoint }, env, connectionId, (problems) =>
      report?.(vscode.l10n.t('Your AWS config files have lines the AWS CLI and SDKs skip, so a profile may be missing: {0}', problems.map(describeConfigProblem).join('; '))));
    if (!spec) report?.(vscode.l10n.t('No default connection: no region in the settings, the profile or AWS_REGION. Add a connection to choose one.'));
    return spec;
  } catch (err) {
    report?.(vscode.l10n.t('No default connection: {0}', err instanceof Error ? err.message : String(err)));
    throw err;
  }
}
