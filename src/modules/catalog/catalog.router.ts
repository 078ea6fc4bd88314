import { Router } from 'express';
import { anyone } from '#modules/accounts/index.js';
import type { MembersService } from '#modules/members/index.js';
import type { CatalogService } from '#modules/catalog/catalog.service.js';
import { memberCardView, productCardView, type HomeView } from '#modules/catalog/catalog.view-models.js';

export interface CatalogRouterDeps {
  catalog: CatalogService;
  members: MembersService;
}

/** Storefront routes under /{lng}/. Reading the catalog is public: every visitor may. */
export function createCatalogRouter({ catalog, members }: CatalogRouterDeps): Router {
  const router = Router();
  router.get('/', anyone, async (_req, res) => {
    const { lng, t, fmt } = res.locals;
    const [products, memberList] = await Promise.all([
      catalog.listCards(lng, { limit: 12 }),
      members.listActive(lng, 12),
    ]);
    const view: HomeView = {
      products: products.map((p) => productCardView(p, lng, t, fmt)),
      members: memberList.map((m) => memberCardView(m, lng, fmt)),
    };
    res.render('catalog/home-index', view);
  });
  return router;
}
