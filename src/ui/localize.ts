// Localization of the strings of src/model and src/aws, which cannot import `vscode`: they call
// l10n.t from @vscode/l10n, and this hands that package the bundle VS Code loaded for the display
// language (l10n/bundle.l10n.<locale>.json; none for English, whose strings are the code's own).
// extension.ts imports this module first: VS Code loads the bundle before it loads the extension's
// code, and module-level strings of the model (button titles) are evaluated as the bundle loads.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';

if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
