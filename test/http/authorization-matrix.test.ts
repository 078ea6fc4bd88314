import { expect } from 'chai';
import request from 'supertest';
import type { RouteRule } from '#modules/accounts/index.js';
import { sessionHandle } from '#modules/accounts/account.router.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfOf, makeBuyerUser, makeCoordinator, makeMemberUser, signIn, type Agent, type TestUser } from '#test/helpers/auth.js';
import sharp from 'sharp';
import { makeMember, makeProduct } from '#test/helpers/factories.js';
import { makeShop, placeOrder } from '#test/helpers/shop.js';

const jpeg = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#7a5' } }).jpeg().toBuffer();
import { discoverRoutes } from '#test/helpers/routes.js';

type Actor = 'anonymous' | 'buyerA' | 'buyerB' | 'memberX' | 'memberY' | 'coordinator';
const ACTORS: Actor[] = ['anonymous', 'buyerA', 'buyerB', 'memberX', 'memberY', 'coordinator'];
const ROLE: Record<Actor, string> = {
  anonymous: '',
  buyerA: 'buyer',
  buyerB: 'buyer',
  memberX: 'member',
  memberY: 'member',
  coordinator: 'coordinator',
};

/**
 * Fixtures belong to buyer A and member X. From a route's declared rule, decide whether an actor
 * must get through; the request then shows whether the app agrees.
 */
function mustAllow(rule: RouteRule, actor: Actor): boolean {
  if (rule.who === 'anyone') return true;
  if (actor === 'anonymous') return false;
  if (rule.who !== 'signedIn' && !rule.who.includes(ROLE[actor] as never)) return false;
  if (rule.owner === 'buyer' || rule.owner === 'self') return actor === 'buyerA';
  if (rule.owner === 'member') return actor === 'memberX' || actor === 'coordinator';
  return true;
}

