import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  // What the hub actually received of an allocation: quantity (for goods sold by weight, the
  // actual net weight in the unit's smallest steps) and any discrepancy.
  await db.schema.alterTable('allocations', (t) => {
    t.string('accepted_at', 30).nullable();
    t.string('delivered_at', 30).nullable(); // the member says it was handed over at the hub
    t.string('received_at', 30).nullable(); // the hub checked it in
    t.bigInteger('received_quantity').nullable();
    t.string('discrepancy', 20).notNullable().defaultTo(''); // '' | short | damaged | over
    t.text('discrepancy_note').notNullable().defaultTo('');
    t.string('shipped_at', 30).nullable();
    t.index(['status', 'created_at']);
  });
  // A statement marked paid freezes its figures; open periods are computed from the allocations.
  await db.schema.createTable('statements', (t) => {
    t.increments('id').primary();
    t.integer('member_id').notNullable().references('id').inTable('members');
    t.string('period', 7).notNullable(); // YYYY-MM, by shipping date (UTC)
    t.string('currency', 3).notNullable();
    t.bigInteger('revenue_minor').notNullable();
    t.bigInteger('commission_minor').notNullable();
    t.bigInteger('fees_minor').notNullable();
    t.bigInteger('payout_minor').notNullable();
    t.string('paid_at', 30).notNullable();
    t.integer('paid_by_user_id').nullable();
    t.string('payment_note', 200).notNullable().defaultTo('');
    t.unique(['member_id', 'period']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('statements');
  await db.schema.alterTable('allocations', (t) => {
    t.dropIndex(['status', 'created_at']);
    for (const c of ['accepted_at', 'delivered_at', 'received_at', 'received_quantity', 'discrepancy', 'discrepancy_note', 'shipped_at']) t.dropColumn(c);
  });
}
