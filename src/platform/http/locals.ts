import type { TFunction } from 'i18next';
import type { Formatter } from '#platform/i18n/format.js';
import type { Locale } from '#platform/i18n/locales.js';
import type { Alternate } from '#platform/http/locale.js';

/** The fixed toolkit every template receives, besides its own view model. */
export interface PageLocals {
  lng: Locale;
  dir: 'ltr' | 'rtl';
  t: TFunction;
  fmt: Formatter;
  page: { alternates: Alternate[]; canonical: string; xDefault: string; publicUrl: string };
  coopName: string;
  asset: (file: string) => string;
  /** Call only in forms: it creates the session that holds the token. */
  csrfToken: () => string;
  user: { displayName: string; role: string } | undefined;
  /** A translation key for a one-time notice after a redirect. */
  flash: string | undefined;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Locals extends PageLocals {}
  }
}
