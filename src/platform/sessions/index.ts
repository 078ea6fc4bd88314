import session from 'express-session';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import * as q from '#platform/sessions/sessions.queries.js';

/** Sessions end after this long without a request… */
export const IDLE_TIMEOUT_MS = 12 * 3600 * 1000;
/** …and in any case this long after sign-in. */
export const ABSOLUTE_TIMEOUT_MS = 7 * 24 * 3600 * 1000;

declare module 'express-session' {
  interface SessionData {
    passport?: { user?: number };
    signedInAt?: string;
    userAgent?: string;
    /** Password accepted, second factor still due. */
    pending2fa?: { userId: number; returnTo: string };
    flash?: string;
    /** A TOTP secret shown for enrolment, kept until the user proves their app has it. */
    pendingTotp?: string;
    /** Fresh recovery codes, shown once. */
    recoveryCodes?: string[];
  }
}

export interface SessionInfo {
  sid: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string;
}

type Cb = (err?: unknown, value?: session.SessionData | null) => void;

/**
 * A rolling session is touched on every request; writing that to the database each time costs a
 * commit per page. The expiry only needs moving now and then: at most once per this interval per
 * session and process (a 12-hour idle timeout ends at most this much early).
 */
export const TOUCH_EVERY_MS = 5 * 60 * 1000;
const MAX_REMEMBERED = 10_000;

/** An express-session store over the `sessions` table (SQLite or PostgreSQL alike). */
export function createSessionStore(db: Db, clock: Clock): session.Store {
  const lastWrite = new Map<string, number>();
  const remember = (sid: string) => {
    if (lastWrite.size >= MAX_REMEMBERED) lastWrite.clear();
    lastWrite.set(sid, clock.now().getTime());
  };
  const expiry = (sess: session.SessionData) =>
    (sess.cookie?.expires ? new Date(sess.cookie.expires) : new Date(clock.now().getTime() + IDLE_TIMEOUT_MS)).toISOString();

  class KnexStore extends session.Store {
    override get(sid: string, cb: Cb) {
      q.selectLiveSession(db, sid, clock.nowIso()).then(
        (row) => cb(null, row ? (JSON.parse(row.data) as session.SessionData) : null),
        (err: unknown) => cb(err),
      );
    }
    override set(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
      const now = clock.nowIso();
      remember(sid);
      q.upsertSession(db, {
        sid,
        user_id: sess.passport?.user ?? null,
        data: JSON.stringify(sess),
        expires_at: expiry(sess),
        created_at: now,
        last_seen_at: now,
        user_agent: (sess.userAgent ?? '').slice(0, 200),
      }).then(() => cb?.(), (err: unknown) => cb?.(err));
    }
    override destroy(sid: string, cb?: (err?: unknown) => void) {
      lastWrite.delete(sid);
      q.deleteSession(db, sid).then(() => cb?.(), (err: unknown) => cb?.(err));
    }
    override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
      const last = lastWrite.get(sid);
      if (last !== undefined && clock.now().getTime() - last < TOUCH_EVERY_MS) {
        cb?.();
        return;
      }
      remember(sid);
      q.touchSession(db, sid, expiry(sess), clock.nowIso()).then(() => cb?.(), (err: unknown) => cb?.(err));
    }
  }
  return new KnexStore();
}

export function createSessionAdmin(db: Db, clock: Clock) {
  return {
    async listForUser(userId: number): Promise<SessionInfo[]> {
      return (await q.selectUserSessions(db, userId, clock.nowIso())).map((r) => ({
        sid: r.sid,
        createdAt: r.created_at,
        lastSeenAt: r.last_seen_at,
        userAgent: r.user_agent,
      }));
    },
    endForUser: (userId: number, exceptSid?: string) => q.deleteUserSessions(db, userId, exceptSid),
    endOne: (sid: string) => q.deleteSession(db, sid),
    purgeExpired: () => q.deleteExpiredSessions(db, clock.nowIso()),
  };
}

export type SessionAdmin = ReturnType<typeof createSessionAdmin>;
