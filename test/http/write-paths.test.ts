import { expect } from 'chai';
import { dialect } from '#platform/db/index.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { csrfOf, makeBuyerUser, signIn } from '#test/helpers/auth.js';
import { makeShop, placeOrder, type Shop } from '#test/helpers/shop.js';

// What the cart and checkout requests write and read, beyond their results: shared flushes, no
// needless session write, no needless history read.
describe('the cart and checkout write paths', function () {
  this.timeout(60_000);
  let t: TestContext;
  let shop: Shop;

  before(async () => {
    t = await createTestContext();
    shop = await makeShop(t.services);
  });
  after(() => t.close());

  describe('a flash message waits for the page the browser loads next', () => {
    it('is not used up by a POST in between, and is shown once by the next page', async () => {
      const buyer = await makeBuyerUser(t.services, 'es');
      const agent = await signIn(t.app, buyer);
      const _csrf = await csrfOf(agent);
      const added = await agent.post('/es/cart/add').type('form').send({ _csrf, productId: String(shop.honey.id), qty: '2' });
      expect(added.status).to.equal(303);
      // Another form is sent before the redirect is followed (a double submit, a second tab): its
      // answer is a redirect too, not a page, so the message must still be there afterwards.
      const stale = await agent.post('/es/checkout/place').type('form').send({ _csrf, idempotencyKey: 'short' });
      expect(stale.status).to.be.within(400, 499);
      expect(stale.text).not.to.contain('Se ha añadido a su carrito.');
      const cart = await agent.get('/es/cart');
      expect(cart.text).to.contain('Se ha añadido a su carrito.');
      expect((await agent.get('/es/cart')).text, 'shown once').not.to.contain('Se ha añadido a su carrito.');
    });
  });

  describe('routing reads members’ past volume only for the policies that weigh it', () => {
    /** The statements an order placement sends that sum allocations (the fair-share history). */
    async function historyReads(): Promise<number> {
      const sent: string[] = [];
      const listen = (q: { sql: string }) => sent.push(q.sql);
      t.db.on('query', listen);
      try {
        const buyer = await makeBuyerUser(t.services);
        await placeOrder(t.services, buyer, [[shop.coffee.id, '2']]);
      } finally {
        t.db.off('query', listen);
      }
      return sent.filter((sql) => /sum\([`"]a[`"]\.[`"]quantity[`"]\)/.test(sql) && /[`"]allocations[`"]/.test(sql)).length;
    }

    it('skips the history under freshness and reads it under fair share', async () => {
      await t.services.settings.set('allocation.policy', 'freshness');
      expect(await historyReads(), 'freshness').to.equal(0);
      await t.services.settings.set('allocation.policy', 'fairShare');
      expect(await historyReads(), 'fair share').to.be.greaterThan(0);
      await t.services.settings.set('allocation.policy', 'mixed');
      expect(await historyReads(), 'mixed').to.be.greaterThan(0);
    });
  });

  describe('cart changes made at the same moment share a commit', () => {
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
});
