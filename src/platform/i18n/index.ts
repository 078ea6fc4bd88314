import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import FsBackend from 'i18next-fs-backend';
import path from 'node:path';
import { paths } from '#platform/paths.js';
import { LOCALES, NAMESPACES, type Locale } from '#platform/i18n/locales.js';

export type { I18n, TFunction };
export * from '#platform/i18n/locales.js';

/** One i18next instance per app, loaded synchronously from locales/<lng>/<ns>.json. */
export function createI18n(defaultLocale: Locale, localesDir = paths.locales): I18n {
  const instance = i18next.createInstance();
  void instance.use(FsBackend).init({
    initAsync: false,
    supportedLngs: [...LOCALES],
    preload: [...LOCALES],
    lng: defaultLocale,
    fallbackLng: defaultLocale,
    ns: [...NAMESPACES],
    defaultNS: 'common',
    load: 'currentOnly',
    returnNull: false,
    interpolation: { escapeValue: false }, // EJS escapes on output
    backend: { loadPath: path.join(localesDir, '{{lng}}', '{{ns}}.json') },
  });
  return instance;
}
