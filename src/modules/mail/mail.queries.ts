import type { DbOrTx } from '#platform/db/index.js';

export interface OutboxRow {
  id: number;
  to_address: string;
  locale: string;
  template: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: string;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export async function insertOutbox(db: DbOrTx, row: Omit<OutboxRow, 'id'>): Promise<number> {
  const [inserted] = await db('outbox').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function updateOutboxStatus(
  db: DbOrTx,
  id: number,
  patch: Pick<OutboxRow, 'status' | 'error' | 'sent_at'>,
): Promise<void> {
  await db('outbox').where({ id }).update(patch);
}

export async function selectOutboxPage(db: DbOrTx, beforeId: number | undefined, limit: number): Promise<OutboxRow[]> {
  const q = db<OutboxRow>('outbox').orderBy('id', 'desc').limit(limit);
  if (beforeId !== undefined) void q.where('id', '<', beforeId);
  return q;
}

export async function selectOutboxById(db: DbOrTx, id: number): Promise<OutboxRow | undefined> {
  return db<OutboxRow>('outbox').where({ id }).first();
}
