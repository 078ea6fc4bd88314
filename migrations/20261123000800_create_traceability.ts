import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('batches', (t) => {
    t.increments('id').primary();
    t.string('lot_code', 20).notNullable().unique(); // A–Z 0–9 - . ; fits GS1 AI 10
    t.integer('product_id').notNullable().references('id').inTable('products');
    t.integer('member_id').notNullable().references('id').inTable('members');
    t.string('status', 20).notNullable().defaultTo('draft'); // draft | available | depleted | recalled
    t.string('produced_on', 10).notNullable(); // harvest or production date, YYYY-MM-DD
    t.string('produced_until', 10).nullable(); // end of a harvest range
    t.string('packed_on', 10).nullable();
    t.string('best_before', 10).nullable();
    t.bigInteger('quantity').notNullable(); // smallest steps of the product's unit
    t.bigInteger('available').notNullable(); // what is still on offer; allocation reserves from it
    t.string('grade', 40).notNullable().defaultTo('');
    // The hash chain's head: a deleted last event shows as a mismatch here.
    t.integer('last_seq').notNullable().defaultTo(0);
    t.string('head_hash', 64).notNullable().defaultTo('');
    t.string('recalled_at', 30).nullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['product_id', 'status']);
    t.index(['member_id', 'status']);
  });
  // Where a batch was grown: one row per site with its share in basis points (all rows sum to 10,000).
  await db.schema.createTable('batch_sites', (t) => {
    t.integer('batch_id').notNullable().references('id').inTable('batches').onDelete('CASCADE');
    t.integer('site_id').notNullable().references('id').inTable('sites');
    t.integer('share_bp').notNullable();
    t.primary(['batch_id', 'site_id']);
  });
  // One step back: the input batches of a transformation, with the quantity taken from each.
  await db.schema.createTable('batch_inputs', (t) => {
    t.integer('batch_id').notNullable().references('id').inTable('batches').onDelete('CASCADE');
    t.integer('input_batch_id').notNullable().references('id').inTable('batches');
    t.bigInteger('quantity').notNullable(); // smallest steps of the input's product unit
    t.primary(['batch_id', 'input_batch_id']);
    t.index(['input_batch_id']);
  });
  await db.schema.createTable('batch_certifications', (t) => {
    t.integer('batch_id').notNullable().references('id').inTable('batches').onDelete('CASCADE');
    t.integer('certification_id').notNullable().references('id').inTable('certifications');
    t.primary(['batch_id', 'certification_id']);
  });
  await db.schema.createTable('batch_files', (t) => {
    t.integer('batch_id').notNullable().references('id').inTable('batches').onDelete('CASCADE');
    t.integer('image_id').nullable().references('id').inTable('images');
    t.integer('document_id').nullable().references('id').inTable('documents');
    t.integer('position').notNullable().defaultTo(0);
    t.index(['batch_id']);
  });
  // Append-only. Every column except `hash` is covered by `hash` (see traceability/hash-chain.ts).
  await db.schema.createTable('trace_events', (t) => {
    t.increments('id').primary();
    t.integer('batch_id').notNullable().references('id').inTable('batches');
    t.integer('seq').notNullable(); // 1, 2, 3 … within the batch
    t.string('type', 30).notNullable();
    t.string('occurred_at', 30).notNullable(); // UTC instant
    t.string('tz_offset', 6).notNullable(); // local offset at the place, e.g. +07:00
    t.string('location_kind', 10).notNullable(); // site | hub | address
    t.integer('site_id').nullable().references('id').inTable('sites');
    t.string('location_text', 300).notNullable().defaultTo('');
    t.integer('actor_user_id').nullable();
    t.string('actor_label', 200).notNullable().defaultTo('');
    t.bigInteger('quantity').nullable();
    t.text('attributes').notNullable().defaultTo('{}'); // JSON: moisture, score, lab values, photo keys …
    t.integer('corrects_event_id').nullable().references('id').inTable('trace_events');
    t.text('note').notNullable().defaultTo('');
    t.string('prev_hash', 64).notNullable().defaultTo('');
    t.string('hash', 64).notNullable();
    t.string('recorded_at', 30).notNullable();
    t.unique(['batch_id', 'seq']);
    t.index(['occurred_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['trace_events', 'batch_files', 'batch_certifications', 'batch_inputs', 'batch_sites', 'batches']) {
    await db.schema.dropTable(table);
  }
}
