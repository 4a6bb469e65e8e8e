// A guided first run: open the walkthrough (contributes.walkthroughs in package.json), and Set
// the Endpoint, the way to try the extension against LocalStack or moto without an AWS account
// (the view's welcome offers both when no connection exists).
import * as vscode from 'vscode';
import { cleartextEndpointProblem } from '../aws/config';
import type { UiDeps } from '../ui/deps';
import type { FirstRunHandle } from '../views/firstRun';
import { command, type Command } from './command';

export const WALKTHROUGH_ID = 'secretsManager.gettingStarted';

export function firstRunCommands(deps: UiDeps, firstRun: FirstRunHandle): Command[] {
  const { context, prompts, settings } = deps;
  return [
    command('secretsManager.openWalkthrough', () =>
      firstRun.announce(() => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false))),
    command('secretsManager.setEndpoint', async () => {
      const current = settings.connection();
      const endpoint = await prompts.input({
        title: vscode.l10n.t('Secrets Manager endpoint'),
        prompt: vscode.l10n.t('The URL of a Secrets Manager endpoint, e.g. LocalStack or moto on this machine. Empty: AWS.'),
        placeholder: vscode.l10n.t('http://localhost:4566'),
        value: current.endpoint ?? '',
        validate: (v) => {
          const t = v.trim();
          if (!t) return undefined;
          let url: URL;
          try {
            url = new URL(t);
          } catch {
            return vscode.l10n.t('Not a URL: write it as http://localhost:4566.');
          }
          if (url.protocol !== 'http:' && url.protocol !== 'https:') return vscode.l10n.t('The endpoint is an http:// or https:// URL.');
          return cleartextEndpointProblem(t, settings.allowHttpHosts()) ?? undefined;
        },
      });
      if (endpoint === undefined) return;
      await settings.setConnectionSetting('endpoint', endpoint.trim());
      if (endpoint.trim() && !current.region) {
        const region = await prompts.input({
          title: vscode.l10n.t('Region'),
          prompt: vscode.l10n.t('The region to use with this endpoint (LocalStack and moto take any).'),
          value: 'us-east-1',
          validate: (v) => (/^[a-z0-9-]+$/.test(v.trim()) ? undefined : vscode.l10n.t('A region name such as us-east-1.')),
        });
        if (region) await settings.setConnectionSetting('region', region.trim());
      }
      if (endpoint.trim()) {
        void prompts.info(vscode.l10n.t('Secrets Manager now uses {0}. LocalStack and moto accept any access keys: if you have no AWS profile, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (e.g. test and test) before starting VS Code.', endpoint.trim()), {});
      }
    }),
  ];
}
