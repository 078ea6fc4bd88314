import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { makeBuyerUser, signIn } from '#test/helpers/auth.js';
import { makeShop, placeOrder, type Shop } from '#test/helpers/shop.js';
import { startApp } from '#src/start.js';
import { createLogger } from '#platform/logger.js';

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

  it('answers a hit with the page’s own security headers and remembers the language, HEAD without a body', async () => {
    const path = `/fr/products/${shop.tea.slug}`;
    const miss = await get(path);
    const hit = await get(path, 'lng=es');
    expect(hit.headers['x-page-cache']).to.equal('hit');
    for (const header of ['content-security-policy', 'content-language', 'x-content-type-options', 'content-type', 'referrer-policy']) {
      expect(hit.headers[header], header).to.equal(miss.headers[header]);
    }
    expect(hit.headers['etag']).to.equal(miss.headers['etag']); // a 304 works from the first answer on
    expect(String(hit.headers['set-cookie'])).to.match(/^lng=fr; Max-Age=31536000; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
    expect((await get(path, 'lng=fr')).headers['set-cookie']).to.equal(undefined);
    const head = await request(t.app).head(path);
    expect([head.status, head.headers['x-page-cache'], head.text]).to.deep.equal([200, 'hit', undefined]);
    expect(Number(head.headers['content-length'])).to.be.greaterThan(100);
  });

  it('is asked first by the real server, before Express, and a write still clears it', async () => {
    await t.services.accounts.createUser({ email: 'coordinator@example.test', password: 'correct horse battery staple', displayName: 'Coordinator', role: 'coordinator', locale: 'en' });
    const running = await startApp({ ...t.config, host: '127.0.0.1', port: 0 }, createLogger('silent'), { db: t.db, services: t.services });
    try {
      const { slug } = await t.db('members').where({ id: shop.members[0] }).first('slug');
      const url = `${running.url}/en/members/${slug}`;
      const first = await fetch(url);
      const second = await fetch(url);
      expect([first.headers.get('x-page-cache'), second.headers.get('x-page-cache')]).to.deep.equal(['miss', 'hit']);
      expect(second.headers.get('x-request-id')).to.equal(null); // answered before the request logger
      expect(await second.text()).to.equal(await first.text());
      await t.db('members').where({ id: shop.members[0] }).update({ name: 'Renamed Growers' });
      const after = await fetch(url);
      expect(after.headers.get('x-page-cache')).to.equal('miss');
      expect(await after.text()).to.contain('Renamed Growers');
    } finally {
      running.server.close();
    }
  });

  it('does not keep a page read while a write was not yet committed', async () => {
    const path = `/en/products/${shop.coffee.slug}`;
    await get(path);
    // PostgreSQL renders the page beside the open transaction, from the old rows; SQLite's one
    // connection renders it after the commit. Either way the next visitor sees the new price.
    let during: Promise<request.Response> | undefined;
    await t.db.transaction(async (trx) => {
      await trx('products').where({ id: shop.coffee.id }).update({ price_minor: 2468 });
      during = get(path).then((r) => r);
      await new Promise((resolve) => setTimeout(resolve, 150));
    });
    await during;
    const after = await get(path);
    expect(after.text).to.contain('24.68');
  });

  it('can be turned off with PAGE_CACHE_SECONDS=0', async () => {
    const off = await createTestContext({ env: { PAGE_CACHE_SECONDS: '0' } });
    try {
      await makeShop(off.services);
      const path = '/en/products';
      expect((await request(off.app).get(path)).headers['x-page-cache']).to.equal(undefined);
      expect((await request(off.app).get(path)).headers['x-page-cache']).to.equal(undefined);
    } finally {
      await off.close();
    }
  });
});
