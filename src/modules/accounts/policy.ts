import type { RequestHandler } from 'express';
import { AppError } from '#platform/http/errors.js';
import type { Role, User } from '#modules/accounts/accounts.rows.js';

/**
 * The one place that answers "may this user do this to that resource?".
 * Routes declare a rule with `authorize()`; handlers that touch one resource ask `may()`.
 */
export type Resource =
  | { type: 'coop' }
  | { type: 'member'; memberId: number }
  | { type: 'buyer'; buyerId: number }
  | { type: 'user'; userId: number };

export type Action = 'read' | 'update' | 'manage';

export function may(user: User | undefined, action: Action, resource: Resource): boolean {
  if (!user || user.status !== 'active') return false;
  const coordinator = user.role === 'coordinator';
  switch (resource.type) {
    case 'coop':
      return coordinator;
    case 'member':
      if (action === 'manage') return coordinator;
      return coordinator || (user.role === 'member' && user.memberId === resource.memberId);
    case 'buyer':
      if (action === 'read' && coordinator) return true;
      return user.role === 'buyer' && user.buyerId === resource.buyerId;
    case 'user':
      return user.id === resource.userId || (action === 'read' && coordinator);
  }
}

export interface RouteRule {
  /** Who may reach the route at all. */
  who: 'anyone' | 'signedIn' | readonly Role[];
  /** Whose resource the route's parameters name ('self': the signed-in user's own, e.g. a session). */
  owner?: 'buyer' | 'member' | 'self';
  /** Coordinators may use it before enrolling two-factor authentication. */
  before2fa?: boolean;
}

export type GuardedHandler = RequestHandler & { rule: RouteRule };

/** Route-level check. Refusals: 401 for visitors (GET pages send them to sign in), 403 for the wrong role. */
export function authorize(rule: RouteRule): GuardedHandler {
  const handler: RequestHandler = (req, res, next) => {
    const user = req.user as User | undefined;
    if (rule.who === 'anyone') return next();
    if (!user) {
      if (req.method === 'GET') {
        const lng = res.locals.lng;
        return res.redirect(303, `/${lng}/login?returnTo=${encodeURIComponent(req.originalUrl)}`);
      }
      return next(new AppError('unauthorized'));
    }
    if (rule.who !== 'signedIn' && !rule.who.includes(user.role)) return next(new AppError('forbidden'));
    if (user.role === 'coordinator' && !user.totpEnabled && !rule.before2fa) {
      if (req.method === 'GET') return res.redirect(303, `/${user.locale}/account/2fa`);
      return next(new AppError('forbidden', 'errors:forbidden.twoFactorRequired'));
    }
    next();
  };
  return Object.assign(handler, { rule });
}

export const anyone = authorize({ who: 'anyone' });
export const signedIn = authorize({ who: 'signedIn' });
export const coordinatorOnly = authorize({ who: ['coordinator'] });
