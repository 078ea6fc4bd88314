import type { Request, RequestHandler } from 'express';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { AuditContext } from '#platform/audit/index.js';
import { ABSOLUTE_TIMEOUT_MS } from '#platform/sessions/index.js';
import type { User as AccountUser } from '#modules/accounts/accounts.rows.js';
import type { AuthService, SignInResult } from '#modules/accounts/auth.service.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends AccountUser {}
  }
}

/** Who is acting and from where, for the audit log. */
export function auditContext(req: Request): AuditContext {
  return { actorId: req.user?.id ?? null, actorEmail: req.user?.email ?? '', ip: req.ip ?? '' };
}

/** A Passport instance for one app: email and password through the auth service, users by id from the session. */
export type PassportInstance = InstanceType<typeof Passport>;

export function createPassport(auth: AuthService): PassportInstance {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'email', passReqToCallback: true }, (req, email, password, done) => {
      auth.signIn(email, password, auditContext(req)).then(
        (result: SignInResult) => {
          const info = { message: result.kind, result };
          return result.kind === 'ok' ? done(null, result.user, info) : done(null, false, info);
        },
        (err: unknown) => done(err),
      );
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: number, done) => {
    auth.userById(id).then((user) => done(null, user ?? false), (err: unknown) => done(err));
  });
  return passport;
}

/** Ends a session that outlived the absolute timeout, whatever its activity. */
export const absoluteTimeout: RequestHandler = (req, _res, next) => {
  const started = req.session?.signedInAt;
  if (req.user && started && Date.now() - Date.parse(started) > ABSOLUTE_TIMEOUT_MS) {
    // regenerate() drops the stored session and starts an empty one: the request goes on anonymous.
    return req.session.regenerate((err) => {
      req.user = undefined;
      next(err);
    });
  }
  next();
};

/** Signs the user in on a fresh session (passport regenerates it, so an earlier cookie is useless). */
export function logIn(req: Request, user: AccountUser): Promise<void> {
  return new Promise((resolve, reject) =>
    req.login(user, (err) => {
      if (err) return reject(err instanceof Error ? err : new Error(String(err)));
      req.session.signedInAt = new Date().toISOString();
      req.session.userAgent = (req.get('user-agent') ?? '').slice(0, 200);
      resolve();
    }),
  );
}

export function logOut(req: Request): Promise<void> {
  return new Promise((resolve) => {
    req.logout({ keepSessionInfo: false }, () => req.session.destroy(() => resolve()));
  });
}
