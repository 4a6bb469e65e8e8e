// "Find References in Workspace" for a secret: the workspace's files of the kinds references live
// in, read from disk (or from the open document, if it is open), parsed, and matched against the
// secret by name, complete or partial ARN, in the connection's region. No request: the text says.
import * as vscode from 'vscode';
import type { SecretSummary } from '../aws/types';
import { referencesSecret } from '../model/references/match';
import { findReferences } from '../model/references/scan';
import type { SecretReference } from '../model/references/types';
import { resourceOf } from '../model/references/directory';

export const SEARCHED_FILES = '**/{*.yml,*.yaml,*.json,*.template,*.tf,*.hcl,*.ts,*.tsx,*.js,*.jsx,*.mjs,*.cjs,*.py,*.go,*.java,*.kt,*.cs,*.rb,*.php,*.sh,*.bash,*.ps1,Dockerfile*,Makefile}';
export const SKIPPED_FOLDERS = '**/{node_modules,.git,.terraform,.venv,venv,vendor,dist,out,build,cdk.out,.vscode-test}/**';
const MAX_FILES = 10_000;
const MAX_BYTES = 2_000_000;

export interface FoundReference {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
  readonly ref: SecretReference;
  /** The reference as written (its own text: names and labels, never the line around it). */
  readonly text: string;
}

export async function findInWorkspace(
  secret: SecretSummary,
  connection: { region: string; account?: string },
  token?: vscode.CancellationToken,
): Promise<{ found: FoundReference[]; files: number }> {
  const files = await vscode.workspace.findFiles(SEARCHED_FILES, SKIPPED_FOLDERS, MAX_FILES, token);
  const needles = [secret.name, secret.arn ? resourceOf(secret.arn) : ''].filter(Boolean);
  const found: FoundReference[] = [];
  const decoder = new TextDecoder('utf-8');
  for (const uri of files) {
    if (token?.isCancellationRequested) break;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    if (open) text = open.getText();
    else {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > MAX_BYTES) continue;
        text = decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        continue;
      }
    }
    if (!needles.some((n) => text.includes(n))) continue;
    const languageId = open?.languageId ?? '';
    const lines = lineStarts(text);
    for (const ref of findReferences(text, languageId, uri.path)) {
      if (!referencesSecret(ref, secret, connection)) continue;
      found.push({ uri, range: new vscode.Range(positionOf(lines, ref.span.start), positionOf(lines, ref.span.end)), ref, text: text.slice(ref.span.start, ref.span.end) });
    }
  }
  return { found, files: files.length };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionOf(starts: readonly number[], offset: number): vscode.Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return new vscode.Position(lo, offset - starts[lo]);
}
