import type { DbOrTx } from '#platform/db/index.js';

export interface SessionRow {
  sid: string;
  user_id: number | null;
  data: string;
  expires_at: string;
  created_at: string;
  last_seen_at: string;
  user_agent: string;
}

export async function selectLiveSession(db: DbOrTx, sid: string, now: string): Promise<SessionRow | undefined> {
  return db<SessionRow>('sessions').where({ sid }).andWhere('expires_at', '>', now).first();
}

export async function upsertSession(db: DbOrTx, row: SessionRow): Promise<void> {
  await db('sessions')
    .insert(row)
    .onConflict('sid')
    .merge(['user_id', 'data', 'expires_at', 'last_seen_at', 'user_agent']);
}

export async function touchSession(db: DbOrTx, sid: string, expiresAt: string, now: string): Promise<void> {
  await db('sessions').where({ sid }).update({ expires_at: expiresAt, last_seen_at: now });
}

export async function deleteSession(db: DbOrTx, sid: string): Promise<void> {
  await db('sessions').where({ sid }).delete();
}

export async function deleteUserSessions(db: DbOrTx, userId: number, exceptSid?: string): Promise<number> {
  const q = db('sessions').where({ user_id: userId });
  if (exceptSid) void q.whereNot({ sid: exceptSid });
  return q.delete();
}

export async function selectUserSessions(db: DbOrTx, userId: number, now: string): Promise<SessionRow[]> {
  return db<SessionRow>('sessions')
    .where({ user_id: userId })
    .andWhere('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc');
}

export async function deleteExpiredSessions(db: DbOrTx, now: string): Promise<number> {
  return db('sessions').where('expires_at', '<=', now).delete();
}
