import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { AppError } from '#platform/http/errors.js';
import { readCookie } from '#platform/http/cookies.js';
import { field, formValues } from '#platform/http/forms.js';
import { formatterFor } from '#platform/i18n/format.js';
import { countryOptions } from '#platform/i18n/countries.js';
import { anyone, auditContext, authorize, type AccountsService, type Buyer, type User } from '#modules/accounts/index.js';
import type { CartRef, CartService } from '#modules/ordering/cart.service.js';
import { ShortageError, type CheckoutChoice, type CheckoutService } from '#modules/ordering/checkout.service.js';
import { orderDocumentPdf, type OrderDocumentKind } from '#modules/ordering/documents.js';
import type { OrderDetail, OrdersService } from '#modules/ordering/orders.service.js';
import { ORDER_NUMBER } from '#modules/ordering/reference.js';
import { cartView, orderDetailView, orderSummaryView, reviewView, shortageView } from '#modules/ordering/ordering.view-models.js';
import type { I18n, Locale } from '#platform/i18n/index.js';
import type { Clock } from '#platform/clock.js';
import { epcisDocument } from '#modules/traceability/exports/epcis.js';
import { eudrGeoJson } from '#modules/traceability/exports/eudr.js';
import { fsmaCsv } from '#modules/traceability/exports/fsma.js';
import type { TraceRecord } from '#modules/traceability/traceability.rows.js';
import { withoutOtherOrders } from '#modules/traceability/trace-record.js';

/** Reads a lot's trace record (traceability), for an order's EPCIS, EUDR and FSMA exports. */
export type TraceRecordOf = (lot: string, lng: Locale) => Promise<TraceRecord | undefined>;

export interface OrderingRouterDeps {
  cart: CartService;
  checkout: CheckoutService;
  orders: OrdersService;
  accounts: AccountsService;
  i18n: I18n;
  secureCookies: boolean;
  traceRecord: TraceRecordOf;
  publicUrl: string;
  clock: Clock;
}

