import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // Uploaded images, re-encoded: `variants` is JSON [{ width, format, key, bytes }]; the original is never kept.
  await db.schema.createTable('images', (t) => {
    t.increments('id').primary();
    t.integer('member_id').nullable().references('id').inTable('members').onDelete('SET NULL');
    t.integer('width').notNullable();
    t.integer('height').notNullable();
    t.text('variants').notNullable();
    t.string('created_at', 30).notNullable();
  });
  // Uploaded PDFs (certificates, lab reports), served as attachments.
  await db.schema.createTable('documents', (t) => {
    t.increments('id').primary();
    t.integer('member_id').nullable().references('id').inTable('members').onDelete('SET NULL');
    t.string('storage_key', 120).notNullable().unique();
    t.string('file_name', 200).notNullable();
    t.integer('bytes').notNullable();
    t.string('created_at', 30).notNullable();
  });
  await db.schema.createTable('member_photos', (t) => {
    t.integer('member_id').notNullable().references('id').inTable('members').onDelete('CASCADE');
    t.integer('image_id').notNullable().references('id').inTable('images').onDelete('CASCADE');
    t.integer('position').notNullable().defaultTo(0);
    t.primary(['member_id', 'image_id']);
  });
  await db.schema.createTable('certifications', (t) => {
    t.increments('id').primary();
    t.integer('member_id').notNullable().references('id').inTable('members').onDelete('CASCADE');
    t.string('name', 120).notNullable(); // e.g. EU Organic, Fairtrade
    t.string('issuing_body', 200).notNullable();
    t.string('number', 80).notNullable().defaultTo('');
    t.string('valid_until', 10).notNullable(); // YYYY-MM-DD
    t.integer('document_id').nullable().references('id').inTable('documents').onDelete('SET NULL');
    t.string('created_at', 30).notNullable();
    t.index(['member_id']);
    t.index(['name']);
  });
  await db.schema.createTable('product_images', (t) => {
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.integer('image_id').notNullable().references('id').inTable('images').onDelete('CASCADE');
    t.integer('position').notNullable().defaultTo(0);
    t.primary(['product_id', 'image_id']);
  });
  // Quantity tiers: from `min_qty` (smallest steps) on, the unit price is `price_minor`.
  await db.schema.createTable('product_price_tiers', (t) => {
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.bigInteger('min_qty').notNullable();
    t.bigInteger('price_minor').notNullable();
    t.primary(['product_id', 'min_qty']);
  });
  await db.schema.alterTable('products', (t) => {
    t.integer('proposed_by_member_id').nullable().references('id').inTable('members').onDelete('SET NULL');
    t.index(['status', 'featured', 'id']);
    t.index(['status', 'price_minor', 'id']);
  });
  await db.schema.alterTable('member_products', (t) => {
    t.bigInteger('available_qty').notNullable().defaultTo(0); // pooled availability; batches fill it later
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('member_products', (t) => t.dropColumn('available_qty'));
  await db.schema.alterTable('products', (t) => {
    t.dropIndex(['status', 'featured', 'id']);
    t.dropIndex(['status', 'price_minor', 'id']);
    t.dropColumn('proposed_by_member_id');
  });
  for (const table of ['product_price_tiers', 'product_images', 'certifications', 'member_photos', 'documents', 'images']) {
    await db.schema.dropTable(table);
  }
}
