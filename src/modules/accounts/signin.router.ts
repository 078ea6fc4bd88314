import { Router, type NextFunction, type Request, type Response } from 'express';
import { AppError } from '#platform/http/errors.js';
import { field, safeReturnTo } from '#platform/http/forms.js';
import type { User } from '#modules/accounts/accounts.rows.js';
import type { AuthService, SignInResult } from '#modules/accounts/auth.service.js';
import { auditContext, logIn, logOut, type PassportInstance } from '#modules/accounts/accounts.passport.js';
import { anyone, authorize } from '#modules/accounts/policy.js';
import type { RateLimits } from '#modules/accounts/rate-limits.js';

export interface SignInRouterDeps {
  auth: AuthService;
  passport: PassportInstance;
  limits: RateLimits;
}

export function homeOf(user: User): string {
  return user.role === 'coordinator' ? '/admin' : `/${user.locale}/account`;
}

const signedInAny = authorize({ who: 'signedIn', before2fa: true });

/** /{lng}/login, /{lng}/login/2fa, /{lng}/logout. */
export function createSignInRouter({ auth, passport, limits }: SignInRouterDeps): Router {
  const router = Router();
  const renderLogin = (res: Response, status: number, vm: object) =>
    res.status(status).render('accounts/login', { email: '', returnTo: '', errorKey: null, ...vm });

  router.get('/login', anyone, (req, res) => {
    if (req.user) return res.redirect(303, homeOf(req.user));
    renderLogin(res, 200, { returnTo: safeReturnTo(req.query.returnTo) ?? '' });
  });

  router.post('/login', anyone, limits.signIn, (req: Request, res: Response, next: NextFunction) => {
    const email = field(req.body, 'email');
    const returnTo = safeReturnTo(field(req.body, 'returnTo'));
    passport.authenticate('local', { session: false }, (err: unknown, user: User | false, info?: { result?: SignInResult }) => {
      if (err) return next(err);
      const kind = info?.result?.kind ?? 'invalid';
      if (!user) {
        if (kind === 'locked') return next(new AppError('too_many_requests'));
        const errorKey = kind === 'unverified' ? 'accounts:login.unverified' : 'accounts:login.invalid';
        return renderLogin(res, 401, { email, returnTo: returnTo ?? '', errorKey });
      }
      const finish = async () => {
        if (info?.result?.kind === 'ok' && info.result.needs2fa) {
          // The password alone does not sign in: a fresh session holds the pending second step.
          await new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
          req.session.pending2fa = { userId: user.id, returnTo: returnTo ?? '' };
          return res.redirect(303, `/${res.locals.lng}/login/2fa`);
        }
        await logIn(req, user);
        res.redirect(303, returnTo ?? homeOf(user));
      };
      finish().catch(next);
    })(req, res, next);
  });

  router.get('/login/2fa', anyone, (req, res) => {
    if (!req.session.pending2fa) return res.redirect(303, `/${res.locals.lng}/login`);
    res.render('accounts/login-2fa', { errorKey: null });
  });

  router.post('/login/2fa', anyone, limits.secondFactor, async (req, res) => {
    const pending = req.session.pending2fa;
    if (!pending) return res.redirect(303, `/${res.locals.lng}/login`);
    const user = await auth.secondFactor(pending.userId, field(req.body, 'code'), auditContext(req));
    if (!user) return res.status(401).render('accounts/login-2fa', { errorKey: 'accounts:twoFactor.invalid' });
    await logIn(req, user);
    res.redirect(303, safeReturnTo(pending.returnTo) ?? homeOf(user));
  });

  router.get('/logout', signedInAny, (_req, res) => res.render('accounts/logout'));
  router.post('/logout', signedInAny, async (req, res) => {
    await logOut(req);
    res.redirect(303, `/${res.locals.lng}/`);
  });
  return router;
}
