import type { Express } from 'express';
import { systemClock, type Clock } from '#platform/clock.js';
import { loadConfig, type Config } from '#platform/config.js';
import { createLogger } from '#platform/logger.js';
import { createApp, type AppOptions } from '#src/app.js';
import { createServices, type Services } from '#src/compose.js';
import type { CheckoutHooks } from '#modules/ordering/index.js';
import { createTestDb, type TestDb } from '#test/helpers/test-db.js';

export interface TestContext extends TestDb {
  app: Express;
  config: Config;
  services: Services;
}

export const TEST_PUBLIC_URL = 'http://terroir.test';

/** A real app on a real, fresh database: what every http test drives through supertest. */
export async function createTestContext(
  options: AppOptions & { env?: Record<string, string>; clock?: Clock; checkoutHooks?: CheckoutHooks } = {},
): Promise<TestContext> {
  const testDb = await createTestDb();
  const config = {
    ...loadConfig({
      DATA_DIR: testDb.dataDir,
      LOG_LEVEL: 'silent',
      PUBLIC_URL: TEST_PUBLIC_URL,
      SESSION_SECRET: 'test-secret-test-secret-test-secret-42',
      ...options.env,
    }),
    database: testDb.database,
  };
  const services = createServices({ config, db: testDb.db, clock: options.clock ?? systemClock, logger: createLogger('silent'), checkoutHooks: options.checkoutHooks });
  await services.settings.load();
  const app = createApp({ config, db: testDb.db, logger: createLogger('silent'), clock: options.clock ?? systemClock, services }, options);
  return { ...testDb, app, config, services };
}
