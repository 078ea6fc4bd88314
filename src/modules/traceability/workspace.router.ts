import { Router, type Request, type Response } from 'express';
import { AppError } from '#platform/http/errors.js';
import { field, formValues, renderInvalid } from '#platform/http/forms.js';
import type { Settings } from '#platform/settings/index.js';
import { uploadFields } from '#platform/uploads/multer.js';
import { auditContext, authorize } from '#modules/accounts/index.js';
import type { CatalogService } from '#modules/catalog/index.js';
import type { MemberProfileService } from '#modules/members/index.js';
import type { TraceabilityService, TraceActor } from '#modules/traceability/traceability.service.js';
import { toTraceEvent } from '#modules/traceability/trace-record.js';
import { labelSheetPdf, type LabelData } from '#modules/traceability/labels.js';
import { traceUrl } from '#modules/traceability/trace.router.js';
import type { TraceRecord } from '#modules/traceability/traceability.rows.js';
import type { Locale } from '#platform/i18n/locales.js';

export interface BatchWorkspaceDeps {
  traceability: TraceabilityService;
  traceRecord: (lot: string, lng: Locale) => Promise<TraceRecord | undefined>;
  publicUrl: string;
  catalog: CatalogService;
  memberProfiles: MemberProfileService;
  settings: Settings;
}

const memberUser = authorize({ who: ['member'] });
const ownBatch = authorize({ who: ['member'], owner: 'member' });
/** What a member may record by hand; shipping and receiving are written by fulfilment. */
export const MEMBER_EVENT_TYPES = ['process', 'pack', 'store', 'test', 'ship_to_hub', 'correction'] as const;
const BATCH_FIELDS = ['productId', 'lotCode', 'siteId', 'producedOn', 'harvestTime', 'tzOffset', 'quantity', 'grade', 'bestBefore', 'status', 'note'] as const;
const EVENT_FIELDS = ['type', 'date', 'time', 'tzOffset', 'siteId', 'quantity', 'note', 'correctsEventId', 'attrKey0', 'attrValue0', 'attrKey1', 'attrValue1'] as const;

const photoOf = (req: Request) => (req.files as Record<string, Express.Multer.File[]> | undefined)?.photo?.[0];

