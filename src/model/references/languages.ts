// The file types references live in: language ids and file name patterns. Kept apart from the
// parsers so the main bundle can tell, without loading them, when a document needs them.
export const CODE_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go', 'java', 'kotlin', 'csharp', 'ruby', 'php', 'rust', 'scala', 'powershell']);
export const SHELL_LANGUAGES = new Set(['shellscript', 'dockerfile', 'makefile', 'bat']);

/** The language ids the reference features are registered for (besides the file patterns below). */
export const REFERENCE_LANGUAGES: readonly string[] = ['yaml', 'json', 'jsonc', 'terraform', 'hcl', ...CODE_LANGUAGES, ...SHELL_LANGUAGES];
/** Files whose language VS Code may not know without another extension (Terraform, templates). */
export const REFERENCE_FILE_PATTERNS: readonly string[] = ['**/*.{tf,tfvars,hcl,template}', '**/*.{yml,yaml}', '**/Dockerfile*', '**/*.sh'];
