// The language features of references: hover (metadata, never a value), Go to Definition (opens
// the secret; a read-only version when the reference pins one), document links (reveal the secret
// in the Secrets Manager view), completion (names, stages, version ids, and JSON keys where the
// user lets key checks read values), and quick fixes for the engine's diagnostics. None of them
// shows a message: a failed lookup is a log line and, in the hover, a sentence.
import * as vscode from 'vscode';
import type { SecretSummary } from '../aws/types';
import { completionSlot, type Slot } from '../model/references/complete';
import { hoverMarkdown } from '../model/references/describe';
import { labelsOf } from '../model/references/diagnose';
import { resourceOf } from '../model/references/directory';
import { referenceAt } from '../model/references/scan';
import type { SecretReference, Span } from '../model/references/types';
import type { SecretDocumentRef } from '../model/secretUri';
import { CURRENT, holderOf, shortId } from '../model/stages';
import type { ExtensionLog } from '../ui/log';
import type { ReferenceEngine } from './engine';

const STANDARD_STAGES = ['AWSCURRENT', 'AWSPREVIOUS', 'AWSPENDING'];
export const HOVER_COMMANDS = ['secretsManager.openSecret', 'secretsManager.revealSecret', 'secretsManager.findReferences', 'secretsManager.allowKeyChecks'];

const range = (document: vscode.TextDocument, s: Span) => new vscode.Range(document.positionAt(s.start), document.positionAt(s.end));
const commandLink = (title: string, command: string, arg: unknown) => `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([arg]))})`;

/** The secret document a reference opens: the live one, or the read-only version it pins. */
export function documentRefOf(connectionId: string, s: SecretSummary, ref: SecretReference): SecretDocumentRef {
  if (ref.versionId) {
    const labels = s.versionsToStages[ref.versionId.text];
    return { connectionId, name: s.name, versionId: ref.versionId.text, stage: labels?.[0] };
  }
  if (ref.versionStage && ref.versionStage.text !== CURRENT) {
    const holder = holderOf(s.versionsToStages, ref.versionStage.text);
    if (holder) return { connectionId, name: s.name, versionId: holder, stage: ref.versionStage.text };
  }
  return { connectionId, name: s.name };
}

export class ReferenceProviders implements vscode.HoverProvider, vscode.DefinitionProvider, vscode.DocumentLinkProvider, vscode.CompletionItemProvider, vscode.CodeActionProvider {
  constructor(
    private readonly engine: ReferenceEngine,
    private readonly log: ExtensionLog,
    private readonly uriOf: (ref: SecretDocumentRef) => vscode.Uri,
  ) {}

