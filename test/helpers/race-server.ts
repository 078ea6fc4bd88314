// A real server process whose placing transaction waits a little before each reservation, so that
// two such processes on one database interleave their checkouts (test/http/reservation.test.ts).
import { systemClock } from '#platform/clock.js';
import { ensureSessionSecret, loadConfig } from '#platform/config.js';
import { createDb } from '#platform/db/index.js';
import { createLogger } from '#platform/logger.js';
import { createServices } from '#src/compose.js';
import { startApp } from '#src/start.js';

const config = loadConfig(process.env);
const logger = createLogger('silent');
const db = createDb(config.database);
const delay = Number(process.env.RACE_DELAY_MS ?? '3');
const services = createServices({
  config: { ...config, sessionSecret: ensureSessionSecret(config) },
  db,
  clock: systemClock,
  logger,
  checkoutHooks: { beforeReserve: () => new Promise((resolve) => setTimeout(resolve, delay)) },
});
const running = await startApp(config, logger, { db, services });
console.log(`listening ${running.url}`);
process.on('SIGTERM', () => void running.close().then(() => process.exit(0)));
