import { Router } from 'express';
import { field, formValues, renderInvalid } from '#platform/http/forms.js';
import { auditContext } from '#modules/accounts/accounts.passport.js';
import { localeOptions } from '#modules/accounts/onboarding.router.js';
import { anyone } from '#modules/accounts/policy.js';
import type { SetupService } from '#modules/accounts/setup.service.js';
import { AppError } from '#platform/http/errors.js';

/** /setup: the first coordinator, once, with the token the server printed at start. */
export function createSetupRouter(setup: SetupService): Router {
  const router = Router();
  const vm = (res: Parameters<typeof localeOptions>[0], values: Record<string, string>) => ({ values, errors: {}, locales: localeOptions(res) });

  router.get('/setup', anyone, async (req, res) => {
    if (!(await setup.isOpen())) throw new AppError('not_found');
    res.render('accounts/setup', vm(res, { token: field(req.query, 'token'), email: '', displayName: '', locale: res.locals.lng }));
  });
  router.post('/setup', anyone, async (req, res) => {
    const values = formValues(req.body, ['token', 'email', 'displayName', 'locale']);
    try {
      const user = await setup.complete({ ...values, ...formValues(req.body, ['password', 'confirm']) }, auditContext(req));
      req.session.flash = 'accounts:setup.done';
      res.redirect(303, `/${user.locale}/login`);
    } catch (err) {
      renderInvalid(res, 'accounts/setup', vm(res, values), err, err instanceof AppError && err.code === 'forbidden' ? 403 : 422);
    }
  });
  return router;
}
