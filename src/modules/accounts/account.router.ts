import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { AppError } from '#platform/http/errors.js';
import { field, formValues, renderInvalid } from '#platform/http/forms.js';
import { countryOptions } from '#platform/i18n/countries.js';
import type { SessionAdmin } from '#platform/sessions/index.js';
import type { Settings } from '#platform/settings/index.js';
import type { AccountsService } from '#modules/accounts/accounts.service.js';
import type { AuthService } from '#modules/accounts/auth.service.js';
import { auditContext, logOut } from '#modules/accounts/accounts.passport.js';
import { localeOptions } from '#modules/accounts/onboarding.router.js';
import { authorize } from '#modules/accounts/policy.js';
import { totpUri } from '#modules/accounts/totp.js';

export interface AccountRouterDeps {
  accounts: AccountsService;
  auth: AuthService;
  sessions: SessionAdmin;
  settings: Settings;
}

const signedIn = authorize({ who: 'signedIn' });
const enrolment = authorize({ who: 'signedIn', before2fa: true });
const ownSession = authorize({ who: 'signedIn', owner: 'self', before2fa: true });
const buyers = authorize({ who: ['buyer'] });
const buyerOwns = authorize({ who: ['buyer'], owner: 'buyer' });

/** A session is named in pages by a hash of its id, never by the id itself. */
export const sessionHandle = (sid: string) => createHash('sha256').update(sid).digest('hex').slice(0, 24);

