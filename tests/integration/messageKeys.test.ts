import { messageKeys } from '@meridian/domain';
import { loadResources, supportedLocales } from '@meridian/i18n';
import { describe, expect, it } from 'vitest';

describe('error message keys', () => {
  const resources = loadResources();
  it.each([...supportedLocales])('every key the API can return has a %s translation', (locale) => {
    const errors = resources[locale]!.errors as Record<string, string>;
    const missing = Object.values(messageKeys).filter((key) => !errors[key.replace(/^errors\./, '')]);
    expect(missing).toEqual([]);
  });
});
