import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createDb, type Db } from '#platform/db/index.js';

describe('the SQLite client keeps prepared statements', () => {
  let dir: string;
  let db: Db;
  let prepared: string[];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'terroir-stmt-'));
    db = createDb({ kind: 'sqlite', filename: path.join(dir, 'test.sqlite') });
    await db.schema.createTable('items', (t) => {
      t.increments('id');
      t.string('name').notNullable();
      t.bigInteger('qty').notNullable();
    });
    // Count what reaches the driver's prepare() on the pool's one connection.
    const conn = (await db.client.acquireConnection()) as { prepare: (sql: string) => unknown };
    db.client.releaseConnection(conn);
    prepared = [];
    const prepare = conn.prepare.bind(conn);
    conn.prepare = (sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    };
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares a repeated query once, with fresh bindings every time', async () => {
    for (let i = 1; i <= 5; i++) await db('items').insert({ name: `item ${i}`, qty: i * 10 });
    const names = [];
    for (let i = 1; i <= 5; i++) names.push((await db('items').where({ id: i }).first('name'))?.name);
    expect(names).to.deep.equal(['item 1', 'item 2', 'item 3', 'item 4', 'item 5']);
    expect(prepared.filter((sql) => sql.startsWith('insert'))).to.have.length(1);
    expect(prepared.filter((sql) => sql.startsWith('select'))).to.have.length(1);
  });

  it('gives the same answers inside transactions, after a rollback, and for updates counting rows', async () => {
    await db('items').insert({ name: 'kept', qty: 5 });
    await db
      .transaction(async (trx) => {
        await trx('items').insert({ name: 'undone', qty: 1 });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    const changed = await db.transaction(async (trx) => trx('items').where('qty', '>=', 5).update({ qty: db.raw('qty - 5') }));
    const again = await db('items').where('qty', '>=', 5).update({ qty: db.raw('qty - 5') });
    expect([changed, again]).to.deep.equal([1, 0]);
    expect(await db('items').select('name', 'qty')).to.deep.equal([{ name: 'kept', qty: 0 }]);
  });

  it('honours safeIntegers per query although the statement is shared', async () => {
    await db('items').insert({ name: 'big', qty: '9007199254740993' });
    const query = () => db('items').first('qty');
    const asBigInt = (await query().options({ safeIntegers: true })) as { qty: unknown };
    const asNumber = (await query()) as { qty: unknown };
    expect(asBigInt.qty).to.equal(9007199254740993n);
    expect(typeof asNumber.qty).to.equal('number');
    expect(prepared.filter((sql) => sql.startsWith('select'))).to.have.length(1);
  });
});
