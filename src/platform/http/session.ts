import type { RequestHandler } from 'express';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { createSessionStore, IDLE_TIMEOUT_MS } from '#platform/sessions/index.js';

export const SESSION_COOKIE = 'terroir.sid';

/**
 * Sessions live in the database; the cookie is httpOnly, SameSite=Lax, Secure behind https, and
 * rolls with activity (idle timeout). Visitors who only read get no session at all.
 */
export function sessionMiddleware(db: Db, clock: Clock, secret: string, secure: boolean): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret,
    store: createSessionStore(db, clock),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: IDLE_TIMEOUT_MS, path: '/' },
  });
}

/** Synchroniser-token CSRF protection for every state-changing request; forms carry `_csrf`. */
export function csrfProtection() {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
      if (typeof fromBody === 'string') return fromBody;
      // Upload forms are multipart: their body is parsed later, by the route, so they carry the
      // token in the action URL instead (redacted from the request log).
      const fromQuery = req.is('multipart/form-data') ? (req.query as Record<string, unknown>)._csrf : undefined;
      return typeof fromQuery === 'string' ? fromQuery : (req.headers['x-csrf-token'] as string | undefined);
    },
  });
  return { protect: csrfSynchronisedProtection, generateToken };
}
