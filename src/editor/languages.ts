// The languages of secret documents. They are the extension's own (JSON secrets use the JSON
// grammar) so that the manifest can turn auto-save, final-newline and whitespace trimming and
// format-on-save off for them with language-specific configurationDefaults: auto-save must never
// publish, and an explicit save must publish exactly what the user sees. Since that takes the
// JSON language server away, this module gives JSON secrets what matters from it: syntax
// errors as diagnostics (positions only, never text) and Format Document.
import * as vscode from 'vscode';
import { parseJson, printJson, type DocumentFormat } from '../model/format';
import { SECRET_SCHEME } from '../model/secretUri';
import type { SecretFileSystem } from './secretFileSystem';

export const LANGUAGE_OF: Record<DocumentFormat, string> = {
  json: 'secretsmanager-json',
  text: 'secretsmanager-text',
  binary: 'secretsmanager-base64',
};

const SECRET_LANGUAGES = new Set(Object.values(LANGUAGE_OF));

export function isSecretLanguage(languageId: string): boolean {
  return SECRET_LANGUAGES.has(languageId);
}

/**
 * Gives secret documents the language of their format, once per document: a user's later choice
 * (e.g. Plain Text) is kept. One per editor, made by registerEditor (src/editor/index.ts), which
 * forgets a document when it closes.
 */
export class SecretLanguages {
  /** Documents whose language was set once. */
  private readonly applied = new Set<string>();

  constructor(private readonly fs: SecretFileSystem) {}

  async apply(document: vscode.TextDocument): Promise<vscode.TextDocument> {
    if (document.uri.scheme !== SECRET_SCHEME) return document;
    const doc = this.fs.get(document.uri);
    if (!doc || this.applied.has(document.uri.toString())) return document;
    this.applied.add(document.uri.toString());
    const wanted = LANGUAGE_OF[doc.format];
    // Documents open as secretsmanager-text (manifest filenamePatterns "* (AWSCURRENT)", ...) or
    // plaintext; anything else was chosen by the user.
    if (document.languageId !== wanted && (document.languageId === 'plaintext' || document.languageId === LANGUAGE_OF.text)) {
      return vscode.languages.setTextDocumentLanguage(document, wanted);
    }
    return document;
  }

  forget(uri: vscode.Uri): void {
    this.applied.delete(uri.toString());
  }
}

export function registerJsonSupport(indent: () => number): vscode.Disposable[] {
  const diagnostics = vscode.languages.createDiagnosticCollection('secretsManager.json');
  const timers = new Map<string, NodeJS.Timeout>();
  const check = (document: vscode.TextDocument) => {
    if (document.uri.scheme !== SECRET_SCHEME) return;
    if (document.languageId !== LANGUAGE_OF.json) {
      diagnostics.delete(document.uri);
      return;
    }
    const text = document.getText();
    const r = text.trim() === '' ? undefined : parseJson(text);
    if (!r || r.ok) {
      diagnostics.delete(document.uri);
      return;
    }
    const start = document.positionAt(r.error.offset);
    const end = r.error.offset < text.length ? document.positionAt(r.error.offset + 1) : start;
    const d = new vscode.Diagnostic(new vscode.Range(start, end), r.error.message, vscode.DiagnosticSeverity.Error);
    d.source = 'Secrets Manager';
    diagnostics.set(document.uri, [d]);
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      check(document);
    }, 200));
  };
  for (const d of vscode.workspace.textDocuments) check(d);
  return [
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      clearTimeout(timers.get(d.uri.toString()));
      diagnostics.delete(d.uri);
    }),
    vscode.languages.registerDocumentFormattingEditProvider({ language: LANGUAGE_OF.json }, {
      provideDocumentFormattingEdits(document, options) {
        const r = parseJson(document.getText());
        if (!r.ok) return [];
        const size = options.insertSpaces ? options.tabSize : indent();
        const full = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
        return [vscode.TextEdit.replace(full, printJson(r.node, size))];
      },
    }),
  ];
}
