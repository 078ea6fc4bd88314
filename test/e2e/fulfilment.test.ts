/// <reference lib="dom" />
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { totpCode } from '#modules/accounts/index.js';
import { axeViolations, launchBrowser, screenshot, signInInBrowser } from '#test/helpers/browser.js';
import { startDemoServer, type TestServer } from '#test/helpers/server.js';
import { DEMO_PASSWORD } from '#src/cli/demo/seed.js';
import { DEMO_COORDINATOR } from '#src/cli/demo/data-people.js';

describe('routed work, hub receiving and statements in a real browser', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  let totpSecret: string;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    const coordinator = (await server.services.accounts.userByEmail(DEMO_COORDINATOR.email))!;
    totpSecret = server.services.auth.newTotpSecret();
    await server.services.auth.enableTotp(coordinator.id, totpSecret, totpCode(totpSecret, Date.now() - 30_000), { actorId: coordinator.id, actorEmail: coordinator.email, ip: '' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a member hands routed goods over on a phone; the hub checks the lot in; the coordinator reads the routing and the statements', async () => {
    // The demo's confirmed order: members have accepted their share and must bring it to the hub.
    const order = (await server.services.orders.list({ status: 'confirmed' }, 1))[0]!;
    const detail = (await server.services.orders.byNumber(order.number))!;
    const work = detail.allocations.find((a) => a.status === 'accepted')!;
    const memberUser = (await server.services.accounts.usersOfMember(work.memberId))[0]!;

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: memberUser.locale });
    await signInInBrowser(phone, server.url, memberUser.email, DEMO_PASSWORD, memberUser.locale);
    await phone.goto(`${server.url}/member/work`);
    const text = (await phone.textContent('main')) ?? '';
    expect(text).to.contain(order.number);
    expect(text).to.contain(work.lotCode);
    expect(text).not.to.contain(detail.buyer.name); // members see the destination, not the buyer
    expect(await axeViolations(phone)).to.deep.equal([]);
    await screenshot(phone, 'member-work', true);
    await phone.click(`form[action="/member/work/${work.id}/delivered"] button`);
    await phone.waitForURL('**/member/work');
    expect((await server.services.orders.byNumber(order.number))!.allocations.find((a) => a.id === work.id)!.status).to.equal('delivered');

    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInInBrowser(admin, server.url, DEMO_COORDINATOR.email, DEMO_PASSWORD);
    await admin.waitForURL('**/en/login/2fa');
    await admin.fill('#f-code', totpCode(totpSecret, Date.now()));
    await admin.click('main button[type="submit"]');
    await admin.waitForURL(/\/admin/);
    await admin.goto(`${server.url}/admin/hub`);
    await admin.fill('#f-lot', work.lotCode.toLowerCase()); // a scanner types the code; case does not matter
    await admin.click('main form[role="search"] button');
    await admin.waitForURL(/lot=/);
    expect((await admin.textContent('main')) ?? '').to.contain(order.number);
    expect(await axeViolations(admin)).to.deep.equal([]);
    await screenshot(admin, 'hub-receiving', true);
    await admin.click(`form[action="/admin/hub/${work.id}/receive"] button[type="submit"]`);
    await admin.waitForURL(/\/admin\/hub/);
    const received = (await server.services.orders.byNumber(order.number))!.allocations.find((a) => a.id === work.id)!;
    expect(received.receivedQuantity).to.equal(work.quantity);

    await admin.goto(`${server.url}/admin/orders/${order.number}`);
    expect((await admin.textContent('main')) ?? '').to.match(/Fair share|Freshest|Tops up|only lot/);
    expect(await axeViolations(admin)).to.deep.equal([]);
    await screenshot(admin, 'admin-order-routing', true);

    await admin.goto(`${server.url}/admin/statements`);
    expect(await axeViolations(admin)).to.deep.equal([]);
    await screenshot(admin, 'admin-statements', true);
  });
});
