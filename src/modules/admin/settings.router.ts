import { Router, type Response } from 'express';
import type { Audit } from '#platform/audit/index.js';
import { countryOptions } from '#platform/i18n/countries.js';
import { isCurrencyCode } from '#platform/money.js';
import type { Settings } from '#platform/settings/index.js';
import { auditContext, authorize } from '#modules/accounts/index.js';
import {
  EDITED_KEYS,
  INCOTERM_CODES,
  POLICIES,
  bankCurrencies,
  formFromBody,
  formatSettings,
  parseSettingsForm,
  type EditedKey,
  type EditedSettings,
  type SettingsFormValues,
} from '#modules/admin/settings.form.js';

export interface SettingsRouterDeps {
  settings: Settings;
  audit: Audit;
}

const coordinator = authorize({ who: ['coordinator'] });

/** /admin/settings: the coordinator's one form for the coop's settings; works without JavaScript. */
export function createSettingsRouter({ settings, audit }: SettingsRouterDeps): Router {
  const router = Router();

  const current = (): EditedSettings => {
    const read = <K extends EditedKey>(key: K) => [key, settings.get(key)] as const;
    return Object.fromEntries(EDITED_KEYS.map(read)) as unknown as EditedSettings;
  };

  const view = (res: Response, values: SettingsFormValues, stored: EditedSettings) => {
    // A bank details box for every stored currency, and for every one the user has sent a box for.
    const sent = Object.keys(values).flatMap((k) => (/^bank_[A-Z]{3}$/.test(k) && isCurrencyCode(k.slice(5)) ? [k.slice(5)] : []));
    const base = isCurrencyCode(values.baseCurrency ?? '') ? (values.baseCurrency as string) : stored['coop.baseCurrency'];
    return {
      values,
      errors: {} as Record<string, string>,
      errorLines: {} as Record<string, number>,
      baseCurrency: base,
      bankCurrencies: [...new Set([...bankCurrencies(stored), ...sent])],
      countries: countryOptions(res.locals.lng),
      incoterms: INCOTERM_CODES,
      policies: POLICIES,
    };
  };

  router.get('/settings', coordinator, (_req, res) => {
    const stored = current();
    res.render('admin/settings', view(res, formatSettings(stored), stored));
  });

  router.post('/settings', coordinator, async (req, res) => {
    const stored = current();
    const values = formFromBody(req.body);
    const parsed = parseSettingsForm(values, stored);
    if (!parsed.ok) {
      res.status(422).render('admin/settings', {
        ...view(res, values, stored),
        errors: parsed.errors,
        errorLines: parsed.lines,
        formError: 'errors:validation.message',
      });
      return;
    }
    const changed = EDITED_KEYS.filter((key) => JSON.stringify(parsed.value[key]) !== JSON.stringify(stored[key]));
    const save = <K extends EditedKey>(key: K) => settings.set(key, parsed.value[key]);
    for (const key of changed) await save(key);
    if (changed.length > 0) await audit.record(auditContext(req), 'settings.updated', { type: 'coop', id: 0 }, { keys: changed });
    req.session.flash = 'settings:saved';
    res.redirect(303, '/admin/settings');
  });

  return router;
}
