import { Router, type Request, type Response } from 'express';
import { AppError } from '#platform/http/errors.js';
import { field, renderInvalid } from '#platform/http/forms.js';
import { LOCALES } from '#platform/i18n/locales.js';
import type { Settings } from '#platform/settings/index.js';
import { uploadFields } from '#platform/uploads/multer.js';
import { auditContext, authorize } from '#modules/accounts/index.js';
import type { CatalogService } from '#modules/catalog/catalog.service.js';
import { UNITS } from '#modules/catalog/catalog.schemas.js';
import { formFromBody, formFromProduct, parseProductForm, TIER_ROWS, type ProductFormValues } from '#modules/catalog/product-form.js';
import type { StorefrontService } from '#modules/catalog/storefront.service.js';

export interface EditorDeps {
  catalog: CatalogService;
  storefront: StorefrontService;
  settings: Settings;
}

const memberUser = authorize({ who: ['member'] });
const coordinator = authorize({ who: ['coordinator'] });
const STATUSES = ['proposed', 'active', 'retired'] as const;

async function formVm(catalog: CatalogService, res: Response, values: ProductFormValues, extra: object = {}) {
  return {
    values,
    errors: {},
    categories: (await catalog.categories(res.locals.lng)).map((c) => ({ value: c.slug, label: c.name })),
    units: UNITS.map((u) => ({ value: u, label: res.locals.t(`catalog:unitName.${u}`) })),
    locales: LOCALES,
    tierRows: TIER_ROWS,
    ...extra,
  };
}

/** Parses the editor form, saves through `save`, re-renders with the input and errors when refused. */
async function handleSave(req: Request, res: Response, view: string, catalog: CatalogService, currency: string, save: (input: Record<string, unknown>, tiers: { minQty: bigint; priceMinor: bigint }[]) => Promise<unknown>, extra: object) {
  const values = formFromBody(req.body);
  const parsed = parseProductForm(values, currency);
  try {
    if (Object.keys(parsed.errors).length) throw new AppError('validation', 'errors:validation.message', {}, parsed.errors);
    await save(parsed.input, parsed.tiers);
    return true;
  } catch (err) {
    if (err instanceof AppError && err.fields.priceMinor) err.fields.price = err.fields.priceMinor;
    renderInvalid(res, view, await formVm(catalog, res, values, extra), err);
    return false;
  }
}

/** /member/products: what the member supplies, and proposals of new products. */
export function createMemberCatalogRouter({ catalog, settings }: EditorDeps): Router {
  const router = Router();
  const memberOf = (req: Request) => req.user!.memberId!;

  router.get('/products', memberUser, async (req, res) => {
    const [all, supplied] = await Promise.all([catalog.listForEditor(res.locals.lng), catalog.supplyOf(memberOf(req))]);
    res.render('catalog/member-products', { products: all.filter((p) => p.status === 'active' || supplied.includes(p.id)), supplied });
  });
  router.post('/products/supply', memberUser, async (req, res) => {
    const raw = (req.body as Record<string, unknown>)?.product;
    const ids = (Array.isArray(raw) ? raw : [raw]).map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    const active = new Set((await catalog.listForEditor(res.locals.lng, 'active')).map((p) => p.id));
    await catalog.setSupply(memberOf(req), ids.filter((id) => active.has(id)), auditContext(req));
    req.session.flash = 'catalog:editor.supplySaved';
    res.redirect(303, '/member/products');
  });

  router.get('/products/new', memberUser, async (_req, res) => res.render('catalog/product-form', await formVm(catalog, res, { unit: 'kg' }, { mode: 'propose' })));
  router.post('/products/new', memberUser, uploadFields([{ name: 'photo', maxCount: 1 }]), async (req, res) => {
    const photo = (req.files as Record<string, Express.Multer.File[]> | undefined)?.photo?.[0];
    const ok = await handleSave(req, res, 'catalog/product-form', catalog, settings.get('coop.baseCurrency'), async (input, tiers) => {
      const product = await catalog.propose(memberOf(req), input, tiers, auditContext(req));
      if (photo) await catalog.addImage(product.id, photo.buffer, memberOf(req));
    }, { mode: 'propose' });
    if (!ok) return;
    req.session.flash = 'catalog:editor.proposed';
    res.redirect(303, '/member/products');
  });
  return router;
}

/** /admin/products: the coordinator curates the shared catalog. */
export function createAdminCatalogRouter({ catalog, storefront }: EditorDeps): Router {
  const router = Router();
  const productOf = async (req: Request) => {
    const product = await catalog.byId(Number(req.params.productId) || 0);
    if (!product) throw new AppError('not_found');
    return product;
  };

  router.get('/products', coordinator, async (req, res) => {
    const status = STATUSES.find((s) => s === field(req.query, 'status'));
    res.render('catalog/admin-products', { products: await catalog.listForEditor(res.locals.lng, status), status: status ?? '', statuses: STATUSES, locales: LOCALES });
  });
  router.get('/products/:productId', coordinator, async (req, res) => {
    const product = await productOf(req);
    const detail = (await storefront.detail(product.slug, res.locals.lng, { includeInactive: true }))!;
    const values = formFromProduct(detail, await catalog.translations(product.id), detail.categorySlug);
    res.render('catalog/product-form', await formVm(catalog, res, values, { mode: 'edit', product }));
  });
  router.post('/products/:productId', coordinator, uploadFields([{ name: 'photo', maxCount: 1 }]), async (req, res) => {
    const product = await productOf(req);
    const photo = (req.files as Record<string, Express.Multer.File[]> | undefined)?.photo?.[0];
    const ok = await handleSave(req, res, 'catalog/product-form', catalog, product.currency, async (input, tiers) => {
      await catalog.update(product.id, input, tiers, auditContext(req));
      if (photo) await catalog.addImage(product.id, photo.buffer, null);
    }, { mode: 'edit', product });
    if (!ok) return;
    req.session.flash = 'catalog:editor.saved';
    res.redirect(303, `/admin/products/${product.id}`);
  });
  router.post('/products/:productId/status', coordinator, async (req, res) => {
    const product = await productOf(req);
    const status = STATUSES.find((s) => s === field(req.body, 'status'));
    if (!status) throw new AppError('bad_request');
    await catalog.setStatus(product.id, status, auditContext(req));
    res.redirect(303, `/admin/products?status=${status}`);
  });
  return router;
}
