import type { DbOrTx } from '#platform/db/index.js';

type Big = number | string;

/** One allocation with what a member or the hub needs to act on it (never the buyer's identity). */
export interface WorkRow {
  id: number;
  order_id: number;
  order_number: string;
  order_status: string;
  destination_country: string;
  shipping_method: string;
  placed_at: string;
  batch_id: number;
  lot_code: string;
  batch_status: string;
  member_id: number;
  member_name: string;
  product_id: number;
  product_name: string;
  unit: string;
  unit_decimals: number;
  net_weight_g: number;
  quantity: Big;
  status: string;
  reason_code: string;
  reason_params: string;
  decline_reason: string;
  created_at: string;
  accepted_at: string | null;
  delivered_at: string | null;
  received_at: string | null;
  received_quantity: Big | null;
  discrepancy: string;
  discrepancy_note: string;
  shipped_at: string | null;
  unit_price_minor: Big;
  line_total_minor: Big;
  line_quantity: Big;
  order_line_id: number;
  currency: string;
  category_slug: string;
}

/** Product names come in the reader's language (`lng`), else as frozen on the order. */
const work = (db: DbOrTx, lng = '') =>
  db('allocations as a')
    .join('orders as o', 'o.id', 'a.order_id')
    .join('order_lines as l', 'l.id', 'a.order_line_id')
    .join('batches as b', 'b.id', 'a.batch_id')
    .join('members as m', 'm.id', 'a.member_id')
    .join('products as p', 'p.id', 'l.product_id')
    .join('categories as c', 'c.id', 'p.category_id')
    .leftJoin('product_translations as pt', function () {
      this.on('pt.product_id', 'l.product_id').andOnVal('pt.locale', lng);
    })
    .select<WorkRow[]>(
      'a.id',
      'a.order_id',
      'o.number as order_number',
      'o.status as order_status',
      'o.destination_country',
      'o.shipping_method',
      'o.placed_at',
      'o.currency',
      'a.batch_id',
      'b.lot_code',
      'b.status as batch_status',
      'a.member_id',
      'm.name as member_name',
      'l.product_id',
      db.raw('coalesce(pt.name, l.product_name) as product_name'),
      'l.unit',
      'l.unit_decimals',
      'l.net_weight_g',
      'l.unit_price_minor',
      'l.line_total_minor',
      'l.quantity as line_quantity',
      'a.order_line_id',
      'a.quantity',
      'a.status',
      'a.reason_code',
      'a.reason_params',
      'a.decline_reason',
      'a.created_at',
      'a.accepted_at',
      'a.delivered_at',
      'a.received_at',
      'a.received_quantity',
      'a.discrepancy',
      'a.discrepancy_note',
      'a.shipped_at',
      'c.slug as category_slug',
    );

export async function selectWorkOfMember(db: DbOrTx, memberId: number, statuses: string[], lng: string, limit = 300): Promise<WorkRow[]> {
  return work(db, lng).where('a.member_id', memberId).whereIn('a.status', statuses).whereNot('o.status', 'cancelled').orderBy([{ column: 'a.created_at' }, { column: 'a.id' }]).limit(limit);
}

export async function selectWorkById(db: DbOrTx, id: number): Promise<WorkRow | undefined> {
  return work(db).where('a.id', id).first();
}

export async function selectWorkByLot(db: DbOrTx, lotCode: string, statuses: string[], lng: string): Promise<WorkRow[]> {
  return work(db, lng).where('b.lot_code', lotCode).whereIn('a.status', statuses).whereNull('a.received_at').whereNot('o.status', 'cancelled').orderBy('a.id');
}

export async function selectWorkAtHub(db: DbOrTx, statuses: string[], lng: string, limit = 300): Promise<WorkRow[]> {
  return work(db, lng).whereIn('a.status', statuses).whereNull('a.received_at').whereNot('o.status', 'cancelled').orderBy([{ column: 'o.id' }, { column: 'a.id' }]).limit(limit);
}

/** Proposed allocations nobody accepted in time. */
export async function selectOverdue(db: DbOrTx, before: string): Promise<number[]> {
  return (await db('allocations as a').join('orders as o', 'o.id', 'a.order_id').where('a.status', 'proposed').andWhere('a.created_at', '<', before).whereNot('o.status', 'cancelled').select<{ id: number }[]>('a.id')).map((r) => r.id);
}

/** Shipped allocations of a period (by shipping date), for statements. */
export async function selectShippedBetween(db: DbOrTx, from: string, to: string, memberId?: number): Promise<WorkRow[]> {
  const query = work(db).where('a.status', 'shipped').andWhere('a.shipped_at', '>=', from).andWhere('a.shipped_at', '<', to).orderBy('a.id');
  if (memberId) void query.where('a.member_id', memberId);
  return query;
}

/** Every shipped allocation of the order lines touched in a period: to share each line's total exactly. */
export async function selectShippedOfLines(db: DbOrTx, lineIds: number[]): Promise<{ id: number; order_line_id: number; quantity: Big; received_quantity: Big | null }[]> {
  if (lineIds.length === 0) return [];
  return db('allocations').whereIn('order_line_id', lineIds).where('status', 'shipped').select('id', 'order_line_id', 'quantity', 'received_quantity').orderBy('id');
}

/** Moves an allocation on only from the status it was read in; the row count says whether it did. */
export async function updateAllocationIf(db: DbOrTx, id: number, from: string[], patch: Record<string, unknown>): Promise<boolean> {
  return (await db('allocations').where({ id }).whereIn('status', from).update(patch)) === 1;
}

export interface StatementRow {
  id: number;
  member_id: number;
  period: string;
  currency: string;
  revenue_minor: Big;
  commission_minor: Big;
  fees_minor: Big;
  payout_minor: Big;
  paid_at: string;
  paid_by_user_id: number | null;
  payment_note: string;
}

export async function selectStatements(db: DbOrTx, period: string, memberId?: number): Promise<StatementRow[]> {
  const query = db<StatementRow>('statements').where({ period }).orderBy('member_id');
  if (memberId) void query.where({ member_id: memberId });
  return query;
}

export async function selectStatementsOfMember(db: DbOrTx, memberId: number): Promise<StatementRow[]> {
  return db<StatementRow>('statements').where({ member_id: memberId }).orderBy('period', 'desc');
}

export async function insertStatement(db: DbOrTx, row: Omit<StatementRow, 'id'>): Promise<void> {
  await db('statements').insert(row);
}

export async function selectActiveMembers(db: DbOrTx): Promise<{ id: number; name: string; slug: string }[]> {
  return db('members').whereNot('status', 'pending').select('id', 'name', 'slug').orderBy('name');
}
