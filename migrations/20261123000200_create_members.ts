import type { Knex } from 'knex';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('members', (t) => {
    t.increments('id').primary();
    t.string('slug', 80).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('country', 2).notNullable(); // ISO 3166-1 alpha-2
    t.string('region', 120).notNullable().defaultTo('');
    t.string('locality', 120).notNullable().defaultTo('');
    t.string('status', 20).notNullable().defaultTo('pending'); // pending | active | suspended
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['status', 'name']);
  });
  await db.schema.createTable('member_translations', (t) => {
    t.integer('member_id').notNullable().references('id').inTable('members').onDelete('CASCADE');
    t.string('locale', 10).notNullable();
    t.text('story').notNullable();
    t.primary(['member_id', 'locale']);
  });
  await db.schema.createTable('sites', (t) => {
    t.increments('id').primary();
    t.integer('member_id').notNullable().references('id').inTable('members').onDelete('CASCADE');
    t.string('name', 200).notNullable();
    t.string('country', 2).notNullable();
    t.bigInteger('area_m2').notNullable(); // hectares x 10,000: an integer, never a float
    // WGS84 degrees x 1,000,000 (six decimals): the representative point of the site.
    t.integer('lat_e6').notNullable();
    t.integer('lon_e6').notNullable();
    t.text('polygon_geojson').nullable(); // a GeoJSON Polygon; required above 4 ha
    t.string('created_at', 30).notNullable();
    t.index(['member_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('sites');
  await db.schema.dropTable('member_translations');
  await db.schema.dropTable('members');
}
