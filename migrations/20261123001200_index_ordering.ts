import type { Knex } from 'knex';

// Routing reads 90 days of a product's allocations on every order placed (fair share): from the
// product's order lines to their allocations, instead of scanning every allocation ever made.
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('order_lines', (t) => t.index(['product_id']));
  await db.schema.alterTable('allocations', (t) => t.index(['order_line_id']));
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('allocations', (t) => t.dropIndex(['order_line_id']));
  await db.schema.alterTable('order_lines', (t) => t.dropIndex(['product_id']));
}
