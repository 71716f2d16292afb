import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInstance, type i18n as I18n, type Resource } from 'i18next';
import { fallbackChain, namespaces, supportedLocales } from './locales.ts';

export * from './locales.ts';

const localesFolder = fileURLToPath(new URL('../locales', import.meta.url));

/** Every locale's resources read from disk (servers and tests; the web app bundles them with Vite). */
export function loadResources(): Resource {
  const resources: Resource = {};
  for (const locale of readdirSync(localesFolder)) {
    resources[locale] = {};
    for (const file of readdirSync(`${localesFolder}/${locale}`).filter((name) => name.endsWith('.json'))) {
      resources[locale]![file.replace(/\.json$/, '')] = JSON.parse(readFileSync(`${localesFolder}/${locale}/${file}`, 'utf8'));
    }
  }
  return resources;
}

let serverI18n: I18n | undefined;

/** A shared i18next instance for server-side labels (contact-type tree); initialised once, synchronously. */
export function serverTranslator(): I18n {
  if (!serverI18n) {
    serverI18n = createInstance();
    void serverI18n.init({
      initAsync: false,
      resources: loadResources(),
      supportedLngs: [...supportedLocales],
      ns: [...namespaces],
      fallbackLng: (code) => fallbackChain(code),
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return serverI18n;
}
