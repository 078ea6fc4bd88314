import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfIn, csrfOf, makeBuyerUser, makeCoordinator, PASSWORD, signIn, type Agent } from '#test/helpers/auth.js';
import { makeShop, type Shop } from '#test/helpers/shop.js';
import { isValidPaymentReference } from '#modules/ordering/reference.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { paths } from '#platform/paths.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('ordering: cart, checkout, orders', function () {
  this.timeout(120_000);
  const clock = createTestClock();
  let t: TestContext;
  let shop: Shop;
  let buyer: Awaited<ReturnType<typeof makeBuyerUser>>;
  let agent: Agent;

  const available = async (lot: string) => BigInt((await t.db('batches').where({ lot_code: lot }).first('available')).available);
  const orderCount = async () => Number((await t.db('orders').count<{ n: number }[]>('* as n'))[0]!.n);

  before(async () => {
    t = await createTestContext({ clock });
    shop = await makeShop(t.services);
    buyer = await makeBuyerUser(t.services, 'es');
    const user = await t.services.accounts.addresses.add(buyer.buyerId, { recipient: 'Lucía Gómez', line1: 'Calle de Atocha 27', city: 'Madrid', postalCode: '28012', country: 'ES' }, { actorId: null, actorEmail: '', ip: '' });
    expect(user.id).to.be.a('number');
  });
  after(async () => t.close());

  const add = async (a: Agent, productId: number | string, qty: string) => {
    const _csrf = await csrfOf(a); // first: the request takes the agent's cookies when it is created
    return a.post('/es/cart/add').type('form').send({ _csrf, productId: String(productId), qty });
  };

  it('keeps a visitor’s cart in a cookie and joins it to the buyer’s cart at sign-in', async () => {
    agent = request.agent(t.app);
    const res = await add(agent, shop.honey.id, '12');
    expect(res.status, res.text.replace(/\s+/g, ' ').slice(-1500)).to.equal(303);
    expect(String(res.headers['set-cookie'])).to.match(/cart=[A-Za-z0-9_-]{20,}; .*HttpOnly/);
    const page = await agent.get('/es/cart');
    expect(page.text).to.contain('Miel de longan');
    // Sign in with the same browser: the cart follows the buyer.
    const token = csrfIn((await agent.get('/es/login')).text);
    expect((await agent.post('/es/login').type('form').send({ _csrf: token, email: buyer.email, password: PASSWORD })).status).to.equal(303);
    const mine = await agent.get('/es/cart');
    expect(mine.text).to.contain('Miel de longan');
    const cart = await t.services.cart.contents({ buyerId: buyer.buyerId }, 'es');
    expect(cart.lines.map((l) => [l.productId, l.quantity])).to.deep.equal([[shop.honey.id, 12n]]);
  });

  it('lets a visitor add to the cart from a product page that created no session, but refuses a cross-site post', async () => {
    const page = await request(t.app).get(`/es/products/${shop.honey.slug}`);
    expect(page.status).to.equal(200);
    expect(String(page.headers['set-cookie'] ?? '')).not.to.contain('terroir.sid'); // reading makes no session
    expect(page.text).to.contain('action="/es/cart/add"');
    expect(page.text).not.to.contain('name="_csrf"');
    const sessions = Number((await t.db('sessions').count<{ n: number }[]>('* as n'))[0]!.n);
    const ok = await request(t.app).post('/es/cart/add').set('Origin', 'http://terroir.test').type('form').send({ productId: String(shop.honey.id), qty: '2' });
    expect(ok.status).to.equal(303);
    expect(String(ok.headers['set-cookie'])).to.match(/cart=/);
    const forged = await request(t.app).post('/es/cart/add').set('Origin', 'https://evil.example').type('form').send({ productId: String(shop.honey.id), qty: '2' });
    expect(forged.status).to.equal(403);
    const blind = await request(t.app).post('/es/cart/add').type('form').send({ productId: String(shop.honey.id), qty: '2' });
    expect(blind.status).to.equal(403);
    // Another form is never let through without its token.
    const other = await request(t.app).post('/es/cart/update').set('Origin', 'http://terroir.test').type('form').send({});
    expect(other.status).to.equal(403);
    expect(Number((await t.db('sessions').count<{ n: number }[]>('* as n'))[0]!.n)).to.equal(sessions + 1); // the one add, for its notice
  });

  it('refuses bad quantities and unknown products with a localized message, keeping what was typed', async () => {
    for (const [qty, message] of [
      ['-3', 'mayor que cero'],
      ['1.5', 'pasos fijos'],
      ['0.5', 'mínima'],
      ['doce', 'número'],
      ['999', 'No hay tanta'],
    ] as const) {
      const res = await add(agent, shop.coffee.id, qty);
      expect(res.status, qty).to.equal(422);
      expect(res.text, qty).to.contain(message);
      expect(res.text, qty).to.contain(`value="${qty}"`);
    }
    expect((await add(agent, 999_999, '1')).status).to.equal(404);
    expect((await add(agent, 'abc', '1')).status).to.equal(404);
    const token = await csrfOf(agent);
    const garbage = await agent.post('/es/cart/add').type('form').send(`_csrf=${encodeURIComponent(token)}&productId[]=1&qty[x]=2`);
    expect(garbage.status).to.be.within(400, 499);
    const cart = await t.services.cart.contents({ buyerId: buyer.buyerId }, 'es');
    expect(cart.lines).to.have.length(1);
  });

  it('applies a volume tier and says how much more reaches the next price', async () => {
    expect((await add(agent, shop.coffee.id, '10')).status).to.equal(303);
    let page = await agent.get('/es/cart');
    expect(page.text).to.match(/Pida 10\s?kg más/);
    expect((await add(agent, shop.coffee.id, '10')).status).to.equal(303);
    page = await agent.get('/es/cart');
    expect(page.text).to.contain('Precio por volumen');
    const cart = await t.services.cart.contents({ buyerId: buyer.buyerId }, 'es');
    const coffee = cart.lines.find((l) => l.productId === shop.coffee.id)!;
    expect(coffee.unitPriceMinor).to.equal(1600n);
    expect(coffee.totalMinor).to.equal(32_000n);
    expect((await add(agent, shop.tea.id, '5')).status).to.equal(303);
  });

  it('refuses an incoterm that is not offered, and a tampered total, placing nothing', async () => {
    const form = await agent.get('/es/checkout');
    expect(form.status).to.equal(200);
    const address = (await t.services.accounts.addresses.list(buyer.buyerId))[0]!;
    const base = { _csrf: csrfIn(form.text), shipping: 'delivery', addressId: String(address.id), payment: 'bank_transfer' };
    const cif = await agent.post('/es/checkout/review').type('form').send({ ...base, incoterm: 'CIF' });
    expect(cif.status).to.equal(422);
    expect(cif.text).to.contain('condiciones de entrega');
    const review = await agent.post('/es/checkout/review').type('form').send({ ...base, incoterm: 'DAP' });
    expect(review.status).to.equal(200);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(review.text)![1]!;
    const total = /name="expectedTotal" value="(\d+)"/.exec(review.text)![1]!;
    const tampered = await agent.post('/es/checkout/place').type('form').send({ ...base, incoterm: 'DAP', _csrf: csrfIn(review.text), idempotencyKey: key, expectedTotal: String(Number(total) - 5000) });
    expect(tampered.status).to.equal(409);
    expect(tampered.text).to.contain('Los precios o las existencias cambiaron');
    const pickupPay = await agent.post('/es/checkout/review').type('form').send({ ...base, incoterm: 'DAP', payment: 'pay_at_pickup' });
    expect(pickupPay.status).to.equal(422);
    expect(await orderCount()).to.equal(0);
  });

  it('places one order for five identical submissions, reserves the stock and emails the buyer in Spanish', async () => {
    const form = await agent.get('/es/checkout');
    const address = (await t.services.accounts.addresses.list(buyer.buyerId))[0]!;
    const choice = { shipping: 'delivery', addressId: String(address.id), payment: 'bank_transfer', incoterm: 'DAP' };
    const review = await agent.post('/es/checkout/review').type('form').send({ _csrf: csrfIn(form.text), ...choice });
    expect(review.text).to.contain('DAP Madrid');
    // Goods 32,000 + 5 × 900 jars … shipping by weight into the EU zone; the EUR approximation is shown.
    expect(review.text).to.match(/≈/);
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(review.text)![1]!;
    const expectedTotal = /name="expectedTotal" value="(\d+)"/.exec(review.text)![1]!;
    const before = { a: await available(shop.lots.coffeeA!), b: await available(shop.lots.coffeeB!) };
    const post = () => agent.post('/es/checkout/place').type('form').send({ _csrf: csrfIn(review.text), ...choice, idempotencyKey: key, expectedTotal });
    const results = await Promise.all([post(), post(), post(), post(), post()]);
    expect(results.map((r) => r.status)).to.deep.equal([303, 303, 303, 303, 303]);
    expect(new Set(results.map((r) => String(r.headers.location).replace('?placed=1', '')))).to.have.property('size', 1);
    expect(await orderCount()).to.equal(1);
    const order = (await t.services.orders.byNumber('T-2026-000001'))!;
    expect(order.status).to.equal('placed');
    expect(isValidPaymentReference(order.paymentReference)).to.equal(true);
    expect(order.totalMinor).to.equal(order.subtotalMinor + order.shippingMinor + order.taxMinor);
    expect(order.totalMinor.toString()).to.equal(expectedTotal);
    expect(order.lines.map((l) => l.hsCode).sort()).to.deep.equal(['040900', '090111', '090230']);
    const coffeeLine = order.lines.find((l) => l.hsCode === '090111')!;
    const coffeeAllocated = order.allocations.filter((a) => a.lineId === coffeeLine.id).reduce((sum, a) => sum + a.quantity, 0n);
    expect(coffeeAllocated).to.equal(20_000n);
    const after = { a: await available(shop.lots.coffeeA!), b: await available(shop.lots.coffeeB!) };
    expect(before.a + before.b - after.a - after.b).to.equal(20_000n);
    expect((await t.services.cart.contents({ buyerId: buyer.buyerId }, 'es')).lines).to.have.length(0);
    const mail = (await t.services.mailer.list()).find((m) => m.template === 'orderPlaced')!;
    expect(mail.to).to.equal(buyer.email);
    expect(mail.subject).to.contain('T-2026-000001');
    expect(mail.text).to.contain(order.paymentReference);
    expect(mail.text).to.contain('IBAN DE89');
    expect(mail.locale).to.equal('es');
    const page = await agent.get(String(results[0]!.headers.location));
    expect(page.text).to.contain(order.paymentReference);
    for (const a of order.allocations) expect(page.text).to.contain(a.lotCode);
  });

  it('serves the pro-forma invoice to its buyer only', async () => {
    const pdf = await agent.get('/es/account/orders/T-2026-000001/proforma.pdf').buffer(true).parse(binary);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers['content-type']).to.match(/application\/pdf/);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
    expect((await agent.get('/es/account/orders/T-2026-000001/invoice.pdf')).status).to.equal(404);
    const other = await signIn(t.app, await makeBuyerUser(t.services));
    expect((await other.get('/es/account/orders/T-2026-000001')).status).to.equal(404);
    expect((await other.get('/es/account/orders/T-2026-000001/proforma.pdf')).status).to.equal(404);
    expect((await request(t.app).get('/es/account/orders/T-2026-000001')).status).to.equal(303);
  });

  it('tells the buyer which lines ran short, by how much, and places nothing', async () => {
    const left = (await available(shop.lots.coffeeA!)) + (await available(shop.lots.coffeeB!));
    expect((await add(agent, shop.coffee.id, String(left / 1000n))).status).to.equal(303);
    const form = await agent.get('/es/checkout');
    const address = (await t.services.accounts.addresses.list(buyer.buyerId))[0]!;
    const choice = { shipping: 'delivery', addressId: String(address.id), payment: 'bank_transfer', incoterm: 'DAP' };
    const review = await agent.post('/es/checkout/review').type('form').send({ _csrf: csrfIn(form.text), ...choice });
    // Meanwhile another member's stock is sold elsewhere.
    await t.db('batches').where({ lot_code: shop.lots.coffeeB! }).update({ available: 0 });
    const res = await agent.post('/es/checkout/place').type('form').send({
      _csrf: csrfIn(review.text),
      ...choice,
      idempotencyKey: /name="idempotencyKey" value="([^"]+)"/.exec(review.text)![1]!,
      expectedTotal: /name="expectedTotal" value="(\d+)"/.exec(review.text)![1]!,
    });
    expect(res.status).to.equal(409);
    expect(res.text).to.contain('Arábica verde');
    expect(res.text).to.contain('No se ha pedido nada');
    expect(await orderCount()).to.equal(1);
  });

  it('lets the coordinator confirm, mark paid, ship with tracking and cancel, emailing the buyer each time', async () => {
    const coordUser = await makeCoordinator(t.services, clock);
    const coord = await signIn(t.app, coordUser, clock);
    const page = await coord.get('/admin/orders/T-2026-000001');
    expect(page.status).to.equal(200);
    expect(page.text).to.match(/Fair share|Tops up|only lot/);
    const move = async (to: string, extra: Record<string, string> = {}) => {
        const _csrf = csrfIn((await coord.get('/admin/orders/T-2026-000001')).text);
        return coord.post('/admin/orders/T-2026-000001/status').type('form').send({ _csrf, to, ...extra });
      };
    expect((await move('shipped')).status).to.equal(409);
    expect((await move('confirmed')).status).to.equal(303);
    const paidToken = csrfIn((await coord.get('/admin/orders/T-2026-000001')).text);
    const paid = await coord.post('/admin/orders/T-2026-000001/paid').type('form').send({ _csrf: paidToken });
    expect(paid.status).to.equal(303);
    expect((await move('preparing')).status).to.equal(303);
    expect((await move('shipped', { carrier: 'DHL Express', trackingNumber: '1234567890' })).status).to.equal(303);
    const order = (await t.services.orders.byNumber('T-2026-000001'))!;
    expect(order.status).to.equal('shipped');
    expect(order.paymentStatus).to.equal('received');
    expect(order.events.map((e) => e.kind)).to.deep.equal(['placed', 'confirmed', 'payment_received', 'preparing', 'shipped']);
    const mails = (await t.services.mailer.list()).filter((m) => m.to === buyer.email).map((m) => m.template);
    expect(mails).to.include.members(['orderPlaced', 'orderConfirmed', 'paymentReceived', 'orderPreparing', 'orderShipped']);
    const shipped = (await t.services.mailer.list()).find((m) => m.template === 'orderShipped')!;
    expect(shipped.text).to.contain('1234567890');
    expect(shipped.text).to.contain(`/es/trace/${order.allocations[0]!.lotCode}`);
    expect((await agent.get('/es/account/orders/T-2026-000001/invoice.pdf')).status).to.equal(200);
    // Shipping wrote one step forward on every lot, and the buyer can take the order's records.
    for (const a of order.allocations.filter((x) => x.status === 'shipped')) {
      const events = await t.services.traceability.events(a.batchId);
      const last = events[events.length - 1]!;
      expect(last.type).to.equal('ship_to_buyer');
      expect(JSON.parse(last.attributes)).to.deep.equal({ order: 'T-2026-000001', destination: 'ES' });
    }
    const epcis = await agent.get('/es/account/orders/T-2026-000001/epcis.json');
    expect(epcis.status).to.equal(200);
    const doc = JSON.parse(epcis.text) as { epcisBody: { eventList: { bizStep?: string }[] } };
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(path.join(paths.root, 'test', 'fixtures', 'epcis', 'EPCIS-JSON-Schema.json'), 'utf8')) as object;
    expect(ajv.validate(schema, doc), JSON.stringify(ajv.errors?.slice(0, 3))).to.equal(true);
    expect(doc.epcisBody.eventList.filter((e) => String(e.bizStep).endsWith('shipping')).length).to.equal(order.allocations.filter((x) => x.status === 'shipped').length);
    const geo = JSON.parse((await agent.get('/es/account/orders/T-2026-000001/eudr.geojson')).text) as { type: string; features: unknown[] };
    expect(geo.type).to.equal('FeatureCollection');
    expect(geo.features.length).to.be.greaterThan(0);
    const csv = await agent.get('/es/account/orders/T-2026-000001/fsma.csv');
    expect(csv.headers['content-type']).to.match(/text\/csv/);
    expect(csv.text).to.contain(order.allocations[0]!.lotCode);
    const stranger = await signIn(t.app, await makeBuyerUser(t.services));
    expect((await stranger.get('/es/account/orders/T-2026-000001/epcis.json')).status).to.equal(404);
    // Who bought a lot is not public: the trace page and the public EPCIS name no order.
    expect(epcis.text).to.contain('T-2026-000001');
    const lot = order.allocations[0]!.lotCode;
    expect((await request(t.app).get(`/es/trace/${lot}`)).text).not.to.contain('T-2026-000001');
    expect((await request(t.app).get(`/trace/${lot}/epcis.json`)).text).not.to.contain('T-2026-000001');
    // A buyer cannot cancel once confirmed.
    const cancelToken = await csrfOf(agent);
    const cancel = await agent.post('/es/account/orders/T-2026-000001/cancel').type('form').send({ _csrf: cancelToken });
    expect(cancel.status).to.equal(409);
  });

  it('gives the stock back when an order is cancelled', async () => {
    await t.db('batches').where({ lot_code: shop.lots.coffeeB! }).update({ available: 40_000 });
    await t.db('cart_lines').delete();
    expect((await add(agent, shop.tea.id, '4')).status).to.equal(303);
    const teaBefore = await available(shop.lots.tea!);
    const form = await agent.get('/es/checkout');
    const address = (await t.services.accounts.addresses.list(buyer.buyerId))[0]!;
    const choice = { shipping: 'delivery', addressId: String(address.id), payment: 'bank_transfer', incoterm: 'DAP' };
    const review = await agent.post('/es/checkout/review').type('form').send({ _csrf: csrfIn(form.text), ...choice });
    const placed = await agent.post('/es/checkout/place').type('form').send({
      _csrf: csrfIn(review.text),
      ...choice,
      idempotencyKey: /name="idempotencyKey" value="([^"]+)"/.exec(review.text)![1]!,
      expectedTotal: /name="expectedTotal" value="(\d+)"/.exec(review.text)![1]!,
    });
    expect(placed.headers.location).to.contain('T-2026-000002');
    expect(await available(shop.lots.tea!)).to.equal(teaBefore - 4000n);
    const cancelToken = await csrfOf(agent);
    const cancel = await agent.post('/es/account/orders/T-2026-000002/cancel').type('form').send({ _csrf: cancelToken });
    expect(cancel.status).to.equal(303);
    expect(await available(shop.lots.tea!)).to.equal(teaBefore);
    expect((await t.services.orders.byNumber('T-2026-000002'))!.status).to.equal('cancelled');
  });
});
