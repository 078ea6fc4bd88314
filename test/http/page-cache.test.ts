import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { makeBuyerUser, signIn } from '#test/helpers/auth.js';
import { makeShop, placeOrder, type Shop } from '#test/helpers/shop.js';

describe('the public page cache: fast for visitors, never stale after a change', function () {
  this.timeout(60_000);
  let t: TestContext;
  let shop: Shop;
  const get = (path: string, cookie?: string) => {
    const r = request(t.app).get(path);
    return cookie ? r.set('Cookie', cookie) : r;
  };

  before(async () => {
    t = await createTestContext();
    shop = await makeShop(t.services);
  });
  after(async () => t.close());

  it('serves a visitor the second time from memory, with an ETag that answers 304', async () => {
    const path = `/es/products/${shop.tea.slug}`;
    const first = await get(path);
    const second = await get(path);
    expect([first.headers['x-page-cache'], second.headers['x-page-cache']]).to.deep.equal(['miss', 'hit']);
    expect(second.text).to.equal(first.text);
    expect(second.headers['content-encoding']).to.equal('gzip'); // compressed once, when stored
    const plain = await get(path).set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).to.equal(undefined);
    expect(plain.text).to.equal(first.text);
    const again = await get(path).set('If-None-Match', String(second.headers.etag));
    expect(again.status).to.equal(304);
  });

  it('shows a new price at once after the product is edited', async () => {
    const path = `/en/products/${shop.tea.slug}`;
    await get(path);
    expect((await get(path)).headers['x-page-cache']).to.equal('hit');
    await t.db('products').where({ id: shop.tea.id }).update({ price_minor: 4321 });
    const after = await get(path);
    expect(after.headers['x-page-cache']).to.equal('miss');
    expect(after.text).to.contain('43.21');
  });

  it('shows what is left after an order takes stock, and after a recall', async () => {
    const path = `/en/products/${shop.honey.slug}`;
    const before = await get(path);
    expect((await get(path)).headers['x-page-cache']).to.equal('hit');
    await placeOrder(t.services, await makeBuyerUser(t.services), [[shop.honey.id, '50']]);
    const after = await get(path);
    expect(after.headers['x-page-cache']).to.equal('miss');
    expect(after.text).not.to.equal(before.text);
    const trace = `/en/trace/${shop.lots.honey}`;
    await get(trace);
    expect((await get(trace)).headers['x-page-cache']).to.equal('hit');
    await t.services.traceability.recall(shop.lots.honey!, { reason: 'Test recall', includeDescendants: false, tzOffset: '+07:00' }, { userId: null, label: 'Test', ctx: { actorId: null, actorEmail: '', ip: '' } });
    const recalled = await get(trace);
    expect(recalled.headers['x-page-cache']).to.equal('miss');
    expect(recalled.text).to.contain('Test recall');
  });

  it('never caches a signed-in page, a currency switch, or another currency’s prices', async () => {
    const buyer = await signIn(t.app, await makeBuyerUser(t.services));
    const path = `/en/products/${shop.coffee.slug}`;
    await buyer.get(path);
    expect((await buyer.get(path)).headers['x-page-cache']).to.equal(undefined);
    expect((await get(`${path}?currency=EUR`)).headers['x-page-cache']).to.equal(undefined);
    const usd = await get(path);
    const eur = await get(path, 'cur=EUR');
    expect(eur.headers['x-page-cache']).to.equal('miss');
    expect(eur.text).not.to.equal(usd.text);
    expect((await get(path, 'cur=EUR')).headers['x-page-cache']).to.equal('hit');
  });
});
