import { createHash } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { RequestHandler, Response } from 'express';
import type { Db } from '#platform/db/index.js';
import { isLocale } from '#platform/i18n/locales.js';
import { readCookie } from '#platform/http/cookies.js';
import { LOCALE_COOKIE, localeCookieHeader } from '#platform/http/locale.js';
import { SESSION_COOKIE } from '#platform/http/session.js';

/**
 * Rendered public pages (catalog, product, member, trace) for visitors without a session, kept in
 * memory per URL and display currency. Never stale after a change: every write to a table a
 * public page shows — seen on the database handle itself, so services, imports, timers and tests
 * alike — clears the cache, and a write inside a transaction clears it again when the transaction
 * ends (a page rendered from the old rows meanwhile, on another connection, is not kept). Writes
 * by another process are bounded by a short time to live.
 */
export interface PageCache {
  /**
   * Answers a request from memory if it can, on the bare node:http objects, before Express and
   * every middleware: true when it answered. Used first thing by the server and by the app.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
  /** Stores what the public routes after it render for a visitor. */
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

/** A top-level COMMIT or ROLLBACK; not a savepoint's RELEASE or ROLLBACK TO. */
const END_OF_TRANSACTION = /^\s*(?:commit|rollback)\s*;?\s*$/i;
const WRITE = /^\s*(?:insert\s+into|update|delete\s+from|replace\s+into)\s+[`"]?(\w+)/i;
/** Paths under /{lng} whose GET answer is the same for every visitor. */
const CACHEABLE = /^\/(?:|products|products\/[^/]+|members\/[^/]+|trace\/[^/]+)$/;
/** Response headers that belong to one answer, not to the page. */
const NOT_KEPT = new Set(['set-cookie', 'x-request-id', 'content-length', 'content-encoding', 'etag', 'x-page-cache', 'date', 'vary']);

interface Entry {
  generation: number;
  storedAt: number;
  /** The page's own headers (type, language, security policy…), as the app set them. */
  headers: OutgoingHttpHeaders;
  etag: string;
  body: Buffer;
  /** The body gzipped once, when it is stored: a hit costs no compression. */
  gzipped: Buffer;
}

/** A visitor's key: the URL and the display currency; null when the request must go to the app. */
function keyOf(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const cookie = req.headers.cookie;
  if (url.includes('currency=') || readCookie(cookie, SESSION_COOKIE)) return null;
  return `${url}|${readCookie(cookie, 'cur') ?? ''}`;
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
    } else if (dirtyTransactions.size > 0 && END_OF_TRANSACTION.test(sql)) {
      // knex sends COMMIT and ROLLBACK without the transaction's id, so which one ended is not
      // known: any end clears the cache again once some transaction has written public rows.
      dirtyTransactions.clear();
      invalidate();
    }
  });

  const serve = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (ttlMs <= 0 || entries.size === 0) return false;
    const key = keyOf(req);
    const hit = key === null ? undefined : entries.get(key);
    if (!hit || hit.generation !== generation || Date.now() - hit.storedAt >= ttlMs) return false;
    // Most recently used last: the oldest entry is the first to go.
    entries.delete(key!);
    entries.set(key!, hit);
    const headers: OutgoingHttpHeaders = { ...hit.headers, 'x-page-cache': 'hit', etag: hit.etag, vary: 'Accept-Encoding' };
    // The language in the URL is remembered for the next visit to `/`, as the app itself does.
    const lng = key!.split('/')[1] ?? '';
    if (isLocale(lng) && readCookie(req.headers.cookie, LOCALE_COOKIE) !== lng) headers['set-cookie'] = localeCookieHeader(lng);
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(/\s*,\s*/).some((tag) => tag === hit.etag || tag === `W/${hit.etag}` || tag === '*')) {
      delete headers['content-type'];
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const payload = gzip ? hit.gzipped : hit.body;
    if (gzip) headers['content-encoding'] = 'gzip';
    headers['content-length'] = payload.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : payload);
    return true;
  };

  const middleware: RequestHandler = (req, res: Response, next) => {
    if (ttlMs <= 0 || (req.method !== 'GET' && req.method !== 'HEAD') || !CACHEABLE.test(req.path)) return next();
    const key = keyOf(req);
    if (key === null) return next();
    const started = generation;
    const send = res.send.bind(res);
    res.send = (body: unknown) => {
      if (res.statusCode === 200 && typeof body === 'string' && started === generation && !res.getHeader('set-cookie')?.toString().includes('cur=')) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        const buffer = Buffer.from(body, 'utf8');
        const etag = `"${createHash('sha1').update(buffer).digest('base64url')}"`;
        const headers: OutgoingHttpHeaders = { 'content-type': 'text/html; charset=utf-8' };
        for (const [name, value] of Object.entries(res.getHeaders())) if (!NOT_KEPT.has(name) && value !== undefined) headers[name] = value;
        entries.set(key, { generation, storedAt: Date.now(), headers, etag, body: buffer, gzipped: gzipSync(buffer) });
        res.setHeader('ETag', etag); // the same tag a hit answers with
      }
      res.setHeader('X-Page-Cache', 'miss');
      return send(body);
    };
    next();
  };

  return {
    serve,
    middleware,
    invalidate,
    get size() {
      return entries.size;
    },
  };
}
