import { ConfigError, loadConfig } from '#platform/config.js';
import { createDb, migrateLatest } from '#platform/db/index.js';

try {
  const config = loadConfig(process.env);
  const db = createDb(config.database);
  const applied = await migrateLatest(db);
  console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'Already up to date.');
  await db.destroy();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
}
