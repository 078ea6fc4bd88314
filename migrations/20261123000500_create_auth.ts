import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.string('locked_until', 30).nullable();
    t.text('totp_secret').nullable();
    t.string('totp_enabled_at', 30).nullable();
    t.string('password_changed_at', 30).nullable();
    t.string('last_sign_in_at', 30).nullable();
    t.bigInteger('totp_last_step').notNullable().defaultTo(0); // refuses a code used twice
  });
  // Server-side sessions; user_id lets a password change end a user's other sessions.
  await db.schema.createTable('sessions', (t) => {
    t.string('sid', 128).primary();
    t.integer('user_id').nullable().references('id').inTable('users').onDelete('CASCADE');
    t.text('data').notNullable();
    t.string('expires_at', 30).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('last_seen_at', 30).notNullable();
    t.string('user_agent', 200).notNullable().defaultTo('');
    t.index(['user_id']);
    t.index(['expires_at']);
  });
  // Single-use, expiring links: email verification, password reset, invitations. Only a hash is kept.
  await db.schema.createTable('user_tokens', (t) => {
    t.increments('id').primary();
    t.string('kind', 20).notNullable(); // verify | reset | invite
    t.string('token_hash', 64).notNullable().unique();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('expires_at', 30).notNullable();
    t.string('used_at', 30).nullable();
    t.string('created_at', 30).notNullable();
    t.index(['user_id', 'kind']);
  });
  await db.schema.createTable('recovery_codes', (t) => {
    t.increments('id').primary();
    t.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('code_hash', 64).notNullable();
    t.string('used_at', 30).nullable();
    t.index(['user_id']);
  });
  await db.schema.createTable('buyer_addresses', (t) => {
    t.increments('id').primary();
    t.integer('buyer_id').notNullable().references('id').inTable('buyers').onDelete('CASCADE');
    t.string('label', 80).notNullable().defaultTo('');
    t.string('recipient', 200).notNullable();
    t.string('line1', 200).notNullable();
    t.string('line2', 200).notNullable().defaultTo('');
    t.string('city', 120).notNullable();
    t.string('region', 120).notNullable().defaultTo('');
    t.string('postal_code', 20).notNullable().defaultTo('');
    t.string('country', 2).notNullable();
    t.string('phone', 40).notNullable().defaultTo('');
    t.string('created_at', 30).notNullable();
    t.index(['buyer_id']);
  });
  await db.schema.createTable('audit_log', (t) => {
    t.increments('id').primary();
    t.string('at', 30).notNullable();
    t.integer('actor_user_id').nullable();
    t.string('actor_email', 254).notNullable().defaultTo('');
    t.string('action', 60).notNullable();
    t.string('subject_type', 40).notNullable().defaultTo('');
    t.string('subject_id', 60).notNullable().defaultTo('');
    t.text('detail').notNullable().defaultTo('{}');
    t.string('ip', 64).notNullable().defaultTo('');
    t.index(['at']);
    t.index(['action', 'at']);
    t.index(['actor_user_id', 'at']);
  });
  await db.schema.createTable('outbox', (t) => {
    t.increments('id').primary();
    t.string('to_address', 254).notNullable();
    t.string('locale', 10).notNullable();
    t.string('template', 60).notNullable();
    t.string('subject', 300).notNullable();
    t.text('text_body').notNullable();
    t.text('html_body').notNullable();
    t.string('status', 20).notNullable(); // stored | sent | failed
    t.string('error', 500).nullable();
    t.string('created_at', 30).notNullable();
    t.string('sent_at', 30).nullable();
    t.index(['created_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['outbox', 'audit_log', 'buyer_addresses', 'recovery_codes', 'user_tokens', 'sessions']) {
    await db.schema.dropTable(table);
  }
  await db.schema.alterTable('users', (t) => {
    t.dropColumns('failed_logins', 'locked_until', 'totp_secret', 'totp_enabled_at', 'password_changed_at', 'last_sign_in_at', 'totp_last_step');
  });
}
