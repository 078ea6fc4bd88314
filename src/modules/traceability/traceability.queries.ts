import type { DbOrTx } from '#platform/db/index.js';
import type { BatchRow, TraceEventRow } from '#modules/traceability/traceability.rows.js';

export type NewBatchRow = Omit<BatchRow, 'id' | 'last_seq' | 'head_hash' | 'recalled_at'>;

export async function insertBatch(db: DbOrTx, row: NewBatchRow): Promise<number> {
  const [inserted] = await db('batches').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function selectBatchByLot(db: DbOrTx, lotCode: string): Promise<BatchRow | undefined> {
  return db<BatchRow>('batches').where({ lot_code: lotCode }).first();
}

export async function selectBatchById(db: DbOrTx, id: number): Promise<BatchRow | undefined> {
  return db<BatchRow>('batches').where({ id }).first();
}

export async function selectBatchesOfMember(db: DbOrTx, memberId: number): Promise<BatchRow[]> {
  return db<BatchRow>('batches').where({ member_id: memberId }).orderBy('id', 'desc');
}

export async function selectBatchesOfProduct(db: DbOrTx, productId: number, statuses: string[]): Promise<BatchRow[]> {
  return db<BatchRow>('batches').where({ product_id: productId }).whereIn('status', statuses).orderBy('produced_on', 'desc');
}

export async function updateBatch(db: DbOrTx, id: number, patch: Partial<Omit<BatchRow, 'id'>>): Promise<void> {
  await db('batches').where({ id }).update(patch);
}

/** Takes `qty` from a batch only if it still holds that much: the row count says whether it did. */
export async function takeFromBatch(db: DbOrTx, id: number, qty: string, now: string): Promise<boolean> {
  const n = await db('batches')
    .where({ id })
    .andWhere('available', '>=', qty)
    .whereIn('status', ['available', 'draft'])
    .update({ available: db.raw('available - ?', [qty]), updated_at: now });
  return n === 1;
}

export async function insertBatchSites(db: DbOrTx, rows: { batch_id: number; site_id: number; share_bp: number }[]): Promise<void> {
  if (rows.length) await db('batch_sites').insert(rows);
}

export async function insertBatchInputs(db: DbOrTx, rows: { batch_id: number; input_batch_id: number; quantity: string }[]): Promise<void> {
  if (rows.length) await db('batch_inputs').insert(rows);
}

export async function insertBatchCertifications(db: DbOrTx, rows: { batch_id: number; certification_id: number }[]): Promise<void> {
  if (rows.length) await db('batch_certifications').insert(rows);
}

export async function insertBatchFile(db: DbOrTx, row: { batch_id: number; image_id: number | null; document_id: number | null; position: number }): Promise<void> {
  await db('batch_files').insert(row);
}

export async function insertEvent(db: DbOrTx, row: Omit<TraceEventRow, 'id'>): Promise<number> {
  const [inserted] = await db('trace_events').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

/** Sets the hash of the event just inserted (the hash covers its id, known only after insert). */
export async function sealEvent(db: DbOrTx, id: number, hash: string): Promise<void> {
  await db('trace_events').where({ id }).update({ hash });
}

export async function selectEvents(db: DbOrTx, batchId: number): Promise<TraceEventRow[]> {
  return db<TraceEventRow>('trace_events').where({ batch_id: batchId }).orderBy('seq');
}

export async function selectAllBatchIds(db: DbOrTx): Promise<{ id: number; lot_code: string }[]> {
  return db('batches').select('id', 'lot_code').orderBy('id');
}

export async function selectBatchSites(db: DbOrTx, batchId: number) {
  return db('batch_sites as bs').join('sites as s', 's.id', 'bs.site_id').where('bs.batch_id', batchId).select('s.*', 'bs.share_bp').orderBy('bs.share_bp', 'desc');
}

export async function selectParents(db: DbOrTx, batchId: number) {
  return db('batch_inputs as bi').join('batches as b', 'b.id', 'bi.input_batch_id').where('bi.batch_id', batchId).select('b.*', 'bi.quantity as taken');
}

export async function selectChildren(db: DbOrTx, batchId: number): Promise<BatchRow[]> {
  return db('batch_inputs as bi').join('batches as b', 'b.id', 'bi.batch_id').where('bi.input_batch_id', batchId).select('b.*');
}

export async function selectBatchCertifications(db: DbOrTx, batchId: number) {
  return db('batch_certifications as bc')
    .join('certifications as c', 'c.id', 'bc.certification_id')
    .leftJoin('documents as d', 'd.id', 'c.document_id')
    .where('bc.batch_id', batchId)
    .select('c.name', 'c.issuing_body', 'c.number', 'c.valid_until', 'd.storage_key');
}

export async function selectBatchImages(db: DbOrTx, batchId: number) {
  return db('batch_files as bf').join('images as i', 'i.id', 'bf.image_id').where('bf.batch_id', batchId).select('i.*').orderBy('bf.position');
}

/** Pooled availability per member and product: the sum of their available batches. */
export async function refreshAvailability(db: DbOrTx, memberId: number, productId: number): Promise<void> {
  // One statement: the sum is computed where it is stored (this runs for every order placed).
  await db.raw(
    `insert into member_products (member_id, product_id, available_qty)
     select ?, ?, coalesce(sum(available), 0) from batches where member_id = ? and product_id = ? and status = 'available'
     on conflict (member_id, product_id) do update set available_qty = excluded.available_qty`,
    [memberId, productId, memberId, productId],
  );
}

export async function countLotsWithPrefix(db: DbOrTx, prefix: string): Promise<number> {
  const row = await db('batches').where('lot_code', 'like', `${prefix}%`).count<{ n: number | string }>('* as n').first();
  return Number(row?.n ?? 0);
}

export async function selectLotsOnOffer(db: DbOrTx, productId: number): Promise<{ lot_code: string; produced_on: string; member_name: string }[]> {
  return db('batches as b')
    .join('members as m', 'm.id', 'b.member_id')
    .where({ 'b.product_id': productId, 'b.status': 'available' })
    .andWhere('b.available', '>', 0)
    .select('b.lot_code', 'b.produced_on', 'm.name as member_name')
    .orderBy('b.produced_on', 'desc')
    .limit(20);
}

/** Every batch made, directly or through further transformations, from `batchId`. */
export async function selectDescendantIds(db: DbOrTx, batchId: number): Promise<number[]> {
  const found: number[] = [];
  let frontier = [batchId];
  while (frontier.length) {
    const rows: { batch_id: number }[] = await db('batch_inputs').whereIn('input_batch_id', frontier).select('batch_id');
    frontier = rows.map((r) => r.batch_id).filter((id) => !found.includes(id) && id !== batchId);
    found.push(...frontier);
  }
  return found;
}

/** Lots with at least one event in [from, to) (UTC ISO), for date-range exports. */
export async function selectLotsWithEventsBetween(db: DbOrTx, from: string, to: string): Promise<string[]> {
  return (
    await db('batches as b')
      .whereExists(db('trace_events as e').select(db.raw('1')).whereRaw('e.batch_id = b.id').andWhere('e.occurred_at', '>=', from).andWhere('e.occurred_at', '<', to))
      .select('b.lot_code')
      .orderBy('b.lot_code')
      .limit(5000)
  ).map((r: { lot_code: string }) => r.lot_code);
}
