import { Router, type Request, type Response } from 'express';
import { formValues, renderInvalid } from '#platform/http/forms.js';
import { countryOptions } from '#platform/i18n/countries.js';
import { LOCALES, type Locale } from '#platform/i18n/locales.js';
import type { Settings } from '#platform/settings/index.js';
import { auditContext } from '#modules/accounts/accounts.passport.js';
import type { OnboardingService, TokenKind } from '#modules/accounts/onboarding.service.js';
import { anyone } from '#modules/accounts/policy.js';
import type { RateLimits } from '#modules/accounts/rate-limits.js';

export interface OnboardingRouterDeps {
  onboarding: OnboardingService;
  settings: Settings;
  limits: RateLimits;
}

const REGISTER_FIELDS = ['kind', 'organisation', 'displayName', 'country', 'taxId', 'email', 'locale', 'displayCurrency'] as const;

/** Options every language form offers, labelled in each language's own name. */
export function localeOptions(res: Response) {
  return LOCALES.map((l) => ({ value: l, label: res.locals.page.alternates.find((a) => a.lng === l)?.label ?? l }));
}

/** /{lng}/register, /{lng}/verify/:token, /{lng}/reset, /{lng}/reset/:token, /{lng}/invite/:token. */
export function createOnboardingRouter({ onboarding, settings, limits }: OnboardingRouterDeps): Router {
  const router = Router();

  const message = (res: Response, status: number, key: string) =>
    res.status(status).render('accounts/message', { titleKey: `accounts:${key}.title`, textKey: `accounts:${key}.text` });

  const registerVm = (res: Response, values: Record<string, string>) => ({
    values,
    errors: {},
    countries: countryOptions(res.locals.lng),
    locales: localeOptions(res),
    currencies: settings.get('coop.displayCurrencies'),
  });

  router.get('/register', anyone, (_req, res) => {
    const lng = res.locals.lng;
    const values = { ...formValues({}, REGISTER_FIELDS), kind: 'organisation', locale: lng, displayCurrency: 'USD' };
    res.render('accounts/register', registerVm(res, values));
  });

  router.post('/register', anyone, limits.register, async (req, res) => {
    const values = formValues(req.body, REGISTER_FIELDS);
    try {
      await onboarding.registerBuyer({ ...values, password: formValues(req.body, ['password']).password }, auditContext(req));
      res.redirect(303, `/${res.locals.lng}/register/sent`);
    } catch (err) {
      renderInvalid(res, 'accounts/register', registerVm(res, values), err);
    }
  });
  router.get('/register/sent', anyone, (_req, res) => message(res, 200, 'registerSent'));

  // Emailed links: GET shows a form (link scanners must not use them up), POST acts.
  const linkPage = (kind: TokenKind, view: string) =>
    router.get(`/${kind}/:token`, anyone, async (req, res) => {
      const user = await onboarding.peek(kind, String(req.params.token));
      if (!user) return message(res, 410, 'linkInvalid');
      res.render(view, { values: { displayName: user.displayName }, errors: {}, email: user.email });
    });
  linkPage('verify', 'accounts/verify');
  linkPage('reset', 'accounts/reset-form');
  linkPage('invite', 'accounts/invite');

  const done = (req: Request, res: Response, key: string, lng: Locale) => {
    req.session.flash = key;
    res.redirect(303, `/${lng}/login`);
  };

  router.post('/verify/:token', anyone, async (req, res) => {
    const user = await onboarding.verifyEmail(String(req.params.token), auditContext(req));
    if (!user) return message(res, 410, 'linkInvalid');
    done(req, res, 'accounts:verify.done', user.locale);
  });

  router.get('/reset', anyone, (_req, res) => res.render('accounts/reset-request', { values: { email: '' }, errors: {} }));
  router.post('/reset', anyone, limits.reset, async (req, res) => {
    await onboarding.requestReset(formValues(req.body, ['email']).email, auditContext(req));
    res.redirect(303, `/${res.locals.lng}/reset/sent`);
  });
  router.get('/reset/sent', anyone, (_req, res) => message(res, 200, 'resetSent'));

  router.post('/reset/:token', anyone, async (req, res) => {
    try {
      const user = await onboarding.resetPassword(String(req.params.token), formValues(req.body, ['password', 'confirm']), auditContext(req));
      if (!user) return message(res, 410, 'linkInvalid');
      done(req, res, 'accounts:reset.done', user.locale);
    } catch (err) {
      renderInvalid(res, 'accounts/reset-form', { values: {}, email: '' }, err);
    }
  });

  router.post('/invite/:token', anyone, async (req, res) => {
    const input = formValues(req.body, ['displayName', 'password', 'confirm']);
    try {
      const user = await onboarding.acceptInvitation(String(req.params.token), input, auditContext(req));
      if (!user) return message(res, 410, 'linkInvalid');
      done(req, res, 'accounts:invite.done', user.locale);
    } catch (err) {
      renderInvalid(res, 'accounts/invite', { values: { displayName: input.displayName }, email: '' }, err);
    }
  });
  return router;
}
