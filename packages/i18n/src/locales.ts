/** Locales with complete translations; a test keeps every one of them key-complete. */
export const supportedLocales = ['en-GB', 'zh-CN', 'zh-HK', 'ar', 'fr', 'de', 'es'] as const;
export type SupportedLocale = (typeof supportedLocales)[number];

export const namespaces = ['contactTypes', 'errors', 'taxonomy', 'app', 'records', 'customers', 'lead', 'hq', 'admin', 'reviews', 'analytics'] as const;

export const defaultLocale: SupportedLocale = 'en-GB';

// A Map, not an object literal: the requested code comes from callers, and "constructor" or "toString"
// must not find Object.prototype's members.
const explicitFallbacks = new Map<string, string[]>([
  ['zh-HK', ['zh-HK', 'zh-TW', 'zh-Hant', 'en-GB']],
  ['zh-MO', ['zh-HK', 'en-GB']],
  ['zh-TW', ['zh-HK', 'en-GB']],
  ['zh-Hant', ['zh-HK', 'en-GB']],
  ['zh-SG', ['zh-CN', 'en-GB']],
  ['zh-Hans', ['zh-CN', 'en-GB']],
  ['zh', ['zh-CN', 'en-GB']],
]);

/**
 * The locales to try, best first, for a requested one: an explicit chain for Chinese variants (so a
 * Hong Kong user never falls back to Simplified), else the language, else British English.
 */
export function fallbackChain(requested: string | undefined | null): string[] {
  const code = requested?.trim() || defaultLocale;
  const explicit = explicitFallbacks.get(code);
  if (explicit) return explicit.filter((locale) => (supportedLocales as readonly string[]).includes(locale));
  const chain = [code, code.split('-')[0]!];
  const supported = chain.filter((locale) => (supportedLocales as readonly string[]).includes(locale));
  const sameLanguage = supportedLocales.find((locale) => locale.split('-')[0] === code.split('-')[0]);
  return [...new Set([...supported, ...(sameLanguage ? [sameLanguage] : []), defaultLocale])];
}

/** The best supported locale for a request (e.g. `en-US` → `en-GB`, `zh-TW` → `zh-HK`, `ar-AE` → `ar`). */
export function resolveLocale(requested: string | undefined | null): SupportedLocale {
  return fallbackChain(requested)[0] as SupportedLocale;
}

export function textDirection(locale: string): 'rtl' | 'ltr' {
  return ['ar', 'he', 'fa', 'ur'].includes(locale.split('-')[0]!) ? 'rtl' : 'ltr';
}
