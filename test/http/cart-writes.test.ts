import { expect } from 'chai';
import { dialect } from '#platform/db/index.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { makeBuyerUser } from '#test/helpers/auth.js';
import { makeShop, type Shop } from '#test/helpers/shop.js';

describe('cart changes made at the same moment share a commit', function () {
  this.timeout(60_000);
  let t: TestContext;
  let shop: Shop;

  before(async () => {
    t = await createTestContext();
    shop = await makeShop(t.services);
  });
  after(() => t.close());

  it('writes every buyer’s line, refuses the bad one alone, and flushes a few times instead of once per cart', async () => {
    const buyers = await Promise.all(Array.from({ length: 12 }, () => makeBuyerUser(t.services)));
    let commits = 0;
    const count = (q: { sql: string }) => {
      if (/^\s*commit/i.test(q.sql)) commits += 1;
    };
    t.db.on('query', count);
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      // Each from its own callback, as each request comes from its own socket.
      outcomes = await Promise.all(
        buyers.map(
          (b, i) =>
            new Promise<PromiseSettledResult<unknown>>((resolve) =>
              setImmediate(() => {
                const qty = i === 5 ? '-3' : String(i + 1);
                t.services.cart.add({ buyerId: b.buyerId }, shop.honey.id, qty).then(
                  (value) => resolve({ status: 'fulfilled', value }),
                  (reason: unknown) => resolve({ status: 'rejected', reason }),
                );
              }),
            ),
        ),
      );
    } finally {
      t.db.off('query', count);
    }
    expect(outcomes.map((o) => o.status)).to.deep.equal(buyers.map((_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    for (const [i, b] of buyers.entries()) {
      const cart = await t.services.cart.contents({ buyerId: b.buyerId }, 'en');
      expect(cart.lines.map((l) => l.quantity), `buyer ${i}`).to.deep.equal(i === 5 ? [] : [BigInt(i + 1)]);
    }
    // SQLite runs one batch at a time; PostgreSQL up to four side by side (createAppWrites).
    expect(commits).to.be.within(1, dialect(t.db) === 'postgres' ? 5 : 2);
  });
});
