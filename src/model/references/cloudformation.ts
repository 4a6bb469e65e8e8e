// CloudFormation and SAM dynamic references to Secrets Manager, in YAML and JSON templates (and
// anywhere else they are written: CDK code, synthesized templates):
//   {{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}
// Every part after the secret id is optional; the secret id is a name or an ARN (whose own colons
// are read as the ARN's). A part built with ${...} (Fn::Sub) is known only at deploy time: a
// secret id like that is not a reference we can check, and a later part like that is left out.
import { secretArnAt } from './arn';
import { part, span, type Part, type ReferenceProblem, type SecretReference } from './types';
import * as l10n from '@vscode/l10n';

export const DYNAMIC_HEAD = '{{resolve:secretsmanager:';
const STOP = /[\s"'`{]/;

const dynamic = (s: string) => s.includes('${');

/** Every complete dynamic reference to Secrets Manager in the text. */
export function findDynamicReferences(text: string): SecretReference[] {
  const out: SecretReference[] = [];
  for (let at = text.indexOf(DYNAMIC_HEAD); at >= 0; at = text.indexOf(DYNAMIC_HEAD, at + 1)) {
    const contentStart = at + DYNAMIC_HEAD.length;
    const close = closing(text, contentStart);
    if (close < 0) continue;
    const ref = parseContent(text.slice(contentStart, close), contentStart, span(at, close + 2));
    if (ref) out.push(ref);
  }
  return out;
}

/** Offset of the `}}` that ends the reference, or -1 when it is not closed on its line. */
function closing(text: string, from: number): number {
  let placeholder = false; // inside ${...} (Fn::Sub), whose } is not the end
  for (let i = from; i < text.length && i < from + 2048; i++) {
    const c = text[i];
    if (placeholder) {
      if (c === '}') placeholder = false;
      else if (/\s/.test(c)) return -1;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      placeholder = true;
      i++;
      continue;
    }
    if (c === '}') return text[i + 1] === '}' ? i : -1;
    if (STOP.test(c)) return -1;
  }
  return -1;
}

function parseContent(content: string, offset: number, whole: ReturnType<typeof span>): SecretReference | undefined {
  let secretText: string;
  let arn;
  if (content.startsWith('arn:')) {
    const found = secretArnAt(content);
    if (!found) return undefined; // an ARN built with ${...}, or not an ARN of a secret
    arn = found.arn;
    secretText = content.slice(0, found.length);
  } else {
    const colon = content.indexOf(':');
    secretText = colon < 0 ? content : content.slice(0, colon);
  }
  // An ARN's placeholders (region, account, partition) were checked by its parser; a name must be literal.
  if (!secretText || (!arn && dynamic(secretText))) return undefined;
  const secret = part(secretText, offset);
  const problems: ReferenceProblem[] = [];
  let rest = content.slice(secretText.length);
  let at = offset + secretText.length;
  if (rest && !rest.startsWith(':')) return undefined;
  const fields: Part[] = [];
  while (rest.startsWith(':')) {
    rest = rest.slice(1);
    at += 1;
    const next = rest.indexOf(':');
    const text = next < 0 ? rest : rest.slice(0, next);
    fields.push(part(text, at));
    rest = rest.slice(text.length);
    at += text.length;
  }
  const [secretString, jsonKey, versionStage, versionId, ...extra] = fields;
  if (secretString && secretString.text && secretString.text !== 'SecretString') {
    problems.push({ span: secretString.span, code: 'secret-string', message: l10n.t('CloudFormation reads only SecretString from a secret: "{0}" is not supported here.', secretString.text) });
  }
  const given = (p: Part | undefined) => (p && p.text && !dynamic(p.text) ? p : undefined);
  const stage = given(versionStage);
  const id = given(versionId);
  if (stage && id) problems.push({ span: span(stage.span.start, id.span.end), code: 'stage-and-id', message: l10n.t('Give a version stage or a version id, not both.') });
  if (extra.length) problems.push({ span: span(extra[0].span.start - 1, extra[extra.length - 1].span.end), code: 'extra-segments', message: l10n.t('A dynamic reference to Secrets Manager has at most five parts after "secretsmanager": secret-id:SecretString:json-key:version-stage:version-id.') });
  return {
    format: 'cloudformation',
    secret,
    arn,
    jsonKey: given(jsonKey),
    versionStage: stage,
    versionId: id,
    span: whole,
    problems: problems.length ? problems : undefined,
  };
}
