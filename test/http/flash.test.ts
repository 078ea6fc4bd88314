import { expect } from 'chai';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { csrfOf, makeBuyerUser, signIn } from '#test/helpers/auth.js';
import { makeShop, type Shop } from '#test/helpers/shop.js';

describe('a flash message waits for the page the browser loads next', function () {
  this.timeout(60_000);
  let t: TestContext;
  let shop: Shop;

  before(async () => {
    t = await createTestContext();
    shop = await makeShop(t.services);
  });
  after(() => t.close());

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
