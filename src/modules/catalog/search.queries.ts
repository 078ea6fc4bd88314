import type { Knex } from 'knex';
import type { DbOrTx } from '#platform/db/index.js';
import { searchTerms, spreadForShortTerms } from '#modules/catalog/search.js';

export interface SearchHit {
  productId: number;
  locale: string;
  /** Higher is better; comparable only within one result list (bm25 on SQLite, similarity on PostgreSQL). */
  rank: number;
}

interface SearchHitRow {
  product_id: number | string;
  locale: string;
  score: number | string;
}

const onSqlite = (db: DbOrTx) => db.client.config.client !== 'pg';

/**
 * `text` must already be normalised (normalizeForSearch). On SQLite the short-term index gets the
 * row's text spread out under the same id (a removed row leaves it by trigger).
 */
export async function upsertSearchText(db: DbOrTx, productId: number, locale: string, text: string): Promise<void> {
  await db('product_search')
    .insert({ product_id: productId, locale, text })
    .onConflict(['product_id', 'locale'])
    .merge(['text']);
  if (!onSqlite(db)) return;
  const { id } = await db('product_search').where({ product_id: productId, locale }).first<{ id: number }>('id');
  await db('product_search_short').where('rowid', id).del();
  await db('product_search_short').insert({ rowid: id, text: spreadForShortTerms(text) });
}

export async function deleteSearchTexts(db: DbOrTx, productId: number): Promise<void> {
  await db('product_search').where({ product_id: productId }).del();
}

// The trigram tokenizer has nothing to index in a term shorter than three characters.
const MIN_FTS_CHARS = 3;

const likePattern = (term: string) => `%${term.replace(/[!%_]/g, '!$&')}%`;
const ftsString = (term: string) => `"${term.replace(/"/g, '""')}"`;

/**
 * For each product with a locale row containing every term of `query`, its best row (score, then
 * locale), the `limit` best products first, as a query of (product_id, locale, score); undefined
 * when nothing can match. Only products whose status is in `statuses` (default: active).
 */
export function rankedHits(db: DbOrTx, query: string, opts: { limit: number; statuses?: string[] }): Knex.QueryBuilder | undefined {
  const terms = searchTerms(query);
  const statuses = opts.statuses ?? ['active'];
  const limit = Math.floor(opts.limit);
  if (!terms.length || !statuses.length || !(limit > 0)) return undefined;
  const hits = db.client.config.client === 'pg' ? postgresHits(db, terms) : sqliteHits(db, terms);
  void hits.join('products as p', 'p.id', 'ps.product_id').whereIn('p.status', statuses);
  return db
    .with('hits', hits)
    .with(
      'ranked',
      db.raw('select hits.*, row_number() over (partition by product_id order by score desc, locale) as rn from hits'),
    )
    .from('ranked')
    .select('product_id', 'locale', 'score')
    .where('rn', 1)
    .orderBy([{ column: 'score', order: 'desc' }, { column: 'product_id' }])
    .limit(limit);
}

/** The products `rankedHits` finds, best first. An empty query finds nothing. */
export async function searchProductIds(
  db: DbOrTx,
  query: string,
  opts: { limit: number; statuses?: string[] },
): Promise<SearchHit[]> {
  const ranked = rankedHits(db, query, opts);
  if (!ranked) return [];
  const rows: SearchHitRow[] = await ranked;
  return rows.map((r) => ({ productId: Number(r.product_id), locale: r.locale, rank: Number(r.score) }));
}

/** Every term as a substring; the trigram GIN index serves ILIKE for terms of three characters or more. */
function postgresHits(db: DbOrTx, terms: string[]): Knex.QueryBuilder {
  const hits = db('product_search as ps').select(
    'ps.product_id',
    'ps.locale',
    db.raw('similarity(ps.text, ?) as score', [terms.join(' ')]),
  );
  for (const term of terms) void hits.whereRaw(`ps.text ilike ? escape '!'`, [likePattern(term)]);
  return hits;
}

/**
 * Terms of three characters or more through FTS5 (each a quoted string, so AND, OR, NEAR and * are
 * plain text), ranked by bm25; shorter ones (蜂蜜, 咖啡) as LIKE on the same row. With no such long
 * term, the short-term index (spread texts, see spreadForShortTerms) finds the rows and LIKE
 * confirms each, and an earlier first match ranks higher: the name comes before the description.
 */
function sqliteHits(db: DbOrTx, terms: string[]): Knex.QueryBuilder {
  const long = terms.filter((term) => [...term].length >= MIN_FTS_CHARS);
  const short = terms.filter((term) => [...term].length < MIN_FTS_CHARS);
  const hits = long.length
    ? db('product_search_fts')
        .join('product_search as ps', 'ps.id', 'product_search_fts.rowid')
        .whereRaw('product_search_fts match ?', [long.map(ftsString).join(' ')])
        .select('ps.product_id', 'ps.locale', db.raw('-bm25(product_search_fts) as score'))
    : db('product_search_short')
        .join('product_search as ps', 'ps.id', 'product_search_short.rowid')
        .whereRaw('product_search_short match ?', [short.map((term) => ftsString(spreadForShortTerms(term))).join(' ')])
        .select('ps.product_id', 'ps.locale', db.raw('1.0 / instr(ps.text, ?) as score', [short[0] ?? '']));
  for (const term of short) void hits.whereRaw(`ps.text like ? escape '!'`, [likePattern(term)]);
  return hits;
}
