import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // A cart is found by a random token in a cookie (visitors) or by its buyer (signed in).
  await db.schema.createTable('carts', (t) => {
    t.increments('id').primary();
    t.string('token', 64).nullable().unique();
    t.integer('buyer_id').nullable().unique().references('id').inTable('buyers').onDelete('CASCADE');
    t.string('updated_at', 30).notNullable();
  });
  await db.schema.createTable('cart_lines', (t) => {
    t.integer('cart_id').notNullable().references('id').inTable('carts').onDelete('CASCADE');
    t.integer('product_id').notNullable().references('id').inTable('products').onDelete('CASCADE');
    t.bigInteger('quantity').notNullable(); // smallest steps
    t.string('added_at', 30).notNullable();
    t.primary(['cart_id', 'product_id']);
  });
  // Order numbers are sequential without gaps per year: the counter moves inside the placing transaction.
  await db.schema.createTable('order_counters', (t) => {
    t.integer('year').primary();
    t.integer('last').notNullable();
  });
  await db.schema.createTable('orders', (t) => {
    t.increments('id').primary();
    t.string('number', 20).notNullable().unique(); // T-2026-000123
    t.integer('buyer_id').notNullable().references('id').inTable('buyers');
    t.integer('user_id').notNullable().references('id').inTable('users');
    t.string('idempotency_key', 64).notNullable();
    t.string('status', 20).notNullable(); // placed | confirmed | preparing | shipped | delivered | cancelled
    t.string('locale', 10).notNullable();
    t.string('currency', 3).notNullable();
    t.bigInteger('subtotal_minor').notNullable();
    t.bigInteger('shipping_minor').notNullable();
    t.integer('tax_rate_bp').notNullable();
    t.bigInteger('tax_minor').notNullable();
    t.bigInteger('total_minor').notNullable();
    t.string('display_currency', 3).nullable();
    t.string('display_rate_e6', 20).nullable();
    t.string('shipping_method', 20).notNullable(); // delivery | pickup
    t.string('shipping_zone', 40).notNullable().defaultTo('');
    t.integer('weight_g').notNullable();
    t.string('incoterm', 3).notNullable();
    t.string('incoterm_place', 200).notNullable();
    t.string('payment_method', 20).notNullable(); // bank_transfer | pay_at_pickup
    t.string('payment_reference', 40).notNullable().unique();
    t.string('payment_status', 20).notNullable().defaultTo('pending'); // pending | received
    t.string('paid_at', 30).nullable();
    t.string('destination_country', 2).notNullable();
    t.text('ship_to').notNullable(); // JSON snapshot of the address (recipient, lines, city, country …)
    t.text('buyer_snapshot').notNullable(); // JSON: name, country, tax id at order time
    t.string('carrier', 80).notNullable().defaultTo('');
    t.string('tracking_number', 80).notNullable().defaultTo('');
    t.string('placed_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.unique(['buyer_id', 'idempotency_key']);
    t.index(['status', 'placed_at']);
    t.index(['buyer_id', 'placed_at']);
  });
  await db.schema.createTable('order_lines', (t) => {
    t.increments('id').primary();
    t.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.integer('line_no').notNullable();
    t.integer('product_id').notNullable().references('id').inTable('products');
    t.string('product_name', 200).notNullable(); // in the order's locale, frozen
    t.string('hs_code', 12).notNullable().defaultTo('');
    t.string('unit', 20).notNullable();
    t.integer('unit_decimals').notNullable();
    t.integer('net_weight_g').notNullable(); // per unit
    t.bigInteger('quantity').notNullable(); // smallest steps
    t.bigInteger('unit_price_minor').notNullable(); // frozen, tier applied
    t.bigInteger('line_total_minor').notNullable();
    t.unique(['order_id', 'line_no']);
  });
  // Every status change, timestamped: the buyer's timeline and the audit of the order.
  await db.schema.createTable('order_events', (t) => {
    t.increments('id').primary();
    t.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.string('kind', 30).notNullable(); // a status, or payment_received
    t.integer('actor_user_id').nullable();
    t.text('note').notNullable().defaultTo('');
    t.string('at', 30).notNullable();
    t.index(['order_id']);
  });
  // The routing result: which member's batch supplies how much of a line, and why.
  await db.schema.createTable('allocations', (t) => {
    t.increments('id').primary();
    t.integer('order_id').notNullable().references('id').inTable('orders').onDelete('CASCADE');
    t.integer('order_line_id').notNullable().references('id').inTable('order_lines').onDelete('CASCADE');
    t.integer('batch_id').notNullable().references('id').inTable('batches');
    t.integer('member_id').notNullable().references('id').inTable('members');
    t.bigInteger('quantity').notNullable();
    t.string('status', 20).notNullable(); // proposed | accepted | declined | delivered | shipped | cancelled
    t.string('reason_code', 30).notNullable();
    t.text('reason_params').notNullable().defaultTo('{}');
    t.text('decline_reason').notNullable().defaultTo('');
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['order_id']);
    t.index(['batch_id']);
    t.index(['member_id', 'status']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['allocations', 'order_events', 'order_lines', 'orders', 'order_counters', 'cart_lines', 'carts']) {
    await db.schema.dropTable(table);
  }
}
