/// <reference lib="dom" />
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot } from '#test/helpers/browser.js';
import { startDemoServer, type TestServer } from '#test/helpers/server.js';
import { startInbox, type Inbox } from '#test/helpers/smtp.js';

describe('a buyer registers in Spanish in a real browser', function () {
  this.timeout(90_000);
  let inbox: Inbox;
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    inbox = await startInbox();
    server = await startDemoServer({ SMTP_URL: inbox.url });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await inbox?.close();
  });

  it('registers, verifies by the emailed link, signs in and sees the account page in Spanish', async () => {
    const page = await browser.newPage({ viewport: { width: 412, height: 915 }, locale: 'es-ES' });
    await page.goto(`${server.url}/es/`);
    await page.click('a[href="/es/register"]');
    expect(await page.getAttribute('html', 'lang')).to.equal('es');
    expect(await axeViolations(page)).to.deep.equal([]);

    await page.check('input[name="kind"][value="organisation"]');
    await page.fill('#f-organisation', 'Cafés del Retiro S.L.');
    await page.fill('#f-displayName', 'Carmen Ortega');
    await page.selectOption('#f-country', 'ES');
    await page.fill('#f-taxId', 'ESB87654321');
    await page.fill('#f-email', 'carmen@cafesdelretiro.example');
    await page.fill('#f-password', 'corto');
    await page.selectOption('#f-displayCurrency', 'EUR');
    await page.click('main button[type="submit"]');
    // Too short a password: the form comes back with the error in Spanish and the input kept.
    expect(await page.inputValue('#f-organisation')).to.equal('Cafés del Retiro S.L.');
    expect(await page.getAttribute('#f-password', 'aria-invalid')).to.equal('true');
    const error = (await page.textContent('#f-password-error')) ?? '';
    expect(error).to.match(/12/);
    expect(error).not.to.contain('at least');
    await screenshot(page, 'register-es-error');
    expect(await axeViolations(page)).to.deep.equal([]);

    await page.fill('#f-password', 'tostado lento de altura');
    await page.click('main button[type="submit"]');
    await page.waitForURL('**/es/register/sent');

    const mail = await inbox.waitFor('carmen@cafesdelretiro.example');
    const link = /https?:\/\/\S+\/es\/verify\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? '')?.[0];
    expect(link, 'verification link in the email').to.be.a('string');
    const path = new URL(link!).pathname;
    await page.goto(`${server.url}${path}`);
    await page.click('main button[type="submit"]');
    await page.waitForURL('**/es/login');
    expect(await page.textContent('.notice--ok')).to.be.a('string');

    await page.fill('#f-email', 'carmen@cafesdelretiro.example');
    await page.fill('#f-password', 'tostado lento de altura');
    await page.click('main button[type="submit"]');
    await page.waitForURL('**/es/account');
    expect(await page.getAttribute('html', 'lang')).to.equal('es');
    const body = (await page.textContent('main')) ?? '';
    expect(body).to.contain('Cafés del Retiro S.L.');
    expect(body).to.contain('España');
    expect(body).not.to.contain('Your account');
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'account-es');
    await page.close();
  });
});