export const CART_COOKIE = 'cart';
const buyers = authorize({ who: ['buyer'] });
const buyerOwns = authorize({ who: ['buyer'], owner: 'buyer' });
const CHOICE_FIELDS = ['addressId', 'shipping', 'incoterm', 'payment'] as const;
const ADDRESS_FIELDS = ['recipient', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'] as const;
export const DOCUMENTS: Record<string, OrderDocumentKind> = { 'proforma.pdf': 'proforma', 'invoice.pdf': 'invoice', 'packing-list.pdf': 'packingList' };

/** /{lng}/cart, /{lng}/checkout, /{lng}/account/orders… — buying. */
export function createOrderingRouter({ cart, checkout, orders, accounts, i18n, secureCookies, traceRecord, publicUrl, clock }: OrderingRouterDeps): Router {
  const router = Router();
  const ctx = (res: Response) => ({ t: res.locals.t, fmt: res.locals.fmt, lng: res.locals.lng as string });

  /** The signed-in buyer's cart, or the visitor's from the cookie; a visitor's cart joins the buyer's at first sight. */
  async function cartRef(req: Request, res: Response): Promise<CartRef> {
    const token = readCookie(req.headers.cookie, CART_COOKIE);
    const buyerId = req.user?.role === 'buyer' ? req.user.buyerId : null;
    if (buyerId && token) {
      await cart.merge(token, buyerId);
      res.clearCookie(CART_COOKIE, { path: '/' });
    }
    return buyerId ? { buyerId } : { token };
  }

  const rememberToken = (res: Response, token: string | undefined) => {
    if (token) res.cookie(CART_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies, path: '/', maxAge: 60 * 86_400_000 });
  };

  async function renderCart(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200, values: Record<string, string> = {}) {
    const contents = await cart.contents(await cartRef(req, res), res.locals.lng);
    res.status(status).render('ordering/cart', { ...cartView(contents, ctx(res), values), errors: {}, addError: undefined, shortage: [], formError: undefined, ...extra });
  }

  router.get('/cart', anyone, async (req, res) => renderCart(req, res));

  router.post('/cart/add', anyone, async (req, res) => {
    const productId = Number(field(req.body, 'productId'));
    const typed = field(req.body, 'qty').slice(0, 30);
    if (!Number.isSafeInteger(productId) || productId <= 0) throw new AppError('not_found', 'ordering:error.unknownProduct');
    try {
      const { token } = await cart.add(await cartRef(req, res), productId, typed);
      rememberToken(res, token);
      req.session.flash = 'ordering:cart.added';
      res.redirect(303, `/${res.locals.lng}/cart`);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      const name = await cart.productName(productId, res.locals.lng);
      await renderCart(req, res, { addError: { productId, name, qty: typed, message: err.fields.qty ?? err.messageKey } }, 422);
    }
  });

  router.post('/cart/update', anyone, async (req, res) => {
    const ref = await cartRef(req, res);
    const contents = await cart.contents(ref, res.locals.lng);
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const l of contents.lines) {
      const name = `qty_${l.productId}`;
      const typed = field(req.body, name).slice(0, 30).trim();
      values[name] = typed;
      if (typed === '' || typed === '0') {
        await cart.remove(ref, l.productId);
        continue;
      }
      try {
        await cart.update(ref, l.productId, typed);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'validation') throw err;
        errors[name] = err.fields.qty ?? err.messageKey;
      }
    }
    if (Object.keys(errors).length) return renderCart(req, res, { errors, formError: 'errors:validation.message' }, 422, values);
    req.session.flash = 'ordering:cart.updated';
    res.redirect(303, `/${res.locals.lng}/cart`);
  });

  router.post('/cart/remove', anyone, async (req, res) => {
    const productId = Number(field(req.body, 'productId'));
    if (Number.isSafeInteger(productId) && productId > 0) await cart.remove(await cartRef(req, res), productId);
    res.redirect(303, `/${res.locals.lng}/cart`);
  });

  // ---- checkout (buyers; visitors are sent to sign in or register and come back)

  const me = (req: Request) => req.user as User;
  async function buyerOf(req: Request): Promise<Buyer> {
    const buyer = me(req).buyerId ? await accounts.buyer(me(req).buyerId!) : undefined;
    if (!buyer) throw new AppError('forbidden');
    return buyer;
  }

  async function checkoutForm(req: Request, res: Response, values: Record<string, string>, errors: Record<string, string> = {}, status = 200, formError?: string) {
    const buyer = await buyerOf(req);
    await cartRef(req, res);
    const contents = await cart.contents({ buyerId: buyer.id }, res.locals.lng);
    if (contents.lines.length === 0) return res.redirect(303, `/${res.locals.lng}/cart`);
    const addresses = await accounts.addresses.list(buyer.id);
    const opts = checkout.options();
    res.status(status).render('ordering/checkout', {
      cart: cartView(contents, ctx(res)),
      addresses: addresses.map((a) => ({ id: String(a.id), text: [a.recipient, a.line1, a.city, res.locals.fmt.country(a.country)].filter(Boolean).join(', ') })),
      pickup: opts.pickup ? opts.hub : undefined,
      incoterms: opts.incoterms.map((i) => ({ value: i.code, label: i.place ? `${i.code} — ${i.place}` : res.locals.t(`ordering:incoterm.${i.code}`) })),
      countries: countryOptions(res.locals.lng),
      values: { shipping: 'delivery', payment: 'bank_transfer', addressId: addresses[0] ? String(addresses[0].id) : 'new', incoterm: opts.incoterms[0]?.code ?? '', ...values },
      errors,
      formError,
    });
  }

  router.get('/checkout', buyers, async (req, res) => checkoutForm(req, res, {}));

  router.post('/checkout/review', buyers, async (req, res) => {
    const buyer = await buyerOf(req);
    const choice: CheckoutChoice = formValues(req.body, CHOICE_FIELDS);
    const address = formValues(req.body, ADDRESS_FIELDS);
    const values = { ...choice, ...address };
    if (choice.shipping === 'delivery' && choice.addressId === 'new') {
      try {
        const added = await accounts.addresses.add(buyer.id, { ...address, label: '' }, auditContext(req));
        choice.addressId = String(added.id);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'validation') throw err;
        return checkoutForm(req, res, values, err.fields, 422, err.messageKey);
      }
    }
    try {
      const plan = await checkout.plan(me(req), buyer, choice, res.locals.lng);
      res.render('ordering/checkout-review', {
        ...reviewView(plan, ctx(res)),
        choice,
        idempotencyKey: randomBytes(18).toString('base64url'),
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation') return checkoutForm(req, res, values, err.fields, 422, err.messageKey);
      throw err;
    }
  });

  router.post('/checkout/place', buyers, async (req, res) => {
    const buyer = await buyerOf(req);
    const choice: CheckoutChoice = formValues(req.body, CHOICE_FIELDS);
    const input = { lng: res.locals.lng as string, idempotencyKey: field(req.body, 'idempotencyKey'), expectedTotal: field(req.body, 'expectedTotal') };
    try {
      const placed = await checkout.place(me(req), buyer, choice, input, auditContext(req));
      res.redirect(303, `/${res.locals.lng}/account/orders/${placed.number}${placed.replay ? '' : '?placed=1'}`);
    } catch (err) {
      if (err instanceof ShortageError) return renderCart(req, res, { shortage: shortageView(err.lines, ctx(res)) }, 409);
      if (err instanceof AppError && err.code === 'validation') return checkoutForm(req, res, { ...choice }, err.fields, 422, err.messageKey);
      if (err instanceof AppError && err.messageKey === 'ordering:error.totalChanged') return renderCart(req, res, { formError: err.messageKey }, 409);
      throw err;
    }
  });

  // ---- the buyer's orders

  async function ownOrder(req: Request): Promise<OrderDetail> {
    const number = String(req.params.number);
    const order = ORDER_NUMBER.test(number) ? await orders.byNumber(number) : undefined;
    // Another buyer's order is reported as missing, never as forbidden.
    if (!order || order.buyerId !== me(req).buyerId) throw new AppError('not_found');
    return order;
  }

  router.get('/account/orders', buyers, async (req, res) => {
    const list = await orders.listForBuyer(me(req).buyerId!);
    res.render('ordering/orders-index', { orders: list.map((o) => orderSummaryView(o, ctx(res))) });
  });

  router.get('/account/orders/:number', buyerOwns, async (req, res) => {
    const order = await ownOrder(req);
    res.render('ordering/order-show', { o: orderDetailView(order, ctx(res), orders.bankDetailsFor(order)), justPlaced: field(req.query, 'placed') === '1' });
  });

  router.post('/account/orders/:number/cancel', buyerOwns, async (req, res) => {
    const order = await ownOrder(req);
    await orders.transition(order.number, 'cancelled', { userId: me(req).id, role: 'buyer' }, auditContext(req));
    req.session.flash = 'ordering:order.cancelledFlash';
    res.redirect(303, `/${res.locals.lng}/account/orders/${order.number}`);
  });

  router.get('/account/orders/:number/:document', buyerOwns, async (req, res) => {
    const name = String(req.params.document);
    const order = await ownOrder(req);
    if (EXPORTS.includes(name)) return sendExport(res, order, name, { traceRecord, publicUrl, clock });
    const kind = DOCUMENTS[name];
    if (!kind) throw new AppError('not_found');
    await sendDocument(res, orders, i18n, order, kind);
  });

  return router;
}

