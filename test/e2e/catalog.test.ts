/// <reference lib="dom" />
import { expect } from 'chai';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { totpCode } from '#modules/accounts/index.js';
import { DEMO_COORDINATOR, DEMO_PASSWORD } from '#src/cli/demo/data-people.js';
import { DEMO_MEMBERS } from '#src/cli/demo/data-members.js';
import { axeViolations, launchBrowser, RESULTS_DIR, screenshot, signInInBrowser } from '#test/helpers/browser.js';
import { jpegWithGps } from '#test/helpers/images.js';
import { startDemoServer, type TestServer } from '#test/helpers/server.js';
import { writeFileSync, mkdirSync } from 'node:fs';

describe('the shared catalog in a real browser', function () {
  this.timeout(120_000);
  let server: TestServer;
  let browser: Browser;
  let totpSecret: string;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    // The demo coordinator enrols two-step verification with a code of the previous 30 s step,
    // so that the code of the current step is still fresh for the browser sign-in below.
    const coordinator = (await server.services.accounts.userByEmail(DEMO_COORDINATOR.email))!;
    totpSecret = server.services.auth.newTotpSecret();
    const ctx = { actorId: coordinator.id, actorEmail: coordinator.email, ip: '' };
    await server.services.auth.enableTotp(coordinator.id, totpSecret, totpCode(totpSecret, Date.now() - 30_000), ctx);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a member proposes a product with a photo and a Chinese name; the coordinator approves; a visitor finds it in Chinese', async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const photo = path.join(RESULTS_DIR, 'upload-honey.jpg');
    writeFileSync(photo, await jpegWithGps(1200, 900));
    const memberEmail = DEMO_MEMBERS.find((m) => m.member.slug === 'pa-sang-beekeepers')?.users[0]?.email ?? DEMO_MEMBERS[0]!.users[0]!.email;

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en' });
    const page = await phone.newPage();
    await signInInBrowser(page, server.url, memberEmail, DEMO_PASSWORD);
    await page.goto(`${server.url}/member/products/new`);
    await page.fill('#f-slug', 'lychee-blossom-honey');
    await page.selectOption('#f-categorySlug', { index: 1 });
    await page.selectOption('#f-unit', 'jar');
    await page.fill('#f-netWeightG', '350');
    await page.fill('#f-price', '7.80');
    await page.fill('#f-moq', '12');
    await page.fill('#f-orderStep', '6');
    await page.fill('#f-name_en', 'Lychee blossom honey');
    await page.fill('#f-description_en', 'Light, floral honey from lychee orchards in Lamphun.');
    await page.fill('#f-name_zh-CN', '荔枝花蜂蜜');
    await page.fill('#f-description_zh-CN', '来自南奔荔枝园的清香花蜜。');
    await page.setInputFiles('#f-photo', photo);
    expect(await axeViolations(page)).to.deep.equal([]);
    await page.click('form[enctype] button[type="submit"]');
    await page.waitForURL('**/member/products');
    await screenshot(page, 'member-proposal-sent');
    await phone.close();

    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en' });
    const admin = await desk.newPage();
    await signInInBrowser(admin, server.url, DEMO_COORDINATOR.email, DEMO_PASSWORD);
    await admin.waitForURL('**/en/login/2fa');
    await admin.fill('#f-code', totpCode(totpSecret, Date.now()));
    await admin.click('main button[type="submit"]');
    await admin.goto(`${server.url}/admin/products?status=proposed`);
    expect(await admin.textContent('main')).to.contain('Lychee blossom honey');
    expect(await axeViolations(admin)).to.deep.equal([]);
    await admin.click('button[name="status"][value="active"]');
    await admin.waitForURL('**/admin/products?status=active');
    await desk.close();

    const visitor = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    await visitor.goto(`${server.url}/zh-CN/`);
    await visitor.fill('#site-q', '荔枝');
    await visitor.press('#site-q', 'Enter');
    await visitor.waitForURL(/\/zh-CN\/products\?q=/);
    await visitor.click('text=荔枝花蜂蜜');
    await visitor.waitForURL('**/zh-CN/products/lychee-blossom-honey');
    expect(await visitor.textContent('h1')).to.equal('荔枝花蜂蜜');
    const img = await visitor.$('.product__images img');
    expect(await img?.evaluate((el) => (el as HTMLImageElement).naturalWidth)).to.be.greaterThan(0);
    expect(await axeViolations(visitor)).to.deep.equal([]);
    await visitor.close();
  });

  for (const lng of ['es', 'ar']) {
    it(`shows a product page in ${lng}, passing axe`, async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: lng });
      const res = await page.goto(`${server.url}/${lng}/products`);
      expect(res?.status()).to.equal(200);
      expect(await axeViolations(page)).to.deep.equal([]);
      await screenshot(page, `products-${lng}`);
      await page.click('.card__title a');
      expect(await page.getAttribute('html', 'dir')).to.equal(lng === 'ar' ? 'rtl' : 'ltr');
      expect(await axeViolations(page)).to.deep.equal([]);
      await screenshot(page, `product-${lng}`, true);
      await page.close();
    });
  }
});
