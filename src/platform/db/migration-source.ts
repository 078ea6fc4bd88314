import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import { paths } from '#platform/paths.js';

interface MigrationModule {
  up(db: Knex): Promise<void>;
  down?(db: Knex): Promise<void>;
}

/**
 * Reads the compiled migrations (dist/migrations/*.js) in name order. Names are recorded without
 * the extension so the history does not depend on how the files were built.
 */
export function createMigrationSource(directory = paths.migrations): Knex.MigrationSource<string> {
  return {
    getMigrations: async () =>
      readdirSync(directory)
        .filter((f) => f.endsWith('.js'))
        .map((f) => f.slice(0, -3))
        .sort(),
    getMigrationName: (name) => name,
    getMigration: async (name) => {
      const mod = (await import(pathToFileURL(path.join(directory, `${name}.js`)).href)) as MigrationModule;
      return { up: mod.up, down: mod.down ?? (async () => undefined) };
    },
  };
}