export const EXPORTS = ['epcis.json', 'eudr.geojson', 'fsma.csv'];

/**
 * An order's traceability exports: the records of every lot it was (or is being) supplied from —
 * EPCIS 2.0 JSON-LD, EUDR GeoJSON of the plots, FSMA 204 critical tracking events.
 */
export async function sendExport(res: Response, order: OrderDetail, name: string, deps: { traceRecord: TraceRecordOf; publicUrl: string; clock: Clock }): Promise<void> {
  const lots = [...new Set(order.allocations.filter((a) => a.status !== 'declined' && a.status !== 'cancelled').map((a) => a.lotCode))].sort();
  const records = (await Promise.all(lots.map((lot) => deps.traceRecord(lot, 'en'))))
    .filter((r): r is TraceRecord => r !== undefined)
    .map((r) => withoutOtherOrders(r, order.number));
  if (name === 'epcis.json') {
    res.type('application/ld+json').attachment(`${order.number}-epcis.json`).send(JSON.stringify(epcisDocument(records, { publicUrl: deps.publicUrl, createdAt: deps.clock.nowIso() }), null, 2));
  } else if (name === 'eudr.geojson') {
    res.type('application/geo+json').attachment(`${order.number}-eudr.geojson`).send(eudrGeoJson(records).text);
  } else {
    res.type('text/csv; charset=utf-8').attachment(`${order.number}-fsma204.csv`).send(fsmaCsv(records, { publicUrl: deps.publicUrl }));
  }
}

/** Streams one of an order's PDFs in the page's language; the commercial invoice exists once shipped. */
export async function sendDocument(res: Response, orders: OrdersService, i18n: I18n, order: OrderDetail, kind: OrderDocumentKind): Promise<void> {
  if (kind === 'invoice' && order.status !== 'shipped' && order.status !== 'delivered') throw new AppError('not_found');
  const lng = res.locals.lng as Parameters<typeof formatterFor>[0];
  const pdf = await orderDocumentPdf(kind, orders.documentData(order, kind), i18n.getFixedT(lng), formatterFor(lng));
  res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="${order.number}-${kind}.pdf"`);
  res.send(pdf);
}
