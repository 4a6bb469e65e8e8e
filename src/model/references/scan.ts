// Which parsers read which file, and one list of references per file. Every file gets the formats
// that say "Secrets Manager" themselves (dynamic references, secret ARNs, `aws secretsmanager`
// command lines); YAML and JSON also ECS valueFrom and Kubernetes manifests; Terraform its blocks;
// code the SDK and CDK forms. Where two parsers see the same secret (an ARN inside a dynamic
// reference or a valueFrom), the more specific reference is kept.
import { findSecretArns } from './arn';
import { findDynamicReferences } from './cloudformation';
import { findCdkReferences, findCliReferences, findSdkReferences } from './code';
import { findValueFromReferences } from './ecs';
import { findKubernetesReferences } from './kubernetes';
import { findTerraformReferences } from './terraform';
import { CODE_LANGUAGES, SHELL_LANGUAGES } from './languages';
import { contains, type SecretReference } from './types';

export type FileKind = 'yaml' | 'json' | 'terraform' | 'code' | 'shell' | 'other';

export { REFERENCE_FILE_PATTERNS, REFERENCE_LANGUAGES } from './languages';

export function fileKindOf(languageId: string, fileName: string): FileKind {
  const lower = fileName.toLowerCase();
  if (languageId === 'yaml' || /\.ya?ml$/.test(lower)) return 'yaml';
  if (languageId === 'terraform' || languageId === 'hcl' || /\.(tf|hcl|tfvars)$/.test(lower)) return 'terraform';
  if (languageId === 'json' || languageId === 'jsonc' || /\.json$/.test(lower)) return 'json';
  if (CODE_LANGUAGES.has(languageId) || /\.(m?[jt]sx?|c[jt]s|py|go|java|kt|cs|rb|php|rs|scala|ps1)$/.test(lower)) return 'code';
  if (SHELL_LANGUAGES.has(languageId) || /(^|[\\/])(dockerfile[^\\/]*|makefile)$|\.(sh|bash|zsh)$/.test(lower)) return 'shell';
  // A CloudFormation .template is YAML or JSON: what it starts with says which.
  return 'other';
}

/** Every reference to a Secrets Manager secret in a file's text, in text order. */
export function findReferences(text: string, languageId: string, fileName: string): SecretReference[] {
  const kind = fileKindOf(languageId, fileName);
  const found: SecretReference[] = [...findDynamicReferences(text), ...findCliReferences(text)];
  if (kind === 'yaml' || kind === 'json' || kind === 'other') found.push(...findValueFromReferences(text));
  if (kind === 'yaml' || (kind === 'other' && /^\s*[A-Za-z]/.test(text))) found.push(...findKubernetesReferences(text));
  if (kind === 'terraform') found.push(...findTerraformReferences(text), ...findValueFromReferences(text));
  if (kind === 'code') found.push(...findSdkReferences(text), ...findCdkReferences(text), ...findValueFromReferences(text));
  found.push(...findSecretArns(text));
  return merge(found);
}

function merge(found: SecretReference[]): SecretReference[] {
  const specific = found.filter((r) => r.format !== 'arn');
  const seen = new Set<string>();
  const out: SecretReference[] = [];
  for (const r of found) {
    // A bare ARN inside a more specific reference is that reference.
    if (r.format === 'arn' && specific.some((o) => contains(o.secret.span, r.secret.span))) continue;
    const key = `${r.secret.span.start}:${r.secret.span.end}:${r.jsonKey?.span.start ?? ''}:${r.span.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.secret.span.start - b.secret.span.start);
}

/** The reference whose secret, key, stage or version id is at `offset` (the innermost part wins). */
export function referenceAt(refs: readonly SecretReference[], offset: number): { ref: SecretReference; part: 'secret' | 'jsonKey' | 'versionStage' | 'versionId' } | undefined {
  const within = (s: { start: number; end: number } | undefined) => !!s && s.start <= offset && offset <= s.end;
  for (const ref of refs) {
    if (within(ref.jsonKey?.span)) return { ref, part: 'jsonKey' };
    if (within(ref.versionStage?.span)) return { ref, part: 'versionStage' };
    if (within(ref.versionId?.span)) return { ref, part: 'versionId' };
  }
  for (const ref of refs) if (within(ref.secret.span)) return { ref, part: 'secret' };
  for (const ref of refs) if (within(ref.span)) return { ref, part: 'secret' };
  return undefined;
}
