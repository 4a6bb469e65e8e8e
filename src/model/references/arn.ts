// Secret ARNs: arn:PARTITION:secretsmanager:REGION:ACCOUNT:secret:NAME[-XXXXXX]. A complete ARN
// ends with the 6-character suffix Secrets Manager adds; a partial one stops at the name (Secrets
// Manager accepts both as a SecretId). Region, account and partition may be placeholders
// (CloudFormation ${AWS::Region}, Terraform ${data.aws_region.current.name}): they stand for the
// connection's. Wildcards (IAM policies) are patterns, not references.
import { part, type Part, type SecretArn, type SecretReference } from './types';

/** Characters of a secret name (Secrets Manager: letters, digits and /_+=.@-; RDS-managed names add !). */
export const NAME_CHARS = 'A-Za-z0-9/_+=.@!\\-';
const NAME = `[${NAME_CHARS}]+`;
const PLACEHOLDER = '\\$\\{[^}\\s]{1,100}\\}';
const PARTITION = `(?:aws(?:-[a-z]+)*|${PLACEHOLDER})`;
const REGION = `(?:[a-z]{2}(?:-[a-z]+)+-\\d{1,2}|${PLACEHOLDER})`;
const ACCOUNT = `(?:\\d{12}|${PLACEHOLDER})`;

/** An ARN's head up to and including `secret:`, then the resource (name and maybe suffix). */
export const SECRET_ARN_SOURCE = `arn:(${PARTITION}):secretsmanager:(${REGION}):(${ACCOUNT}):secret:(${NAME})`;

const SUFFIX = /^(.+)-[A-Za-z0-9]{6}$/;

function fromParts(partition: string, region: string, account: string, resource: string): SecretArn {
  const placeholder = (s: string) => s.startsWith('${');
  const m = SUFFIX.exec(resource);
  return {
    partition: placeholder(partition) ? '' : partition,
    region: placeholder(region) ? '' : region,
    account: placeholder(account) ? '' : account,
    resource,
    nameIfComplete: m ? m[1] : undefined,
  };
}

/** The ARN if `text` is exactly a secret ARN (nothing before or after). */
export function parseSecretArn(text: string): SecretArn | undefined {
  const m = new RegExp(`^${SECRET_ARN_SOURCE}$`).exec(text);
  return m ? fromParts(m[1], m[2], m[3], m[4]) : undefined;
}

/** A secret ARN at the start of `text`, and how long it is (the name ends at the first character that is not a name character). */
export function secretArnAt(text: string): { arn: SecretArn; length: number } | undefined {
  const m = new RegExp(`^${SECRET_ARN_SOURCE}`).exec(text);
  return m ? { arn: fromParts(m[1], m[2], m[3], m[4]), length: m[0].length } : undefined;
}

/** The name a reference's secret goes by in a name filter: the name, or an ARN's resource without its suffix. */
export function namePrefixOf(secretId: string, arn?: SecretArn): string {
  if (!arn) return secretId;
  return arn.nameIfComplete ?? arn.resource;
}

/** The secret's name if the reference gives it plainly (a name, or a partial ARN's name). */
export function plainName(ref: Pick<SecretReference, 'secret' | 'arn'>): string {
  return ref.arn ? ref.arn.nameIfComplete ?? ref.arn.resource : ref.secret.text;
}

/**
 * Secret ARNs anywhere in a text (IAM policies, environment variables, outputs, code), as
 * references. Skipped: wildcards (`*`, `?`: patterns), names followed by `${` (built at deploy time).
 */
export function findSecretArns(text: string): SecretReference[] {
  const out: SecretReference[] = [];
  const re = new RegExp(`(?<![A-Za-z0-9:/_-])${SECRET_ARN_SOURCE}`, 'g');
  for (const m of text.matchAll(re)) {
    const start = m.index!;
    const end = start + m[0].length;
    const next = text.charAt(end);
    if (next === '*' || next === '?' || text.startsWith('${', end)) continue;
    const secret: Part = part(m[0], start);
    out.push({ format: 'arn', secret, arn: fromParts(m[1], m[2], m[3], m[4]), span: secret.span });
  }
  return out;
}

/** The ARN's region and account with the connection's filled in for placeholders. */
export function concreteArn(arn: SecretArn, region: string, account: string | undefined): { region: string; account?: string } {
  return { region: arn.region || region, account: arn.account || account };
}