/** /member/batches…: members record their lots and what happens to them, from a phone. */
export function createBatchWorkspaceRouter({ traceability, traceRecord, publicUrl, catalog, memberProfiles, settings }: BatchWorkspaceDeps): Router {
  const router = Router();
  const memberOf = (req: Request) => req.user!.memberId!;
  const actor = (req: Request): TraceActor => ({ userId: req.user!.id, label: req.user!.displayName, ctx: auditContext(req) });
  const ownedBatch = async (req: Request) => {
    const batch = await traceability.byId(Number(req.params.batchId) || 0);
    if (!batch || batch.member_id !== memberOf(req)) throw new AppError('not_found');
    return batch;
  };

  const newVm = async (req: Request, res: Response, values: Record<string, string>, extra: object = {}) => {
    const supplied = new Set(await catalog.supplyOf(memberOf(req)));
    const products = (await catalog.listForEditor(res.locals.lng, 'active')).filter((p) => supplied.has(p.id));
    const profile = (await memberProfiles.profileOf(memberOf(req), res.locals.lng))!;
    return {
      values,
      errors: {},
      products: products.map((p) => ({ value: String(p.id), label: p.name })),
      sites: profile.sites.map((s) => ({ value: String(s.id), label: s.name })),
      certifications: profile.certifications,
      ...extra,
    };
  };

  router.get('/batches', memberUser, async (req, res) => {
    const batches = await traceability.ofMember(memberOf(req));
    const names = new Map((await catalog.listForEditor(res.locals.lng)).map((p) => [p.id, p.name]));
    res.render('traceability/member-batches', { batches: batches.map((b) => ({ ...b, productName: names.get(b.product_id) ?? '' })) });
  });

  router.get('/batches/new', memberUser, async (req, res) => {
    const today = new Date().toISOString().slice(0, 10);
    res.render('traceability/member-batch-new', await newVm(req, res, { producedOn: today, harvestTime: '07:00', tzOffset: settings.get('coop.tzOffset'), status: 'available' }));
  });
  router.post('/batches/new', memberUser, uploadFields([{ name: 'photo', maxCount: 1 }]), async (req, res) => {
    const v = formValues(req.body, BATCH_FIELDS);
    const certs = [(req.body as Record<string, unknown>)?.certification].flat().map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
    try {
      const batch = await traceability.createBatch(
        memberOf(req),
        {
          productId: Number(v.productId) || 0,
          lotCode: v.lotCode,
          sites: v.siteId ? [{ siteId: Number(v.siteId) || 0, shareBp: 10_000 }] : [],
          producedOn: v.producedOn,
          bestBefore: v.bestBefore,
          quantity: v.quantity,
          grade: v.grade,
          certificationIds: certs,
          status: v.status === 'draft' ? 'draft' : 'available',
          harvest: { occurredAt: `${v.producedOn}T${v.harvestTime}`, tzOffset: v.tzOffset, note: v.note },
        },
        actor(req),
      );
      const photo = photoOf(req);
      if (photo) await traceability.addPhoto(batch.id, photo.buffer, memberOf(req));
      req.session.flash = 'traceability:workspace.created';
      res.redirect(303, `/member/batches/${batch.id}`);
    } catch (err) {
      if (err instanceof AppError && err.fields.occurredAt) err.fields.harvestTime = err.fields.occurredAt;
      if (err instanceof AppError && err.fields.sites) err.fields.siteId = err.fields.sites;
      renderInvalid(res, 'traceability/member-batch-new', await newVm(req, res, v), err);
    }
  });

  const showVm = async (req: Request, res: Response, values?: Record<string, string>) => {
    const batch = await ownedBatch(req);
    const events = (await traceability.events(batch.id)).map(toTraceEvent);
    const profile = (await memberProfiles.profileOf(memberOf(req), res.locals.lng))!;
    const now = new Date().toISOString();
    return {
      batch,
      events,
      types: MEMBER_EVENT_TYPES.map((t) => ({ value: t, label: res.locals.t(`traceability:event.${t}`) })),
      sites: profile.sites.map((s) => ({ value: String(s.id), label: s.name })),
      eventOptions: events.map((e) => ({ value: String(e.id), label: `${e.seq}. ${res.locals.t(`traceability:event.${e.type}`)}` })),
      values: values ?? { type: 'process', date: now.slice(0, 10), time: now.slice(11, 16), tzOffset: settings.get('coop.tzOffset') },
      errors: {},
    };
  };
  router.get('/batches/:batchId', ownBatch, async (req, res) => res.render('traceability/member-batch-show', await showVm(req, res)));

  router.post('/batches/:batchId/events', ownBatch, uploadFields([{ name: 'photo', maxCount: 1 }]), async (req, res) => {
    const batch = await ownedBatch(req);
    const v = formValues(req.body, EVENT_FIELDS);
    try {
      if (!(MEMBER_EVENT_TYPES as readonly string[]).includes(v.type)) throw new AppError('validation', 'errors:validation.message', {}, { type: 'errors:field.invalid_value' });
      const attributes = Object.fromEntries([0, 1].map((i) => [v[`attrKey${i}` as 'attrKey0'], v[`attrValue${i}` as 'attrValue0']]).filter(([k, val]) => k && val));
      const photo = photoOf(req);
      const imageId = photo ? await traceability.addPhoto(batch.id, photo.buffer, memberOf(req)) : undefined;
      await traceability.addEvent(
        batch.id,
        {
          type: v.type as (typeof MEMBER_EVENT_TYPES)[number],
          occurredAt: `${v.date}T${v.time}`,
          tzOffset: v.tzOffset,
          siteId: v.siteId ? Number(v.siteId) || 0 : null,
          locationKind: 'site',
          quantity: v.quantity,
          attributes: imageId ? { ...attributes, photo: imageId } : attributes,
          correctsEventId: v.type === 'correction' && v.correctsEventId ? Number(v.correctsEventId) || null : null,
          note: v.note,
        },
        actor(req),
      );
      res.redirect(303, `/member/batches/${batch.id}`);
    } catch (err) {
      if (err instanceof AppError && err.fields.occurredAt) err.fields.time = err.fields.occurredAt;
      renderInvalid(res, 'traceability/member-batch-show', await showVm(req, res, v), err);
    }
  });

  /** A printable sheet of labels, each with the lot's QR code, in the member's language. */
  router.get('/batches/:batchId/labels.pdf', ownBatch, async (req, res) => {
    const batch = await ownedBatch(req);
    const { lng, t, fmt } = res.locals;
    const size = (['a4-8', 'a4-21', 'a4-24'] as const).find((s) => s === field(req.query, 'size')) ?? 'a4-21';
    const count = Math.min(Math.max(Number.parseInt(field(req.query, 'count'), 10) || Number(size.slice(3)), 1), 480);
    const r = (await traceRecord(batch.lot_code, lng))!;
    const label: LabelData = {
      productName: r.product.name,
      lotCode: r.batch.lotCode,
      producedOn: fmt.date(`${r.batch.producedOn}T12:00:00Z`),
      bestBefore: r.batch.bestBefore ? fmt.date(`${r.batch.bestBefore}T12:00:00Z`) : null,
      netWeight: fmt.weight(r.product.netWeightG),
      origin: [r.member.region, fmt.country(r.member.country)].filter(Boolean).join(', '),
      member: r.member.name,
      traceUrl: traceUrl(publicUrl, r.batch.lotCode, r.product.gtin),
      texts: { lot: t('traceability:label.lot'), produced: t('traceability:label.produced'), bestBefore: t('traceability:label.bestBefore'), netWeight: t('traceability:label.netWeight'), origin: t('traceability:label.origin') },
    };
    const pdf = await labelSheetPdf(Array.from({ length: count }, () => label), size);
    res.type('application/pdf').attachment(`${batch.lot_code}-labels-${size}.pdf`).send(pdf);
  });

  router.post('/batches/:batchId/status', ownBatch, async (req, res) => {
    const batch = await ownedBatch(req);
    const status = field(req.body, 'status');
    if (status !== 'available' && status !== 'depleted' && status !== 'draft') throw new AppError('bad_request');
    await traceability.setStatus(batch.id, status, auditContext(req));
    res.redirect(303, `/member/batches/${batch.id}`);
  });
  return router;
}
