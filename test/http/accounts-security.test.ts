import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { totpCode } from '#modules/accounts/index.js';
import { csrfIn, csrfOf, makeBuyerUser, makeCoordinator, PASSWORD, signIn } from '#test/helpers/auth.js';

const linkIn = (text: string) => /(https?:\/\/\S+\/(?:verify|reset|invite)\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];

describe('accounts: the security baseline', function () {
  this.timeout(60_000);
  const clock = createTestClock();
  let t: TestContext;
  before(async () => {
    t = await createTestContext({ clock });
  });
  after(async () => t.close());

  it('refuses a cross-site POST without the CSRF token, and a wrong token, in the reader’s language', async () => {
    const buyer = await makeBuyerUser(t.services);
    const agent = await signIn(t.app, buyer);
    const body = { displayName: 'Changed', locale: 'en', displayCurrency: 'EUR' };
    const noToken = await agent.post('/es/account/profile').type('form').send(body);
    expect(noToken.status).to.equal(403);
    expect(noToken.text).to.match(/<html lang="es"/);
    expect((await agent.post('/en/account/profile').type('form').send({ ...body, _csrf: 'forged' })).status).to.equal(403);
    const anonymous = await request(t.app).post('/en/register').type('form').send({ email: 'x@example.test' });
    expect(anonymous.status).to.equal(403);
    const ok = await agent.post('/en/account/profile').type('form').send({ ...body, _csrf: await csrfOf(agent) });
    expect(ok.status).to.equal(303);
    expect((await t.services.accounts.userByEmail(buyer.email))?.displayName).to.equal('Changed');
  });

  it('answers the 6th rapid wrong password with a localized 429', async () => {
    const buyer = await makeBuyerUser(t.services);
    const agent = request.agent(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const token = csrfIn((await agent.get('/fr/login')).text);
      const res = await agent.post('/fr/login').type('form').send({ _csrf: token, email: buyer.email, password: 'wrong password 123' });
      statuses.push(res.status);
      if (i === 5) {
        expect(res.text).to.match(/<html lang="fr"/);
        expect(res.text).not.to.contain('Too many attempts');
      }
    }
    expect(statuses).to.deep.equal([401, 401, 401, 401, 401, 429]);
  });

  it('backs off an account attacked from many addresses, even with the right password', async () => {
    const buyer = await makeBuyerUser(t.services);
    const attempt = async (ip: string, password: string) => {
      const agent = request.agent(t.app);
      const token = csrfIn((await agent.get('/en/login').set('X-Forwarded-For', ip)).text);
      return agent.post('/en/login').set('X-Forwarded-For', ip).type('form').send({ _csrf: token, email: buyer.email, password });
    };
    for (let i = 1; i <= 5; i++) expect((await attempt(`203.0.113.${i}`, 'not the password!')).status).to.equal(401);
    expect((await attempt('203.0.113.99', PASSWORD)).status).to.equal(429);
    const failures = await t.services.audit.list({ action: 'auth.signInFailed', actor: buyer.email });
    expect(failures.map((f) => f.ip)).to.include('203.0.113.3');
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const buyer = await makeBuyerUser(t.services);
    const tryLogin = async (email: string) => {
      const agent = request.agent(t.app);
      const token = csrfIn((await agent.get('/en/login').set('X-Forwarded-For', '198.51.100.7')).text);
      const res = await agent.post('/en/login').set('X-Forwarded-For', '198.51.100.7').type('form').send({ _csrf: token, email, password: 'wrong password 123' });
      return { status: res.status, notice: /role="alert">([^<]+)</.exec(res.text)?.[1] };
    };
    expect(await tryLogin('nobody@example.test')).to.deep.equal(await tryLogin(buyer.email));
  });

  it('makes a session cookie from before sign-in useless after it', async () => {
    const buyer = await makeBuyerUser(t.services);
    const agent = request.agent(t.app);
    const page = await agent.get('/en/login');
    const before = String(page.headers['set-cookie']).split(';')[0]!;
    const res = await agent.post('/en/login').type('form').send({ _csrf: csrfIn(page.text), email: buyer.email, password: PASSWORD });
    expect(res.status).to.equal(303);
    const after = String(res.headers['set-cookie']).split(';')[0]!;
    expect(after).not.to.equal(before);
    const withOld = await request(t.app).get('/en/account').set('Cookie', before);
    expect(withOld.status).to.equal(303);
    expect(withOld.headers.location).to.match(/^\/en\/login\?returnTo=/);
    expect((await request(t.app).get('/en/account').set('Cookie', after)).status).to.equal(200);
  });

  it('lets a reset link work once, ends other sessions, and says nothing about unknown addresses', async () => {
    const buyer = await makeBuyerUser(t.services, 'es');
    const otherSession = await signIn(t.app, buyer);
    const agent = request.agent(t.app);
    const form = await agent.get('/en/reset');
    const sent = await agent.post('/en/reset').type('form').send({ _csrf: csrfIn(form.text), email: buyer.email.toUpperCase() });
    const unknown = await agent.post('/en/reset').type('form').send({ _csrf: csrfIn(form.text), email: 'nobody@example.test' });
    expect(sent.status).to.equal(303);
    expect(unknown.headers.location).to.equal(sent.headers.location);
    const mail = (await t.services.mailer.list()).find((m) => m.to === buyer.email)!;
    expect(mail.subject).to.match(/contraseña/i); // in the account's language, Spanish
    const link = new URL(linkIn(mail.text)!);
    const page = await agent.get(link.pathname);
    expect(page.status).to.equal(200);
    const newPassword = 'a brand new long password';
    const first = await agent.post(link.pathname).type('form').send({ _csrf: csrfIn(page.text), password: newPassword, confirm: newPassword });
    expect(first.status).to.equal(303);
    const second = await agent.post(link.pathname).type('form').send({ _csrf: csrfIn(page.text), password: newPassword, confirm: newPassword });
    expect(second.status).to.equal(410);
    expect((await agent.get(link.pathname)).status).to.equal(410);
    expect((await otherSession.get('/en/account')).status, 'old session ended').to.equal(303);
    const login = request.agent(t.app);
    const token = csrfIn((await login.get('/en/login')).text);
    expect((await login.post('/en/login').type('form').send({ _csrf: token, email: buyer.email, password: PASSWORD })).status).to.equal(401);
    expect((await login.post('/en/login').type('form').send({ _csrf: token, email: buyer.email, password: newPassword })).status).to.equal(303);
  });

  it('lets a reset link expire after an hour', async () => {
    const buyer = await makeBuyerUser(t.services);
    await t.services.onboarding.requestReset(buyer.email, { actorId: null, actorEmail: '', ip: '' });
    const mail = (await t.services.mailer.list()).find((m) => m.to === buyer.email)!;
    const path = new URL(linkIn(mail.text)!).pathname;
    expect((await request(t.app).get(path)).status).to.equal(200);
    clock.advance(61 * 60_000);
    expect((await request(t.app).get(path)).status).to.equal(410);
  });

  it('requires two-step verification for coordinators', async () => {
    const bare = await makeCoordinator(t.services, clock, false);
    const agent = await signIn(t.app, bare);
    const admin = await agent.get('/admin/members');
    expect(admin.status).to.equal(303);
    expect(admin.headers.location).to.equal('/en/account/2fa');
    const post = await agent.post('/admin/members').type('form').send({ _csrf: await csrfOf(agent), name: 'X', slug: 'x', country: 'TH' });
    expect(post.status).to.equal(403);
    expect((await agent.get('/en/account/2fa')).text).to.contain('data:image/svg+xml;base64,');

    const enrolled = await makeCoordinator(t.services, clock, true);
    const half = request.agent(t.app);
    const token = await csrfOf(half);
    const pw = await half.post('/en/login').type('form').send({ _csrf: token, email: enrolled.email, password: PASSWORD });
    expect(pw.headers.location).to.equal('/en/login/2fa');
    expect((await half.get('/admin/members')).status, 'password alone is not enough').to.equal(303);
    const wrong = await half.post('/en/login/2fa').type('form').send({ _csrf: csrfIn((await half.get('/en/login/2fa')).text), code: '000000' });
    expect(wrong.status).to.equal(401);
    const full = await signIn(t.app, enrolled, clock);
    expect((await full.get('/admin/members')).status).to.equal(200);
  });

  it('accepts each TOTP code and each recovery code only once', async () => {
    const buyer = await makeBuyerUser(t.services);
    const secret = t.services.auth.newTotpSecret();
    const ctx = { actorId: buyer.id, actorEmail: buyer.email, ip: '' };
    const codes = (await t.services.auth.enableTotp(buyer.id, secret, totpCode(secret, clock.now().getTime()), ctx))!;
    clock.advance(30_000);
    const code = totpCode(secret, clock.now().getTime());
    expect(await t.services.auth.secondFactor(buyer.id, code, ctx)).to.include({ id: buyer.id });
    expect(await t.services.auth.secondFactor(buyer.id, code, ctx), 'replayed code').to.equal(undefined);
    expect(await t.services.auth.secondFactor(buyer.id, codes[0]!.toUpperCase().replace('-', ' '), ctx)).to.include({ id: buyer.id });
    expect(await t.services.auth.secondFactor(buyer.id, codes[0]!, ctx), 'used recovery code').to.equal(undefined);
    expect(await t.services.auth.recoveryCodesLeft(buyer.id)).to.equal(9);
  });

  it('ignores an open redirect in returnTo and honours a local one', async () => {
    const buyer = await makeBuyerUser(t.services);
    for (const [returnTo, expected] of [
      ['//evil.example', '/en/account'],
      ['https://evil.example/', '/en/account'],
      ['/\\evil.example', '/en/account'],
      ['/en/account/addresses', '/en/account/addresses'],
    ]) {
      const agent = request.agent(t.app);
      const page = await agent.get(`/en/login?returnTo=${encodeURIComponent(returnTo!)}`);
      const res = await agent.post('/en/login').type('form').send({ _csrf: csrfIn(page.text), email: buyer.email, password: PASSWORD, returnTo });
      expect(res.headers.location, returnTo).to.equal(expected);
    }
  });

  it('ends the user’s other sessions when the password changes, and everywhere on request', async () => {
    const buyer = await makeBuyerUser(t.services);
    const one = await signIn(t.app, buyer);
    const two = await signIn(t.app, buyer);
    const newPassword = 'another long passphrase';
    const res = await one.post('/en/account/password').type('form').send({ _csrf: await csrfOf(one), current: PASSWORD, password: newPassword, confirm: newPassword });
    expect(res.status).to.equal(303);
    expect((await one.get('/en/account')).status).to.equal(200);
    expect((await two.get('/en/account')).status).to.equal(303);
    const wrong = await one.post('/en/account/password').type('form').send({ _csrf: await csrfOf(one), current: 'not it at all!', password: newPassword, confirm: newPassword });
    expect(wrong.status).to.equal(422);
    await one.post('/en/account/sessions/end-all').type('form').send({ _csrf: await csrfOf(one) });
    expect((await one.get('/en/account')).status).to.equal(303);
    expect(await t.services.sessions.listForUser(buyer.id)).to.deep.equal([]);
  });

  it('ends a session past its absolute lifetime, however active', async () => {
    const buyer = await makeBuyerUser(t.services);
    const agent = await signIn(t.app, buyer);
    const [session] = await t.services.sessions.listForUser(buyer.id);
    const row = await t.db('sessions').where({ sid: session!.sid }).first();
    const data = JSON.parse(row.data);
    data.signedInAt = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    await t.db('sessions').where({ sid: session!.sid }).update({ data: JSON.stringify(data) });
    expect((await agent.get('/en/account')).status).to.equal(303);
  });

  it('sends security headers on every kind of page', async () => {
    const coordinator = await makeCoordinator(t.services, clock);
    const admin = await signIn(t.app, coordinator, clock);
    const pages: [request.Test, string][] = [
      [request(t.app).get('/en/'), 'storefront'],
      [request(t.app).get('/en/login'), 'form'],
      [request(t.app).get('/nowhere'), 'error'],
      [request(t.app).get('/static/favicon.svg'), 'asset'],
      [admin.get('/en/account'), 'account'],
      [admin.get('/admin/audit'), 'console'],
    ];
    for (const [req, kind] of pages) {
      const res = await req;
      const csp = res.headers['content-security-policy'] ?? '';
      for (const directive of ["default-src 'self'", "script-src 'self'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
        expect(csp, `${kind}: ${directive}`).to.contain(directive);
      }
      expect(res.headers['x-content-type-options'], kind).to.equal('nosniff');
      expect(res.headers['referrer-policy'], kind).to.equal('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options'], kind).to.equal('SAMEORIGIN');
    }
    const cookie = String((await request(t.app).get('/en/login')).headers['set-cookie']);
    expect(cookie).to.match(/HttpOnly/i);
    expect(cookie).to.match(/SameSite=Lax/i);
  });
});
