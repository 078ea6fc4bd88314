import { systemClock } from '#platform/clock.js';
import { loadConfig } from '#platform/config.js';
import { createLogger } from '#platform/logger.js';
import { createServices, type Services } from '#src/compose.js';
import { startApp, type Running } from '#src/start.js';
import { seedDemo } from '#src/cli/demo/seed.js';
import { createTestDb } from '#test/helpers/test-db.js';

export interface TestServer {
  url: string;
  services: Services;
  close(): Promise<void>;
}

/** A real server on a loopback port, over a fresh database filled with the demo alliance. */
export async function startDemoServer(env: Record<string, string> = {}): Promise<TestServer> {
  const testDb = await createTestDb();
  const config = {
    ...loadConfig({ DATA_DIR: testDb.dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', ...env }),
    database: testDb.database,
  };
  const services = createServices({ config, db: testDb.db, clock: systemClock, logger: createLogger('silent') });
  await seedDemo(services);
  const running: Running = await startApp(config, createLogger('silent'), { db: testDb.db, services });
  return {
    url: running.url,
    services,
    async close() {
      await running.close();
      await testDb.close();
    },
  };
}
