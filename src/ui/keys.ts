// Key names the extension's messages mention.

/** The key that saves, as the user's platform writes it: "Cmd+S" on macOS, else "Ctrl+S". */
export function saveKey(platform: NodeJS.Platform = process.platform): string {
  return platform === 'darwin' ? 'Cmd+S' : 'Ctrl+S';
}
