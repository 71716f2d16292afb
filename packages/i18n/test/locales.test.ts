import { describe, expect, it } from 'vitest';
import { fallbackChain, loadResources, namespaces, resolveLocale, serverTranslator, supportedLocales, textDirection } from '../src/index.ts';

const resources = loadResources();

function keyPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;

/** Key paths with plural forms folded into their base key (each language has its own set of forms). */
function baseKeys(paths: string[]): string[] {
  return [...new Set(paths.map((path) => path.replace(pluralSuffix, '')))].sort();
}

/** For each plural key, the forms a locale provides, e.g. { 'outbox': ['one', 'other'] }. */
function pluralForms(paths: string[]): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const path of paths) {
    const match = pluralSuffix.exec(path);
    if (match) forms.set(path.replace(pluralSuffix, ''), [...(forms.get(path.replace(pluralSuffix, '')) ?? []), match[1]!].sort());
  }
  return forms;
}

describe('locale completeness', () => {
  it('has a folder for exactly the supported locales', () => {
    expect(Object.keys(resources).sort()).toEqual([...supportedLocales].sort());
  });

  for (const locale of supportedLocales) {
    for (const namespace of namespaces) {
      it(`${locale}/${namespace} has exactly the keys of en-GB, with this language's plural forms, none empty`, () => {
        const reference = keyPaths(resources['en-GB']![namespace]);
        const translated = resources[locale]?.[namespace];
        const paths = keyPaths(translated);
        expect(baseKeys(paths)).toEqual(baseKeys(reference));
        const categories = [...new Intl.PluralRules(locale).resolvedOptions().pluralCategories].sort();
        for (const [key, forms] of pluralForms(paths)) expect(forms, `${locale}/${namespace}:${key}`).toEqual(categories);
        for (const key of pluralForms(reference).keys()) expect(pluralForms(paths).has(key), `${locale}/${namespace}:${key} plural`).toBe(true);
        for (const path of paths) {
          const text = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], translated);
          expect(typeof text === 'string' && text.trim().length > 0, `${locale}/${namespace}:${path}`).toBe(true);
        }
      });
    }
  }
});

describe('locale resolution', () => {
  it('never lets a Hong Kong user fall back to Simplified Chinese', () => {
    expect(fallbackChain('zh-HK')).not.toContain('zh-CN');
    expect(resolveLocale('zh-TW')).toBe('zh-HK');
    expect(resolveLocale('zh-SG')).toBe('zh-CN');
  });

  it('maps regional variants to a supported locale', () => {
    expect(resolveLocale('en-US')).toBe('en-GB');
    expect(resolveLocale('ar-AE')).toBe('ar');
    expect(resolveLocale('fr-CA')).toBe('fr');
    expect(resolveLocale('sw')).toBe('en-GB');
  });

  it('knows Arabic is right-to-left', () => {
    expect(textDirection('ar-AE')).toBe('rtl');
    expect(textDirection('zh-HK')).toBe('ltr');
  });

  it('translates a contact type on the server in the asked locale', () => {
    const t = serverTranslator().getFixedT('zh-HK', 'contactTypes');
    expect(t('complaint.label')).not.toBe('Complaint');
    expect(serverTranslator().getFixedT('en-GB', 'contactTypes')('complaint.label')).toBe('Complaint');
  });
});
