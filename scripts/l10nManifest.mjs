// Moves the texts a user reads in package.json to package.nls.json, leaving `%key%` in their place,
// with the keys CONTRIBUTING.md describes (command.<id>.title, configuration.<setting>.description,
// view.<id>.name, viewsWelcome.<view>.<state>, walkthrough.<id>.step.<step>.title, ...). Texts
// already `%key%` are left alone, so it can be run again after a merge added literal ones; a key
// that exists with another text is an error (rename one). test/unit/l10n.test.ts fails while any
// text is left literal.
//   node scripts/l10nManifest.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PKG = join(ROOT, 'package.json');
const NLS = join(ROOT, 'package.nls.json');
const pkg = JSON.parse(readFileSync(PKG, 'utf8'));
const nls = existsSync(NLS) ? JSON.parse(readFileSync(NLS, 'utf8')) : {};
let moved = 0;

const put = (key, value) => {
  if (typeof value !== 'string' || /^%[^%]+%$/.test(value)) return value;
  if (key in nls && nls[key] !== value) throw new Error(`package.nls.json already has ${key} with another text: ${JSON.stringify(nls[key])}`);
  nls[key] = value;
  moved++;
  return `%${key}%`;
};
const short = (id) => id.replace(/^secretsManager\./, '');

pkg.displayName = put('displayName', pkg.displayName);
pkg.description = put('description', pkg.description);
const untrusted = pkg.capabilities?.untrustedWorkspaces;
if (untrusted?.description) untrusted.description = put('capabilities.untrustedWorkspaces.description', untrusted.description);
const c = pkg.contributes ?? {};
for (const list of Object.values(c.viewsContainers ?? {})) for (const v of list) v.title = put(`viewsContainer.${v.id}.title`, v.title);
for (const list of Object.values(c.views ?? {})) {
  for (const v of list) {
    v.name = put(`view.${short(v.id)}.name`, v.name);
    if (v.contextualTitle) v.contextualTitle = put(`view.${short(v.id)}.contextualTitle`, v.contextualTitle);
  }
}
for (const w of c.viewsWelcome ?? []) {
  const state = /secretsManager\.state == (\w+)/.exec(w.when ?? '')?.[1] ?? 'default';
  w.contents = put(`viewsWelcome.${short(w.view)}.${state}`, w.contents);
}
for (const cmd of c.commands ?? []) {
  cmd.title = put(`command.${short(cmd.command)}.title`, cmd.title);
  if (cmd.shortTitle) cmd.shortTitle = put(`command.${short(cmd.command)}.shortTitle`, cmd.shortTitle);
  if (cmd.category) cmd.category = put('command.category', cmd.category);
}
for (const s of c.submenus ?? []) s.label = put(`submenu.${short(s.id)}.label`, s.label);
for (const section of [c.configuration ?? []].flat()) {
  section.title = put('configuration.title', section.title);
  for (const [key, p] of Object.entries(section.properties ?? {})) {
    const k = `configuration.${short(key)}`;
    for (const f of ['description', 'markdownDescription', 'patternErrorMessage', 'deprecationMessage', 'markdownDeprecationMessage']) if (p[f]) p[f] = put(`${k}.${f}`, p[f]);
    for (const f of ['enumDescriptions', 'markdownEnumDescriptions']) if (p[f]) p[f] = p[f].map((d, i) => put(`${k}.${f}.${p.enum?.[i] ?? i}`, d));
    if (p.items?.enumDescriptions) p.items.enumDescriptions = p.items.enumDescriptions.map((d, i) => put(`${k}.items.enumDescriptions.${p.items.enum?.[i] ?? i}`, d));
  }
}
for (const l of c.languages ?? []) if (l.aliases) l.aliases = l.aliases.map((a, i) => put(`language.${l.id}.alias${i ? i : ''}`, a));
for (const w of c.walkthroughs ?? []) {
  w.title = put(`walkthrough.${w.id}.title`, w.title);
  w.description = put(`walkthrough.${w.id}.description`, w.description);
  for (const s of w.steps ?? []) {
    s.title = put(`walkthrough.${w.id}.step.${s.id}.title`, s.title);
    s.description = put(`walkthrough.${w.id}.step.${s.id}.description`, s.description);
    if (s.media?.altText) s.media.altText = put(`walkthrough.${w.id}.step.${s.id}.altText`, s.media.altText);
  }
}

writeFileSync(PKG, JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(NLS, JSON.stringify(nls, null, 2) + '\n');
console.log(`${moved} manifest texts moved to package.nls.json`);
