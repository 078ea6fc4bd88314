import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { Config } from '#platform/config.js';
import { createMigrationSource } from '#platform/db/migration-source.js';
import { CachedStatementsClient } from '#platform/db/sqlite-client.js';

export type Db = Knex;
export type Tx = Knex.Transaction;
/** Either the root handle or an open transaction: queries accept both. */
export type DbOrTx = Knex | Knex.Transaction;

interface SqliteConnection {
  pragma(sql: string): unknown;
}

/**
 * Pragmas are per connection, so they are set whenever the pool opens one.
 * synchronous=FULL: an order we acknowledged must survive a power cut.
 */
export function applySqlitePragmas(conn: SqliteConnection): void {
  conn.pragma('journal_mode = WAL');
  conn.pragma('foreign_keys = ON');
  conn.pragma('busy_timeout = 5000');
  conn.pragma('synchronous = FULL');
}

export function createDb(database: Config['database']): Db {
  if (database.kind === 'postgres') {
    return knexFactory({ client: 'pg', connection: database.url, pool: { min: 0, max: 10 } });
  }
  mkdirSync(path.dirname(database.filename), { recursive: true });
  return knexFactory({
    client: CachedStatementsClient as unknown as string, // knex's better-sqlite3 client, keeping prepared statements
    connection: { filename: database.filename },
    useNullAsDefault: true,
    // better-sqlite3 is synchronous: one connection serialises writers without SQLITE_BUSY.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        try {
          applySqlitePragmas(conn);
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
  });
}

export function dialect(db: Db): 'sqlite' | 'postgres' {
  return db.client.config.client === 'pg' ? 'postgres' : 'sqlite';
}

export async function migrateLatest(db: Db, directory?: string): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource: createMigrationSource(directory) })) as [
    number,
    string[],
  ];
  return applied;
}

export async function checkDb(db: Db): Promise<boolean> {
  try {
    await db.raw('select 1');
    return true;
  } catch {
    return false;
  }
}

/** True when an insert or update broke a unique constraint, on either engine. */
/** PostgreSQL chose this statement as a deadlock's victim, or could not serialise it: running it again may succeed. */
export function isRetryableConflict(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
