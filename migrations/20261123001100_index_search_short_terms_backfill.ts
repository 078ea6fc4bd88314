import type { Knex } from 'knex';

// Fills the short-term index (the migration before) with every product_search row already there.
// The spreading is copied from catalog/search.ts as it was when this ran.
const SEPARATOR = '\u001f';
const spread = (text: string) => `${SEPARATOR}${[...text].join(SEPARATOR)}${SEPARATOR}`;
const CHUNK = 200;

export async function up(db: Knex): Promise<void> {
  if (db.client.config.client === 'pg') return;
  const rows: { id: number; text: string }[] = await db('product_search').select('id', 'text').orderBy('id');
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db('product_search_short').insert(rows.slice(i, i + CHUNK).map((r) => ({ rowid: r.id, text: spread(r.text) })));
  }
}

export async function down(db: Knex): Promise<void> {
  if (db.client.config.client === 'pg') return;
  await db.raw(`insert into product_search_short(product_search_short) values ('delete-all')`);
}
