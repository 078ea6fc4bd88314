import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfIn, csrfOf, makeCoordinator, PASSWORD, signIn } from '#test/helpers/auth.js';
import { startInbox, type Inbox } from '#test/helpers/smtp.js';

const linkIn = (text: string) => /(https?:\/\/\S+\/(?:verify|reset|invite)\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('onboarding by email, delivered over real SMTP', function () {
  this.timeout(60_000);
  const clock = createTestClock();
  let t: TestContext;
  let inbox: Inbox;
  before(async () => {
    inbox = await startInbox();
    t = await createTestContext({ clock, env: { SMTP_URL: inbox.url, MAIL_FROM: 'Coop <no-reply@coop.test>' } });
  });
  after(async () => {
    t.services.mailer.close();
    await t.close();
    await inbox.close();
  });

  const registration = {
    kind: 'organisation',
    organisation: 'Tostadores del Sur S.L.',
    displayName: 'Marta Ruiz',
    country: 'ES',
    taxId: 'ESB12345674',
    email: 'Marta@Tostadores.example',
    password: PASSWORD,
    locale: 'es',
    displayCurrency: 'EUR',
  };

  it('registers a buyer, keeps the input on errors, verifies the email once, then signs in', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/es/register');
    expect(form.status).to.equal(200);
    const bad = await agent.post('/es/register').type('form').send({ ...registration, _csrf: csrfIn(form.text), password: 'short', country: 'XX' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('value="Tostadores del Sur S.L."');
    expect(bad.text).to.contain('aria-invalid="true"');
    expect(bad.text).not.to.contain('value="short"');

    const ok = await agent.post('/es/register').type('form').send({ ...registration, _csrf: csrfIn(form.text) });
    expect(ok.status).to.equal(303);
    expect(ok.headers.location).to.equal('/es/register/sent');
    const mail = await inbox.waitFor('marta@tostadores.example');
    expect(mail.from?.text).to.contain('no-reply@coop.test');
    expect(mail.subject).not.to.match(/Confirm your email/);
    expect(mail.html).to.match(/<html lang="es"/);
    const link = new URL(linkIn(mail.text ?? '')!);
    expect(link.pathname).to.match(/^\/es\/verify\//);

    const before = request.agent(t.app);
    const tok = csrfIn((await before.get('/es/login')).text);
    const early = await before.post('/es/login').type('form').send({ _csrf: tok, email: registration.email, password: PASSWORD });
    expect(early.status, 'unverified cannot sign in').to.equal(401);

    const confirm = await agent.get(link.pathname);
    expect(confirm.text).to.contain('marta@tostadores.example');
    const done = await agent.post(link.pathname).type('form').send({ _csrf: csrfIn(confirm.text) });
    expect(done.status).to.equal(303);
    expect(done.headers.location).to.equal('/es/login');
    expect((await agent.post(link.pathname).type('form').send({ _csrf: csrfIn(confirm.text) })).status).to.equal(410);

    const signedIn = await agent.post('/es/login').type('form').send({ _csrf: await csrfOf(agent), email: registration.email, password: PASSWORD });
    expect(signedIn.headers.location).to.equal('/es/account');
    const account = await agent.get('/es/account');
    expect(account.text).to.contain('Tostadores del Sur S.L.');
    const buyer = await t.services.accounts.buyer((await t.services.accounts.userByEmail(registration.email))!.buyerId!);
    expect(buyer).to.include({ country: 'ES', taxId: 'ESB12345674', displayCurrency: 'EUR', locale: 'es' });
  });

  it('answers a registration with a taken email exactly like a new one, and tells the owner instead', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/en/register');
    const res = await agent.post('/en/register').type('form').send({ ...registration, locale: 'en', _csrf: csrfIn(form.text) });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/en/register/sent');
    const count = inbox.messages.filter((m) => m.to && JSON.stringify(m.to).includes('marta@tostadores.example')).length;
    expect(count).to.equal(2);
    const users = await t.db('users').where({ email: 'marta@tostadores.example' });
    expect(users).to.have.length(1);
  });

  it('lets the coordinator create a member and invite a user, who joins in French', async () => {
    const coordinator = await makeCoordinator(t.services, clock);
    const admin = await signIn(t.app, coordinator, clock);
    const page = await admin.get('/admin/members');
    const created = await admin.post('/admin/members').type('form').send({ _csrf: csrfIn(page.text), name: 'Chiang Dao Cacao', slug: 'chiang-dao-cacao', country: 'TH', region: 'Chiang Mai' });
    expect(created.status).to.equal(303);
    const member = (await t.services.members.bySlug('chiang-dao-cacao'))!;
    expect(member.status).to.equal('pending');
    const dup = await admin.post('/admin/members').type('form').send({ _csrf: csrfIn(page.text), name: 'Again', slug: 'chiang-dao-cacao', country: 'TH' });
    expect(dup.status).to.equal(422);
    expect(dup.text).to.contain('value="Again"');

    await admin.post(`/admin/members/${member.id}/status`).type('form').send({ _csrf: csrfIn(page.text), status: 'active' });
    expect((await t.services.members.byId(member.id))?.status).to.equal('active');
    const invited = await admin.post(`/admin/members/${member.id}/invite`).type('form').send({ _csrf: csrfIn(page.text), email: 'malee@cacao.example', displayName: 'Malee', locale: 'fr' });
    expect(invited.status).to.equal(303);

    const mail = await inbox.waitFor('malee@cacao.example');
    expect(mail.html).to.match(/<html lang="fr"/);
    expect(mail.text).to.contain('Chiang Dao Cacao');
    const link = new URL(linkIn(mail.text ?? '')!);
    const joinAgent = request.agent(t.app);
    const join = await joinAgent.get(link.pathname);
    expect(join.status).to.equal(200);
    const accepted = await joinAgent.post(link.pathname).type('form').send({ _csrf: csrfIn(join.text), displayName: 'Malee S.', password: PASSWORD, confirm: PASSWORD });
    expect(accepted.headers.location).to.equal('/fr/login');
    const memberAgent = await signIn(t.app, { id: 0, email: 'malee@cacao.example' });
    expect((await memberAgent.get('/fr/account')).text).to.contain('Malee S.');

    const malee = (await t.services.accounts.userByEmail('malee@cacao.example'))!;
    const tokenPage = await admin.get('/admin/members');
    const disabled = await admin.post(`/admin/users/${malee.id}/status`).type('form').send({ _csrf: csrfIn(tokenPage.text), status: 'disabled' });
    expect(disabled.status).to.equal(303);
    expect((await memberAgent.get('/fr/account')).status, 'disabling ends the sessions').to.equal(303);
    const relog = request.agent(t.app);
    const rt = csrfIn((await relog.get('/fr/login')).text);
    expect((await relog.post('/fr/login').type('form').send({ _csrf: rt, email: 'malee@cacao.example', password: PASSWORD })).status).to.equal(401);
    const notCoordinators = await admin.post(`/admin/users/${coordinator.id}/status`).type('form').send({ _csrf: csrfIn(tokenPage.text), status: 'disabled' });
    expect(notCoordinators.status).to.equal(404);

    const audit = await admin.get('/admin/audit?action=member.userInvited');
    expect(audit.text).to.contain('<td><code>member.userInvited</code></td>');
    expect(audit.text).not.to.contain('<td><code>auth.signIn</code></td>');
    const actions = (await t.services.audit.list({})).map((e) => e.action);
    for (const a of ['member.created', 'member.statusChanged', 'member.userInvited', 'account.invitationAccepted', 'auth.signIn', 'user.statusChanged']) {
      expect(actions, a).to.include(a);
    }
    const outbox = await admin.get('/admin/outbox');
    expect(outbox.text).to.contain('malee@cacao.example');
  });
});

describe('email without SMTP: the outbox', () => {
  const clock = createTestClock();
  let t: TestContext;
  before(async () => {
    t = await createTestContext({ clock });
  });
  after(async () => t.close());

  it('keeps messages for the coordinator to read at /admin/outbox', async () => {
    await t.services.onboarding.requestReset('nobody-yet@example.test', { actorId: null, actorEmail: '', ip: '' });
    const coordinator = await makeCoordinator(t.services, clock);
    await t.services.onboarding.requestReset(coordinator.email, { actorId: null, actorEmail: '', ip: '' });
    const [message] = await t.services.mailer.list();
    expect(message).to.include({ to: coordinator.email, status: 'stored' });
    const admin = await signIn(t.app, coordinator, clock);
    const list = await admin.get('/admin/outbox');
    expect(list.text).to.contain(coordinator.email);
    const detail = await admin.get(`/admin/outbox/${message!.id}`);
    expect(detail.text).to.match(/\/en\/reset\/[A-Za-z0-9_-]{43}/);
    expect((await admin.get('/admin/outbox/999999')).status).to.equal(404);
  });
});
