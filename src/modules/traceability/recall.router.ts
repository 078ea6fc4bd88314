import { Router } from 'express';
import { field } from '#platform/http/forms.js';
import type { Settings } from '#platform/settings/index.js';
import { auditContext, authorize } from '#modules/accounts/index.js';
import type { TraceabilityService } from '#modules/traceability/traceability.service.js';

/** /admin/lots/:lot/recall — the coordinator stops a lot (and what was made from it) at once. */
export function createRecallRouter({ traceability, settings }: { traceability: TraceabilityService; settings: Settings }): Router {
  const router = Router();
  router.post('/lots/:lot/recall', authorize({ who: ['coordinator'] }), async (req, res) => {
    const lot = String(req.params.lot).toUpperCase();
    const lots = await traceability.recall(
      lot,
      { reason: field(req.body, 'reason'), includeDescendants: field(req.body, 'descendants') === 'on', tzOffset: settings.get('coop.tzOffset') },
      { userId: req.user!.id, label: req.user!.displayName, ctx: auditContext(req) },
    );
    req.session.flash = lots.length ? 'traceability:recall.done' : 'traceability:recall.already';
    res.redirect(303, `/${req.user!.locale}/trace/${encodeURIComponent(lot)}`);
  });
  return router;
}
