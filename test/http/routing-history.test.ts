import { expect } from 'chai';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { makeBuyerUser } from '#test/helpers/auth.js';
import { makeShop, placeOrder, type Shop } from '#test/helpers/shop.js';

describe('routing reads members’ past volume only for the policies that weigh it', function () {
  this.timeout(60_000);
  let t: TestContext;
  let shop: Shop;

  before(async () => {
    t = await createTestContext();
    shop = await makeShop(t.services);
  });
  after(() => t.close());

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
