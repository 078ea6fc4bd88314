import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('buyers', (t) => {
    t.increments('id').primary();
    t.string('kind', 20).notNullable(); // organisation | person
    t.string('name', 200).notNullable();
    t.string('country', 2).notNullable();
    t.string('tax_id', 60).nullable();
    t.string('locale', 10).notNullable();
    t.string('display_currency', 3).notNullable();
    t.string('created_at', 30).notNullable();
  });
  await db.schema.createTable('users', (t) => {
    t.increments('id').primary();
    t.string('email', 254).notNullable().unique(); // stored lower-cased
    t.string('password_hash', 200).notNullable();
    t.string('display_name', 200).notNullable();
    t.string('role', 20).notNullable(); // coordinator | member | buyer
    t.integer('member_id').nullable().references('id').inTable('members').onDelete('RESTRICT');
    t.integer('buyer_id').nullable().references('id').inTable('buyers').onDelete('RESTRICT');
    t.string('locale', 10).notNullable();
    t.string('status', 20).notNullable().defaultTo('active'); // unverified | active | disabled
    t.string('email_verified_at', 30).nullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['member_id']);
    t.index(['buyer_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('users');
  await db.schema.dropTable('buyers');
}