describe('authorization matrix: every route × every kind of user', function () {
  this.timeout(300_000);
  const clock = createTestClock();
  let t: TestContext;
  let users: Record<Exclude<Actor, 'anonymous'>, TestUser & { buyerId?: number }>;
  let memberXId: number;
  let messageId: number;
  let productId: number;
  let lotX: string;
  let batchX: number;
  let orderA: string;
  let allocationX: number;

  before(async () => {
    t = await createTestContext({ clock });
    const x = await makeMember(t.services, { status: 'active' });
    const y = await makeMember(t.services, { status: 'active' });
    memberXId = x.id;
    users = {
      coordinator: await makeCoordinator(t.services, clock),
      memberX: await makeMemberUser(t.services, x.id),
      memberY: await makeMemberUser(t.services, y.id),
      buyerA: await makeBuyerUser(t.services),
      buyerB: await makeBuyerUser(t.services),
    };
    await t.services.onboarding.requestReset(users.buyerA.email, { actorId: null, actorEmail: '', ip: '' });
    messageId = (await t.services.mailer.list())[0]!.id;
    productId = (await makeProduct(t.services)).id;
    const siteX = await t.services.members.addSite(x.id, { name: 'Plot', country: 'TH', areaHa: '1', latitude: '19.1', longitude: '99.1' });
    const batch = await t.services.traceability.createBatch(
      x.id,
      { productId, sites: [{ siteId: siteX.id, shareBp: 10_000 }], producedOn: '2026-01-10', quantity: '10', harvest: { occurredAt: '2026-01-10T06:30', tzOffset: '+07:00' } },
      { userId: null, label: 'X', ctx: { actorId: null, actorEmail: '', ip: '' } },
    );
    lotX = batch.lot_code;
    batchX = batch.id;
    const shop = await makeShop(t.services);
    orderA = (await placeOrder(t.services, users.buyerA as never, [[shop.honey.id, '2']])).number;
    // Work routed to member X (its lot X), in another order of buyer A.
    const xOrder = (await placeOrder(t.services, users.buyerA as never, [[productId, '1']])).number;
    allocationX = (await t.services.orders.byNumber(xOrder))!.allocations[0]!.id;
  });
  after(async () => t.close());

  async function agentFor(actor: Actor): Promise<Agent> {
    if (actor === 'anonymous') {
      const agent = request.agent(t.app);
      await agent.get('/en/login'); // a visitor's session, so that the CSRF token is real
      return agent;
    }
    return signIn(t.app, users[actor], clock);
  }

  /** Each request gets fresh resources of buyer A (an address, another session) to act on. */
  async function fillParams(path: string): Promise<string> {
    let filled = path.replace(':lng', 'en').replace(':memberId', String(memberXId)).replace(':token', 'A'.repeat(43)).replace(':messageId', String(messageId)).replace(':userId', String(users.memberX.id)).replace(':productId', String(productId)).replace(':lot', lotX).replace(':batchId', String(batchX)).replace(':gtin', '4006381333931').replace(':number', orderA).replace(':allocationId', String(allocationX)).replace(':document', 'proforma.pdf');
    if (filled.includes(':addressId')) {
      const ctx = { actorId: null, actorEmail: '', ip: '' };
      const address = await t.services.accounts.addresses.add(users.buyerA.buyerId!, { recipient: 'A', line1: 'Calle 1', city: 'Madrid', country: 'ES' }, ctx);
      filled = filled.replace(':addressId', String(address.id));
    }
    const ctx = { actorId: null, actorEmail: '', ip: '' };
    if (filled.includes(':siteId')) {
      const site = await t.services.members.addSite(memberXId, { name: 'Plot', country: 'TH', areaHa: '1', latitude: '19.1', longitude: '99.1' });
      filled = filled.replace(':siteId', String(site.id));
    }
    if (filled.includes(':certificationId')) {
      await t.services.memberProfiles.addCertification(memberXId, { name: 'EU Organic', issuingBody: 'Control Union', validUntil: '2030-01-01' }, undefined, ctx);
      const cert = (await t.services.memberProfiles.profileOf(memberXId, 'en'))!.certifications[0]!;
      filled = filled.replace(':certificationId', String(cert.id));
    }
    if (filled.includes(':imageId')) {
      await t.services.memberProfiles.addPhoto(memberXId, await jpeg(), ctx);
      const photos = (await t.services.memberProfiles.profileOf(memberXId, 'en'))!.photos;
      filled = filled.replace(':imageId', String(photos[photos.length - 1]!.id));
    }
    if (filled.includes(':handle')) {
      const before = new Set((await t.services.sessions.listForUser(users.buyerA.id)).map((s) => s.sid));
      await signIn(t.app, users.buyerA, clock);
      const victim = (await t.services.sessions.listForUser(users.buyerA.id)).find((s) => !before.has(s.sid))!;
      filled = filled.replace(':handle', sessionHandle(victim.sid));
    }
    return filled;
  }

  it('finds the routes and every one declares its check', () => {
    const routes = discoverRoutes(t.app);
    expect(routes.length).to.be.greaterThan(40);
    const unguarded = routes.filter((r) => !r.rule).map((r) => `${r.method} ${r.path}`);
    expect(unguarded).to.deep.equal([]);
    expect(routes.filter((r) => r.method === 'POST').length).to.be.greaterThan(15);
  });

  it('refuses or serves each route exactly as its rule says, including other users’ ids', async () => {
    const failures: string[] = [];
    const routes = discoverRoutes(t.app).filter((r) => r.path !== '/healthz');
    for (const route of routes) {
      for (const actor of ACTORS) {
        const agent = await agentFor(actor);
        const path = await fillParams(route.path);
        const res =
          route.method === 'GET'
            ? await agent.get(path)
            : await agent.post(path).type('form').send({ _csrf: await csrfOf(agent) });
        const toLogin = res.status === 303 && String(res.headers.location).startsWith('/en/login');
        const refused = [401, 403, 404].includes(res.status) || (route.method === 'GET' && toLogin && route.rule!.who !== 'anyone');
        const allow = mustAllow(route.rule!, actor);
        const line = `${route.method} ${path} as ${actor}: ${res.status}`;
        if (res.status >= 500) failures.push(`${line} (server error)`);
        else if (route.rule!.who === 'anyone') {
          if (res.status === 403) failures.push(`${line} (public route refused)`);
        } else if (allow && refused) failures.push(`${line} (should be allowed)`);
        else if (!allow && !refused) failures.push(`${line} (should be refused)`);
      }
    }
    expect(failures).to.deep.equal([]);
  });

  it('meets garbage in every form with a 4xx or a redirect, never a server error', async () => {
    const garbage = {
      email: ['a@b.example', 'c@d.example'],
      password: 'x'.repeat(5000),
      confirm: '\u0000',
      current: ['', ''],
      displayName: '🙂'.repeat(300),
      organisation: '<script>alert(1)</script>',
      name: '',
      slug: '../../etc/passwd',
      country: 'ZZZ',
      locale: 'klingon',
      displayCurrency: 'eur',
      status: 'root',
      code: "1' OR '1'='1",
      token: 'é'.repeat(100),
      kind: 'robot',
      returnTo: 'javascript:alert(1)',
      recipient: 'x',
      line1: 'x',
      city: 'x',
      postalCode: '!!!',
      phone: 'call me',
    };
    const failures: string[] = [];
    for (const route of discoverRoutes(t.app).filter((r) => r.method === 'POST')) {
      const actor = ACTORS.find((a) => a !== 'anonymous' && mustAllow(route.rule!, a)) ?? 'anonymous';
      const agent = await agentFor(actor);
      const path = await fillParams(route.path);
      const res = await agent.post(path).type('form').send({ ...garbage, _csrf: await csrfOf(agent) });
      if (res.status >= 500 || res.status < 300) failures.push(`${route.method} ${path} as ${actor}: ${res.status}`);
      if (/at [\w.]+ \(.*:\d+:\d+\)/.test(res.text)) failures.push(`${path}: stack trace in the page`);
    }
    expect(failures).to.deep.equal([]);
  });
});