const ADDRESS_FIELDS = ['label', 'recipient', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'] as const;

/** /{lng}/account…: profile, password, two-factor, sessions, addresses. */
export function createAccountRouter({ accounts, auth, sessions, settings }: AccountRouterDeps): Router {
  const router = Router();
  const base = (res: Response) => `/${res.locals.lng}/account`;
  const me = (req: Request) => req.user!;

  const profileVm = async (req: Request, res: Response, values?: Record<string, string>) => {
    const user = me(req);
    const buyer = user.buyerId ? await accounts.buyer(user.buyerId) : undefined;
    return {
      values: values ?? { displayName: user.displayName, locale: user.locale, displayCurrency: buyer?.displayCurrency ?? '' },
      errors: {},
      account: user,
      buyer,
      locales: localeOptions(res),
      currencies: settings.get('coop.displayCurrencies'),
    };
  };

  router.get('/account', signedIn, async (req, res) => res.render('accounts/account-profile', await profileVm(req, res)));
  router.post('/account/profile', signedIn, async (req, res) => {
    const values = formValues(req.body, ['displayName', 'locale', 'displayCurrency']);
    try {
      await accounts.updateProfile(me(req), me(req).buyerId ? values : { ...values, displayCurrency: undefined }, auditContext(req));
      req.session.flash = 'accounts:profile.saved';
      res.redirect(303, `/${values.locale}/account`);
    } catch (err) {
      renderInvalid(res, 'accounts/account-profile', await profileVm(req, res, values), err);
    }
  });

  router.get('/account/password', enrolment, (_req, res) => res.render('accounts/account-password', { errors: {} }));
  router.post('/account/password', enrolment, async (req, res) => {
    try {
      await accounts.changePassword(me(req).id, formValues(req.body, ['current', 'password', 'confirm']), req.sessionID, auditContext(req));
      req.session.flash = 'accounts:password.changed';
      res.redirect(303, base(res));
    } catch (err) {
      renderInvalid(res, 'accounts/account-password', {}, err);
    }
  });

  const twoFactorVm = async (req: Request) => {
    const user = me(req);
    if (user.totpEnabled) return { enabled: true, left: await auth.recoveryCodesLeft(user.id), errors: {} };
    req.session.pendingTotp ??= auth.newTotpSecret();
    const uri = totpUri(req.session.pendingTotp, user.email, settings.get('coop.name'));
    // qrcode loads here, at the first enrolment, rather than at start.
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return { enabled: false, secret: req.session.pendingTotp, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`, errors: {} };
  };
  router.get('/account/2fa', enrolment, async (req, res) => res.render('accounts/account-2fa', await twoFactorVm(req)));
  router.post('/account/2fa/enable', enrolment, async (req, res) => {
    const secret = req.session.pendingTotp;
    const codes = secret ? await auth.enableTotp(me(req).id, secret, field(req.body, 'code'), auditContext(req)) : undefined;
    if (!codes) return res.status(422).render('accounts/account-2fa', { ...(await twoFactorVm(req)), errors: { code: 'errors:field.totp' } });
    delete req.session.pendingTotp;
    req.session.recoveryCodes = codes;
    res.redirect(303, `${base(res)}/2fa/recovery-codes`);
  });
  router.post('/account/2fa/recovery-codes', enrolment, async (req, res) => {
    if (!me(req).totpEnabled) throw new AppError('bad_request');
    req.session.recoveryCodes = await auth.regenerateRecoveryCodes(me(req).id, auditContext(req));
    res.redirect(303, `${base(res)}/2fa/recovery-codes`);
  });
  router.get('/account/2fa/recovery-codes', enrolment, (req, res) => {
    const codes = req.session.recoveryCodes;
    delete req.session.recoveryCodes;
    if (!codes) return res.redirect(303, `${base(res)}/2fa`);
    res.setHeader('Cache-Control', 'no-store');
    res.render('accounts/account-recovery-codes', { codes });
  });
  router.post('/account/2fa/disable', signedIn, async (req, res) => {
    if (!(await auth.disableTotp(me(req).id, field(req.body, 'password'), auditContext(req)))) {
      return res.status(422).render('accounts/account-2fa', { ...(await twoFactorVm(req)), errors: { password: 'errors:field.wrongPassword' } });
    }
    req.session.flash = 'accounts:twoFactor.disabled';
    res.redirect(303, base(res));
  });

  router.get('/account/sessions', enrolment, async (req, res) => {
    const list = (await sessions.listForUser(me(req).id)).map((s) => ({ ...s, handle: sessionHandle(s.sid), current: s.sid === req.sessionID }));
    res.render('accounts/account-sessions', { sessions: list });
  });
  router.post('/account/sessions/:handle/end', ownSession, async (req, res) => {
    const target = (await sessions.listForUser(me(req).id)).find((s) => sessionHandle(s.sid) === req.params.handle);
    if (!target) throw new AppError('not_found');
    await sessions.endOne(target.sid);
    if (target.sid === req.sessionID) return res.redirect(303, `/${res.locals.lng}/login`);
    res.redirect(303, `${base(res)}/sessions`);
  });
  router.post('/account/sessions/end-all', enrolment, async (req, res) => {
    const userId = me(req).id;
    await logOut(req);
    await sessions.endForUser(userId);
    res.redirect(303, `/${res.locals.lng}/login`);
  });

  const addressVm = async (req: Request, res: Response, values?: Record<string, string>) => ({
    addresses: await accounts.addresses.list(me(req).buyerId!),
    values: values ?? { ...formValues({}, ADDRESS_FIELDS), country: '' },
    errors: {},
    countries: countryOptions(res.locals.lng),
  });
  router.get('/account/addresses', buyers, async (req, res) => res.render('accounts/account-addresses', await addressVm(req, res)));
  router.post('/account/addresses', buyers, async (req, res) => {
    const values = formValues(req.body, ADDRESS_FIELDS);
    try {
      await accounts.addresses.add(me(req).buyerId!, values, auditContext(req));
      res.redirect(303, `${base(res)}/addresses`);
    } catch (err) {
      renderInvalid(res, 'accounts/account-addresses', await addressVm(req, res, values), err);
    }
  });
  router.post('/account/addresses/:addressId/delete', buyerOwns, async (req, res) => {
    const id = Number(req.params.addressId);
    if (!Number.isSafeInteger(id) || !(await accounts.addresses.remove(me(req).buyerId!, id, auditContext(req)))) {
      throw new AppError('not_found');
    }
    res.redirect(303, `${base(res)}/addresses`);
  });
  return router;
}
