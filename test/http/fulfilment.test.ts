import { expect } from 'chai';
import { scaledToDecimalString } from '#platform/decimal.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfIn, makeBuyerUser, makeCoordinator, makeMemberUser, signIn, type Agent } from '#test/helpers/auth.js';
import { makeShop, placeOrder, type Shop } from '#test/helpers/shop.js';

describe('fulfilment: members supply, the hub receives, members are settled', function () {
  this.timeout(120_000);
  const clock = createTestClock();
  let t: TestContext;
  let shop: Shop;
  let buyer: Awaited<ReturnType<typeof makeBuyerUser>>;
  let memberA: Agent;
  let memberB: Agent;
  let coord: Agent;
  let number: string;
  const ctx = { actorId: null, actorEmail: '', ip: '' };

  const post = async (agent: Agent, page: string, action: string, body: Record<string, string> = {}) => {
    const _csrf = csrfIn((await agent.get(page)).text);
    return agent.post(action).type('form').send({ _csrf, ...body });
  };
  const allocationsOf = async (n: string) => (await t.services.orders.byNumber(n))!.allocations;

  before(async () => {
    t = await createTestContext({ clock });
    shop = await makeShop(t.services);
    await t.services.settings.set('settlement.commissionBp', 1000);
    await t.services.settings.set('settlement.feePerDeliveryMinor', '150');
    buyer = await makeBuyerUser(t.services, 'es');
    memberA = await signIn(t.app, await makeMemberUser(t.services, shop.members[0]!));
    memberB = await signIn(t.app, await makeMemberUser(t.services, shop.members[1]!));
    coord = await signIn(t.app, await makeCoordinator(t.services, clock), clock);
    number = (await placeOrder(t.services, buyer, [[shop.coffee.id, '30']])).number;
  });
  after(async () => t.close());

  it('routes a line across two members by fair share and shows each their work without the buyer’s identity', async () => {
    const allocations = await allocationsOf(number);
    expect(new Set(allocations.map((a) => a.memberId))).to.deep.equal(new Set([shop.members[0], shop.members[1]]));
    expect(allocations.reduce((s, a) => s + a.quantity, 0n)).to.equal(30_000n);
    const page = await memberA.get('/member/work');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain(number);
    expect(page.text).to.contain('Spain');
    expect(page.text).to.contain(shop.lots.coffeeA);
    const buyerRow = (await t.services.accounts.buyer(buyer.buyerId))!;
    expect(page.text).not.to.contain(buyerRow.name);
    expect(page.text).not.to.contain(buyer.email);
    expect(page.text).not.to.contain('Atocha');
  });

  it('re-routes a declined allocation to another member, and refuses a decline without a reason', async () => {
    const b = (await allocationsOf(number)).find((a) => a.memberId === shop.members[1])!;
    const empty = await post(memberB, '/member/work', `/member/work/${b.id}/decline`, { reason: '' });
    expect(empty.status).to.equal(422);
    // Another member cannot touch it.
    expect((await post(memberA, '/member/work', `/member/work/${b.id}/decline`, { reason: 'not mine' })).status).to.equal(404);
    expect((await post(memberB, '/member/work', `/member/work/${b.id}/decline`, { reason: 'Drying took longer; not ready.' })).status).to.equal(303);
    const after = await allocationsOf(number);
    expect(after.find((a) => a.id === b.id)!.status).to.equal('declined');
    const open = after.filter((a) => a.status === 'proposed');
    expect(open.every((a) => a.memberId === shop.members[0])).to.equal(true);
    expect(open.reduce((s, a) => s + a.quantity, 0n)).to.equal(30_000n);
  });

  it('re-routes work nobody accepted in time, and alerts the coordinator and the buyer when no one else can supply', async () => {
    const teaOrder = (await placeOrder(t.services, buyer, [[shop.tea.id, '3']])).number;
    // Routed 49 hours ago: past the 48 hours to accept.
    const teaId = (await allocationsOf(teaOrder))[0]!.id;
    await t.db('allocations').where({ id: teaId }).update({ created_at: new Date(clock.now().getTime() - 49 * 3_600_000).toISOString() });
    // Meanwhile member A accepts its coffee; the tea (only member B grows it) stays unanswered.
    for (const a of (await allocationsOf(number)).filter((x) => x.status === 'proposed')) {
      expect((await post(memberA, '/member/work', `/member/work/${a.id}/accept`)).status).to.equal(303);
    }
    const res = await post(coord, '/admin/hub', '/admin/allocations/expire');
    expect(res.status).to.equal(303);
    const tea = await allocationsOf(teaOrder);
    expect(tea.map((a) => a.status)).to.deep.equal(['declined']);
    const mails = await t.services.mailer.list();
    expect(mails.some((m) => m.template === 'shortageAlert' && m.subject.includes(teaOrder))).to.equal(true);
    expect(mails.some((m) => m.template === 'orderShortage' && m.to === buyer.email && m.locale === 'es')).to.equal(true);
    expect((await allocationsOf(number)).filter((a) => a.status === 'accepted').length).to.be.greaterThan(0);
  });

  it('lets the coordinator move an open allocation to another lot, audited', async () => {
    const other = (await placeOrder(t.services, buyer, [[shop.coffee.id, '2']])).number;
    const [a] = await allocationsOf(other);
    const target = a!.lotCode === shop.lots.coffeeA ? shop.lots.coffeeB! : shop.lots.coffeeA!;
    const targetId = (await t.services.traceability.byLot(target))!.id;
    const page = await coord.get(`/admin/orders/${other}`);
    expect(page.text).to.contain(`/admin/orders/${other}/allocations/${a!.id}/override`);
    const res = await post(coord, `/admin/orders/${other}`, `/admin/orders/${other}/allocations/${a!.id}/override`, { batchId: String(targetId) });
    expect(res.status).to.equal(303);
    const after = await allocationsOf(other);
    expect(after.find((x) => x.id === a!.id)!.status).to.equal('cancelled');
    const moved = after.find((x) => x.status === 'proposed')!;
    expect([moved.lotCode, moved.quantity, moved.reason.code]).to.deep.equal([target, 2000n, 'override']);
    const audit = await t.db('audit_log').where({ action: 'allocation.overridden' }).first();
    expect(JSON.parse(audit.detail as string)).to.include({ fromLot: a!.lotCode, toLot: target });
    await t.services.orders.transition(other, 'cancelled', { userId: 0, role: 'coordinator' }, ctx);
  });

  it('members hand goods over; the hub checks each lot in with its actual weight; shipping uses it', async () => {
    const accepted = (await allocationsOf(number)).filter((a) => a.status === 'accepted');
    for (const a of accepted) expect((await post(memberA, '/member/work', `/member/work/${a.id}/delivered`)).status).to.equal(303);
    const lot = accepted[0]!.lotCode;
    const found = await coord.get(`/admin/hub?lot=${lot.toLowerCase()}`);
    expect(found.status).to.equal(200);
    expect(found.text).to.contain(number);
    const bad = await post(coord, `/admin/hub?lot=${lot}`, `/admin/hub/${accepted[0]!.id}/receive`, { lot, quantity: 'doce', discrepancy: 'short', note: '' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('value="doce"');
    const garbage = await post(coord, `/admin/hub?lot=${lot}`, `/admin/hub/${accepted[0]!.id}/receive`, { lot, quantity: '1', discrepancy: 'stolen', note: '' });
    expect(garbage.status).to.equal(422);
    // The first delivery weighs 150 g less than allocated; the rest arrive as allocated.
    const first = accepted[0]!;
    const actual = first.quantity - 150n;
    for (const a of accepted) {
      const qty = a.id === first.id ? actual : a.quantity;
      const res = await post(coord, `/admin/hub?lot=${a.lotCode}`, `/admin/hub/${a.id}/receive`, { lot: a.lotCode, quantity: scaledToDecimalString(qty, 3), discrepancy: a.id === first.id ? 'short' : '', note: a.id === first.id ? 'Bag torn, resealed.' : '' });
      expect(res.status).to.equal(303);
    }
    const events = await t.services.traceability.events(first.batchId);
    const mine = accepted.filter((a) => a.batchId === first.batchId);
    expect(events.filter((e) => e.type === 'ship_to_hub').length).to.equal(mine.length);
    const receipts = events.filter((e) => e.type === 'receive_at_hub');
    expect(receipts.length).to.equal(mine.length);
    expect(String(receipts[0]!.quantity)).to.equal(String(actual));
    expect(JSON.parse(receipts[0]!.attributes)).to.deep.equal({ order: number, discrepancy: 'short' });
    for (const to of ['confirmed', 'preparing', 'shipped'] as const) await t.services.orders.transition(number, to, { userId: 0, role: 'coordinator' }, ctx, { carrier: 'DHL', trackingNumber: 'X1' });
    const order = (await t.services.orders.byNumber(number))!;
    const invoice = t.services.orders.documentData(order, 'invoice');
    expect(invoice.lines[0]!.quantity).to.equal(30_000n - 150n);
    expect(invoice.subtotalMinor).to.equal((29_850n * 1600n + 500n) / 1000n);
    expect(invoice.totalMinor).to.equal(invoice.subtotalMinor + invoice.shippingMinor + invoice.taxMinor);
    expect(t.services.orders.documentData(order, 'proforma').lines[0]!.quantity).to.equal(30_000n);
    const buyerPage = await (await signIn(t.app, buyer)).get(`/es/account/orders/${number}`);
    expect(buyerPage.text).to.contain('29,85');
  });

  it('settles the month: payouts + commission + fees = delivered revenue, exactly; paid once the month is over', async () => {
    const open = clock.nowIso().slice(0, 7);
    expect((await t.services.settlement.compute(open)).members.find((m) => m.memberId === shop.members[0])!.totals.deliveries).to.be.greaterThan(0);
    expect((await post(coord, '/admin/hub', `/admin/statements/${shop.members[0]}/paid`, { period: open, note: 'x' })).status).to.equal(409);
    // Say the goods shipped last month: that month is over and can be paid.
    const lastMonth = new Date(Date.UTC(clock.now().getUTCFullYear(), clock.now().getUTCMonth() - 1, 20)).toISOString();
    await t.db('allocations').where({ status: 'shipped' }).update({ shipped_at: lastMonth });
    const period = lastMonth.slice(0, 7);
    const statement = await t.services.settlement.compute(period);
    const a = statement.members.find((m) => m.memberId === shop.members[0])!;
    expect(a.totals.revenueMinor).to.equal((29_850n * 1600n + 500n) / 1000n);
    expect(statement.payoutMinor + statement.commissionMinor + statement.feesMinor).to.equal(statement.revenueMinor);
    expect(a.totals.feesMinor).to.equal(150n * BigInt(a.totals.deliveries));
    expect(a.totals.commissionMinor).to.equal(a.lines.reduce((s, l) => s + (l.revenueMinor * 1000n + 5000n) / 10_000n, 0n));
    // Members see only their own statement.
    const mine = await memberA.get(`/member/statements?period=${period}`);
    expect(mine.text).to.contain(shop.lots.coffeeA);
    const theirs = await memberB.get(`/member/statements?period=${period}`);
    expect(theirs.text).not.to.contain(number);
    const csv = await coord.get(`/admin/statements.csv?period=${period}`);
    expect(csv.headers['content-type']).to.match(/text\/csv/);
    expect(csv.text.split('\n')[0]).to.contain('payout');
    expect(csv.text).to.contain(number);
    // Paid once, then frozen.
    const pay = await post(coord, '/admin/hub', `/admin/statements/${shop.members[0]}/paid`, { period, note: 'Transfer 2026-12-02' });
    expect(pay.status).to.equal(303);
    expect((await post(coord, '/admin/hub', `/admin/statements/${shop.members[0]}/paid`, { period, note: 'again' })).status).to.equal(409);
    const frozen = (await t.services.settlement.compute(period)).members.find((m) => m.memberId === shop.members[0])!;
    expect(frozen.paid?.note).to.equal('Transfer 2026-12-02');
    expect(frozen.totals.payoutMinor).to.equal(a.totals.payoutMinor);
    expect((await post(coord, '/admin/hub', `/admin/statements/${shop.members[0]}/paid`, { period: '2026-13', note: '' })).status).to.equal(400);
  });
});
