import type { Knex } from 'knex';

// One row per product and locale: the normalised name + description that search reads. The
// integer id exists only to be the FTS5 content rowid on SQLite; (product_id, locale) is the key.
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('product_search', (t) => {
    t.increments('id').primary();
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.string('locale', 10).notNullable();
    t.text('text').notNullable();
    t.unique(['product_id', 'locale']);
  });
  if (db.client.config.client === 'pg') {
    // pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
    await db.raw('create extension if not exists pg_trgm');
    await db.raw('create index product_search_text_trgm on product_search using gin (text gin_trgm_ops)');
    return;
  }
  // Trigrams index any script without a word splitter (Chinese has no spaces) and serve
  // substring search; terms under three characters fall back to LIKE in the queries.
  await db.raw(
    `create virtual table product_search_fts using fts5(
       text, content='product_search', content_rowid='id', tokenize='trigram'
     )`,
  );
  // The standard external-content triggers: FTS5 must be told the old text to forget it.
  await db.raw(
    `create trigger product_search_ai after insert on product_search begin
       insert into product_search_fts(rowid, text) values (new.id, new.text);
     end`,
  );
  await db.raw(
    `create trigger product_search_ad after delete on product_search begin
       insert into product_search_fts(product_search_fts, rowid, text) values ('delete', old.id, old.text);
     end`,
  );
  await db.raw(
    `create trigger product_search_au after update on product_search begin
       insert into product_search_fts(product_search_fts, rowid, text) values ('delete', old.id, old.text);
       insert into product_search_fts(rowid, text) values (new.id, new.text);
     end`,
  );
}

export async function down(db: Knex): Promise<void> {
  if (db.client.config.client === 'pg') {
    await db.raw('drop index if exists product_search_text_trgm');
    // pg_trgm stays: `if not exists` in up means it may have been there before us, or serve others.
  } else {
    for (const trigger of ['product_search_au', 'product_search_ad', 'product_search_ai']) {
      await db.raw(`drop trigger if exists ${trigger}`);
    }
    await db.raw('drop table if exists product_search_fts');
  }
  await db.schema.dropTable('product_search');
}
