import type { DbOrTx } from '#platform/db/index.js';

export interface AuditRow {
  id: number;
  at: string;
  actor_user_id: number | null;
  actor_email: string;
  action: string;
  subject_type: string;
  subject_id: string;
  detail: string;
  ip: string;
}

export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeId?: number | undefined;
}

export async function insertAudit(db: DbOrTx, row: Omit<AuditRow, 'id'>): Promise<void> {
  await db('audit_log').insert(row);
}

export async function selectAudit(db: DbOrTx, f: AuditFilter, limit: number): Promise<AuditRow[]> {
  const q = db<AuditRow>('audit_log').orderBy('id', 'desc').limit(limit);
  if (f.action) void q.where('action', f.action);
  if (f.actor) void q.where('actor_email', f.actor);
  if (f.from) void q.where('at', '>=', f.from);
  if (f.to) void q.where('at', '<', f.to);
  if (f.beforeId) void q.where('id', '<', f.beforeId);
  return q;
}

export async function selectAuditActions(db: DbOrTx): Promise<string[]> {
  return (await db('audit_log').distinct('action').orderBy('action')).map((r: { action: string }) => r.action);
}
