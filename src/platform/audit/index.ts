import type { Clock } from '#platform/clock.js';
import type { DbOrTx, Db } from '#platform/db/index.js';
import * as q from '#platform/audit/audit.queries.js';

export type { AuditFilter } from '#platform/audit/audit.queries.js';

/** Who did it and from where: built by the router from the request, passed to services. */
export interface AuditContext {
  actorId: number | null;
  actorEmail: string;
  ip: string;
}

export const SYSTEM_CONTEXT: AuditContext = { actorId: null, actorEmail: '', ip: '' };

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorEmail: string;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
  ip: string;
}

export function createAudit(db: Db, clock: Clock) {
  return {
    /** Records one event; pass the transaction so the record commits with the change it describes. */
    async record(
      ctx: AuditContext,
      action: string,
      subject: { type: string; id: string | number } | null,
      detail: Record<string, unknown> = {},
      trx: DbOrTx = db,
    ): Promise<void> {
      await q.insertAudit(trx, {
        at: clock.nowIso(),
        actor_user_id: ctx.actorId,
        actor_email: ctx.actorEmail,
        action,
        subject_type: subject?.type ?? '',
        subject_id: subject ? String(subject.id) : '',
        detail: JSON.stringify(detail),
        ip: ctx.ip,
      });
    },
    async list(filter: q.AuditFilter, limit = 100): Promise<AuditEntry[]> {
      return (await q.selectAudit(db, filter, limit)).map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_user_id,
        actorEmail: r.actor_email,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
        ip: r.ip,
      }));
    },
    actions: () => q.selectAuditActions(db),
  };
}

export type Audit = ReturnType<typeof createAudit>;
