import { Router } from 'express';
import { anyone } from '#modules/accounts/index.js';
import type { MembersService } from '#modules/members/index.js';
import type { Settings } from '#platform/settings/index.js';
import { memberCardView } from '#modules/catalog/catalog.view-models.js';
import type { StorefrontService } from '#modules/catalog/storefront.service.js';
import { listingView } from '#modules/catalog/storefront.view-models.js';

export interface CatalogRouterDeps {
  storefront: StorefrontService;
  members: MembersService;
  settings: Settings;
}

/** Storefront routes under /{lng}/. Reading the catalog is public: every visitor may. */
export function createCatalogRouter({ storefront, members, settings }: CatalogRouterDeps): Router {
  const router = Router();
  router.get('/', anyone, async (req, res) => {
    const { lng, fmt } = res.locals;
    const [result, memberList] = await Promise.all([
      storefront.list(lng, { filters: {}, sort: 'featured', q: '', cursor: undefined }),
      members.listActive(lng, 12),
    ]);
    const empty = { categories: [], members: [], countries: [], regions: [], certifications: [] };
    const listing = listingView({ result: { cards: result.cards.slice(0, 12), next: undefined }, facets: empty, filters: {}, q: '', sort: 'featured', query: req.query, res, shown: undefined, settings });
    res.render('catalog/home-index', { products: listing.cards, members: memberList.map((m) => memberCardView(m, lng, fmt)) });
  });
  return router;
}
