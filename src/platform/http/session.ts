import type { Request, RequestHandler } from 'express';
import { readCookie } from '#platform/http/cookies.js';
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

/**
 * A visitor's first "add to cart" from a product page: pages read by visitors carry no token (a
 * token needs a session, and reading must not create one), so this one form is accepted without
 * a token when there is no session yet and the browser says it comes from this site (Origin, else
 * Referer). A forged cross-site post is refused, and could only fill a cart the victim never sees:
 * the SameSite=Lax cookies are not sent with it.
 */
export function isVisitorCartAdd(req: Request, publicUrl: string): boolean {
  if (req.method !== 'POST' || !/^\/[A-Za-z-]{2,5}\/cart\/add$/.test(req.path)) return false;
  if (readCookie(req.headers.cookie, SESSION_COOKIE)) return false;
  let origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  if (!origin && typeof req.headers.referer === 'string') {
    try {
      origin = new URL(req.headers.referer).origin;
    } catch {
      return false;
    }
  }
  const allowed = [new URL(publicUrl).origin, `${req.protocol}://${req.get('host') ?? ''}`];
  return origin !== undefined && allowed.includes(origin);
}

/** Synchroniser-token CSRF protection for every state-changing request; forms carry `_csrf`. */
export function csrfProtection(publicUrl: string) {
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
  const protect: RequestHandler = (req, res, next) => (isVisitorCartAdd(req, publicUrl) ? next() : csrfSynchronisedProtection(req, res, next));
  return { protect, generateToken };
}
