import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfOf, makeCoordinator, signIn, type Agent } from '#test/helpers/auth.js';
import { makeCategory, makeProduct } from '#test/helpers/factories.js';

describe('coordinator: editing the shared catalog', function () {
  this.timeout(60_000);
  const clock = createTestClock();
  let t: TestContext;
  let admin: Agent;
  before(async () => {
    t = await createTestContext({ clock });
    admin = await signIn(t.app, await makeCoordinator(t.services, clock), clock);
  });
  after(async () => t.close());

  it('shows the form with the stored values and the missing translations, saves edits exactly, and audits a price change', async () => {
    await makeCategory(t.services, 'tea');
    const product = await makeProduct(t.services, {
      slug: 'jin-xuan',
      categorySlug: 'tea',
      unit: 'kg',
      unitDecimals: 3,
      priceMinor: 4500,
      moq: 1000n,
      orderStep: 500n,
      translations: { en: { name: 'Jin Xuan oolong', description: 'Milky oolong.' } },
    });
    const form = await admin.get(`/admin/products/${product.id}`);
    expect(form.status).to.equal(200);
    expect(form.text).to.contain('value="45.00"');
    expect(form.text).to.contain('value="0.5"');
    const missing = (await admin.get('/admin/products')).text;
    expect(missing).to.match(/Jin Xuan oolong[\s\S]*?Spanish, French, Chinese/);

    const body = {
      slug: 'jin-xuan', categorySlug: 'tea', unit: 'kg', netWeightG: '1000', price: '42.50', moq: '1', orderStep: '0.5',
      tierQty0: '20', tierPrice0: '39.90', name_en: 'Jin Xuan oolong', description_en: 'Milky oolong.', 'name_zh-TW': '金萱烏龍', featured: 'on',
    };
    const bad = await admin.post(`/admin/products/${product.id}?_csrf=${encodeURIComponent(await csrfOf(admin))}`).field({ ...body, price: '42,50', tierQty0: '0.5' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('value="42,50"');
    expect(bad.text).to.match(/id="f-price-error"/);
    const ok = await admin.post(`/admin/products/${product.id}?_csrf=${encodeURIComponent(await csrfOf(admin))}`).field(body);
    expect(ok.status).to.equal(303);
    const saved = (await t.services.catalog.productBySlug('jin-xuan'))!;
    expect(saved).to.include({ priceMinor: 4250n, orderStep: 500n, moq: 1000n, featured: true });
    expect(await t.services.catalog.tiersOf(saved.id)).to.deep.equal([{ minQty: 20_000n, priceMinor: 3990n }]);
    const page = await request(t.app).get('/zh-TW/products/jin-xuan');
    expect(page.text).to.contain('金萱烏龍');
    const audit = await t.services.audit.list({ action: 'product.priceChanged' });
    expect(audit[0]?.detail).to.deep.equal({ from: '4500', to: '4250' });
  });

  it('retires a product: it leaves the storefront but stays in the console', async () => {
    const product = await makeProduct(t.services, { slug: 'old-roast', translations: { en: { name: 'Old roast', description: '' } } });
    expect((await request(t.app).get('/en/products/old-roast')).status).to.equal(200);
    const res = await admin.post(`/admin/products/${product.id}/status`).type('form').send({ _csrf: await csrfOf(admin), status: 'retired' });
    expect(res.status).to.equal(303);
    expect((await request(t.app).get('/en/products/old-roast')).status).to.equal(404);
    expect((await request(t.app).get('/en/products')).text).not.to.contain('Old roast');
    expect((await admin.get('/admin/products?status=retired')).text).to.contain('Old roast');
    expect((await admin.post(`/admin/products/${product.id}/status`).type('form').send({ _csrf: await csrfOf(admin), status: 'gone' })).status).to.equal(400);
  });
});
