// ECS (and AWS Batch) secrets: a container's `secrets` entry names a Secrets Manager secret by
// ARN in `valueFrom`, optionally with a JSON key, a version stage or a version id:
//   arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf:json-key:version-stage:version-id
// Written as JSON (task definitions), YAML (CloudFormation `ValueFrom:`), Terraform
// (jsonencode: `valueFrom = "..."`) or code (CDK escape hatches, boto3 register_task_definition).
// A valueFrom that is not a secretsmanager ARN is a Systems Manager parameter (its name or ARN):
// not ours.
import { secretArnAt } from './arn';
import { part, span, type Part, type ReferenceProblem, type SecretReference } from './types';
import * as l10n from '@vscode/l10n';

/** `valueFrom` / `ValueFrom` / `value_from` then `:` or `=` then an optionally quoted value (CloudFormation: maybe after !Sub). */
const VALUE_FROM = /(?:["']?)\b(?:valueFrom|ValueFrom|value_from)\b(?:["']?)\s*[:=]\s*(?:!Sub[ \t]+)?(["']?)(arn:(?:\$\{[^}\s]*\}|[^\s"',}\]])+)\1/g;

const dynamic = (s: string) => s.includes('${') || s.includes('{{');

export function findValueFromReferences(text: string): SecretReference[] {
  const out: SecretReference[] = [];
  for (const m of text.matchAll(VALUE_FROM)) {
    const value = m[2];
    const valueStart = m.index! + m[0].length - value.length - m[1].length;
    const ref = parseValueFrom(value, valueStart);
    if (ref) out.push(ref);
  }
  return out;
}

/** A valueFrom value at `offset`: the ARN, then up to three colon-separated parts. */
export function parseValueFrom(value: string, offset: number): SecretReference | undefined {
  const found = secretArnAt(value);
  if (!found) return undefined;
  const secret = part(value.slice(0, found.length), offset);
  let rest = value.slice(found.length);
  if (rest && !rest.startsWith(':')) return undefined;
  const fields: Part[] = [];
  let at = offset + found.length;
  while (rest.startsWith(':')) {
    rest = rest.slice(1);
    at += 1;
    const next = rest.indexOf(':');
    const t = next < 0 ? rest : rest.slice(0, next);
    fields.push(part(t, at));
    rest = rest.slice(t.length);
    at += t.length;
  }
  const [jsonKey, versionStage, versionId, ...extra] = fields;
  const given = (p: Part | undefined) => (p && p.text && !dynamic(p.text) ? p : undefined);
  const problems: ReferenceProblem[] = [];
  const stage = given(versionStage);
  const id = given(versionId);
  if (stage && id) problems.push({ span: span(stage.span.start, id.span.end), code: 'stage-and-id', message: l10n.t('Give a version stage or a version id, not both.') });
  if (extra.length) problems.push({ span: span(extra[0].span.start - 1, extra[extra.length - 1].span.end), code: 'extra-segments', message: l10n.t('valueFrom has at most three parts after the secret ARN: json-key:version-stage:version-id.') });
  return {
    format: 'ecs',
    secret,
    arn: found.arn,
    jsonKey: given(jsonKey),
    versionStage: stage,
    versionId: id,
    span: span(offset, offset + value.length),
    problems: problems.length ? problems : undefined,
  };
}
