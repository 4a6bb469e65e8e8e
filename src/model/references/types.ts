import * as l10n from '@vscode/l10n';
// What the reference parsers find in a file: where a secret is named, and which part of it (JSON
// key, version stage, version id) the reference asks for. Offsets are UTF-16 offsets into the
// text the parser was given (a VS Code document's getText()). Pure data: no value ever.

/** A range of the text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A piece of a reference as written, and where it is. */
export interface Part {
  readonly text: string;
  readonly span: Span;
}

/** The formats the parsers recognise (README "Secrets in your code"). */
export type ReferenceFormat =
  | 'cloudformation' // {{resolve:secretsmanager:...}}
  | 'ecs' //            valueFrom: arn:...:secret:name-AbCdEf:key:stage:id
  | 'externalSecret' // ExternalSecret remoteRef.key / property / version
  | 'csi' //            SecretProviderClass objects: objectName / jmesPath / objectVersion(Label)
  | 'terraform' //      aws_secretsmanager_secret(_version) name / arn / secret_id
  | 'arn' //            a secret ARN anywhere
  | 'sdk' //            SecretId: "..." in an SDK call
  | 'cli' //            aws secretsmanager ... --secret-id ...
  | 'cdk'; //           SecretValue.secretsManager('...'), Secret.fromSecretNameV2(...)

export const FORMAT_LABEL: Readonly<Record<ReferenceFormat, string>> = {
  cloudformation: l10n.t('CloudFormation dynamic reference'),
  ecs: l10n.t('ECS secret (valueFrom)'),
  externalSecret: l10n.t('ExternalSecret remoteRef'),
  csi: l10n.t('SecretProviderClass object'),
  terraform: 'Terraform',
  arn: l10n.t('Secret ARN'),
  sdk: l10n.t('SDK call'),
  cli: 'AWS CLI',
  cdk: 'CDK',
};

/** A secret ARN, full (name and the 6-character suffix) or partial (name only). */
export interface SecretArn {
  readonly partition: string;
  /** Empty when written as a placeholder (${AWS::Region}, ${var.region}): the connection's region. */
  readonly region: string;
  /** Empty when written as a placeholder: the connection's account. */
  readonly account: string;
  /** Everything after `secret:`: the name, with the suffix if the ARN is complete. */
  readonly resource: string;
  /** `resource` without a trailing -XXXXXX (6 letters or digits), when it has one: the name if the ARN is complete. */
  readonly nameIfComplete?: string;
}

/** Where the parser was not sure the reference is to Secrets Manager, or why a check does not apply. */
export interface ReferenceProblem {
  readonly span: Span;
  readonly message: string;
  readonly code: string;
}

export interface SecretReference {
  readonly format: ReferenceFormat;
  /** The secret as written: a name, or a full or partial ARN. */
  readonly secret: Part;
  /** Set when `secret` is an ARN. */
  readonly arn?: SecretArn;
  readonly jsonKey?: Part;
  /** The key is a path into nested objects (ExternalSecret property, CSI jmesPath), not a top-level key. */
  readonly keyIsPath?: boolean;
  readonly versionStage?: Part;
  readonly versionId?: Part;
  /** The whole reference. */
  readonly span: Span;
  /** The block it belongs to (a Terraform block, a remoteRef, a CSI object): completion finds the secret of a line in it. */
  readonly block?: Span;
  /** The file creates this secret (a Terraform resource): not existing yet is no problem. */
  readonly creates?: boolean;
  /** Why the reference might not be to Secrets Manager (an ExternalSecret whose store is elsewhere): findings are softened. */
  readonly uncertain?: string;
  /** A region the file states for it (a SecretProviderClass's region parameter). */
  readonly region?: string;
  /** Mistakes the parser can see by itself (both a stage and a version id, SecretBinary). */
  readonly problems?: readonly ReferenceProblem[];
}

export const span = (start: number, end: number): Span => ({ start, end });
export const part = (text: string, start: number): Part => ({ text, span: { start, end: start + text.length } });
export const contains = (outer: Span, inner: Span): boolean => outer.start <= inner.start && inner.end <= outer.end;
export const touches = (s: Span, offset: number): boolean => s.start <= offset && offset <= s.end;
