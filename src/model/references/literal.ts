// "Move this literal into Secrets Manager": once the selection is a secret, what replaces it in
// the file, in the reference form of that file type:
//   CloudFormation / SAM template  {{resolve:secretsmanager:NAME}} (quoted in YAML: a plain
//                                  scalar may not start with "{")
//   ECS task definition (JSON)     the secret's ARN; a "value" key becomes "valueFrom" (the entry
//                                  belongs in the container's "secrets" list, which the user moves)
//   Terraform                      data.aws_secretsmanager_secret_version.ID.secret_string, and a
//                                  data block for it at the end of the file
//   code and anything else         left to the user: the literal stays, and a snippet says how to
//                                  read the secret (an SDK call)
// Pure.
import type { Span } from './types';
import * as l10n from '@vscode/l10n';

export type LiteralTarget = 'cloudformation' | 'ecs' | 'terraform' | 'code' | 'other';

export interface Replacement {
  readonly edits: readonly { readonly span: Span; readonly text: string }[];
  /** What the user is told afterwards. */
  readonly note: string;
}

export interface LeftToUser {
  readonly snippet: string;
  readonly note: string;
}

export function literalTargetOf(text: string, languageId: string, fileName: string): LiteralTarget {
  const lower = fileName.toLowerCase();
  const yamlOrJson = /^(yaml|json|jsonc)$/.test(languageId) || /\.(ya?ml|json|template)$/.test(lower);
  if (yamlOrJson && /AWSTemplateFormatVersion|Transform:\s*AWS::Serverless|"Transform"\s*:\s*"AWS::Serverless|\bType:\s*['"]?AWS::|"Type"\s*:\s*"AWS::/.test(text)) return 'cloudformation';
  if (yamlOrJson && /"containerDefinitions"\s*:/.test(text)) return 'ecs';
  if (languageId === 'terraform' || languageId === 'hcl' || /\.tf$/.test(lower)) return 'terraform';
  if (/^(typescript|typescriptreact|javascript|javascriptreact|python|go|java|kotlin|csharp|ruby|php|rust)$/.test(languageId) || /\.(m?[jt]sx?|py|go|java|kt|cs|rb|php|rs)$/.test(lower)) return 'code';
  return 'other';
}

/** The quote around the selection, if the text just before and after it is the same quote character. */
function quoteAround(text: string, sel: Span): string | undefined {
  const before = text[sel.start - 1];
  return before && (before === '"' || before === "'") && text[sel.end] === before ? before : undefined;
}

/** The selection itself is a quoted string ("..." with its quotes). */
function quotedSelection(text: string, sel: Span): string | undefined {
  const s = text.slice(sel.start, sel.end);
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0] ? s[0] : undefined;
}

/** A Terraform identifier made of a secret name: prod/db-main -> prod_db_main. */
export function terraformIdentifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'secret';
  return /^[0-9]/.test(id) ? `secret_${id}` : id;
}

export function replacementFor(text: string, sel: Span, target: LiteralTarget, languageId: string, secret: { name: string; arn: string }): Replacement | LeftToUser {
  const dynamicRef = `{{resolve:secretsmanager:${secret.name}}}`;
  const yaml = languageId === 'yaml' || !/^\s*[{[]/.test(text);
  switch (target) {
    case 'cloudformation': {
      if (quoteAround(text, sel)) return { edits: [{ span: sel, text: dynamicRef }], note: l10n.t('The value is now read from {0} when the stack deploys.', secret.name) };
      const q = quotedSelection(text, sel) ?? (yaml ? "'" : '"');
      return { edits: [{ span: sel, text: `${q}${dynamicRef}${q}` }], note: l10n.t('The value is now read from {0} when the stack deploys.', secret.name) };
    }
    case 'ecs': {
      const inner = quoteAround(text, sel) ? sel : quotedSelection(text, sel) ? { start: sel.start + 1, end: sel.end - 1 } : sel;
      const edits: { span: Span; text: string }[] = [{ span: inner, text: secret.arn }];
      const head = text.slice(Math.max(0, inner.start - 80), inner.start);
      const m = /"value"(\s*:\s*)"$/.exec(head);
      let note = l10n.t('The selection is now {0}\'s ARN.', secret.name);
      if (m) {
        const keyStart = inner.start - m[0].length;
        edits.unshift({ span: { start: keyStart, end: keyStart + '"value"'.length }, text: '"valueFrom"' });
        note = l10n.t('The entry now reads {0} through valueFrom: move it from the container\'s "environment" list to its "secrets" list, and let the task execution role read the secret (secretsmanager:GetSecretValue).', secret.name);
      }
      return { edits, note };
    }
    case 'terraform': {
      const id = terraformIdentifier(secret.name);
      const expression = `data.aws_secretsmanager_secret_version.${id}.secret_string`;
      const quote = quoteAround(text, sel);
      const whole = quote ? { start: sel.start - 1, end: sel.end + 1 } : sel;
      const edits: { span: Span; text: string }[] = [{ span: whole, text: expression }];
      if (!new RegExp(`data\\s+"aws_secretsmanager_secret_version"\\s+"${id}"`).test(text)) {
        const end = text.length;
        const nl = text.endsWith('\n') ? '' : '\n';
        edits.push({ span: { start: end, end }, text: `${nl}\ndata "aws_secretsmanager_secret_version" "${id}" {\n  secret_id = "${secret.name}"\n}\n` });
      }
      return { edits, note: l10n.t('The value is now read from {0} (a data source at the end of the file). Terraform keeps what it reads in its state: treat the state as secret.', secret.name) };
    }
    default:
      return { snippet: snippetFor(languageId, secret.name), note: l10n.t('{0} is created. The literal is still in the file: replace it with a read of the secret, for example:', secret.name) };
  }
}

export function snippetFor(languageId: string, name: string): string {
  const id = JSON.stringify(name);
  switch (languageId) {
    case 'typescript':
    case 'typescriptreact':
    case 'javascript':
    case 'javascriptreact':
      return `(await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: ${id} }))).SecretString`;
    case 'python':
      return `boto3.client("secretsmanager").get_secret_value(SecretId=${id})["SecretString"]`;
    case 'go':
      return `client.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(${id})})`;
    case 'java':
    case 'kotlin':
      return `client.getSecretValue(GetSecretValueRequest.builder().secretId(${id}).build()).secretString()`;
    case 'csharp':
      return `(await client.GetSecretValueAsync(new GetSecretValueRequest { SecretId = ${id} })).SecretString`;
    case 'ruby':
      return `Aws::SecretsManager::Client.new.get_secret_value(secret_id: ${id}).secret_string`;
    default:
      return `aws secretsmanager get-secret-value --secret-id ${name} --query SecretString --output text`;
  }
}
