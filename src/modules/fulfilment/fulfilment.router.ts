import { Router, type Request, type Response } from 'express';
import { scaledToDecimalString } from '#platform/decimal.js';
import { AppError } from '#platform/http/errors.js';
import { field, formValues } from '#platform/http/forms.js';
import type { Settings } from '#platform/settings/index.js';
import { auditContext, authorize, type User } from '#modules/accounts/index.js';
import { quantityText } from '#modules/catalog/storefront.view-models.js';
import type { TraceActor } from '#modules/traceability/traceability.service.js';
import { DISCREPANCIES, type FulfilmentService } from '#modules/fulfilment/fulfilment.service.js';
import type { WorkRow } from '#modules/fulfilment/fulfilment.queries.js';
import { PERIOD, type MemberStatement, type PeriodStatement, type SettlementService } from '#modules/fulfilment/settlement.service.js';
import { statementPdf } from '#modules/fulfilment/statement-pdf.js';

const member = authorize({ who: ['member'] });
const ownAllocation = authorize({ who: ['member'], owner: 'member' });
const coordinator = authorize({ who: ['coordinator'] });

export interface FulfilmentRouterDeps {
  fulfilment: FulfilmentService;
  settlement: SettlementService;
  settings: Settings;
}

const actorOf = (req: Request): TraceActor => ({ userId: (req.user as User).id, label: (req.user as User).displayName, ctx: auditContext(req) });
const allocationParam = (req: Request) => {
  const id = Number(req.params.allocationId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('not_found');
  return id;
};

function workView(r: WorkRow & { due?: string | null }, res: Response) {
  const { t, fmt } = res.locals;
  const unit = { unit: r.unit, unitDecimals: r.unit_decimals, netWeightG: r.net_weight_g };
  return {
    id: r.id,
    order: r.order_number,
    lot: r.lot_code,
    member: r.member_name,
    product: r.product_name,
    quantity: quantityText(BigInt(r.quantity), unit, fmt, t),
    plainQuantity: scaledToDecimalString(BigInt(r.quantity), r.unit_decimals),
    decimals: r.unit_decimals,
    destination: fmt.country(r.destination_country),
    status: r.status,
    statusLabel: t(`ordering:allocationStatus.${r.status}`),
    reason: t(`allocation:reason.${r.reason_code}`, JSON.parse(r.reason_params) as Record<string, string>),
    due: r.due ? fmt.dateTime(r.due) : '',
    dueDay: r.due ? fmt.date(r.due) : r.accepted_at ? fmt.date(r.accepted_at) : fmt.date(r.created_at),
    received: r.received_quantity !== null && r.received_quantity !== undefined ? quantityText(BigInt(r.received_quantity), unit, fmt, t) : '',
    discrepancy: r.discrepancy ? t(`fulfilment:discrepancy.${r.discrepancy}`) : '',
  };
}

/** Groups rows by a key, keeping first-seen order. */
function groupBy<T>(rows: T[], key: (r: T) => string): { key: string; rows: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups].map(([k, rs]) => ({ key: k, rows: rs }));
}

function statementView(s: PeriodStatement, res: Response) {
  const { fmt } = res.locals;
  const money = (m: bigint) => fmt.money(m, s.currency);
  return {
    period: s.period,
    totals: { revenue: money(s.revenueMinor), commission: money(s.commissionMinor), fees: money(s.feesMinor), payout: money(s.payoutMinor) },
    members: s.members.map((m) => ({
      id: m.memberId,
      name: m.memberName,
      deliveries: m.totals.deliveries,
      revenue: money(m.totals.revenueMinor),
      commission: money(m.totals.commissionMinor),
      fees: money(m.totals.feesMinor),
      payout: money(m.totals.payoutMinor),
      paid: m.paid ? fmt.dateTime(m.paid.at) : '',
      paidNote: m.paid?.note ?? '',
      lines: m.lines.map((l) => ({
        order: l.orderNumber,
        lot: l.lotCode,
        product: l.productName,
        delivered: fmt.measure(l.delivered, l.unitDecimals, l.unit),
        revenue: money(l.revenueMinor),
        commission: money(l.commissionMinor),
        fee: money(l.feeMinor),
        payout: money(l.payoutMinor),
        discrepancy: l.discrepancy,
      })),
    })),
  };
}

