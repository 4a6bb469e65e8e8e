// Which documents the reference features are for. Shared by startup (which loads the features'
// chunk when the first such document opens) and the features themselves.
import type * as vscode from 'vscode';
import { REFERENCE_FILE_PATTERNS, REFERENCE_LANGUAGES } from '../model/references/languages';

/** The documents the features are for: by language id, and by file name where VS Code may not know the language. */
export const REFERENCE_SELECTOR: vscode.DocumentSelector = [
  ...REFERENCE_LANGUAGES.map((language) => ({ language })),
  ...REFERENCE_FILE_PATTERNS.map((pattern) => ({ pattern })),
];

/** Where references are read: files on disk, untitled, remote and virtual workspaces; never a secret document. */
export const REFERENCE_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);
