import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { systemClock } from '#platform/clock.js';
import { ConfigError, loadConfig } from '#platform/config.js';
import { createDb, migrateLatest } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { createLogger } from '#platform/logger.js';
import { createServices } from '#src/compose.js';

// npm run create-coordinator -- --email ana@coop.example [--name "Ana"] [--locale es]
// Prints a generated password once; the coordinator sets up two-step verification at first sign-in.
try {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string', default: 'en' } },
  });
  if (!values.email) throw new Error('usage: npm run create-coordinator -- --email you@example.org [--name "Your Name"] [--locale en]');
  const config = loadConfig(process.env);
  const db = createDb(config.database);
  await migrateLatest(db);
  const services = createServices({ config, db, clock: systemClock, logger: createLogger('warn') });
  const password = randomBytes(15).toString('base64url');
  const user = await services.accounts.createUser(
    { email: values.email, password, displayName: values.name ?? values.email, role: 'coordinator', locale: values.locale as 'en' },
    { actorId: null, actorEmail: 'cli', ip: '' },
  );
  console.log(`Coordinator ${user.email} created.\nPassword (shown once): ${password}\nSign in at ${config.publicUrl}/${user.locale}/login`);
  await db.destroy();
} catch (err) {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof AppError) console.error(`Refused: ${Object.entries(err.fields).map(([k, v]) => `${k} (${v})`).join(', ') || err.code}`);
  else console.error((err as Error).message);
  process.exit(1);
}
