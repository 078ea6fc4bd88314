import { createServer, type Server } from 'node:http';
import { systemClock } from '#platform/clock.js';
import { ensureSessionSecret, type Config } from '#platform/config.js';
import { createDb, migrateLatest, type Db } from '#platform/db/index.js';
import { SYSTEM_CONTEXT } from '#platform/audit/index.js';
import type { Logger } from '#platform/logger.js';
import { createApp } from '#src/app.js';
import { createServices, type Services } from '#src/compose.js';
import type { PageCache } from '#platform/http/page-cache.js';

export interface Running {
  server: Server;
  db: Db;
  services: Services;
  url: string;
  close(): Promise<void>;
}

/** Opens the database, migrates, builds the app and listens. */
export async function startApp(base: Config, logger: Logger, existing?: { db: Db; services: Services }): Promise<Running> {
  const config = { ...base, sessionSecret: ensureSessionSecret(base) };
  const db = existing?.db ?? createDb(config.database);
  await migrateLatest(db);
  const services = existing?.services ?? createServices({ config, db, clock: systemClock, logger });
  await services.settings.load();
  const setupToken = await services.setup.issueToken();
  const app = createApp({ config, db, logger, clock: systemClock, services });
  // A visitor's public page that is in the page cache is answered before Express is involved.
  const serveFromCache = app.locals.serveFromCache as PageCache['serve'];
  const server = createServer((req, res) => {
    if (!serveFromCache(req, res)) app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  logger.info({ url }, 'Terroir is listening');
  if (setupToken) {
    // Printed, not logged as data: the operator needs to read it once to create the first coordinator.
    console.log(`\nNo coordinator yet. Create one at ${config.publicUrl}/setup?token=${setupToken}\n`);
  }

  // Work a member did not accept in time goes to other members; checked every ten minutes.
  const expiry = setInterval(() => {
    services.fulfilment.expireOverdue(SYSTEM_CONTEXT).catch((err: unknown) => logger.error({ err }, 'could not re-route overdue work'));
  }, 10 * 60_000);
  expiry.unref();

  async function close(): Promise<void> {
    clearInterval(expiry);
    // Finish requests in flight, drop idle keep-alive sockets, then release the database.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => server.closeAllConnections(), 10_000);
    await closed;
    clearTimeout(timer);
    await db.destroy();
  }
  return { server, db, services, url, close };
}

/** Graceful shutdown on SIGTERM and SIGINT. */
export function exitOnSignals(running: Running, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
