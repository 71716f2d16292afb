import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResources } from '@meridian/i18n';
import { describe, expect, it } from 'vitest';

const sourceDir = fileURLToPath(new URL('../src', import.meta.url));
const uiNamespaces = ['app', 'records', 'customers', 'lead', 'hq', 'admin'];
const english = loadResources()['en-GB']!;

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.(ts|tsx)$/.test(entry.name)
        ? [{ file: join(dir, entry.name), text: readFileSync(join(dir, entry.name), 'utf8') }]
        : [],
  );
}

function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const files = sources(sourceDir);

/** Every key a file asks for literally — t('x'), t('ns:x'), or a 'ns.key'-shaped literal handed to t later — with its namespace. */
function literalKeys() {
  const used: Array<{ namespace: string; key: string; file: string }> = [];
  const prefixes: Array<{ namespace: string; prefix: string }> = [];
  for (const { file, text } of files) {
    const defaultNamespace = /useTranslation\('([a-zA-Z]+)'\)/.exec(text)?.[1] ?? 'app';
    const split = (raw: string) => (raw.includes(':') ? { namespace: raw.split(':')[0]!, key: raw.split(':')[1]! } : { namespace: defaultNamespace, key: raw });
    for (const match of text.matchAll(/\bt\(\s*'([^']+)'/g)) used.push({ ...split(match[1]!), file });
    for (const match of text.matchAll(/labelKey: '([^']+)'/g)) used.push({ ...split(match[1]!), file });
    for (const match of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) {
      const { namespace, key } = split(match[1]!);
      prefixes.push({ namespace, prefix: key });
    }
  }
  return { used, prefixes };
}

describe('translation keys of the web app', () => {
  const { used, prefixes } = literalKeys();

  it('asks only for keys that exist in British English', () => {
    const known = (namespace: string, key: string) => {
      const paths = keyPaths(english[namespace]).map((path) => path.replace(pluralSuffix, ''));
      return paths.includes(key);
    };
    const missing = used.filter(({ namespace, key }) => english[namespace] && !known(namespace, key)).map(({ namespace, key, file }) => `${namespace}:${key} (${file.replace(sourceDir, 'src')})`);
    expect(missing).toEqual([]);
  });

  it('has no unused keys in its own namespaces', () => {
    const unused = uiNamespaces.flatMap((namespace) =>
      [...new Set(keyPaths(english[namespace]).map((path) => path.replace(pluralSuffix, '')))]
        .filter((key) => !used.some((entry) => entry.namespace === namespace && entry.key === key))
        .filter((key) => !prefixes.some((entry) => entry.namespace === namespace && key.startsWith(entry.prefix)))
        .map((key) => `${namespace}:${key}`),
    );
    expect(unused).toEqual([]);
  });
});
