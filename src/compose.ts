import type { Clock } from '#platform/clock.js';
import type { Config } from '#platform/config.js';
import type { Db } from '#platform/db/index.js';
import { createAudit, SYSTEM_CONTEXT } from '#platform/audit/index.js';
import { createI18n } from '#platform/i18n/index.js';
import type { Logger } from '#platform/logger.js';
import { createSessionAdmin } from '#platform/sessions/index.js';
import { createSettings } from '#platform/settings/index.js';
import { createAccountsService, createAuthService, createOnboardingService, createSetupService } from '#modules/accounts/index.js';
import { createCatalogService, createStorefrontService } from '#modules/catalog/index.js';
import { createCatalogImportService } from '#modules/catalog/catalog-import.service.js';
import { createMailer } from '#modules/mail/index.js';
import { createMemberProfileService, createMembersService } from '#modules/members/index.js';
import { createFulfilmentService, createSettlementService } from '#modules/fulfilment/index.js';
import { createCartService, createCheckoutService, createOrdersService, createRoutingService, type CheckoutHooks } from '#modules/ordering/index.js';
import { createTraceabilityService } from '#modules/traceability/traceability.service.js';
import { createTraceRecords } from '#modules/traceability/trace-record.js';
import { createDiskStorage } from '#platform/storage/index.js';
import { createDocumentStore } from '#platform/uploads/documents.js';
import { createImageProcessor } from '#platform/uploads/images.js';
import path from 'node:path';
import { createAppWrites } from '#platform/db/group-commit.js';

export interface ServiceDeps {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Test seams for the placing transaction (a naive reservation, a wider race window). */
  checkoutHooks?: CheckoutHooks;
}

/** The composition root: every service is built once here, from its dependencies. */
export function createServices({ config, db, clock, logger, checkoutHooks }: ServiceDeps) {
  const defaultLocale = config.defaultLocale;
  const i18n = createI18n(defaultLocale);
  const settings = createSettings(db, clock);
  const audit = createAudit(db, clock);
  const sessions = createSessionAdmin(db, clock);
  const mailer = createMailer({ db, clock, i18n, logger, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const accounts = createAccountsService({ db, clock, audit, sessions });
  const storage = createDiskStorage(path.join(config.dataDir, 'uploads'));
  const images = createImageProcessor(storage);
  const catalog = createCatalogService({ db, clock, defaultLocale, audit, images });
  const members = createMembersService({ db, clock, defaultLocale, audit });
  const memberProfiles = createMemberProfileService({ db, clock, defaultLocale, audit, images });
  // Hot writes (orders placed, cart lines changed) that arrive together share one commit.
  const writes = createAppWrites(db);
  const cart = createCartService({ db, clock, settings, defaultLocale, writes });
  const traceability = createTraceabilityService({ db, clock, audit, catalog, members, images });
  const hubActor = { userId: null, label: settings.get('shop.hub').name, ctx: SYSTEM_CONTEXT };
  const orders = createOrdersService({
    db,
    clock,
    settings,
    audit,
    mailer,
    i18n,
    publicUrl: config.publicUrl,
    logShipment: async (batchId, quantity, order) => {
      const hub = settings.get('shop.hub');
      await traceability.logEvent(batchId, 'ship_to_buyer', quantity, { tzOffset: settings.get('coop.tzOffset'), locationText: hub.name, note: '', attributes: { order: order.number, destination: order.destination } }, { ...hubActor, label: hub.name });
    },
  });
  const routing = createRoutingService({ db, clock, settings, audit, mailer, orders, publicUrl: config.publicUrl, affectedBatchIds: traceability.affectedBatchIds });
  const checkout = createCheckoutService({ db, clock, settings, audit, cart, accounts, onPlaced: orders.notifyPlaced, hooks: checkoutHooks, writes });
  return {
    i18n,
    settings,
    audit,
    sessions,
    mailer,
    accounts,
    setup: createSetupService(accounts),
    auth: createAuthService({ db, clock, audit }),
    onboarding: createOnboardingService({ db, clock, audit, mailer, settings, sessions, publicUrl: config.publicUrl }),
    storage,
    documents: createDocumentStore(storage),
    members,
    memberProfiles,
    catalog,
    traceability,
    traceRecord: createTraceRecords({ db, catalog, memberProfiles }),
    storefront: createStorefrontService({ db, clock, defaultLocale }),
    catalogImport: createCatalogImportService({ catalog, audit, clock }),
    cart,
    orders,
    checkout,
    routing,
    fulfilment: createFulfilmentService({ db, clock, settings, audit, routing, traceability }),
    settlement: createSettlementService({ db, clock, settings, audit }),
  };
}

export type Services = ReturnType<typeof createServices>;