function periodOf(req: Request, settlement: SettlementService): string {
  const asked = field(req.query, 'period');
  return PERIOD.test(asked) ? asked : settlement.currentPeriod();
}

/** The month asked for a PDF: the current one when none is given, 400 for one that is not YYYY-MM. */
function pdfPeriodOf(req: Request, settlement: SettlementService): string {
  const asked = field(req.query, 'period');
  if (!asked) return settlement.currentPeriod();
  if (!PERIOD.test(asked)) throw new AppError('bad_request');
  return asked;
}

/** Sends one member's statement as a PDF in the reader's language. */
async function sendStatementPdf(res: Response, statement: MemberStatement, settings: Settings): Promise<void> {
  const { legalName, address, taxId } = settings.get('coop.seller');
  const pdf = await statementPdf(statement, { legalName, address, taxId }, res.locals.t, res.locals.fmt);
  res.type('application/pdf').attachment(`statement-${statement.period}-${statement.memberId}.pdf`).send(pdf);
}

/** /member/work…, /member/statements… — a member's routed work and statements. */
export function createMemberFulfilmentRouter({ fulfilment, settlement, settings }: FulfilmentRouterDeps): Router {
  const router = Router();
  const memberId = (req: Request) => (req.user as User).memberId!;

  router.get('/work', member, async (req, res) => {
    const rows = (await fulfilment.memberWork(memberId(req), res.locals.lng)).map((r) => workView(r, res));
    const hub = settings.get('shop.hub').name;
    res.render('fulfilment/member-work', {
      hub,
      toAccept: groupBy(rows.filter((r) => r.status === 'proposed'), (r) => r.dueDay),
      toDeliver: groupBy(rows.filter((r) => r.status === 'accepted'), (r) => r.dueDay),
      delivered: rows.filter((r) => r.status === 'delivered'),
      errors: {},
    });
  });
  router.post('/work/:allocationId/accept', ownAllocation, async (req, res) => {
    await fulfilment.accept(memberId(req), allocationParam(req), auditContext(req));
    req.session.flash = 'fulfilment:work.accepted';
    res.redirect(303, '/member/work');
  });
  router.post('/work/:allocationId/decline', ownAllocation, async (req, res) => {
    await fulfilment.decline(memberId(req), allocationParam(req), field(req.body, 'reason'), auditContext(req));
    req.session.flash = 'fulfilment:work.declined';
    res.redirect(303, '/member/work');
  });
  router.post('/work/:allocationId/delivered', ownAllocation, async (req, res) => {
    await fulfilment.markDelivered(memberId(req), allocationParam(req), actorOf(req));
    req.session.flash = 'fulfilment:work.deliveredFlash';
    res.redirect(303, '/member/work');
  });

  router.get('/statements', member, async (req, res) => {
    const period = periodOf(req, settlement);
    const statement = statementView(await settlement.compute(period, memberId(req)), res);
    res.render('fulfilment/member-statements', { ...statement, csvHref: `/member/statements.csv?period=${period}`, pdfHref: `/member/statements.pdf?period=${period}` });
  });
  router.get('/statements.csv', member, async (req, res) => {
    const period = periodOf(req, settlement);
    res.type('text/csv; charset=utf-8').attachment(`statement-${period}.csv`).send(settlement.csv(await settlement.compute(period, memberId(req))));
  });
  router.get('/statements.pdf', member, async (req, res) => {
    const period = pdfPeriodOf(req, settlement);
    const statement = (await settlement.compute(period, memberId(req))).members[0];
    if (!statement) throw new AppError('not_found'); // a member still pending has no statements
    await sendStatementPdf(res, statement, settings);
  });
  return router;
}

