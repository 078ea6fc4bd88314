import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { createDb, migrateLatest, type Db } from '#platform/db/index.js';
import type { Config } from '#platform/config.js';

export interface TestDb {
  db: Db;
  database: Config['database'];
  dataDir: string;
  close(): Promise<void>;
}

export const onPostgres = () => (process.env.DATABASE_URL ?? '').startsWith('postgres');

/**
 * A fresh, migrated database for one test file: a new SQLite file in a temp dir, or a new
 * database in the PostgreSQL cluster named by DATABASE_URL.
 */
export async function createTestDb(): Promise<TestDb> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'terroir-test-'));
  const base = process.env.DATABASE_URL ?? '';
  if (!base.startsWith('postgres')) {
    const database = { kind: 'sqlite', filename: path.join(dataDir, 'terroir.sqlite') } as const;
    const db = createDb(database);
    await migrateLatest(db);
    return {
      db,
      database,
      dataDir,
      async close() {
        await db.destroy();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `terroir_t_${randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: base, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = { kind: 'postgres', url: url.toString() } as const;
  const db = createDb(database);
  await migrateLatest(db);
  return {
    db,
    database,
    dataDir,
    async close() {
      await db.destroy();
      await admin.raw(`drop database if exists ${name} with (force)`);
      await admin.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
