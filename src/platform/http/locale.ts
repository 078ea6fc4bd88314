import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { i18n as I18n, TFunction } from 'i18next';
import { formatterFor } from '#platform/i18n/format.js';
import { LOCALES, isLocale, textDirection, type Locale } from '#platform/i18n/locales.js';
import { negotiateLocale } from '#platform/i18n/negotiate.js';
import { readCookie } from '#platform/http/cookies.js';

export const LOCALE_COOKIE = 'lng';
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** The Set-Cookie value that remembers a visitor's language (also sent by the page cache's front door). */
export function localeCookieHeader(lng: Locale, now = Date.now()): string {
  return `${LOCALE_COOKIE}=${lng}; Max-Age=${ONE_YEAR_MS / 1000}; Path=/; Expires=${new Date(now + ONE_YEAR_MS).toUTCString()}; HttpOnly; SameSite=Lax`;
}

export interface Alternate {
  lng: Locale;
  href: string;
  label: string;
  current: boolean;
}

export interface LocaleDeps {
  i18n: I18n;
  defaultLocale: Locale;
  publicUrl: string;
}

export function createLocaleSupport({ i18n, defaultLocale, publicUrl }: LocaleDeps) {
  const fixed = new Map<Locale, TFunction>(LOCALES.map((l) => [l, i18n.getFixedT(l)]));
  // Each language's own name, for the language switcher on every page: looked up once, on first use.
  let names: Map<Locale, string> | undefined;
  const languageName = (l: Locale) => (names ??= new Map(LOCALES.map((x) => [x, (fixed.get(x) as TFunction)('common:languageName')]))).get(l)!;

  function negotiate(req: Request): Locale {
    return negotiateLocale(
      { cookie: readCookie(req.headers.cookie, LOCALE_COOKIE), acceptLanguage: req.get('accept-language') },
      defaultLocale,
    );
  }

  /** Puts the page's language toolkit on res.locals; `rest` is the path after the locale. */
  function apply(res: Response, lng: Locale, rest: string): void {
    const t = fixed.get(lng) as TFunction;
    const alternates: Alternate[] = LOCALES.map((l) => ({
      lng: l,
      href: `/${l}${rest}`,
      label: languageName(l),
      current: l === lng,
    }));
    Object.assign(res.locals, {
      lng,
      dir: textDirection(lng),
      t,
      fmt: formatterFor(lng),
      page: { alternates, canonical: `${publicUrl}/${lng}${rest}`, xDefault: `${publicUrl}/`, publicUrl },
    });
  }

  /**
   * Runs first for every request, so that even an early error page speaks the reader's language:
   * the URL's locale prefix when there is one, else the negotiated language.
   */
  const negotiated: RequestHandler = (req, res, next) => {
    const [, first = '', ...rest] = req.path.split('/');
    if (isLocale(first)) apply(res, first, `/${rest.join('/')}`);
    else apply(res, negotiate(req), '/');
    next();
  };

  /** `/` picks a language (cookie, Accept-Language, default) and redirects to it. */
  const rootRedirect: RequestHandler = (req, res) => {
    res.setHeader('Vary', 'Accept-Language, Cookie');
    res.setHeader('Cache-Control', 'private, no-cache');
    res.redirect(302, `/${negotiate(req)}/`);
  };

  /** A router for `/:lng/...`; anything that is not an enabled locale falls through to 404. */
  function localized(): Router {
    const router = Router({ mergeParams: true });
    router.use((req, res, next) => {
      const raw = (req.params as { lng?: string }).lng ?? '';
      if (!isLocale(raw)) {
        const canonical = LOCALES.find((l) => l.toLowerCase() === raw.toLowerCase());
        if (canonical) return res.redirect(301, `/${canonical}${req.url}`);
        return next('router');
      }
      if (req.method === 'GET' && req.baseUrl === `/${raw}` && req.originalUrl.split('?')[0] === `/${raw}`) {
        return res.redirect(301, `/${raw}/`);
      }
      apply(res, raw, req.path);
      if (readCookie(req.headers.cookie, LOCALE_COOKIE) !== raw) {
        res.append('Set-Cookie', localeCookieHeader(raw));
      }
      next();
    });
    return router;
  }

  /** Pages outside the storefront (/admin, /member) speak the signed-in user's language. */
  const forUser: RequestHandler = (req, res, next) => {
    const lng = (req.user as { locale?: unknown } | undefined)?.locale;
    if (isLocale(lng)) apply(res, lng, '/');
    next();
  };

  return { negotiate, negotiated, rootRedirect, localized, forUser };
}
