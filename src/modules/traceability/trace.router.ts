import { withoutOtherOrders } from '#modules/traceability/trace-record.js';
import { Router, type Request, type Response } from 'express';
import type { Clock } from '#platform/clock.js';
import { AppError } from '#platform/http/errors.js';
import type { Locale } from '#platform/i18n/locales.js';
import { anyone, authorize, may } from '#modules/accounts/index.js';
import { normalizeGtin } from '#modules/catalog/index.js';
import { epcisDocument } from '#modules/traceability/exports/epcis.js';
import { eudrGeoJson } from '#modules/traceability/exports/eudr.js';
import { fsmaCsv } from '#modules/traceability/exports/fsma.js';
import { qrSvg } from '#modules/traceability/qr.js';
import { siteMap } from '#modules/traceability/site-map.js';
import { traceView } from '#modules/traceability/trace.view-models.js';
import type { TraceRecord } from '#modules/traceability/traceability.rows.js';
import { LOT_CODE } from '#modules/traceability/traceability.schemas.js';

export interface TraceRouterDeps {
  traceRecord: (lot: string, lng: Locale) => Promise<TraceRecord | undefined>;
  clock: Clock;
  publicUrl: string;
  negotiate: (req: Request) => Locale;
}

const lotParam = (req: Request) => {
  const lot = decodeURIComponent(String(req.params.lot)).toUpperCase();
  if (!LOT_CODE.test(lot)) throw new AppError('not_found');
  return lot;
};

/** The URL a QR code carries: the GS1 Digital Link when the product has a GTIN, else /trace/{lot}. */
export function traceUrl(publicUrl: string, lot: string, gtin: string | null): string {
  return gtin ? `${publicUrl}/01/${gtin}/10/${encodeURIComponent(lot)}` : `${publicUrl}/trace/${encodeURIComponent(lot)}`;
}

/** Public proof of origin: /{lng}/trace/:lot, the QR and Digital Link entry points, and the exports. */
export function createTraceRouters({ traceRecord, clock, publicUrl, negotiate }: TraceRouterDeps) {
  const plain = Router();
  const localized = Router();
  const find = async (lot: string, lng: Locale) => {
    const record = await traceRecord(lot, lng);
    if (!record) throw new AppError('not_found');
    return record;
  };
  /** The record as the public sees it: no order numbers. */
  const findPublic = async (lot: string, lng: Locale) => withoutOtherOrders(await find(lot, lng));
  const canExport = (req: Request, r: TraceRecord) => may(req.user, 'read', { type: 'member', memberId: r.member.id });

  plain.get('/trace/:lot', anyone, (req, res) => {
    res.setHeader('Vary', 'Accept-Language, Cookie');
    res.redirect(302, `/${negotiate(req)}/trace/${encodeURIComponent(lotParam(req))}`);
  });
  plain.get('/01/:gtin/10/:lot', anyone, async (req, res) => {
    const lot = lotParam(req);
    const gtin = String(req.params.gtin);
    const record = /^\d{8,14}$/.test(gtin) ? await traceRecord(lot, 'en') : undefined;
    if (!record || record.product.gtin !== normalizeGtin(gtin)) throw new AppError('not_found');
    res.setHeader('Vary', 'Accept-Language, Cookie');
    res.redirect(302, `/${negotiate(req)}/trace/${encodeURIComponent(lot)}`);
  });
  plain.get('/trace/:lot/epcis.json', anyone, async (req, res) => {
    const record = await findPublic(lotParam(req), 'en');
    res.type('application/ld+json').send(JSON.stringify(epcisDocument([record], { publicUrl, createdAt: clock.nowIso() }), null, 2));
  });
  plain.get('/trace/:lot/qr.svg', anyone, async (req, res) => {
    const record = await find(lotParam(req), 'en');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('image/svg+xml').send(await qrSvg(traceUrl(publicUrl, record.batch.lotCode, record.product.gtin)));
  });
  const owner = authorize({ who: ['coordinator', 'member'], owner: 'member' });
  plain.get('/trace/:lot/eudr.geojson', owner, async (req, res) => {
    const record = await find(lotParam(req), 'en');
    if (!canExport(req, record)) throw new AppError('not_found');
    res.type('application/geo+json').attachment(`${record.batch.lotCode}-eudr.geojson`).send(eudrGeoJson([record]).text);
  });
  plain.get('/trace/:lot/fsma.csv', owner, async (req, res) => {
    const record = await find(lotParam(req), 'en');
    if (!canExport(req, record)) throw new AppError('not_found');
    res.type('text/csv; charset=utf-8').attachment(`${record.batch.lotCode}-fsma204.csv`).send(fsmaCsv([record], { publicUrl }));
  });

  localized.get('/trace/:lot', anyone, async (req, res: Response) => {
    const { lng, t, fmt } = res.locals;
    const record = await findPublic(lotParam(req), lng);
    const map = record.sites.length ? siteMap(record.sites) : undefined;
    res.render('traceability/trace-show', {
      ...traceView(record, map, lng, t, fmt),
      qrHref: `/trace/${encodeURIComponent(record.batch.lotCode)}/qr.svg`,
      epcisHref: `/trace/${encodeURIComponent(record.batch.lotCode)}/epcis.json`,
      canExport: canExport(req, record),
      canRecall: req.user?.role === 'coordinator' && record.batch.status !== 'recalled',
      productHref: `/${lng}/products/${record.product.slug}`,
      memberHref: `/${lng}/members/${record.member.slug}`,
    });
  });
  return { plain, localized };
}
