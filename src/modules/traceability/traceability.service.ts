import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db, DbOrTx } from '#platform/db/index.js';
import { parseScaledDecimal, scaledToDecimalString } from '#platform/decimal.js';
import { AppError } from '#platform/http/errors.js';
import { parseOrThrow } from '#platform/http/validation.js';
import type { ImageProcessor } from '#platform/uploads/images.js';
import { insertImage } from '#platform/uploads/images.queries.js';
import type { CatalogService } from '#modules/catalog/index.js';
import type { MembersService } from '#modules/members/index.js';
import { eventHash } from '#modules/traceability/hash-chain.js';
import * as q from '#modules/traceability/traceability.queries.js';
import type { BatchRow, BatchStatus } from '#modules/traceability/traceability.rows.js';
import { batchInputSchema, eventInputSchema, toUtc, transformSchema, type BatchInput, type EventInput, type TransformInput } from '#modules/traceability/traceability.schemas.js';

export interface TraceActor {
  userId: number | null;
  label: string;
  ctx: AuditContext;
}

export interface TraceabilityDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  catalog: CatalogService;
  members: MembersService;
  images: ImageProcessor;
}

const invalid = (fields: Record<string, string>) => new AppError('validation', 'errors:validation.message', {}, fields);

/** Batches and their append-only, hash-chained history. */
export function createTraceabilityService({ db, clock, audit, catalog, members, images }: TraceabilityDeps) {
  /**
   * Appends one event to a batch's chain, inside the caller's transaction. Everything it checks
   * against (the unit's decimals, the member's sites) is read before: on SQLite the transaction
   * holds the only connection, so a read through the root handle here would wait forever.
   */
  async function append(trx: DbOrTx, batch: BatchRow, input: EventInput, actor: TraceActor, unitDecimals: number, siteIds: Set<number>): Promise<number> {
    const data = parseOrThrow(eventInputSchema, input);
    const occurredAt = toUtc(data.occurredAt, data.tzOffset);
    if (!occurredAt) throw invalid({ occurredAt: 'errors:field.dateTime' });
    const quantity = data.quantity ? parseScaledDecimal(data.quantity, unitDecimals) : null;
    if (data.quantity && (quantity === undefined || quantity === null || quantity < 0n)) throw invalid({ quantity: 'errors:field.decimal' });
    if (data.siteId !== null && !siteIds.has(data.siteId)) throw invalid({ siteId: 'errors:field.unknown' });
    const seq = Number(batch.last_seq) + 1;
    const row = {
      batch_id: batch.id,
      seq,
      type: data.type,
      occurred_at: occurredAt,
      tz_offset: data.tzOffset,
      location_kind: data.locationKind,
      site_id: data.siteId,
      location_text: data.locationText,
      actor_user_id: actor.userId,
      actor_label: actor.label,
      quantity: quantity === null || quantity === undefined ? null : quantity.toString(),
      attributes: JSON.stringify(data.attributes),
      corrects_event_id: data.correctsEventId,
      note: data.note,
      prev_hash: batch.head_hash,
      recorded_at: clock.nowIso(),
    };
    const id = await q.insertEvent(trx, { ...row, hash: '' });
    const hash = eventHash({ ...row, id });
    await q.sealEvent(trx, id, hash);
    await q.updateBatch(trx, batch.id, { last_seq: seq, head_hash: hash, updated_at: row.recorded_at });
    batch.last_seq = seq;
    batch.head_hash = hash;
    return id;
  }

  async function productOf(productId: number) {
    const product = await catalog.byId(productId);
    if (!product || product.status === 'retired') throw invalid({ productId: 'errors:field.unknown' });
    return product;
  }

  async function newLotCode(trx: DbOrTx, productSlug: string, day: string): Promise<string> {
    const prefix = `${productSlug.split('-').map((w) => w[0]?.toUpperCase() ?? '').join('').slice(0, 4) || 'LOT'}-${day.slice(0, 4)}-`;
    const n = (await q.countLotsWithPrefix(trx, prefix)) + 1;
    return `${prefix}${String(n).padStart(4, '0')}`;
  }

  async function createBatch(memberId: number, input: BatchInput, actor: TraceActor): Promise<BatchRow> {
    const data = parseOrThrow(batchInputSchema, input);
    const product = await productOf(data.productId);
    const quantity = parseScaledDecimal(data.quantity, product.unitDecimals);
    if (quantity === undefined || quantity <= 0n) throw invalid({ quantity: 'errors:field.decimal' });
    const own = new Set((await members.sites(memberId)).map((s) => s.id));
    if (data.sites.some((s) => !own.has(s.siteId))) throw invalid({ sites: 'errors:field.unknown' });
    const now = clock.nowIso();
    return db.transaction(async (trx) => {
      const lotCode = data.lotCode || (await newLotCode(trx, product.slug, data.producedOn));
      if (await q.selectBatchByLot(trx, lotCode)) throw invalid({ lotCode: 'errors:field.taken' });
      const id = await q.insertBatch(trx, {
        lot_code: lotCode,
        product_id: product.id,
        member_id: memberId,
        status: data.status,
        produced_on: data.producedOn,
        produced_until: data.producedUntil,
        packed_on: data.packedOn,
        best_before: data.bestBefore,
        quantity: quantity.toString(),
        available: quantity.toString(),
        grade: data.grade,
        created_at: now,
        updated_at: now,
      });
      await q.insertBatchSites(trx, data.sites.map((s) => ({ batch_id: id, site_id: s.siteId, share_bp: s.shareBp })));
      await q.insertBatchCertifications(trx, data.certificationIds.map((c) => ({ batch_id: id, certification_id: c })));
      const batch = (await q.selectBatchById(trx, id))!;
      const firstSite = data.sites[0]!.siteId;
      await append(trx, batch, { ...data.harvest, type: 'harvest', locationKind: 'site', siteId: data.harvest.siteId ?? firstSite, quantity: data.quantity }, actor, product.unitDecimals, own);
      await q.refreshAvailability(trx, memberId, product.id);
      await audit.record(actor.ctx, 'batch.created', { type: 'batch', id }, { lotCode }, trx);
      return (await q.selectBatchById(trx, id))!;
    });
  }

  async function addEvent(batchId: number, input: EventInput, actor: TraceActor): Promise<number> {
    const found = await q.selectBatchById(db, batchId);
    if (!found) throw new AppError('not_found');
    const product = await productOf(found.product_id);
    const siteIds = new Set((await members.sites(found.member_id)).map((s) => s.id));
    return db.transaction(async (trx) => {
      const batch = (await q.selectBatchById(trx, batchId))!;
      const id = await append(trx, batch, input, actor, product.unitDecimals, siteIds);
      await audit.record(actor.ctx, 'batch.eventAdded', { type: 'batch', id: batchId }, { eventId: id, type: input.type }, trx);
      return id;
    });
  }

  /** A blend, roast or repack: consumes quantities from input lots (any member's) into a new batch. */
  async function transform(memberId: number, input: TransformInput, actor: TraceActor): Promise<BatchRow> {
    const data = parseOrThrow(transformSchema, input);
    const product = await productOf(data.productId);
    const quantity = parseScaledDecimal(data.quantity, product.unitDecimals);
    if (quantity === undefined || quantity <= 0n) throw invalid({ quantity: 'errors:field.decimal' });
    const now = clock.nowIso();
    const planned: { id: number; taken: bigint; decimals: number }[] = [];
    for (const [i, inp] of data.inputs.entries()) {
      const batch = await q.selectBatchByLot(db, inp.lotCode);
      if (!batch || batch.status === 'recalled') throw invalid({ [`inputs.${i}.lotCode`]: 'errors:field.unknown' });
      const decimals = (await productOf(batch.product_id)).unitDecimals;
      const taken = parseScaledDecimal(inp.quantity, decimals);
      if (taken === undefined || taken <= 0n) throw invalid({ [`inputs.${i}.quantity`]: 'errors:field.decimal' });
      planned.push({ id: batch.id, taken, decimals });
    }
    const none = new Set<number>();
    return db.transaction(async (trx) => {
      const parents: { batch: BatchRow; taken: bigint; decimals: number }[] = [];
      for (const [i, p] of planned.entries()) {
        if (!(await q.takeFromBatch(trx, p.id, p.taken.toString(), now))) throw invalid({ [`inputs.${i}.quantity`]: 'errors:field.notEnough' });
        parents.push({ batch: (await q.selectBatchById(trx, p.id))!, taken: p.taken, decimals: p.decimals });
      }
      const lotCode = data.lotCode || (await newLotCode(trx, product.slug, data.producedOn));
      if (await q.selectBatchByLot(trx, lotCode)) throw invalid({ lotCode: 'errors:field.taken' });
      const id = await q.insertBatch(trx, {
        lot_code: lotCode, product_id: product.id, member_id: memberId, status: 'available', produced_on: data.producedOn, produced_until: null,
        packed_on: null, best_before: data.bestBefore, quantity: quantity.toString(), available: quantity.toString(), grade: data.grade, created_at: now, updated_at: now,
      });
      await q.insertBatchInputs(trx, parents.map((p) => ({ batch_id: id, input_batch_id: p.batch.id, quantity: p.taken.toString() })));
      const batch = (await q.selectBatchById(trx, id))!;
      const base = { occurredAt: data.occurredAt, tzOffset: data.tzOffset, locationKind: 'address' as const, locationText: data.locationText };
      const lots = parents.map((p) => p.batch.lot_code).join(', ');
      await append(trx, batch, { ...base, type: 'transform', quantity: data.quantity, attributes: { process: data.process, inputs: lots } }, actor, product.unitDecimals, none);
      for (const p of parents) {
        const consumed = { ...base, type: 'transform' as const, attributes: { process: data.process, output: lotCode } };
        await append(trx, p.batch, { ...consumed, quantity: scaledToDecimalString(p.taken, p.decimals) }, actor, p.decimals, none);
        if (BigInt(p.batch.available) === 0n) await q.updateBatch(trx, p.batch.id, { status: 'depleted' });
        await q.refreshAvailability(trx, p.batch.member_id, p.batch.product_id);
      }
      await q.refreshAvailability(trx, memberId, product.id);
      await audit.record(actor.ctx, 'batch.transformed', { type: 'batch', id }, { lotCode, inputs: lots }, trx);
      return (await q.selectBatchById(trx, id))!;
    });
  }

  async function setStatus(batchId: number, status: Exclude<BatchStatus, 'recalled'>, ctx: AuditContext): Promise<void> {
    const batch = await q.selectBatchById(db, batchId);
    if (!batch || batch.status === 'recalled') throw new AppError('not_found');
    await db.transaction(async (trx) => {
      await q.updateBatch(trx, batchId, { status, updated_at: clock.nowIso() });
      await q.refreshAvailability(trx, batch.member_id, batch.product_id);
      await audit.record(ctx, 'batch.statusChanged', { type: 'batch', id: batchId }, { from: batch.status, to: status }, trx);
    });
  }

  /** Re-encodes a photo (no metadata kept) and files it with the batch. */
  async function addPhoto(batchId: number, buffer: Buffer, memberId: number | null): Promise<number> {
    const image = await images.process(buffer, 'photo');
    const position = (await q.selectBatchImages(db, batchId)).length;
    return db.transaction(async (trx) => {
      const imageId = await insertImage(trx, image, memberId, clock.nowIso());
      await q.insertBatchFile(trx, { batch_id: batchId, image_id: imageId, document_id: null, position });
      return imageId;
    });
  }

  /**
   * Recalls a lot and, when asked, every lot made from it: they leave the offer at once and each
   * gets a `recall` event. Returns the recalled lot codes. (Walking on to the orders and buyers
   * that received them comes with ordering.)
   */
  async function recall(lotCode: string, input: { reason: string; includeDescendants: boolean; tzOffset: string }, actor: TraceActor): Promise<string[]> {
    const root = await q.selectBatchByLot(db, lotCode);
    if (!root) throw new AppError('not_found');
    const reason = input.reason.trim().slice(0, 2000);
    if (!reason) throw invalid({ reason: 'errors:field.too_small' });
    const ids = [root.id, ...(input.includeDescendants ? await q.selectDescendantIds(db, root.id) : [])];
    const decimals = new Map<number, number>();
    for (const id of ids) {
      const b = (await q.selectBatchById(db, id))!;
      decimals.set(id, (await catalog.byId(b.product_id))?.unitDecimals ?? 0);
    }
    const now = clock.now();
    const local = new Date(now.getTime() + offsetMinutes(input.tzOffset) * 60_000).toISOString().slice(0, 16);
    return db.transaction(async (trx) => {
      const lots: string[] = [];
      for (const id of ids) {
        const batch = (await q.selectBatchById(trx, id))!;
        if (batch.status === 'recalled') continue;
        await append(trx, batch, { type: 'recall', occurredAt: local, tzOffset: input.tzOffset, locationKind: 'hub', note: reason, attributes: id === root.id ? {} : { origin: root.lot_code } }, actor, decimals.get(id) ?? 0, new Set());
        await q.updateBatch(trx, id, { status: 'recalled', recalled_at: now.toISOString(), available: '0', updated_at: now.toISOString() });
        await q.refreshAvailability(trx, batch.member_id, batch.product_id);
        lots.push(batch.lot_code);
      }
      await audit.record(actor.ctx, 'batch.recalled', { type: 'batch', id: root.id }, { lots, reason }, trx);
      return lots;
    });
  }

  return {
    createBatch,
    addPhoto,
    recall,
    addEvent,
    transform,
    setStatus,
    byLot: (lot: string) => q.selectBatchByLot(db, lot),
    /**
     * Appends an event the system writes itself — received at the hub, shipped to a buyer — now, at
     * the coop's local offset, with the quantity in the lot's smallest steps.
     */
    async logEvent(
      batchId: number,
      type: 'ship_to_hub' | 'receive_at_hub' | 'ship_to_buyer',
      quantity: bigint,
      where: { tzOffset: string; locationText: string; note: string; attributes?: Record<string, string> },
      actor: TraceActor,
    ): Promise<number> {
      const batch = await q.selectBatchById(db, batchId);
      if (!batch) throw new AppError('not_found');
      const decimals = (await catalog.byId(batch.product_id))?.unitDecimals ?? 0;
      const local = new Date(clock.now().getTime() + offsetMinutes(where.tzOffset) * 60_000).toISOString().slice(0, 16);
      return db.transaction(async (trx) => {
        const fresh = (await q.selectBatchById(trx, batchId))!;
        return append(
          trx,
          fresh,
          { type, occurredAt: local, tzOffset: where.tzOffset, locationKind: 'hub', locationText: where.locationText, quantity: scaledToDecimalString(quantity, decimals), attributes: where.attributes ?? {}, note: where.note },
          actor,
          decimals,
          new Set(),
        );
      });
    },
    /** The lot and every lot made from it through transformations: one step forward, repeated. */
    async affectedBatchIds(lotCode: string): Promise<number[]> {
      const root = await q.selectBatchByLot(db, lotCode);
      return root ? [root.id, ...(await q.selectDescendantIds(db, root.id))] : [];
    },
    lotsWithEventsBetween: (from: string, to: string) => q.selectLotsWithEventsBetween(db, from, to),
    /** The lots a product page links to: what is on offer now. */
    lotsOnOffer: async (productId: number) =>
      (await q.selectLotsOnOffer(db, productId)).map((r) => ({ lotCode: r.lot_code, producedOn: r.produced_on, memberName: r.member_name })),
    byId: (id: number) => q.selectBatchById(db, id),
    ofMember: (memberId: number) => q.selectBatchesOfMember(db, memberId),
    events: (batchId: number) => q.selectEvents(db, batchId),
    allBatches: () => q.selectAllBatchIds(db),
  };
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return sign * ((h ?? 0) * 60 + (m ?? 0));
}

export type TraceabilityService = ReturnType<typeof createTraceabilityService>;
