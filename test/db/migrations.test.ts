import { expect } from 'chai';
import { dialect, migrateLatest } from '#platform/db/index.js';
import { createTestDb, onPostgres, type TestDb } from '#test/helpers/test-db.js';

describe(`migrations and connection (${onPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb();
  });
  after(async () => t.close());

  it('creates every table and records each migration once', async () => {
    for (const table of ['settings', 'members', 'member_translations', 'sites', 'buyers', 'users', 'categories', 'products', 'product_translations', 'member_products']) {
      expect(await t.db.schema.hasTable(table), table).to.equal(true);
    }
    const names = (await t.db('knex_migrations').select('name')).map((r: { name: string }) => r.name);
    expect(names).to.include('20261123000100_create_settings');
    expect(new Set(names).size).to.equal(names.length);
    expect(await migrateLatest(t.db)).to.deep.equal([]);
  });

  it('enforces foreign keys', async () => {
    let failed = false;
    try {
      await t.db('member_products').insert({ member_id: 999999, product_id: 999999 });
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
  });

  if (!onPostgres()) {
    it('sets WAL, foreign keys, busy timeout and synchronous=FULL on the SQLite connection', async () => {
      expect(dialect(t.db)).to.equal('sqlite');
      const one = async (pragma: string) => Object.values((await t.db.raw(`pragma ${pragma}`))[0] as object)[0];
      expect(await one('journal_mode')).to.equal('wal');
      expect(await one('foreign_keys')).to.equal(1);
      expect(await one('busy_timeout')).to.equal(5000);
      expect(await one('synchronous')).to.equal(2);
    });
  } else {
    it('talks to PostgreSQL', async () => {
      expect(dialect(t.db)).to.equal('postgres');
      const r = await t.db.raw('show server_version');
      expect(r.rows[0].server_version).to.match(/^\d+/);
    });
  }
});
