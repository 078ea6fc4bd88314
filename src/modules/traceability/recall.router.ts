import { Router } from 'express';
import { field } from '#platform/http/forms.js';
import type { Settings } from '#platform/settings/index.js';
import { AppError } from '#platform/http/errors.js';
import type { Locale } from '#platform/i18n/locales.js';
import type { AuditContext } from '#platform/audit/index.js';
import { auditContext, authorize } from '#modules/accounts/index.js';
import { fsmaRows, fsmaSheet, type FsmaRow } from '#modules/traceability/exports/fsma.js';
import type { TraceRecord } from '#modules/traceability/traceability.rows.js';
import type { TraceabilityService } from '#modules/traceability/traceability.service.js';

export interface TraceAdminDeps {
  traceability: TraceabilityService;
  settings: Settings;
  traceRecord: (lot: string, lng: Locale) => Promise<TraceRecord | undefined>;
  publicUrl: string;
  /** What ordering does after a recall: re-route open allocations, notify the buyers, list the orders. */
  afterRecall: (lot: string, reason: string, ctx: AuditContext) => Promise<unknown>;
  affectedOrders: (lot: string) => Promise<{ orders: AffectedOrderRow[] }>;
}

export interface AffectedOrderRow {
  number: string;
  status: string;
  buyerName: string;
  destination: string;
  lots: { lotCode: string; allocationStatus: string }[];
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Trace records loaded together by the date-range export. */
const RECORDS_AT_ONCE = 50;

/**
 * /admin/lots/:lot/recall — the coordinator stops a lot (and what was made from it) at once;
 * /admin/exports/fsma.csv?from=&to= — FSMA 204 records of every lot with events in a date range.
 */
export function createRecallRouter({ traceability, settings, traceRecord, publicUrl, afterRecall, affectedOrders }: TraceAdminDeps): Router {
  const router = Router();
  router.get('/exports/fsma.csv', authorize({ who: ['coordinator'] }), async (req, res) => {
    const from = field(req.query, 'from');
    const to = field(req.query, 'to');
    if (!DAY.test(from) || !DAY.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)) || from > to) throw new AppError('bad_request');
    const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString();
    const lots = await traceability.lotsWithEventsBetween(`${from}T00:00:00.000Z`, end);
    // A few lots' records at a time, keeping only their rows: loading every lot of a long range at
    // once held hundreds of megabytes (2,000 lots: 320 MB resident instead of 140).
    const rows: FsmaRow[] = [];
    for (let i = 0; i < lots.length; i += RECORDS_AT_ONCE) {
      const records = (await Promise.all(lots.slice(i, i + RECORDS_AT_ONCE).map((l) => traceRecord(l, 'en')))).filter((r) => r !== undefined);
      // Only the events inside the range: a sortable sheet of what happened then.
      const inRange = records.map((r) => ({ ...r, events: r.events.filter((e) => e.occurredAt >= `${from}T00:00:00.000Z` && e.occurredAt < end) }));
      rows.push(...fsmaRows(inRange, { publicUrl }));
    }
    res.type('text/csv; charset=utf-8').attachment(`fsma204-${from}-${to}.csv`).send(fsmaSheet(rows));
  });
  router.post('/lots/:lot/recall', authorize({ who: ['coordinator'] }), async (req, res) => {
    const lot = String(req.params.lot).toUpperCase();
    const lots = await traceability.recall(
      lot,
      { reason: field(req.body, 'reason'), includeDescendants: field(req.body, 'descendants') === 'on', tzOffset: settings.get('coop.tzOffset') },
      { userId: req.user!.id, label: req.user!.displayName, ctx: auditContext(req) },
    );
    if (lots.length) await afterRecall(lot, field(req.body, 'reason').trim().slice(0, 2000), auditContext(req));
    req.session.flash = lots.length ? 'traceability:recall.done' : 'traceability:recall.already';
    res.redirect(303, `/admin/lots/${encodeURIComponent(lot)}/affected`);
  });
  // The recall's list: every order that received the lot or a lot made from it, and its buyer.
  router.get('/lots/:lot/affected', authorize({ who: ['coordinator'] }), async (req, res) => {
    const lot = String(req.params.lot).toUpperCase();
    const batch = await traceability.byLot(lot);
    if (!batch) throw new AppError('not_found');
    const { orders } = await affectedOrders(lot);
    res.render('traceability/recall-affected', { lot, status: batch.status, traceHref: `/${res.locals.lng}/trace/${encodeURIComponent(lot)}`, orders });
  });
  return router;
}
