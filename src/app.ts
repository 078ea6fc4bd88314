import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Clock } from '#platform/clock.js';
import type { Config } from '#platform/config.js';
import type { Db } from '#platform/db/index.js';
import type { Logger } from '#platform/logger.js';
import { paths } from '#platform/paths.js';
import { createAssets } from '#platform/http/assets.js';
import { errorHandler, notFound } from '#platform/http/errors.js';
import { healthHandler } from '#platform/http/health.js';
import { createLocaleSupport } from '#platform/http/locale.js';
import { securityHeaders } from '#platform/http/security.js';
import { csrfProtection, SESSION_COOKIE, sessionMiddleware } from '#platform/http/session.js';
import { readCookie } from '#platform/http/cookies.js';
import { createPageCache } from '#platform/http/page-cache.js';
import '#platform/http/locals.js';
import { absoluteTimeout, anyone, createPassport } from '#modules/accounts/index.js';
import { createAccountRouter } from '#modules/accounts/account.router.js';
import { createOnboardingRouter } from '#modules/accounts/onboarding.router.js';
import { createRateLimits } from '#modules/accounts/rate-limits.js';
import { createSetupRouter } from '#modules/accounts/setup.router.js';
import { createSignInRouter } from '#modules/accounts/signin.router.js';
import { createAdminRouter } from '#modules/admin/index.js';
import { createSettingsRouter } from '#modules/admin/settings.router.js';
import { createCatalogRouter } from '#modules/catalog/index.js';
import { createAdminCatalogRouter, createMemberCatalogRouter } from '#modules/catalog/editor.router.js';
import { createCatalogImportRouter } from '#modules/catalog/import.router.js';
import { createSitemapRouter, createStorefrontRouter } from '#modules/catalog/storefront.router.js';
import { createMemberPagesRouter, createMemberWorkspaceRouter } from '#modules/members/index.js';
import { createMediaRouter } from '#platform/uploads/media.router.js';
import { createTraceRouters } from '#modules/traceability/trace.router.js';
import { createBatchWorkspaceRouter } from '#modules/traceability/workspace.router.js';
import { createRecallRouter } from '#modules/traceability/recall.router.js';
import { createOrderingRouter } from '#modules/ordering/ordering.router.js';
import { createAdminOrdersRouter } from '#modules/ordering/admin-orders.router.js';
import { createAdminFulfilmentRouter, createMemberFulfilmentRouter } from '#modules/fulfilment/index.js';
import type { Services } from '#src/compose.js';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  services: Services;
}

export interface AppOptions {
  /** Adds routes before the 404 and error handlers (used by tests to provoke failures). */
  extend?: (app: Express) => void;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/** Builds the Express app from its dependencies; reads no environment, opens nothing, listens nowhere. */
export function createApp({ config, db, logger, clock, services }: AppDeps, options: AppOptions = {}): Express {
  if (!config.sessionSecret) throw new Error('createApp needs config.sessionSecret');
  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  app.set('views', paths.views);
  app.set('query parser', 'simple');
  app.set('trust proxy', 'loopback'); // a reverse proxy on the same host tells us the client's address

  const assets = createAssets(paths.public);
  const locale = createLocaleSupport({ i18n: services.i18n, defaultLocale: config.defaultLocale, publicUrl: config.publicUrl });
  const passport = createPassport(services.auth);
  const csrf = csrfProtection(config.publicUrl);
  const limits = createRateLimits();
  const pageCache = createPageCache(db, { ttlMs: (config.pageCacheSeconds ?? 60) * 1000 });
  // The server asks the page cache before Express sees the request (start.ts); asked here too so
  // that the app alone (tests, other servers) answers the same way.
  app.locals.serveFromCache = pageCache.serve;
  app.use((req, res, next) => {
    if (!pageCache.serve(req, res)) next();
  });

  app.use(
    pinoHttp({
      logger,
      genReqId: requestId,
      serializers: { req: (r: { url?: string }) => ({ ...r, url: r.url?.replace(/_csrf=[^&]*/, '_csrf=[redacted]') }) },
    }),
  );
  app.use(securityHeaders(config.secureCookies));
  app.use((_req, res, next) => {
    Object.assign(res.locals, {
      coopName: services.settings.get('coop.name'),
      asset: assets.url,
      csrfToken: () => '',
      user: undefined,
      flash: undefined,
    });
    next();
  });
  app.use(locale.negotiated);
  app.use(compression());
  app.use('/static', assets.handler);
  app.get('/healthz', anyone, healthHandler(db));
  app.use(createMediaRouter(services.storage, services.memberProfiles.documentName));

  app.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));
  app.use(sessionMiddleware(db, clock, config.sessionSecret, config.secureCookies));
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(absoluteTimeout);
  app.use(csrf.protect);
  app.use((req, res, next) => {
    // A flash is shown on the page the browser loads next: a POST (which answers with a redirect)
    // leaves it for that page, and leaving the session alone spares a session write.
    const reading = req.method === 'GET' || req.method === 'HEAD';
    const flash = reading ? req.session.flash : undefined;
    if (flash) delete req.session.flash;
    Object.assign(res.locals, {
      csrfToken: () => csrf.generateToken(req),
      // A visitor who already has a session gets tokens in every form; one who has none is not given one by reading.
      hasSession: Boolean(readCookie(req.headers.cookie, SESSION_COOKIE)),
      user: req.user ? { displayName: req.user.displayName, role: req.user.role } : undefined,
      flash,
    });
    next();
  });
  app.get('/', anyone, locale.rootRedirect);
  app.use(createSetupRouter(services.setup));
  app.use(createSitemapRouter({ ...services, publicUrl: config.publicUrl }));
  const trace = createTraceRouters({ ...services, clock, publicUrl: config.publicUrl, negotiate: locale.negotiate });
  app.use(trace.plain);
  app.use('/admin', locale.forUser, createAdminRouter(services), createSettingsRouter(services), createAdminOrdersRouter({ ...services, publicUrl: config.publicUrl, clock }), createAdminFulfilmentRouter(services), createAdminCatalogRouter(services), createRecallRouter({ ...services, publicUrl: config.publicUrl, afterRecall: services.routing.afterRecall, affectedOrders: services.routing.affectedOrders }), createCatalogImportRouter(services));
  app.use('/member', locale.forUser, createMemberWorkspaceRouter(services), createMemberCatalogRouter(services), createBatchWorkspaceRouter({ ...services, publicUrl: config.publicUrl }), createMemberFulfilmentRouter(services));

  const localized = locale.localized();
  localized.use(pageCache.middleware);
  localized.use(createCatalogRouter(services));
  localized.use(createStorefrontRouter({ ...services, lotsOnOffer: services.traceability.lotsOnOffer }));
  localized.use(createMemberPagesRouter(services));
  localized.use(trace.localized);
  localized.use(createSignInRouter({ auth: services.auth, passport, limits }));
  localized.use(createOnboardingRouter({ onboarding: services.onboarding, settings: services.settings, limits }));
  localized.use(createOrderingRouter({ ...services, secureCookies: config.secureCookies, publicUrl: config.publicUrl, clock }));
  localized.use(createAccountRouter(services));
  app.use('/:lng', localized);

  options.extend?.(app);
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
