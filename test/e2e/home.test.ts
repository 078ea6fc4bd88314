/// <reference lib="dom" />
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot } from '#test/helpers/browser.js';
import { startDemoServer, type TestServer } from '#test/helpers/server.js';

describe('storefront home in a real browser', function () {
  this.timeout(60_000);
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const cases = [
    { lng: 'en', dir: 'ltr', heading: 'Doi Highlands Alliance' },
    { lng: 'zh-TW', dir: 'ltr', heading: 'Doi Highlands Alliance' },
    { lng: 'ar', dir: 'rtl', heading: 'Doi Highlands Alliance' },
  ];

  for (const c of cases) {
    it(`opens /${c.lng}/ with lang and dir set, passes axe, and saves a screenshot`, async () => {
      const page = await browser.newPage({ viewport: { width: 412, height: 915 }, locale: c.lng });
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const res = await page.goto(`${server.url}/${c.lng}/`);
      expect(res?.status()).to.equal(200);
      expect(await page.getAttribute('html', 'lang')).to.equal(c.lng);
      expect(await page.getAttribute('html', 'dir')).to.equal(c.dir);
      expect(await page.textContent('h1')).to.equal(c.heading);
      expect(await page.locator('.cards > li').count()).to.be.greaterThan(12);
      const cssApplied = await page.evaluate(() => getComputedStyle(document.body).margin);
      expect(cssApplied).to.equal('0px');
      const violations = await axeViolations(page);
      expect(violations, JSON.stringify(violations, null, 1)).to.deep.equal([]);
      expect(errors, 'console errors (CSP, missing assets)').to.deep.equal([]);
      await screenshot(page, `home-${c.lng}`);
      await page.close();
    });
  }

  it('follows the root redirect by the browser’s language and switches language by a link', async () => {
    const context = await browser.newContext({ locale: 'zh-TW', extraHTTPHeaders: { 'Accept-Language': 'zh-TW,zh;q=0.9' } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).to.equal('/zh-TW/');
    await page.click('a[hreflang="ar"]');
    expect(new URL(page.url()).pathname).to.equal('/ar/');
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname, 'the choice is remembered').to.equal('/ar/');
    await context.close();
  });
});
