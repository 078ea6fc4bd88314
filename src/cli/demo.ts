import { ConfigError, ensureSessionSecret, loadConfig } from '#platform/config.js';
import { createDb, migrateLatest } from '#platform/db/index.js';
import { systemClock } from '#platform/clock.js';
import { createLogger } from '#platform/logger.js';
import { createServices } from '#src/compose.js';
import { exitOnSignals, startApp } from '#src/start.js';
import { DEMO_PASSWORD, seedDemo } from '#src/cli/demo/seed.js';

// `npm run demo`: fill an empty DATA_DIR with a believable alliance, print how to sign in, serve it.
try {
  const config = loadConfig(process.env);
  ensureSessionSecret(config);
  const logger = createLogger(config.logLevel);
  const db = createDb(config.database);
  await migrateLatest(db);
  const services = createServices({ config, db, clock: systemClock, logger });
  await services.settings.load();
  if (!(await services.accounts.hasCoordinator())) {
    const logins = await seedDemo(services);
    console.log('\nDemo alliance created. Every account uses the password:', DEMO_PASSWORD);
    for (const l of logins) console.log(`  ${l.role.padEnd(12)} ${l.email.padEnd(40)} ${l.organisation}`);
    console.log('The coordinator sets up two-step verification (an authenticator app) at the first sign-in.');
  } else {
    console.log(`\nThe database in ${config.dataDir} already has data; starting without seeding.`);
  }
  const running = await startApp(config, logger, { db, services });
  console.log(`\nOpen ${config.publicUrl}/ (listening on ${running.url})\n`);
  exitOnSignals(running, logger);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `The demo could not start: ${(err as Error).message}`);
  process.exit(1);
}
