import { expect } from 'chai';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { makeBuyerUser } from '#test/helpers/auth.js';
import { makeShop, placeOrder, type Shop } from '#test/helpers/shop.js';
import { startInbox, type Inbox } from '#test/helpers/smtp.js';

describe('the order-placed email is stored with the order', function () {
  this.timeout(60_000);
  let t: TestContext;
  let shop: Shop;
  let inbox: Inbox;

  before(async () => {
    inbox = await startInbox();
    t = await createTestContext({ env: { SMTP_URL: inbox.url } });
    shop = await makeShop(t.services);
  });
  after(async () => {
    await t.close();
    await inbox.close();
  });

  it('writes the message in the placing transaction, then sends it once committed', async () => {
    const statements: { sql: string; tx: string | undefined }[] = [];
    const listen = (q: { sql: string; __knexTxId?: string }) => statements.push({ sql: q.sql, tx: q.__knexTxId });
    t.db.on('query', listen);
    const buyer = await makeBuyerUser(t.services, 'fr');
    let placed;
    try {
      placed = await placeOrder(t.services, buyer, [[shop.honey.id, '50']]);
    } finally {
      t.db.off('query', listen);
    }
    const orderInsert = statements.findIndex((s) => /^insert into [`"]orders[`"]/.test(s.sql));
    const outboxInsert = statements.findIndex((s) => /^insert into [`"]outbox[`"]/.test(s.sql));
    const commit = statements.findIndex((s, i) => i > orderInsert && /^commit/i.test(s.sql));
    expect(orderInsert, 'order inserted').to.be.greaterThan(-1);
    expect(statements[outboxInsert]?.tx, 'outbox insert inside a transaction').to.be.a('string');
    expect(outboxInsert, 'stored before the order is committed').to.be.within(orderInsert + 1, commit - 1);
    // Written from what placing holds: nothing just written is read back for it.
    const readBack = statements.slice(orderInsert, commit).filter((s) => /^select\b.*\bfrom [`"](orders|order_lines|order_events|allocations|users)[`"]/i.test(s.sql));
    expect(readBack.map((s) => s.sql), 'read back').to.deep.equal([]);
    const sentUpdate = statements.findIndex((s) => /^update [`"]outbox[`"]/.test(s.sql));
    expect(sentUpdate, 'sent (status updated) after the commit').to.be.greaterThan(commit);

    const mail = await inbox.waitFor(buyer.email);
    expect(mail.subject).to.contain(placed.number);
    const stored = (await t.services.mailer.list()).find((m) => m.to === buyer.email && m.template === 'orderPlaced')!;
    expect(stored.status).to.equal('sent');
    expect(stored.locale).to.equal('fr');
  });

  it('writes the email from what placing holds, the same as one written from the order read back', async () => {
    const buyer = await makeBuyerUser(t.services, 'zh-TW');
    // Two products, one split between two members.
    const placed = await placeOrder(t.services, buyer, [
      [shop.coffee.id, '70'],
      [shop.honey.id, '12'],
    ]);
    const order = (await t.services.orders.byNumber(placed.number))!;
    expect(new Set(order.allocations.map((a) => a.memberId)).size, 'members').to.be.greaterThan(1);
    const mine = async () => (await t.services.mailer.list(undefined, 500)).filter((m) => m.to === buyer.email && m.template === 'orderPlaced');
    const [atPlacing] = await mine();
    await t.services.orders.mail(order, 'orderPlaced');
    const both = await mine();
    expect(both).to.have.length(2);
    const readBack = both.find((m) => m.id !== atPlacing!.id)!;
    expect(atPlacing!.locale).to.equal('zh-TW');
    expect(atPlacing!.text).to.contain(order.paymentReference);
    for (const l of order.lines) expect(atPlacing!.text).to.contain(l.productName);
    expect({ subject: atPlacing!.subject, text: atPlacing!.text, html: atPlacing!.html }).to.deep.equal({ subject: readBack.subject, text: readBack.text, html: readBack.html });
  });

  it('stores nothing when the order is not placed', async () => {
    const buyer = await makeBuyerUser(t.services);
    const before = (await t.services.mailer.list(undefined, 500)).length;
    const refused = await placeOrder(t.services, buyer, [[shop.tea.id, '999999']]).catch((err: unknown) => err);
    expect(refused).to.be.an('error');
    expect((await t.services.mailer.list(undefined, 500)).length).to.equal(before);
    const [orders] = await t.db('orders').where({ buyer_id: buyer.buyerId }).count<{ n: number | string }[]>('* as n');
    expect(Number(orders!.n)).to.equal(0);
  });
});
