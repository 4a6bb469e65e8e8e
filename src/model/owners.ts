// Who else manages a secret, from its tags and its owning service: the tool that will overwrite a
// change made here, or fight it, at its next run. Named in the History view and before a publish.
// Conventions read (keys and values compared without case):
//   CloudFormation     aws:cloudformation:stack-name (and logical-id), set by CloudFormation itself
//   External Secrets   managed-by=external-secrets, set by the operator's PushSecret
//   Terraform          ManagedBy / managed-by / managed_by = terraform (or opentofu), terraform=true,
//                      tf / terraform-* / tf:* keys (workspace, module, repo...), by convention only
//   Pulumi, Crossplane pulumi:* keys or managed-by=pulumi; crossplane-* keys or managed-by=crossplane
//   anything else      a managed-by tag naming another tool
//   an AWS service     OwningService (e.g. rds), which Secrets Manager enforces
// Pure.
import type { SecretSummary, SecretTag } from '../aws/types';
import * as l10n from '@vscode/l10n';

export type OwnerTool = 'CloudFormation' | 'External Secrets' | 'Terraform' | 'Pulumi' | 'Crossplane' | 'service' | 'other';

export interface Owner {
  readonly tool: OwnerTool;
  /** What to call it: "CloudFormation stack orders-prod", "Terraform", "Amazon RDS"... */
  readonly name: string;
  /** The tag (or field) that says so, e.g. "tag aws:cloudformation:stack-name=orders-prod". */
  readonly evidence: string;
  /** What that owner does to a change made here, in one sentence. */
  readonly consequence: string;
}

const MANAGED_BY = new Set(['managedby', 'managed-by', 'managed_by', 'managed:by', 'app.kubernetes.io/managed-by', 'owner:tool', 'iac', 'iac-tool', 'provisioner']);
const FALSE = new Set(['false', 'no', '0', 'off', '']);

const SERVICES: Record<string, string> = {
  rds: 'Amazon RDS',
  redshift: 'Amazon Redshift',
  'redshift-serverless': 'Amazon Redshift Serverless',
  appflow: 'Amazon AppFlow',
  'ecs-sc': 'Amazon ECS Service Connect',
  events: 'Amazon EventBridge',
  datasync: 'AWS DataSync',
  directconnect: 'AWS Direct Connect',
  sqlworkbench: 'Amazon Redshift query editor',
  opsworks: 'AWS OpsWorks',
};

/** The display name of an owning service ("rds" -> "Amazon RDS"). */
export function serviceName(owningService: string): string {
  return SERVICES[owningService.toLowerCase()] ?? owningService;
}

const tagText = (t: SecretTag) => l10n.t('tag {0}={1}', t.key, t.value);

function fromTags(tags: readonly SecretTag[]): Owner[] {
  const owners: Owner[] = [];
  const seen = new Set<OwnerTool | string>();
  const add = (o: Owner) => {
    const key = o.tool === 'other' ? o.name.toLowerCase() : o.tool;
    if (seen.has(key)) return;
    seen.add(key);
    owners.push(o);
  };
  const lower = (s: string) => s.trim().toLowerCase();
  const stack = tags.find((t) => t.key === 'aws:cloudformation:stack-name');
  if (stack) {
    const logical = tags.find((t) => t.key === 'aws:cloudformation:logical-id')?.value;
    add({
      tool: 'CloudFormation',
      name: l10n.t('CloudFormation stack {0}', stack.value),
      evidence: tagText(stack),
      consequence: l10n.t('CloudFormation stack {0} manages this secret{1} ({2}): its next stack update can put the template\'s value back, and a value changed here is drift.', stack.value, logical ? l10n.t(' (resource {0})', logical) : '', tagText(stack)),
    });
  }
  for (const t of tags) {
    const k = lower(t.key);
    const v = lower(t.value);
    const managedBy = MANAGED_BY.has(k) ? v : undefined;
    if (managedBy === 'external-secrets' || managedBy === 'external-secrets-operator') {
      add({
        tool: 'External Secrets', // l10n-ignore: an OwnerTool id
        name: l10n.t('External Secrets Operator'),
        evidence: tagText(t),
        consequence: l10n.t('External Secrets Operator manages this secret ({0}): its PushSecret writes the Kubernetes Secret\'s value here again at its next refresh, over your change.', tagText(t)),
      });
    } else if ((managedBy && /terraform|opentofu|^tofu$/.test(managedBy)) || ((k === 'terraform' || k === 'tf' || k === 'terraform-managed') && !FALSE.has(v)) || /^(terraform|tf)[-_:.](workspace|module|stack|repo|repository|source|project|state|component|path)$/.test(k) || k.startsWith('tf:')) {
      add({
        tool: 'Terraform',
        name: 'Terraform',
        evidence: tagText(t),
        consequence: `Terraform appears to manage this secret (${tagText(t)}): if its configuration sets the value (aws_secretsmanager_secret_version), the next terraform apply puts that value back over yours.`,
      });
    } else if ((managedBy && /pulumi/.test(managedBy)) || /^pulumi[-_:.]/.test(k)) {
      add({
        tool: 'Pulumi',
        name: 'Pulumi',
        evidence: tagText(t),
        consequence: l10n.t('Pulumi appears to manage this secret ({0}): if its program sets the value, the next pulumi up puts that value back over yours.', tagText(t)),
      });
    } else if ((managedBy && /crossplane/.test(managedBy)) || /^crossplane-/.test(k)) {
      add({
        tool: 'Crossplane',
        name: 'Crossplane',
        evidence: tagText(t),
        consequence: l10n.t('Crossplane manages this secret ({0}): it reconciles the secret continually and puts its own value back within minutes.', tagText(t)),
      });
    } else if (managedBy && !FALSE.has(managedBy) && !/^(manual|console|hand|human|none|people|person)$/.test(managedBy)) {
      add({
        tool: 'other',
        name: t.value,
        evidence: tagText(t),
        consequence: l10n.t('{0} says {1} manages this secret: it may overwrite your change, or fight it, at its next run.', tagText(t), t.value),
      });
    }
  }
  return owners;
}

/**
 * Who manages the secret besides the user: tools named by its tags, then the owning AWS service.
 * `includeService: false` leaves the owning service out (the publish plan words that one itself).
 */
export function ownersOf(summary: Pick<SecretSummary, 'tags' | 'owningService'>, options: { includeService?: boolean } = {}): Owner[] {
  const owners = fromTags(summary.tags);
  if (summary.owningService && options.includeService !== false) {
    const name = serviceName(summary.owningService);
    owners.push({
      tool: 'service',
      name,
      evidence: l10n.t('OwningService {0}', summary.owningService),
      consequence: l10n.t('{0} owns this secret (OwningService {1}): Secrets Manager refuses changes made outside it; change it through {0}.', name, summary.owningService),
    });
  }
  return owners;
}
