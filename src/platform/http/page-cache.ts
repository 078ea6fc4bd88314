import { gzipSync } from 'node:zlib';
import type { RequestHandler, Response } from 'express';
import type { Db } from '#platform/db/index.js';
import { readCookie } from '#platform/http/cookies.js';
import { SESSION_COOKIE } from '#platform/http/session.js';

/**
 * Rendered public pages (catalog, product, member, trace) for visitors without a session, kept in
 * memory per URL and display currency. Never stale after a change: every write to a table a
 * public page shows — seen on the database handle itself, so services, imports, timers and tests
 * alike — clears the cache, and a write inside a transaction clears it again at its commit
 * (a page rendered from the old rows meanwhile is not kept). Writes by another process are
 * bounded by a short time to live.
 */
export interface PageCache {
  middleware: RequestHandler;
  invalidate(): void;
  readonly size: number;
}

/** Tables whose rows appear on public pages. Sessions, carts, orders, outbox and audit do not. */
const PUBLIC_TABLES = new Set([
  'settings',
  'members',
  'member_translations',
  'member_photos',
  'member_products',
  'sites',
  'certifications',
  'images',
  'documents',
  'categories',
  'category_translations',
  'products',
  'product_translations',
  'product_images',
  'product_price_tiers',
  'product_search',
  'batches',
  'batch_sites',
  'batch_inputs',
  'batch_certifications',
  'batch_files',
  'trace_events',
]);

const WRITE = /^\s*(?:insert\s+into|update|delete\s+from|replace\s+into)\s+[`"]?(\w+)/i;
/** Paths under /{lng} whose GET answer is the same for every visitor. */
const CACHEABLE = /^\/(?:|products|products\/[^/]+|members\/[^/]+|trace\/[^/]+)$/;

interface Entry {
  generation: number;
  storedAt: number;
  type: string;
  body: string;
  /** The body gzipped once, when it is stored: a hit costs no compression. */
  gzipped: Buffer;
}

export function createPageCache(db: Db, options: { maxEntries?: number; ttlMs?: number } = {}): PageCache {
  const maxEntries = options.maxEntries ?? 400;
  const ttlMs = options.ttlMs ?? 60_000;
  const entries = new Map<string, Entry>();
  let generation = 0;
  const dirtyTransactions = new Set<string>();

  const invalidate = () => {
    generation += 1;
    entries.clear();
  };

  db.on('query', (q: { sql?: string; __knexTxId?: string }) => {
    const sql = q.sql ?? '';
    const tx = q.__knexTxId;
    const table = WRITE.exec(sql)?.[1];
    if (table && PUBLIC_TABLES.has(table.toLowerCase())) {
      invalidate();
      if (tx) dirtyTransactions.add(tx);
    } else if (tx && /^\s*(commit|rollback)/i.test(sql)) {
      if (dirtyTransactions.delete(tx)) invalidate();
    }
  });

  const middleware: RequestHandler = (req, res: Response, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !CACHEABLE.test(req.path)) return next();
    if (readCookie(req.headers.cookie, SESSION_COOKIE) || 'currency' in (req.query as object)) return next();
    const key = `${req.baseUrl}${req.url}|${readCookie(req.headers.cookie, 'cur') ?? ''}`;
    const hit = entries.get(key);
    if (hit && hit.generation === generation && Date.now() - hit.storedAt < ttlMs) {
      // Most recently used last: the oldest entry is the first to go.
      entries.delete(key);
      entries.set(key, hit);
      res.setHeader('X-Page-Cache', 'hit');
      res.vary('Accept-Encoding');
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        res.setHeader('Content-Encoding', 'gzip'); // the compression middleware leaves an encoded body alone
        res.type(hit.type).send(hit.gzipped);
      } else {
        res.type(hit.type).send(hit.body);
      }
      return;
    }
    const started = generation;
    const send = res.send.bind(res);
    res.send = (body: unknown) => {
      if (res.statusCode === 200 && typeof body === 'string' && started === generation && !res.getHeader('set-cookie')?.toString().includes('cur=')) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(key, { generation, storedAt: Date.now(), type: String(res.getHeader('content-type') ?? 'text/html; charset=utf-8'), body, gzipped: gzipSync(body) });
      }
      res.setHeader('X-Page-Cache', 'miss');
      return send(body);
    };
    next();
  };

  return {
    middleware,
    invalidate,
    get size() {
      return entries.size;
    },
  };
}
