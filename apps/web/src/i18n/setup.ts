import { fallbackChain, resolveLocale, supportedLocales, textDirection } from '@meridian/i18n/core';
import { createInstance, type i18n as I18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

/** UI namespaces (one per feature) plus the shared data namespaces the server also uses. */
export const webNamespaces = ['app', 'records', 'customers', 'lead', 'hq', 'admin', 'reviews', 'analytics', 'errors', 'taxonomy', 'contactTypes'] as const;

// Each locale's files load on demand: a Hong Kong user downloads Traditional Chinese (+ fallback) only.
const loaders = import.meta.glob<Record<string, unknown>>('../../../../packages/i18n/locales/*/*.json', { import: 'default' });

async function loadLocale(locale: string): Promise<Resource[string]> {
  const bundle: Resource[string] = {};
  await Promise.all(
    webNamespaces.map(async (namespace) => {
      const load = loaders[`../../../../packages/i18n/locales/${locale}/${namespace}.json`];
      if (load) bundle[namespace] = await load();
    }),
  );
  return bundle;
}

const preferenceKey = 'meridian.locale';

/** The host's locale wins, then what the user chose here, then the browser's languages, then en-GB. */
export function initialLocale(hostLocale: string | undefined): string {
  const chosen = typeof localStorage === 'undefined' ? null : localStorage.getItem(preferenceKey);
  const browser = typeof navigator === 'undefined' ? [] : navigator.languages;
  return resolveLocale(chosen ?? hostLocale ?? browser[0] ?? 'en-GB');
}

export function rememberLocale(locale: string) {
  localStorage.setItem(preferenceKey, locale);
}

export async function createWebI18n(locale: string): Promise<I18n> {
  const instance = createInstance();
  const chain = fallbackChain(locale);
  const resources: Resource = {};
  for (const lng of chain) resources[lng] = await loadLocale(lng);
  await instance.use(initReactI18next).init({
    lng: chain[0],
    fallbackLng: chain.slice(1),
    resources,
    ns: [...webNamespaces],
    defaultNS: 'app',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

/** Switches language, loading the new locale's files first so nothing flashes in English. */
export async function switchLocale(instance: I18n, locale: string): Promise<void> {
  for (const lng of fallbackChain(locale)) {
    if (!instance.hasResourceBundle(lng, 'app')) {
      const bundle = await loadLocale(lng);
      for (const [namespace, resources] of Object.entries(bundle)) instance.addResourceBundle(lng, namespace, resources, true, true);
    }
  }
  await instance.changeLanguage(fallbackChain(locale)[0]);
}

export { supportedLocales, textDirection };