  private async quietly<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (err) {
      this.log.warn(`References: ${what} failed: ${err instanceof Error ? err.message : 'error'}`);
      return undefined;
    }
  }

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    return this.quietly('a hover', async () => {
      const at = referenceAt(this.engine.refs(document), document.offsetAt(position));
      if (!at) return undefined;
      const ctx = await this.engine.context(document, at.ref);
      if (token.isCancellationRequested) return undefined;
      const c = ctx.resolution.connectionId;
      const optIn = c && !ctx.keysAllowed ? commandLink(vscode.l10n.t('Allow key checks on this connection'), 'secretsManager.allowKeyChecks', c) : undefined;
      const md = new vscode.MarkdownString(hoverMarkdown(ctx, { keysOptInHint: optIn }), true);
      md.isTrusted = { enabledCommands: HOVER_COMMANDS };
      if (c && ctx.lookup?.state === 'found') {
        const s = ctx.lookup.summary;
        const doc = documentRefOf(c, s, at.ref);
        const links = [
          commandLink(doc.versionId ? vscode.l10n.t('Open {0} (read-only)', doc.stage ?? shortId(doc.versionId)) : vscode.l10n.t('Open'), 'secretsManager.openSecret', { connectionId: c, name: s.name, arn: s.arn, versionId: doc.versionId, stage: doc.stage }),
          commandLink(vscode.l10n.t('Reveal in Secrets Manager view'), 'secretsManager.revealSecret', { connectionId: c, name: s.name }),
          commandLink(vscode.l10n.t('Find References'), 'secretsManager.findReferences', { connectionId: c, name: s.name, arn: s.arn }),
        ];
        md.appendMarkdown(`\n\n${links.join(' · ')}`);
      }
      return new vscode.Hover(md, range(document, at.part === 'secret' ? at.ref.secret.span : at.ref[at.part]!.span));
    });
  }

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Definition | undefined> {
    // l10n-ignore: the work's name in a log line
    return this.quietly('Go to Definition', async () => {
      const at = referenceAt(this.engine.refs(document), document.offsetAt(position));
      if (!at) return undefined;
      const ctx = await this.engine.context(document, at.ref);
      const c = ctx.resolution.connectionId;
      if (!c || ctx.lookup?.state !== 'found' || ctx.lookup.summary.deletedDate) return undefined;
      return new vscode.Location(this.uriOf(documentRefOf(c, ctx.lookup.summary, at.ref)), new vscode.Position(0, 0));
    });
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const infos = this.engine.connectionInfos();
    const scope = this.engine.scopeOf(document);
    const links: vscode.DocumentLink[] = [];
    for (const ref of this.engine.refs(document)) {
      const r = this.engine.resolve(document, ref, infos, scope);
      if (!r.connectionId) continue;
      const name = ref.arn ? ref.arn.nameIfComplete ?? ref.arn.resource : ref.secret.text;
      const target = vscode.Uri.parse(`command:secretsManager.revealSecret?${encodeURIComponent(JSON.stringify([{ connectionId: r.connectionId, name, arn: ref.arn ? ref.secret.text : undefined }]))}`);
      const link = new vscode.DocumentLink(range(document, ref.secret.span), target);
      link.tooltip = vscode.l10n.t('Reveal {0} in the Secrets Manager view (Go to Definition opens it)', name);
      links.push(link);
    }
    return links;
  }

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    return this.quietly('completion', async () => {
      if (!this.engine.applies(document)) return undefined;
      const offset = document.offsetAt(position);
      const slot = completionSlot(document.getText(), offset, document.languageId, document.fileName, this.engine.refs(document));
      if (!slot) return undefined;
      const replace = range(document, slot.replace);
      if (slot.kind === 'keyword') return [item('SecretString', vscode.CompletionItemKind.Keyword, replace, vscode.l10n.t('The only part CloudFormation reads from a secret'))];
      if (slot.kind === 'name') return this.names(document, slot, replace);
      return this.parts(document, slot, replace);
    });
  }

  private async names(document: vscode.TextDocument, slot: Slot, replace: vscode.Range): Promise<vscode.CompletionItem[]> {
    const r = this.engine.resolve(document, { arn: slot.arn });
    if (!r.connectionId) return [];
    const directory = this.engine.directory;
    let known = directory.names(r.connectionId);
    // From the already-paged list; when the view has loaded nothing, or nothing of it fits what is
    // typed, one ListSecrets filtered by that prefix (once per prefix while the cache lasts).
    if (!this.engine.viewLoaded(r.connectionId) || !known.some((s) => s.name.startsWith(slot.typed) && s.name !== slot.typed)) {
      await directory.search(r.connectionId, slot.typed);
      known = directory.names(r.connectionId);
    }
    return known
      .filter((s) => !s.deletedDate && (!slot.arnForm || s.arn))
      .map((s) => {
        const i = item(s.name, vscode.CompletionItemKind.Reference, replace, s.description, slot.arnForm ? resourceOf(s.arn) : s.name);
        i.documentation = new vscode.MarkdownString(vscode.l10n.t('Secret in {0}{1}. Labels: {2}.', this.engine.connectionInfos().find((c) => c.id === r.connectionId)?.label ?? r.connectionId, s.lastChangedDate ? vscode.l10n.t(', last changed {0}', s.lastChangedDate.toISOString().slice(0, 10)) : '', labelsOf(s).join(', ') || vscode.l10n.t('none')));
        i.filterText = slot.arnForm ? resourceOf(s.arn) : s.name;
        return i;
      });
  }

  private async parts(document: vscode.TextDocument, slot: Slot, replace: vscode.Range): Promise<vscode.CompletionItem[]> {
    const secret = slot.secret;
    if (!secret) return [];
    const r = this.engine.resolve(document, { arn: secret.arn, region: secret.region });
    const c = r.connectionId;
    if (!c) return [];
    const lookup = (await this.engine.directory.lookup(c, [{ id: secret.id, arn: secret.arn }])).get(secret.id);
    if (lookup?.state !== 'found') return [];
    const s = lookup.summary;
    if (slot.kind === 'stage') {
      const labels = [...new Set([...labelsOf(s), ...STANDARD_STAGES])];
      const items = labels.map((l) => {
        const holder = holderOf(s.versionsToStages, l);
        return item(l, vscode.CompletionItemKind.EnumMember, replace, holder ? vscode.l10n.t('on version {0}', shortId(holder)) : vscode.l10n.t('no version has it now'));
      });
      if (slot.versionForm === 'externalSecret') {
        for (const [id, l] of Object.entries(s.versionsToStages)) items.push(item(`uuid/${id}`, vscode.CompletionItemKind.Value, replace, l.join(', ')));
      }
      return items;
    }
    if (slot.kind === 'versionId') {
      return Object.entries(s.versionsToStages).map(([id, l]) => item(id, vscode.CompletionItemKind.Value, replace, l.join(', ') || vscode.l10n.t('no label')));
    }
    // JSON keys: only where the user lets key checks read values (one GetSecretValue, names kept 5 minutes).
    if (!this.engine.keysAllowed(c)) return [];
    const names = await this.engine.keys.load(c, s.arn || s.name, { versionId: secret.versionId, versionStage: secret.versionStage });
    if (names.state !== 'keys') return [];
    const all = secret.keyIsPath ? [...names.keys, ...names.paths] : names.keys;
    return all.map((k, i) => {
      const key = item(k, vscode.CompletionItemKind.Field, replace, vscode.l10n.t('key of {0}', s.name));
      key.sortText = String(i).padStart(4, '0'); // in the secret's own order
      return key;
    });
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const shown = this.engine.shownFor(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'Secrets Manager') continue;
      const s = shown.find((x) => x.diagnostic === diagnostic || (x.diagnostic.range.isEqual(diagnostic.range) && x.diagnostic.message === diagnostic.message));
      for (const fix of s?.finding.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        if ('edit' in fix) {
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, range(document, fix.edit.span), fix.edit.text);
          action.isPreferred = fix.preferred;
        } else action.command = { title: fix.title, command: fix.command, arguments: [...fix.args] };
        actions.push(action);
      }
    }
    return actions;
  }
}

function item(label: string, kind: vscode.CompletionItemKind, replace: vscode.Range, detail?: string, insert = label): vscode.CompletionItem {
  const i = new vscode.CompletionItem(label, kind);
  i.range = replace;
  i.insertText = insert;
  i.detail = detail;
  return i;
}
