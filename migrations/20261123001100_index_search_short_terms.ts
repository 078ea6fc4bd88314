import type { Knex } from 'knex';

// SQLite: terms of one or two characters (蜂蜜, 茶, 咖啡) are too short for the trigram index of
// product_search_fts and were matched by scanning every row with LIKE. This second trigram index
// holds each text with a separator around every character (catalog/search.ts
// spreadForShortTerms), where such a term, spread alike, is long enough to look up. Contentless:
// it keeps no copy of the text. The catalog writes it beside product_search; this trigger forgets
// a row's entry whenever the row goes, by cascade too. PostgreSQL's pg_trgm needs nothing of this.
export async function up(db: Knex): Promise<void> {
  if (db.client.config.client === 'pg') return;
  await db.raw(
    `create virtual table product_search_short using fts5(
       text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1'
     )`,
  );
  await db.raw(
    `create trigger product_search_short_ad after delete on product_search begin
       delete from product_search_short where rowid = old.id;
     end`,
  );
}

export async function down(db: Knex): Promise<void> {
  if (db.client.config.client === 'pg') return;
  await db.raw('drop trigger if exists product_search_short_ad');
  await db.raw('drop table if exists product_search_short');
}
