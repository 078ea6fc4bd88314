import { expect } from 'chai';
import type { ParsedMail } from 'mailparser';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfIn, makeBuyerUser, makeCoordinator, signIn } from '#test/helpers/auth.js';
import { makeProduct } from '#test/helpers/factories.js';
import { makeShop, placeOrder, SYSTEM_ACTOR, type Shop } from '#test/helpers/shop.js';
import { startInbox, type Inbox } from '#test/helpers/smtp.js';

describe('recall: walking forward to every order and buyer', function () {
  this.timeout(120_000);
  const clock = createTestClock();
  let inbox: Inbox;
  let t: TestContext;
  let shop: Shop;
  let blendLot: string;
  const ctx = { actorId: null, actorEmail: '', ip: '' };

  before(async () => {
    inbox = await startInbox();
    t = await createTestContext({ clock, env: { SMTP_URL: inbox.url } });
    shop = await makeShop(t.services);
    await t.services.settings.set('allocation.policy', 'freshness'); // coffee A (older) is picked first
    const roast = await makeProduct(t.services, { unit: 'pack', unitDecimals: 0, netWeightG: 250, priceMinor: 900, hsCode: '090121', translations: { en: { name: 'Medium roast 250 g', description: '' } } } as never);
    const blend = await t.services.traceability.transform(
      shop.members[0]!,
      { productId: roast.id, inputs: [{ lotCode: shop.lots.coffeeA!, quantity: '10' }, { lotCode: shop.lots.coffeeB!, quantity: '5' }], quantity: '60', producedOn: '2026-03-02', process: 'blended, roasted', occurredAt: '2026-03-02T10:00', tzOffset: '+07:00', locationText: 'Roastery' },
      SYSTEM_ACTOR,
    );
    blendLot = blend.lot_code;
    await t.db('batches').where({ id: blend.id }).update({ status: 'available' });
  });
  after(async () => {
    await t.close();
    await inbox.close();
  });

  const ship = async (number: string) => {
    for (const to of ['confirmed', 'preparing', 'shipped'] as const) await t.services.orders.transition(number, to, { userId: 0, role: 'coordinator' }, ctx, { carrier: 'DHL', trackingNumber: `TRK-${number}` });
  };
  const recallMail = async (to: string, lot: string, waitMs = 5000): Promise<ParsedMail | undefined> => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const found = inbox.messages.find((m) => JSON.stringify(m.to).toLowerCase().includes(to.toLowerCase()) && (m.subject ?? '').includes(lot) && (m.text ?? '').includes(lot));
      if (found || Date.now() > deadline) return found;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('recalling an input lot of a blend lists exactly the orders that received the blend or the lot, emails those buyers in their languages, and stops the sale', async () => {
    const s = t.services;
    const spain = await makeBuyerUser(s, 'es');
    const france = await makeBuyerUser(s, 'fr');
    const taiwan = await makeBuyerUser(s, 'zh-TW');
    const late = await makeBuyerUser(s, 'en');
    const roastId = (await s.traceability.byLot(blendLot))!.product_id;
    const blendOrder = await placeOrder(s, spain, [[roastId, '10']]);
    const lotOrder = await placeOrder(s, france, [[shop.coffee.id, '5']]);
    const teaOrder = await placeOrder(s, taiwan, [[shop.tea.id, '2']]);
    await ship(blendOrder.number);
    await ship(lotOrder.number);
    await ship(teaOrder.number);
    // Not shipped yet: its coffee comes from the recalled lot and must be routed to another lot.
    const openOrder = await placeOrder(s, late, [[shop.coffee.id, '2']]);
    const before = (await s.orders.byNumber(openOrder.number))!;
    expect(before.allocations.map((a) => a.lotCode)).to.deep.equal([shop.lots.coffeeA]);
    expect((await s.orders.byNumber(lotOrder.number))!.allocations.map((a) => a.lotCode)).to.deep.equal([shop.lots.coffeeA]);

    const coord = await signIn(t.app, await makeCoordinator(s, clock), clock);
    const page = await coord.get(`/en/trace/${shop.lots.coffeeA}`);
    const res = await coord.post(`/admin/lots/${shop.lots.coffeeA}/recall`).type('form').send({ _csrf: csrfIn(page.text), reason: 'Ochratoxin A above the EU limit in the lab report.' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/admin/lots/${shop.lots.coffeeA}/affected`);

    // Exactly the orders that received the blend or the lot.
    const list = await coord.get(String(res.headers.location));
    expect(list.status).to.equal(200);
    const listed = [...list.text.matchAll(/href="\/admin\/orders\/(T-\d{4}-\d{6})"/g)].map((m) => m[1]).sort();
    expect(listed).to.deep.equal([blendOrder.number, lotOrder.number].sort());
    expect(list.text).to.contain(blendLot);

    // Each buyer is told in their language; the others are not.
    const es = await recallMail(spain.email, shop.lots.coffeeA!);
    const fr = await recallMail(france.email, shop.lots.coffeeA!);
    expect(es?.subject).to.match(/retirada|Aviso/i);
    expect(es?.text).to.contain(blendLot);
    expect(es?.text).to.contain('Ochratoxin A');
    expect(fr?.subject).to.match(/rappel/i);
    expect(fr?.text).to.contain(shop.lots.coffeeA);
    // Mail is handed to SMTP before the recall answers, so what has not arrived by now was never sent.
    expect(await recallMail(taiwan.email, shop.lots.coffeeA!, 0)).to.equal(undefined);
    expect(await recallMail(late.email, shop.lots.coffeeA!, 0)).to.equal(undefined);

    // Off sale, and the open order now draws on another lot, with the stock taken from it.
    const coffeeA = (await s.traceability.byLot(shop.lots.coffeeA!))!;
    expect(coffeeA.status).to.equal('recalled');
    expect((await s.cart.contents({ buyerId: late.buyerId }, 'en')).lines).to.have.length(0);
    const product = await coord.get(`/en/products/${shop.coffee.slug}`);
    expect(product.text).not.to.contain(shop.lots.coffeeA);
    const after = (await s.orders.byNumber(openOrder.number))!;
    const live = after.allocations.filter((a) => a.status === 'proposed');
    expect(live.map((a) => [a.lotCode, a.quantity])).to.deep.equal([[shop.lots.coffeeB, 2000n]]);
    expect(after.allocations.find((a) => a.lotCode === shop.lots.coffeeA)!.status).to.equal('cancelled');
    const audit = await t.db('audit_log').whereIn('action', ['batch.recalled', 'order.recallNotified', 'allocation.rerouted']).select('action');
    expect(audit.map((a: { action: string }) => a.action).sort()).to.deep.equal(['allocation.rerouted', 'batch.recalled', 'order.recallNotified', 'order.recallNotified']);
  });
});