/** /admin/hub…, /admin/statements…, allocation overrides — the coordinator's side. */
export function createAdminFulfilmentRouter({ fulfilment, settlement, settings }: FulfilmentRouterDeps): Router {
  const router = Router();

  async function hubPage(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const lot = field(req.query, 'lot').trim().toUpperCase().slice(0, 20) || String(extra.lot ?? '');
    const found = lot ? (await fulfilment.hubLookup(lot, res.locals.lng)).map((r) => workView(r, res)) : [];
    const awaiting = (await fulfilment.awaitingAtHub(res.locals.lng)).map((r) => workView(r, res));
    res.status(status).render('fulfilment/hub', { lot, found, awaiting: groupBy(awaiting, (r) => r.order), discrepancies: DISCREPANCIES, errors: {}, values: {}, ...extra });
  }

  router.get('/hub', coordinator, async (req, res) => hubPage(req, res));
  router.post('/hub/:allocationId/receive', coordinator, async (req, res) => {
    const values = formValues(req.body, ['quantity', 'discrepancy', 'note', 'lot']);
    try {
      await fulfilment.receive(allocationParam(req), values, actorOf(req));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      return hubPage(req, res, { lot: values.lot.toUpperCase().slice(0, 20), errors: err.fields, values, failedId: allocationParam(req), formError: err.messageKey }, 422);
    }
    req.session.flash = 'fulfilment:hub.received';
    res.redirect(303, `/admin/hub${values.lot ? `?lot=${encodeURIComponent(values.lot.toUpperCase().slice(0, 20))}` : ''}`);
  });

  router.post('/orders/:number/allocations/:allocationId/override', coordinator, async (req, res) => {
    const batchId = Number(field(req.body, 'batchId'));
    if (!Number.isSafeInteger(batchId) || batchId <= 0) throw new AppError('validation', 'errors:validation.message', {}, { batchId: 'fulfilment:error.lot' });
    await fulfilment.override(allocationParam(req), batchId, auditContext(req));
    req.session.flash = 'fulfilment:override.done';
    res.redirect(303, `/admin/orders/${encodeURIComponent(String(req.params.number))}`);
  });

  router.post('/allocations/expire', coordinator, async (req, res) => {
    await fulfilment.expireOverdue(auditContext(req));
    req.session.flash = 'fulfilment:hub.expired';
    res.redirect(303, '/admin/hub');
  });

  router.get('/statements', coordinator, async (req, res) => {
    const period = periodOf(req, settlement);
    res.render('fulfilment/admin-statements', { ...statementView(await settlement.compute(period), res), csvHref: `/admin/statements.csv?period=${period}`, open: period >= settlement.currentPeriod() });
  });
  router.get('/statements.csv', coordinator, async (req, res) => {
    const period = periodOf(req, settlement);
    res.type('text/csv; charset=utf-8').attachment(`statements-${period}.csv`).send(settlement.csv(await settlement.compute(period)));
  });
  router.get('/statements.pdf', coordinator, async (req, res) => {
    const period = pdfPeriodOf(req, settlement);
    const asked = field(req.query, 'member');
    if (!asked) throw new AppError('bad_request');
    const memberId = /^\d{1,15}$/.test(asked) ? Number(asked) : 0;
    if (memberId <= 0) throw new AppError('not_found');
    const statement = (await settlement.compute(period, memberId)).members[0];
    // Members without deliveries in the month (and never paid for it) have no statement for it.
    if (!statement || (statement.lines.length === 0 && !statement.paid)) throw new AppError('not_found');
    await sendStatementPdf(res, statement, settings);
  });
  router.post('/statements/:memberId/paid', coordinator, async (req, res) => {
    const memberId = Number(req.params.memberId);
    const period = field(req.body, 'period');
    if (!Number.isSafeInteger(memberId) || memberId <= 0 || !PERIOD.test(period)) throw new AppError('bad_request');
    await settlement.markPaid(memberId, period, { userId: (req.user as User).id, note: field(req.body, 'note') }, auditContext(req));
    req.session.flash = 'fulfilment:statements.paid';
    res.redirect(303, `/admin/statements?period=${period}`);
  });
  return router;
}
