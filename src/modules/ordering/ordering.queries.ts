import type { DbOrTx } from '#platform/db/index.js';

// Bigint columns come back as numbers from SQLite and strings from PostgreSQL: rows keep them as
// `number | string` and the service turns them into bigint.
type Big = number | string;

export interface CartRow {
  id: number;
  token: string | null;
  buyer_id: number | null;
  updated_at: string;
}

export interface CartLineRow {
  cart_id: number;
  product_id: number;
  quantity: Big;
  added_at: string;
}

export interface OrderRow {
  id: number;
  number: string;
  buyer_id: number;
  user_id: number;
  idempotency_key: string;
  status: string;
  locale: string;
  currency: string;
  subtotal_minor: Big;
  shipping_minor: Big;
  tax_rate_bp: number;
  tax_minor: Big;
  total_minor: Big;
  display_currency: string | null;
  display_rate_e6: string | null;
  shipping_method: string;
  shipping_zone: string;
  weight_g: number;
  incoterm: string;
  incoterm_place: string;
  payment_method: string;
  payment_reference: string;
  payment_status: string;
  paid_at: string | null;
  destination_country: string;
  ship_to: string;
  buyer_snapshot: string;
  carrier: string;
  tracking_number: string;
  placed_at: string;
  updated_at: string;
}

export interface OrderLineRow {
  id: number;
  order_id: number;
  line_no: number;
  product_id: number;
  product_name: string;
  hs_code: string;
  unit: string;
  unit_decimals: number;
  net_weight_g: number;
  quantity: Big;
  unit_price_minor: Big;
  line_total_minor: Big;
}

export interface OrderEventRow {
  id: number;
  order_id: number;
  kind: string;
  actor_user_id: number | null;
  note: string;
  at: string;
}

export interface AllocationRow {
  id: number;
  order_id: number;
  order_line_id: number;
  batch_id: number;
  member_id: number;
  quantity: Big;
  status: string;
  reason_code: string;
  reason_params: string;
  decline_reason: string;
  created_at: string;
  updated_at: string;
  accepted_at?: string | null;
  delivered_at?: string | null;
  received_at?: string | null;
  received_quantity?: Big | null;
  discrepancy?: string;
  discrepancy_note?: string;
  shipped_at?: string | null;
}

export interface CandidateRow {
  id: number;
  lot_code: string;
  member_id: number;
  product_id: number;
  status: string;
  available: Big;
  produced_on: string;
  best_before: string | null;
  grade: string;
}

// ---- carts

export async function selectCartByToken(db: DbOrTx, token: string): Promise<CartRow | undefined> {
  return db<CartRow>('carts').where({ token }).first();
}

export async function selectCartByBuyer(db: DbOrTx, buyerId: number): Promise<CartRow | undefined> {
  return db<CartRow>('carts').where({ buyer_id: buyerId }).first();
}

