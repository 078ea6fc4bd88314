import { createRequire } from 'node:module';
import type { Knex } from 'knex';

const require = createRequire(import.meta.url);

interface Statement {
  reader: boolean;
  safeIntegers(on: boolean): Statement;
  all(bindings: unknown[]): unknown[];
  run(bindings: unknown[]): { lastInsertRowid: number | bigint; changes: number };
}
interface Connection {
  prepare(sql: string): Statement;
}
interface QueryObject {
  sql?: string;
  bindings?: unknown[];
  options?: unknown;
  response?: unknown;
  context?: { lastID: number | bigint; changes: number };
}
interface BetterSqliteClient {
  _optSafeIntegers(options: unknown): boolean | undefined;
  _formatBindings(bindings: unknown[] | undefined): unknown[];
}
type ClientClass = new (config: Knex.Config) => BetterSqliteClient;

/** Statements worth keeping: the same few hundred queries run again and again. DDL is not kept. */
const REUSABLE = /^\s*(?:select|insert|update|delete|with|replace)\b/i;
const MAX_STATEMENTS = 1000;

// knex's own better-sqlite3 dialect (knex publishes no `exports` map, so its files are importable).
const Base = require('knex/lib/dialects/better-sqlite3/index.js') as ClientClass;

// Per connection; outside the client because knex runs transactions on derived client objects.
const kept = new WeakMap<Connection, Map<string, Statement>>();

function statementFor(connection: Connection, sql: string): Statement {
  if (!REUSABLE.test(sql)) return connection.prepare(sql);
  let cache = kept.get(connection);
  if (!cache) kept.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * A COMMIT that SQLite refuses (a deferred constraint; some I/O errors) leaves the transaction
 * open, and knex would hand the connection, still inside it, to the next query. Roll it back
 * here, on the same connection, before anything else can run on it.
 */
function commit(connection: Connection, statement: Statement) {
  try {
    return statement.run([]);
  } catch (err) {
    try {
      connection.prepare('ROLLBACK').run([]);
    } catch {
      // SQLite had already rolled it back.
    }
    throw err;
  }
}

/**
 * knex's better-sqlite3 client prepares every statement anew, each time it runs: about a third of
 * a small query's cost. This one keeps prepared statements per connection, keyed by their SQL
 * (knex always binds values as parameters, so the SQL text repeats), oldest dropped first, and
 * never leaves a connection inside a transaction whose COMMIT failed.
 */
export class CachedStatementsClient extends Base {
  // Same contract as knex's own _query; only where the statement comes from differs.
  async _query(connection: Connection, obj: QueryObject): Promise<QueryObject> {
    if (!obj.sql) throw new Error('The query is empty');
    if (!connection) throw new Error('No connection provided');
    // BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so a second process
    // waits (busy_timeout) instead of failing when its reads turn into writes on a stale snapshot.
    const statement = statementFor(connection, obj.sql === 'BEGIN;' ? 'BEGIN IMMEDIATE;' : obj.sql);
    // A kept statement remembers its last mode: always set it, to knex's default when none is asked.
    statement.safeIntegers(this._optSafeIntegers(obj.options) ?? false);
    const bindings = this._formatBindings(obj.bindings);
    if (statement.reader) {
      obj.response = statement.all(bindings);
      return obj;
    }
    const response = obj.sql.startsWith('COMMIT') ? commit(connection, statement) : statement.run(bindings);
    obj.response = response;
    obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
    return obj;
  }
}
