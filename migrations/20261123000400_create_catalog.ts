import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('categories', (t) => {
    t.increments('id').primary();
    t.string('slug', 80).notNullable().unique();
    t.integer('position').notNullable().defaultTo(0);
  });
  await db.schema.createTable('category_translations', (t) => {
    t.integer('category_id').notNullable().references('id').inTable('categories').onDelete('CASCADE');
    t.string('locale', 10).notNullable();
    t.string('name', 120).notNullable();
    t.primary(['category_id', 'locale']);
  });
  await db.schema.createTable('products', (t) => {
    t.increments('id').primary();
    t.string('slug', 80).notNullable().unique();
    t.integer('category_id').notNullable().references('id').inTable('categories');
    // Unit of sale: a code (kg, jar, bag, box, piece) with the decimals a quantity may carry.
    // Quantities are integers of the smallest step: 10^-unit_decimals of a unit.
    t.string('unit', 20).notNullable();
    t.integer('unit_decimals').notNullable().defaultTo(0);
    t.integer('net_weight_g').notNullable(); // net weight of one unit, in grams
    t.string('gtin', 14).nullable();
    t.string('hs_code', 12).nullable();
    t.text('attributes').notNullable().defaultTo('{}'); // JSON: organic, fairTrade, grade
    t.bigInteger('price_minor').notNullable(); // coop price per unit, minor units of currency
    t.string('currency', 3).notNullable();
    t.bigInteger('moq').notNullable().defaultTo(1); // in smallest steps
    t.bigInteger('order_step').notNullable().defaultTo(1); // in smallest steps
    t.string('status', 20).notNullable().defaultTo('active'); // proposed | active | retired
    t.boolean('featured').notNullable().defaultTo(false);
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['status', 'category_id']);
  });
  await db.schema.createTable('product_translations', (t) => {
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.string('locale', 10).notNullable();
    t.string('name', 200).notNullable();
    t.text('description').notNullable().defaultTo('');
    t.primary(['product_id', 'locale']);
  });
  // Which members declare they supply which catalog product.
  await db.schema.createTable('member_products', (t) => {
    t.integer('member_id').notNullable().references('id').inTable('members').onDelete('CASCADE');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.primary(['member_id', 'product_id']);
    t.index(['product_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('member_products');
  await db.schema.dropTable('product_translations');
  await db.schema.dropTable('products');
  await db.schema.dropTable('category_translations');
  await db.schema.dropTable('categories');
}
