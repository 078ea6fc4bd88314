import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Config } from '#platform/config.js';
import type { Db } from '#platform/db/index.js';
import type { Logger } from '#platform/logger.js';
import { paths } from '#platform/paths.js';
import { createI18n } from '#platform/i18n/index.js';
import { createAssets } from '#platform/http/assets.js';
import { errorHandler, notFound } from '#platform/http/errors.js';
import { healthHandler } from '#platform/http/health.js';
import { createLocaleSupport } from '#platform/http/locale.js';
import { securityHeaders } from '#platform/http/security.js';
import '#platform/http/locals.js';
import { createCatalogRouter } from '#modules/catalog/index.js';
import type { Services } from '#src/compose.js';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
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
export function createApp({ config, db, logger, services }: AppDeps, options: AppOptions = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  app.set('views', paths.views);
  app.set('query parser', 'simple');

  const i18n = createI18n(config.defaultLocale);
  const assets = createAssets(paths.public);
  const locale = createLocaleSupport({ i18n, defaultLocale: config.defaultLocale, publicUrl: config.publicUrl });

  app.use(pinoHttp({ logger, genReqId: requestId }));
  app.use(securityHeaders(config.secureCookies));
  app.use(compression());
  app.use('/static', assets.handler);
  app.get('/healthz', healthHandler(db));

  app.use((_req, res, next) => {
    Object.assign(res.locals, {
      coopName: services.settings.get('coop.name'),
      asset: assets.url,
      csrfToken: undefined,
      user: undefined,
    });
    next();
  });
  app.use(locale.negotiated);
  app.get('/', locale.rootRedirect);

  const localized = locale.localized();
  localized.use(createCatalogRouter(services));
  app.use('/:lng', localized);

  options.extend?.(app);
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
