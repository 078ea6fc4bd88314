import { readFileSync } from 'node:fs';
import i18next, { type i18n as I18n, type Resource, type TFunction } from 'i18next';
import path from 'node:path';
import { paths } from '#platform/paths.js';
import { LOCALES, NAMESPACES, type Locale } from '#platform/i18n/locales.js';

export type { I18n, TFunction };
export * from '#platform/i18n/locales.js';

/**
 * Every locales/<lng>/<ns>.json, read at once. Plain JSON files need no backend: i18next-fs-backend
 * would also load JSON5, JSONC and YAML parsers at start. A missing file leaves its namespace
 * empty, as the backend did.
 */
function readResources(localesDir: string): Resource {
  const resources: Resource = {};
  for (const lng of LOCALES) {
    const bundle: Resource[string] = {};
    for (const ns of NAMESPACES) {
      let text: string;
      try {
        text = readFileSync(path.join(localesDir, lng, `${ns}.json`), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      bundle[ns] = JSON.parse(text.replace(/^\uFEFF/, '')) as Resource[string][string];
    }
    resources[lng] = bundle;
  }
  return resources;
}

/** One i18next instance per app, loaded synchronously from locales/<lng>/<ns>.json. */
export function createI18n(defaultLocale: Locale, localesDir = paths.locales): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: readResources(localesDir),
    supportedLngs: [...LOCALES],
    lng: defaultLocale,
    fallbackLng: defaultLocale,
    ns: [...NAMESPACES],
    defaultNS: 'common',
    load: 'currentOnly',
    returnNull: false,
    interpolation: { escapeValue: false }, // EJS escapes on output
  });
  return instance;
}