export async function insertCart(db: DbOrTx, row: Omit<CartRow, 'id'>): Promise<number> {
  const [inserted] = await db('carts').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function deleteCart(db: DbOrTx, id: number): Promise<void> {
  await db('cart_lines').where({ cart_id: id }).delete();
  await db('carts').where({ id }).delete();
}

export async function selectCartLines(db: DbOrTx, cartId: number): Promise<CartLineRow[]> {
  return db<CartLineRow>('cart_lines').where({ cart_id: cartId }).orderBy('added_at').orderBy('product_id');
}

export async function upsertCartLine(db: DbOrTx, row: CartLineRow): Promise<void> {
  await db('cart_lines').insert(row).onConflict(['cart_id', 'product_id']).merge(['quantity']);
}

export async function deleteCartLine(db: DbOrTx, cartId: number, productId: number): Promise<void> {
  await db('cart_lines').where({ cart_id: cartId, product_id: productId }).delete();
}

export async function clearCartLines(db: DbOrTx, cartId: number): Promise<void> {
  await db('cart_lines').where({ cart_id: cartId }).delete();
}

export async function touchCart(db: DbOrTx, id: number, now: string): Promise<void> {
  await db('carts').where({ id }).update({ updated_at: now });
}

/** Pooled availability per product: what every available batch still holds. */
export async function selectPooledAvailability(db: DbOrTx, productIds: number[]): Promise<Map<number, bigint>> {
  if (productIds.length === 0) return new Map();
  const rows = await db('batches')
    .whereIn('product_id', productIds)
    .andWhere({ status: 'available' })
    .groupBy('product_id')
    .select('product_id')
    .sum<{ product_id: number; total: Big | null }[]>('available as total');
  return new Map(rows.map((r) => [r.product_id, BigInt(r.total ?? 0)]));
}

// ---- allocation candidates and reservation

export async function selectCandidates(db: DbOrTx, productIds: number[]): Promise<CandidateRow[]> {
  if (productIds.length === 0) return [];
  return db<CandidateRow>('batches')
    .whereIn('product_id', productIds)
    .andWhere({ status: 'available' })
    .andWhere('available', '>', 0)
    .select('id', 'lot_code', 'member_id', 'product_id', 'status', 'available', 'produced_on', 'best_before', 'grade')
    .orderBy('id');
}

/** Each batch's main site (largest share) with its coordinates. */
export async function selectMainSites(db: DbOrTx, batchIds: number[]): Promise<Map<number, { latE6: number; lonE6: number }>> {
  if (batchIds.length === 0) return new Map();
  const rows = await db('batch_sites as bs')
    .join('sites as s', 's.id', 'bs.site_id')
    .whereIn('bs.batch_id', batchIds)
    .select<{ batch_id: number; share_bp: number; lat_e6: number; lon_e6: number }[]>('bs.batch_id', 'bs.share_bp', 's.lat_e6', 's.lon_e6')
    .orderBy([{ column: 'bs.batch_id' }, { column: 'bs.share_bp', order: 'desc' }, { column: 's.id' }]);
  const out = new Map<number, { latE6: number; lonE6: number }>();
  for (const r of rows) if (!out.has(r.batch_id)) out.set(r.batch_id, { latE6: Number(r.lat_e6), lonE6: Number(r.lon_e6) });
  return out;
}

export interface MemberHistory {
  memberId: number;
  allocated: bigint;
  offered: bigint;
}

/**
 * Per product, per member: volume allocated since a date, and volume offered (batches recorded)
 * since then. Two queries for all the products of an order; members sorted by id.
 */
export async function selectMemberHistory(db: DbOrTx, productIds: number[], since: string): Promise<Map<number, MemberHistory[]>> {
  const out = new Map<number, Map<number, MemberHistory>>(productIds.map((id) => [id, new Map()]));
  if (productIds.length === 0) return new Map();
  const allocated = await db('allocations as a')
    .join('order_lines as l', 'l.id', 'a.order_line_id')
    .whereIn('l.product_id', productIds)
    .whereNotIn('a.status', ['declined', 'cancelled'])
    .andWhere('a.created_at', '>=', since)
    .groupBy('l.product_id', 'a.member_id')
    .select('l.product_id', 'a.member_id')
    .sum<{ product_id: number; member_id: number; total: Big | null }[]>('a.quantity as total');
  const offered = await db('batches')
    .whereIn('product_id', productIds)
    .whereNot('status', 'draft')
    .andWhere('created_at', '>=', since)
    .groupBy('product_id', 'member_id')
    .select('product_id', 'member_id')
    .sum<{ product_id: number; member_id: number; total: Big | null }[]>('quantity as total');
  const get = (productId: number, memberId: number) => {
    const members = out.get(Number(productId))!;
    return members.get(memberId) ?? members.set(memberId, { memberId, allocated: 0n, offered: 0n }).get(memberId)!;
  };
  for (const r of allocated) get(r.product_id, r.member_id).allocated = BigInt(r.total ?? 0);
  for (const r of offered) get(r.product_id, r.member_id).offered = BigInt(r.total ?? 0);
  return new Map([...out].map(([productId, members]) => [productId, [...members.values()].sort((a, b) => a.memberId - b.memberId)]));
}

/**
 * Takes `qty` from an available batch only if it still holds that much, in one statement: the row
 * count says whether it did. Two checkouts can never both take the last units.
 */
export async function reserveFromBatch(db: DbOrTx, batchId: number, qty: bigint, now: string): Promise<boolean> {
  const n = await db('batches')
    .where({ id: batchId, status: 'available' })
    .andWhere('available', '>=', qty.toString())
    .update({ available: db.raw('available - ?', [qty.toString()]), updated_at: now });
  return n === 1;
}

/** Gives reserved units back (a cancelled order, a declined allocation). */
export async function releaseToBatch(db: DbOrTx, batchId: number, qty: bigint, now: string): Promise<void> {
  await db('batches').where({ id: batchId }).update({ available: db.raw('available + ?', [qty.toString()]), updated_at: now });
}

export async function selectBatchAvailable(db: DbOrTx, batchId: number): Promise<bigint> {
  const row = await db('batches').where({ id: batchId }).first<{ available: Big } | undefined>('available');
  return BigInt(row?.available ?? 0);
}

export async function setBatchAvailable(db: DbOrTx, batchId: number, available: bigint, now: string): Promise<void> {
  await db('batches').where({ id: batchId }).update({ available: available.toString(), updated_at: now });
}

// ---- orders

/** Moves the year's counter on by one inside the caller's transaction; a rollback gives the number back. */
export async function nextOrderSeq(db: DbOrTx, year: number): Promise<number> {
  const [row] = await db('order_counters')
    .insert({ year, last: 1 })
    .onConflict('year')
    .merge({ last: db.raw('order_counters.last + 1') })
    .returning<{ last: number | string }[]>('last');
  return Number(row!.last);
}

export async function insertOrder(db: DbOrTx, row: Omit<OrderRow, 'id'>): Promise<number> {
  const [inserted] = await db('orders').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function insertOrderLine(db: DbOrTx, row: Omit<OrderLineRow, 'id'>): Promise<number> {
  const [inserted] = await db('order_lines').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function insertAllocation(db: DbOrTx, row: Omit<AllocationRow, 'id'>): Promise<number> {
  const [inserted] = await db('allocations').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function insertOrderEvent(db: DbOrTx, row: Omit<OrderEventRow, 'id'>): Promise<void> {
  await db('order_events').insert(row);
}

export async function selectOrderByNumber(db: DbOrTx, number: string): Promise<OrderRow | undefined> {
  return db<OrderRow>('orders').where({ number }).first();
}

export async function selectOrderById(db: DbOrTx, id: number): Promise<OrderRow | undefined> {
  return db<OrderRow>('orders').where({ id }).first();
}

export async function selectOrderByKey(db: DbOrTx, buyerId: number, key: string): Promise<OrderRow | undefined> {
  return db<OrderRow>('orders').where({ buyer_id: buyerId, idempotency_key: key }).first();
}

export async function selectOrdersOfBuyer(db: DbOrTx, buyerId: number, limit: number): Promise<OrderRow[]> {
  return db<OrderRow>('orders').where({ buyer_id: buyerId }).orderBy('id', 'desc').limit(limit);
}

export async function selectOrders(db: DbOrTx, filter: { status?: string; beforeId?: number }, limit: number): Promise<OrderRow[]> {
  const query = db<OrderRow>('orders').orderBy('id', 'desc').limit(limit);
  if (filter.status) void query.where({ status: filter.status });
  if (filter.beforeId) void query.where('id', '<', filter.beforeId);
  return query;
}

export async function countOrders(db: DbOrTx): Promise<number> {
  const row = await db('orders').count<{ n: Big }>('* as n').first();
  return Number(row?.n ?? 0);
}

export async function updateOrder(db: DbOrTx, id: number, patch: Partial<Omit<OrderRow, 'id'>>, expectStatus?: string[]): Promise<number> {
  const query = db('orders').where({ id });
  if (expectStatus) void query.whereIn('status', expectStatus);
  return query.update(patch);
}

export async function selectOrderLines(db: DbOrTx, orderId: number): Promise<OrderLineRow[]> {
  return db<OrderLineRow>('order_lines').where({ order_id: orderId }).orderBy('line_no');
}

export async function selectOrderEvents(db: DbOrTx, orderId: number): Promise<OrderEventRow[]> {
  return db<OrderEventRow>('order_events').where({ order_id: orderId }).orderBy('id');
}

/** An allocation with its lot code and its member's name, country and slug (what order pages and emails show). */
export type AllocationDetailRow = AllocationRow & { lot_code: string; member_name: string; member_country: string; member_slug: string };

/** The name, country and slug of these members, by id. */
export async function selectMemberBriefs(db: DbOrTx, ids: number[]): Promise<Map<number, { name: string; country: string; slug: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db('members').whereIn('id', ids).select<{ id: number; name: string; country: string; slug: string }[]>('id', 'name', 'country', 'slug');
  return new Map(rows.map((r) => [Number(r.id), { name: r.name, country: r.country, slug: r.slug }]));
}

export async function selectAllocationsOfOrder(db: DbOrTx, orderId: number): Promise<AllocationDetailRow[]> {
  return db('allocations as a')
    .join('batches as b', 'b.id', 'a.batch_id')
    .join('members as m', 'm.id', 'a.member_id')
    .where('a.order_id', orderId)
    .orderBy('a.id')
    .select<AllocationDetailRow[]>(
      'a.*',
      'b.lot_code',
      'm.name as member_name',
      'm.country as member_country',
      'm.slug as member_slug',
    );
}

export async function updateAllocations(db: DbOrTx, ids: number[], patch: Partial<Omit<AllocationRow, 'id'>>): Promise<void> {
  if (ids.length) await db('allocations').whereIn('id', ids).update(patch);
}

/** Orders that received any of these batches (allocations not declined or cancelled). */
export async function selectOrdersWithBatches(db: DbOrTx, batchIds: number[]): Promise<OrderRow[]> {
  if (batchIds.length === 0) return [];
  return db<OrderRow>('orders')
    .whereIn('id', db('allocations').whereIn('batch_id', batchIds).whereNotIn('status', ['declined', 'cancelled']).select('order_id'))
    .orderBy('id');
}

export interface UserContact {
  email: string;
  locale: string;
  display_name: string;
}

export async function selectUserContact(db: DbOrTx, userId: number): Promise<UserContact | undefined> {
  return db('users').where({ id: userId }).first('email', 'locale', 'display_name');
}

export interface SellableRow {
  id: number;
  slug: string;
  status: string;
  unit: string;
  unit_decimals: number;
  net_weight_g: number;
  hs_code: string | null;
  price_minor: Big;
  currency: string;
  moq: Big;
  order_step: Big;
  name: string;
}

/** Products with their name in `lng` (else the default locale), for carts and orders. */
export async function selectSellable(db: DbOrTx, ids: number[], lng: string, defaultLocale: string): Promise<SellableRow[]> {
  if (ids.length === 0) return [];
  return db('products as p')
    .leftJoin('product_translations as t', function () {
      this.on('t.product_id', 'p.id').andOnVal('t.locale', lng);
    })
    .leftJoin('product_translations as d', function () {
      this.on('d.product_id', 'p.id').andOnVal('d.locale', defaultLocale);
    })
    .whereIn('p.id', ids)
    .select<SellableRow[]>('p.id', 'p.slug', 'p.status', 'p.unit', 'p.unit_decimals', 'p.net_weight_g', 'p.hs_code', 'p.price_minor', 'p.currency', 'p.moq', 'p.order_step', db.raw('coalesce(t.name, d.name, p.slug) as name'));
}

export async function selectTiersOf(db: DbOrTx, ids: number[]): Promise<{ product_id: number; min_qty: Big; price_minor: Big }[]> {
  if (ids.length === 0) return [];
  return db('product_price_tiers').whereIn('product_id', ids).orderBy(['product_id', 'min_qty']);
}

export async function selectAllocationsByIds(db: DbOrTx, ids: number[]): Promise<AllocationRow[]> {
  if (ids.length === 0) return [];
  return db<AllocationRow>('allocations').whereIn('id', ids).orderBy('id');
}

export async function selectBatchStatuses(db: DbOrTx, ids: number[]): Promise<Map<number, { status: string; lotCode: string; productId: number; memberId: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db('batches').whereIn('id', ids).select<{ id: number; status: string; lot_code: string; product_id: number; member_id: number }[]>('id', 'status', 'lot_code', 'product_id', 'member_id');
  return new Map(rows.map((r) => [r.id, { status: r.status, lotCode: r.lot_code, productId: r.product_id, memberId: r.member_id }]));
}

/** Active coordinators, for alerts. */
export async function selectCoordinatorContacts(db: DbOrTx): Promise<{ email: string; locale: string; display_name: string }[]> {
  return db('users').where({ role: 'coordinator', status: 'active' }).select('email', 'locale', 'display_name').orderBy('id');
}

export async function selectAllocationIdsOfBatches(db: DbOrTx, batchIds: number[], statuses: string[]): Promise<number[]> {
  if (batchIds.length === 0) return [];
  return (await db('allocations').whereIn('batch_id', batchIds).whereIn('status', statuses).select<{ id: number }[]>('id').orderBy('id')).map((r) => r.id);
}

export async function selectOrderSteps(db: DbOrTx, productIds: number[]): Promise<Map<number, bigint>> {
  if (productIds.length === 0) return new Map();
  const rows = await db('products').whereIn('id', productIds).select<{ id: number; order_step: Big }[]>('id', 'order_step');
  return new Map(rows.map((r) => [r.id, BigInt(r.order_step)]));
}
