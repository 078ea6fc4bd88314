import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type request from 'supertest';
import { createFormatter } from '#platform/i18n/format.js';
import { createI18n } from '#platform/i18n/index.js';
import type { MemberStatement } from '#modules/fulfilment/settlement.service.js';
import { statementPdf } from '#modules/fulfilment/statement-pdf.js';
import { shippingLabelsPdf } from '#modules/fulfilment/shipping-labels.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { makeBuyerUser, makeCoordinator, makeMemberUser, signIn, type Agent } from '#test/helpers/auth.js';
import { makeMember } from '#test/helpers/factories.js';
import { makeShop, placeOrder, type Shop } from '#test/helpers/shop.js';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

// Intl puts no-break spaces into amounts; pdftotext gives them back as they are.
const flat = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('fulfilment documents: member statements and shipping labels as PDF', function () {
  this.timeout(120_000);
  const hasPoppler = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdfinfo');
  const clock = createTestClock();
  const ctx = { actorId: null, actorEmail: '', ip: '' };
  let t: TestContext;
  let shop: Shop;
  let dir = '';
  let memberA: Agent;
  let memberC: Agent;
  let idle: { id: number; name: string };
  let idleAgent: Agent;
  let coord: Agent;
  let buyerAgent: Agent;
  let number: string;
  let period: string;

  let n = 0;
  const pdfOf = (body: Buffer): { text: string; pages: number; info: string } => {
    const file = path.join(dir, `doc-${n++}.pdf`);
    writeFileSync(file, body);
    const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
    return { text: flat(execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })), pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), info };
  };
  const download = async (agent: Agent, url: string) => {
    const res = await agent.get(url).buffer(true).parse(binary);
    expect(res.status, url).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/pdf/);
    expect(res.headers['content-disposition']).to.match(/^attachment/);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString()).to.equal('%PDF-');
    return pdfOf(body);
  };
  const refused = (res: request.Response) => expect([401, 403, 404].includes(res.status) || (res.status === 303 && String(res.headers.location).includes('/login')), `${res.status}`).to.equal(true);

  before(async function () {
    if (!hasPoppler) this.skip();
    dir = mkdtempSync(path.join(tmpdir(), 'terroir-fulfilment-docs-'));
    t = await createTestContext({ clock });
    shop = await makeShop(t.services);
    await t.services.settings.set('settlement.commissionBp', 1000);
    await t.services.settings.set('settlement.feePerDeliveryMinor', '150');
    const buyer = await makeBuyerUser(t.services, 'es');
    memberA = await signIn(t.app, await makeMemberUser(t.services, shop.members[0]!));
    const userC = await makeMemberUser(t.services, shop.members[2]!);
    await t.db('users').where({ id: userC.id }).update({ locale: 'es' }); // honey's member reads Spanish
    memberC = await signIn(t.app, userC);
    const other = await makeMember(t.services, { name: 'Huai Hom Weavers', status: 'active' });
    idle = { id: other.id, name: other.name };
    idleAgent = await signIn(t.app, await makeMemberUser(t.services, other.id));
    coord = await signIn(t.app, await makeCoordinator(t.services, clock), clock);
    buyerAgent = await signIn(t.app, buyer);
    // Coffee from two members' lots, honey in jars, tea: three lines, three packages.
    number = (await placeOrder(t.services, buyer, [[shop.coffee.id, '30'], [shop.honey.id, '4'], [shop.tea.id, '2']])).number;
    for (const to of ['confirmed', 'preparing', 'shipped'] as const) {
      await t.services.orders.transition(number, to, { userId: 0, role: 'coordinator' }, ctx, { carrier: 'DHL Express', trackingNumber: 'JD014600006281234567' });
    }
    period = clock.nowIso().slice(0, 7);
  });
  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('gives a member their own statement as a PDF: their deliveries, lots and payout', async () => {
    const statement = (await t.services.settlement.compute(period, shop.members[0])).members[0]!;
    expect(statement.lines.length).to.be.greaterThan(0);
    const { text } = await download(memberA, `/member/statements.pdf?period=${period}`);
    expect(text).to.contain(`Statement ${period}`);
    expect(text).to.contain(statement.memberName);
    expect(text).to.contain('Doi Highlands Alliance Co., Ltd.');
    expect(text).to.contain('TH0505561001234');
    expect(text).to.contain(number);
    expect(text).to.contain(shop.lots.coffeeA);
    expect(text).not.to.contain(shop.lots.honey);
    const en = createFormatter('en');
    expect(text).to.contain(flat(en.money(statement.totals.payoutMinor, 'USD')));
    expect(text).to.contain(flat(en.money(statement.totals.revenueMinor, 'USD')));
    expect(text).to.contain('Not paid yet.');
    expect(text).to.contain('How the payout is computed');
    // The page links to it.
    expect((await memberA.get(`/member/statements?period=${period}`)).text).to.contain(`/member/statements.pdf?period=${period}`);
  });

  it('writes the statement in the member’s language', async () => {
    const statement = (await t.services.settlement.compute(period, shop.members[2])).members[0]!;
    const { text } = await download(memberC, `/member/statements.pdf?period=${period}`);
    expect(text).to.contain(`Liquidación ${period}`);
    expect(text).to.contain(shop.lots.honey);
    expect(text).to.contain(flat(createFormatter('es').money(statement.totals.payoutMinor, 'USD')));
    expect(text).to.contain('Todavía no se ha pagado.');
  });

  it('gives another member only their own, empty statement; a bad month is refused', async () => {
    const { text } = await download(idleAgent, `/member/statements.pdf?period=${period}`);
    expect(text).to.contain(idle.name);
    expect(text).to.contain('Nothing was shipped in this month.');
    expect(text).not.to.contain(number);
    expect(text).not.to.contain(shop.lots.coffeeA);
    expect((await idleAgent.get('/member/statements.pdf?period=2026-13')).status).to.equal(400);
    // No member parameter to pick someone else's: ?member= is ignored on the member's side.
    const theirs = await download(idleAgent, `/member/statements.pdf?period=${period}&member=${shop.members[0]}`);
    expect(theirs.text).not.to.contain(shop.lots.coffeeA);
  });

  it('lets the coordinator download any member’s statement; unknown members, empty months and bad months are refused', async () => {
    const statement = (await t.services.settlement.compute(period, shop.members[0])).members[0]!;
    const { text } = await download(coord, `/admin/statements.pdf?period=${period}&member=${shop.members[0]}`);
    expect(text).to.contain(statement.memberName);
    expect(text).to.contain(shop.lots.coffeeA);
    expect(text).to.contain(flat(createFormatter('en').money(statement.totals.payoutMinor, 'USD')));
    expect((await coord.get(`/admin/statements.pdf?period=${period}&member=999999`)).status).to.equal(404);
    expect((await coord.get(`/admin/statements.pdf?period=${period}&member=abc`)).status).to.equal(404);
    expect((await coord.get(`/admin/statements.pdf?period=${period}&member=${idle.id}`)).status).to.equal(404);
    expect((await coord.get(`/admin/statements.pdf?period=2026-13&member=${shop.members[0]}`)).status).to.equal(400);
    expect((await coord.get(`/admin/statements.pdf?period=${period}`)).status).to.equal(400);
    const page = await coord.get(`/admin/statements?period=${period}`);
    expect(page.text).to.contain(`/admin/statements.pdf?period=${period}&amp;member=${shop.members[0]}`);
  });

  it('prints one A6 shipping label per order line with sender, address, tracking and each lot', async () => {
    const order = (await t.services.orders.byNumber(number))!;
    const { text, pages, info } = await download(coord, `/admin/orders/${number}/shipping-labels.pdf`);
    expect(pages).to.equal(order.lines.length);
    expect(pages).to.equal(3);
    expect(info).to.match(/^Page size:\s+297\.6\d* x 419\.5\d* pts/m); // A6
    expect(text).to.contain(number);
    expect(text).to.contain('JD014600006281234567');
    expect(text).to.contain('DHL Express');
    expect(text).to.contain('Madrid');
    expect(text).to.contain('Calle de Atocha 27');
    expect(text).to.contain('Doi Highlands Alliance Co., Ltd.');
    expect(text).to.contain('Package 1 of 3');
    expect(text).to.contain('090111');
    for (const lot of order.allocations.map((a) => a.lotCode)) expect(text, lot).to.contain(lot);
    expect(text).to.contain(shop.lots.coffeeA);
    expect(text).to.contain(shop.lots.coffeeB);
    expect(text).to.contain(shop.lots.honey);
    expect(text).to.contain(shop.lots.tea);
    // Each lot's QR code is there too: one image per lot.
    const file = path.join(dir, 'labels.pdf');
    writeFileSync(file, (await coord.get(`/admin/orders/${number}/shipping-labels.pdf`).buffer(true).parse(binary)).body as Buffer);
    const images = execFileSync('/usr/bin/pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2).filter((row) => row.trim().split(/\s+/)[2] === 'image');
    expect(images.length).to.equal(new Set(order.allocations.map((a) => `${a.lineId} ${a.lotCode}`)).size);
    expect((await coord.get(`/admin/orders/${number}`)).text).to.contain(`/admin/orders/${number}/shipping-labels.pdf`);
  });

  it('keeps the coordinator’s documents from buyers and members, and members’ statements from buyers', async () => {
    for (const agent of [buyerAgent, memberA]) {
      refused(await agent.get(`/admin/orders/${number}/shipping-labels.pdf`));
      refused(await agent.get(`/admin/statements.pdf?period=${period}&member=${shop.members[0]}`));
    }
    refused(await buyerAgent.get(`/member/statements.pdf?period=${period}`));
    refused(await coord.get(`/member/statements.pdf?period=${period}`));
  });

  it('repeats the table header on every page of a long statement, and renders Chinese and Arabic', async () => {
    const i18n = createI18n('en');
    const line = (i: number): MemberStatement['lines'][number] => ({
      id: i,
      memberId: 1,
      delivered: 12_500n,
      revenueMinor: 20_000n,
      commissionMinor: 2_000n,
      feeMinor: 150n,
      payoutMinor: 17_850n,
      orderNumber: `T-2026-${String(i).padStart(6, '0')}`,
      lotCode: `GA-2026-${String(i).padStart(4, '0')}`,
      productName: 'Green arabica, washed, from the northern hills',
      unit: 'kg',
      unitDecimals: 3,
      unitPriceMinor: 1600n,
      shippedAt: '2026-05-10T10:00:00.000Z',
      discrepancy: i % 7 === 0 ? 'short' : '',
    });
    const statement: MemberStatement = {
      memberId: 1,
      memberName: 'Doi Chang Coffee',
      period: '2026-05',
      currency: 'EUR',
      totals: { memberId: 1, deliveries: 90, revenueMinor: 1_800_000n, commissionMinor: 180_000n, feesMinor: 13_500n, payoutMinor: 1_606_500n },
      lines: Array.from({ length: 90 }, (_, i) => line(i + 1)),
      paid: { at: '2026-06-03T09:00:00.000Z', note: 'SEPA 2026-06-03' },
    };
    const seller = { legalName: 'Doi Highlands Alliance Co., Ltd.', address: '99 Moo 3, Mae Rim\nChiang Mai 50180', taxId: 'TH0505561001234' };
    const en = pdfOf(await statementPdf(statement, seller, i18n.getFixedT('en'), createFormatter('en')));
    expect(en.pages).to.be.greaterThan(1);
    expect(en.text.split('\f').filter((p) => p.trim()).every((p) => /Payout/.test(p) && /Order/.test(p))).to.equal(true);
    expect(en.text).to.contain('GA-2026-0090');
    expect(en.text).to.contain(flat(createFormatter('en').money(1_606_500n, 'EUR')));
    expect(en.text).to.contain('Paid on Jun 3, 2026.');
    expect(en.text).to.contain('SEPA 2026-06-03');
    expect(en.text).to.contain(`Page ${en.pages} of ${en.pages}`);
    for (const lng of ['zh-CN', 'zh-TW', 'ar', 'fr'] as const) {
      const doc = pdfOf(await statementPdf({ ...statement, lines: statement.lines.slice(0, 3) }, seller, i18n.getFixedT(lng), createFormatter(lng)));
      expect(doc.pages, lng).to.equal(1);
      expect(doc.text, lng).to.contain('GA-2026-0003');
    }
    expect(pdfOf(await statementPdf(statement, seller, i18n.getFixedT('zh-CN'), createFormatter('zh-CN'))).text).to.contain('结算单');
    // Labels in Arabic, and a package of many lots still fits on its one page.
    const order = t.services.orders.documentData((await t.services.orders.byNumber(number))!, 'packingList');
    const many = { ...order, lines: [{ ...order.lines[0]!, lotCodes: Array.from({ length: 20 }, (_, i) => `LOT-2026-${String(i).padStart(4, '0')}`) }] };
    for (const lng of ['ar', 'zh-TW'] as const) {
      const labels = pdfOf(await shippingLabelsPdf(many, 'http://terroir.test', i18n.getFixedT(lng), createFormatter(lng)));
      expect(labels.pages, lng).to.equal(1);
      expect(labels.text, lng).to.contain('LOT-2026-0000');
      expect(labels.text, lng).to.contain('LOT-2026-0019');
    }
  });
});
