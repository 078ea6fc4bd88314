import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { totpCode } from '#modules/accounts/index.js';
import type { Services } from '#src/compose.js';
import type { TestClock } from '#test/helpers/clock.js';

export const PASSWORD = 'correct horse battery staple';

export type Agent = ReturnType<typeof request.agent>;

export function csrfIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no CSRF token in the page');
  return m[1];
}

/** A CSRF token for this agent's session, read from a page with a form. */
export async function csrfOf(agent: Agent): Promise<string> {
  const login = await agent.get('/en/login');
  // Signed-in users are sent away from the sign-in page; the password page has a form for everyone.
  return csrfIn(login.status === 200 ? login.text : (await agent.get('/en/account/password')).text);
}

export interface TestUser {
  id: number;
  email: string;
  totpSecret?: string;
}

/** Signs in through the real forms (with the second step when the user has TOTP); returns the agent. */
export async function signIn(app: Express, user: TestUser, clock?: TestClock): Promise<Agent> {
  const agent = request.agent(app);
  const token = await csrfOf(agent);
  const res = await agent.post('/en/login').type('form').send({ _csrf: token, email: user.email, password: PASSWORD });
  expect(res.status, `sign-in of ${user.email}`).to.equal(303);
  if (user.totpSecret) {
    expect(res.headers.location).to.equal('/en/login/2fa');
    clock?.advance(30_000);
    const t2 = csrfIn((await agent.get('/en/login/2fa')).text);
    const code = totpCode(user.totpSecret, (clock?.now() ?? new Date()).getTime());
    const r2 = await agent.post('/en/login/2fa').type('form').send({ _csrf: t2, code });
    expect(r2.status, `second step of ${user.email}`).to.equal(303);
  }
  return agent;
}

let n = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++n}`;

export async function makeCoordinator(services: Services, clock: TestClock, withTotp = true): Promise<TestUser> {
  const email = `${unique('coord')}@example.test`;
  const user = await services.accounts.createUser({ email, password: PASSWORD, displayName: 'Coordinator', role: 'coordinator', locale: 'en' });
  if (!withTotp) return { id: user.id, email };
  const secret = services.auth.newTotpSecret();
  const ctx = { actorId: user.id, actorEmail: email, ip: '' };
  expect(await services.auth.enableTotp(user.id, secret, totpCode(secret, clock.now().getTime()), ctx)).to.have.length(10);
  return { id: user.id, email, totpSecret: secret };
}

export async function makeMemberUser(services: Services, memberId: number): Promise<TestUser> {
  const email = `${unique('member')}@example.test`;
  const user = await services.accounts.createUser({ email, password: PASSWORD, displayName: 'Member user', role: 'member', memberId, locale: 'en' });
  return { id: user.id, email };
}

export async function makeBuyerUser(services: Services, locale: 'en' | 'es' | 'fr' | 'zh-CN' | 'zh-TW' | 'ar' = 'en'): Promise<TestUser & { buyerId: number }> {
  const buyer = await services.accounts.createBuyer({ kind: 'organisation', name: unique('Buyer'), country: 'ES', locale, displayCurrency: 'EUR' });
  const email = `${unique('buyer')}@example.test`;
  const user = await services.accounts.createUser({ email, password: PASSWORD, displayName: 'Buyer user', role: 'buyer', buyerId: buyer.id, locale });
  return { id: user.id, email, buyerId: buyer.id };
}
