import { Router, type Request, type Response } from 'express';
import { scaledToDecimalString } from '#platform/decimal.js';
import { AppError } from '#platform/http/errors.js';
import { field } from '#platform/http/forms.js';
import { readCookie } from '#platform/http/cookies.js';
import { LOCALES } from '#platform/i18n/locales.js';
import type { Settings } from '#platform/settings/index.js';
import { anyone, type AccountsService } from '#modules/accounts/index.js';
import type { MembersService } from '#modules/members/index.js';
import { displayCurrency } from '#modules/catalog/pricing.js';
import { SORTS, type Sort, type StorefrontService } from '#modules/catalog/storefront.service.js';
import { listingView, productView } from '#modules/catalog/storefront.view-models.js';

export interface StorefrontRouterDeps {
  storefront: StorefrontService;
  settings: Settings;
  accounts: AccountsService;
  /** Lots on offer for a product, each with a trace page (traceability provides it). */
  lotsOnOffer?: (productId: number) => Promise<{ lotCode: string; producedOn: string; memberName: string }[]>;
}

const CURRENCY_COOKIE = 'cur';

/** /{lng}/products, /{lng}/products/:slug — public. */
export function createStorefrontRouter({ storefront, settings, accounts, lotsOnOffer }: StorefrontRouterDeps): Router {
  const router = Router();

  /** The reader's choice (?currency=, remembered in a cookie), else a signed-in buyer's own. */
  const currencyFor = async (req: Request, res: Response) => {
    const asked = field(req.query, 'currency').toUpperCase();
    if (/^[A-Z]{3}$/.test(asked)) res.cookie(CURRENCY_COOKIE, asked, { maxAge: 365 * 86_400_000, sameSite: 'lax', httpOnly: true, path: '/' });
    const buyer = req.user?.buyerId ? await accounts.buyer(req.user.buyerId) : undefined;
    const wanted = asked || readCookie(req.headers.cookie, CURRENCY_COOKIE) || buyer?.displayCurrency;
    return displayCurrency(settings, wanted, settings.get('coop.baseCurrency'));
  };

  router.get('/products', anyone, async (req, res) => {
    const { lng } = res.locals;
    const str = (k: string, max = 80) => field(req.query, k).slice(0, max);
    const filters = {
      category: str('category') || undefined,
      member: str('member') || undefined,
      country: /^[A-Z]{2}$/.test(str('country')) ? str('country') : undefined,
      region: str('region') || undefined,
      certification: str('certification') || undefined,
      inStock: str('stock') === '1',
    };
    const q = str('q', 200);
    const sortAsked = str('sort') as Sort;
    const sort: Sort = SORTS.includes(sortAsked) ? sortAsked : q ? 'relevance' : 'featured';
    const [result, facets] = await Promise.all([storefront.list(lng, { filters, sort, q, cursor: str('after', 100) || undefined }), storefront.facets(lng)]);
    res.render('catalog/products-index', listingView({ result, facets, filters, q, sort, query: req.query, res, shown: await currencyFor(req, res), settings }));
  });

  router.get('/products/:slug', anyone, async (req, res) => {
    const product = await storefront.detail(String(req.params.slug), res.locals.lng);
    if (!product) throw new AppError('not_found');
    const lots = lotsOnOffer ? await lotsOnOffer(product.id) : [];
    res.render('catalog/product-show', {
      ...productView({ product, res, shown: await currencyFor(req, res), settings }),
      buy: product.status === 'active' ? { productId: product.id, qty: scaledToDecimalString(product.moq, product.unitDecimals), decimals: product.unitDecimals } : undefined,
      lots: lots.map((l) => ({ ...l, href: `/${res.locals.lng}/trace/${encodeURIComponent(l.lotCode)}`, producedOn: res.locals.fmt.date(`${l.producedOn}T12:00:00Z`) })),
    });
  });
  return router;
}

/** /sitemap.xml: every product and member page in every locale. */
export function createSitemapRouter({ storefront, members, publicUrl }: { storefront: StorefrontService; members: MembersService; publicUrl: string }): Router {
  const router = Router();
  router.get('/sitemap.xml', anyone, async (_req, res) => {
    const slugs = await storefront.allSlugs();
    const memberSlugs = (await members.listActive('en', 10_000)).map((m) => m.slug);
    const paths = ['/', '/products', ...slugs.map((s) => `/products/${s}`), ...memberSlugs.map((s) => `/members/${s}`)];
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const urls = paths.map((p) => {
      const alternates = LOCALES.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${esc(`${publicUrl}/${l}${p}`)}"/>`).join('');
      return LOCALES.map((l) => `<url><loc>${esc(`${publicUrl}/${l}${p}`)}</loc>${alternates}</url>`).join('\n');
    });
    res.type('application/xml').send(
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`,
    );
  });
  return router;
}
