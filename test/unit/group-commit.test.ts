import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createDb, type Db } from '#platform/db/index.js';
import { createGroupCommit } from '#platform/db/group-commit.js';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as new (file: string, options?: { readonly?: boolean }) => {
  prepare(sql: string): { all(): unknown[] };
  close(): void;
};

describe('group commit', () => {
  let dir: string;
  let file: string;
  let db: Db;
  let commits: number;
  const count = (sql: string) => {
    if (/^\s*commit/i.test(sql)) commits += 1;
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'terroir-group-'));
    file = path.join(dir, 'group.sqlite');
    db = createDb({ kind: 'sqlite', filename: file });
    await db.schema.createTable('parents', (t) => t.integer('id').primary());
    await db.schema.createTable('items', (t) => {
      t.increments('id');
      t.string('name').notNullable();
      t.integer('parent_id').nullable().references('id').inTable('parents');
    });
    await db('parents').insert({ id: 1 });
    commits = 0;
    db.on('query', (q: { sql: string }) => count(q.sql));
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What another connection sees on disk: only committed rows. */
  const onDisk = () => {
    const other = new Database(file, { readonly: true });
    try {
      return (other.prepare('select name from items order by id').all() as { name: string }[]).map((r) => r.name);
    } finally {
      other.close();
    }
  };

  it('runs work that arrives together in fewer commits, each result settled only once it is on disk', async () => {
    const group = createGroupCommit(db);
    const seenAtSettle: string[][] = [];
    const names = Array.from({ length: 20 }, (_, i) => `item ${i}`);
    const results = await Promise.all(
      names.map((name) =>
        group
          .run(async (trx) => {
            await trx('items').insert({ name });
            return name.toUpperCase();
          })
          .then((value) => {
            seenAtSettle.push(onDisk());
            return value;
          }),
      ),
    );
    expect(results).to.deep.equal(names.map((n) => n.toUpperCase()));
    expect(onDisk()).to.have.members(names);
    expect(commits).to.be.within(1, 5); // shared, not one each
    names.forEach((name, i) => expect(seenAtSettle[i], name).to.include(name));
  });

  it('groups work that arrives in separate callbacks of one turn of the event loop (requests read together)', async () => {
    const group = createGroupCommit(db);
    const names = Array.from({ length: 20 }, (_, i) => `turn ${i}`);
    // Each unit starts from its own callback, as each request does from its socket's: with SQLite a
    // batch begun at once would commit before the next callback ran.
    const results = await Promise.all(
      names.map((name) => new Promise((resolve, reject) => setImmediate(() => group.run((trx) => trx('items').insert({ name })).then(resolve, reject)))),
    );
    expect(results).to.have.length(20);
    expect(onDisk()).to.have.members(names);
    expect(commits).to.be.within(1, 2);
  });

  it('runs a unit that lost a deadlock again in a later batch, and gives up after three tries', async () => {
    const group = createGroupCommit(db);
    const deadlock = () => Object.assign(new Error('deadlock detected'), { code: '40P01' });
    let tries = 0;
    let hopeless = 0;
    const outcomes = await Promise.allSettled([
      group.run((trx) => trx('items').insert({ name: 'before' })),
      group.run(async (trx) => {
        tries += 1;
        await trx('items').insert({ name: `victim try ${tries}` });
        if (tries === 1) throw deadlock(); // rolled back to its savepoint, with its insert
        return 'second try';
      }),
      group.run(async () => {
        hopeless += 1;
        throw deadlock();
      }),
      group.run((trx) => trx('items').insert({ name: 'after' })),
    ]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseFulfilledResult<string>).value).to.equal('second try');
    expect(((outcomes[2] as PromiseRejectedResult).reason as { code: string }).code).to.equal('40P01');
    expect(hopeless).to.equal(4); // the first run and three more
    expect(onDisk()).to.have.members(['before', 'victim try 2', 'after']);
  });

  it('rolls back only the unit that fails, and gives that caller its own error', async () => {
    const group = createGroupCommit(db);
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'bad', 'c', 'd'].map((name) =>
        group.run(async (trx) => {
          await trx('items').insert({ name });
          if (name === 'bad') throw new Error('refused');
          return name;
        }),
      ),
    );
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).to.deep.equal(['a', 'b', 'refused', 'c', 'd']);
    expect(onDisk()).to.deep.equal(['a', 'b', 'c', 'd']);
  });

  it('fails every unit of a batch whose commit fails, and keeps none of it', async () => {
    const group = createGroupCommit(db);
    await group.run((trx) => trx('items').insert({ name: 'before' }));
    // A foreign key checked only at COMMIT: the batch's commit is refused.
    const outcomes = await Promise.allSettled(
      ['x', 'orphan', 'y'].map((name) =>
        group.run(async (trx) => {
          if (name === 'orphan') {
            await trx.raw('pragma defer_foreign_keys = on');
            await trx('items').insert({ name, parent_id: 999 });
          } else {
            await trx('items').insert({ name, parent_id: 1 });
          }
          return name;
        }),
      ),
    );
    const settled = outcomes.map((o) => o.status);
    expect(onDisk()).to.not.include('orphan');
    // The first unit may have gone alone (committed); the ones batched with the orphan all failed.
    const kept = onDisk().filter((n) => n !== 'before');
    expect(settled.filter((s) => s === 'fulfilled')).to.have.length(kept.length);
    expect(outcomes[1]!.status).to.equal('rejected');
    expect(await group.run(async (trx) => (await trx('items').count<{ n: number }[]>('* as n'))[0]!.n)).to.equal(1 + kept.length);
  });
});
