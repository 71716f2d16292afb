/**
 * Converts the OpenSanctions/rigour legal-form list (shared/datasets/legal-forms/org_types.yml, MIT,
 * see data/LEGAL-FORMS-LICENSE) into the compact alias list the normaliser loads at run time.
 * Run again when the upstream list changes: `npm run legal-forms:import -w @meridian/names`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { foldForComparison } from '../src/fold.ts';

const source = process.argv[2] ?? fileURLToPath(new URL('../../../../shared/datasets/legal-forms/org_types.yml', import.meta.url));
const target = fileURLToPath(new URL('../data/legal-forms.json', import.meta.url));

interface OrgType { display?: string; compare?: string; generic?: string; aliases?: string[] }
const { types } = parse(readFileSync(source, 'utf8')) as { types: OrgType[] };

const aliases = new Set<string>();
for (const type of types) {
  for (const alias of [type.display, type.compare, ...(type.aliases ?? [])]) {
    if (!alias) continue;
    const folded = foldForComparison(alias);
    // Single Latin letters ("a", "s") would eat real name words; keep them out.
    if (folded.replace(/\s/g, '').length < 2) continue;
    aliases.add(folded);
  }
}
const sorted = [...aliases].sort((a, b) => b.length - a.length || a.localeCompare(b));
writeFileSync(target, JSON.stringify({ source: 'opensanctions/rigour resources/names/org_types.yml', aliases: sorted }, null, 0) + '\n');
console.log(`wrote ${sorted.length} legal-form aliases to ${target}`);
