import { Router, type Request, type Response } from 'express';
import { AppError } from '#platform/http/errors.js';
import { field } from '#platform/http/forms.js';
import type { I18n } from '#platform/i18n/index.js';
import { auditContext, authorize, type User } from '#modules/accounts/index.js';
import { ORDER_STATUSES, type OrderStatus } from '#modules/ordering/ordering.types.js';
import type { OrderDetail, OrdersService } from '#modules/ordering/orders.service.js';
import { orderDetailView, orderSummaryView } from '#modules/ordering/ordering.view-models.js';
import { ORDER_NUMBER } from '#modules/ordering/reference.js';
import { DOCUMENTS, EXPORTS, sendDocument, sendExport, type TraceRecordOf } from '#modules/ordering/ordering.router.js';
import type { Clock } from '#platform/clock.js';
import { scaledToDecimalString } from '#platform/decimal.js';
import { sendShippingLabels } from '#modules/fulfilment/shipping-labels.js';

const coordinator = authorize({ who: ['coordinator'] });

/** /admin/orders…: every order, its routing with the engine's reasons, status, payment and papers. */
/** The lots an open allocation may be moved to (fulfilment provides them). */
type OverrideOptions = (allocationId: number) => Promise<{ id: number; lot_code: string; member_id: number; available: number | string }[]>;

export function createAdminOrdersRouter({
  orders,
  i18n,
  traceRecord,
  publicUrl,
  clock,
  fulfilment,
}: {
  orders: OrdersService;
  i18n: I18n;
  traceRecord: TraceRecordOf;
  publicUrl: string;
  clock: Clock;
  fulfilment: { overrideOptions: OverrideOptions };
}): Router {
  const router = Router();
  const ctx = (res: Response) => ({ t: res.locals.t, fmt: res.locals.fmt, lng: res.locals.lng as string });

  async function orderOf(req: Request): Promise<OrderDetail> {
    const number = String(req.params.number);
    const order = ORDER_NUMBER.test(number) ? await orders.byNumber(number) : undefined;
    if (!order) throw new AppError('not_found');
    return order;
  }

  router.get('/orders', coordinator, async (req, res) => {
    const asked = field(req.query, 'status');
    const status = (ORDER_STATUSES as readonly string[]).includes(asked) ? asked : undefined;
    const before = Number(field(req.query, 'before')) || undefined;
    const list = await orders.list({ status, beforeId: before }, 50);
    res.render('ordering/admin-orders', {
      orders: list.map((o) => ({ ...orderSummaryView(o, ctx(res)), href: `/admin/orders/${o.number}`, buyer: o.buyer.name })),
      statuses: ORDER_STATUSES,
      status: status ?? '',
      next: list.length === 50 ? list[list.length - 1]!.id : undefined,
    });
  });

  router.get('/orders/:number', coordinator, async (req, res) => {
    const order = await orderOf(req);
    const { t, fmt } = ctx(res);
    const view = orderDetailView(order, ctx(res), orders.bankDetailsFor(order));
    res.render('ordering/admin-order-show', {
      o: view,
      buyer: order.buyer,
      paymentStatus: order.paymentStatus,
      next: orders.nextStatuses(order).map((s) => ({ value: s, label: t(`ordering:action.${s}`) })),
      routing: await Promise.all(order.lines.map(async (l) => ({
        name: l.productName,
        allocations: await Promise.all(order.allocations
          .filter((a) => a.lineId === l.id)
          .map(async (a) => ({
            id: a.id,
            options: ['proposed', 'accepted'].includes(a.status)
              ? (await fulfilment.overrideOptions(a.id)).map((c) => ({ value: String(c.id), label: `${c.lot_code} · ${fmt.measure(BigInt(c.available), l.unitDecimals, l.unit)}` }))
              : [],
            lot: a.lotCode,
            member: a.memberName,
            quantity: fmt.measure(a.quantity, l.unitDecimals, l.unit),
            plain: scaledToDecimalString(a.quantity, l.unitDecimals),
            status: t(`ordering:allocationStatus.${a.status}`),
            reason: t(`allocation:reason.${a.reason.code}`, a.reason.params),
            received: a.receivedQuantity !== null ? fmt.measure(a.receivedQuantity, l.unitDecimals, l.unit) : '',
          }))),
      }))),
    });
  });

  router.post('/orders/:number/status', coordinator, async (req, res) => {
    const order = await orderOf(req);
    const to = field(req.body, 'to');
    if (!(ORDER_STATUSES as readonly string[]).includes(to)) throw new AppError('bad_request');
    await orders.transition(order.number, to as OrderStatus, { userId: (req.user as User).id, role: 'coordinator' }, auditContext(req), {
      carrier: field(req.body, 'carrier').trim(),
      trackingNumber: field(req.body, 'trackingNumber').trim(),
      note: field(req.body, 'note').trim(),
    });
    req.session.flash = 'ordering:order.statusChanged';
    res.redirect(303, `/admin/orders/${order.number}`);
  });

  router.post('/orders/:number/paid', coordinator, async (req, res) => {
    const order = await orderOf(req);
    await orders.markPaid(order.number, (req.user as User).id, auditContext(req));
    req.session.flash = 'ordering:order.paidFlash';
    res.redirect(303, `/admin/orders/${order.number}`);
  });

  router.get('/orders/:number/:document', coordinator, async (req, res) => {
    const name = String(req.params.document);
    if (EXPORTS.includes(name)) return sendExport(res, await orderOf(req), name, { traceRecord, publicUrl, clock });
    if (name === 'shipping-labels.pdf') return sendShippingLabels(res, orders, i18n, await orderOf(req), publicUrl);
    const kind = DOCUMENTS[name];
    if (!kind) throw new AppError('not_found');
    await sendDocument(res, orders, i18n, await orderOf(req), kind);
  });

  return router;
}
