/// <reference lib="dom" />
import { expect } from 'chai';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '#src/cli/demo/data-people.js';
import { DEMO_MEMBERS } from '#src/cli/demo/data-members.js';
import { axeViolations, launchBrowser, RESULTS_DIR, screenshot, signInInBrowser } from '#test/helpers/browser.js';
import { jpegWithGps } from '#test/helpers/images.js';
import { startDemoServer, type TestServer } from '#test/helpers/server.js';

describe('traceability in a real browser', function () {
  this.timeout(120_000);
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

  it('a member on a phone records a lot with its harvest and a photo; visitors read its timeline in Arabic and Chinese', async () => {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const photo = path.join(RESULTS_DIR, 'upload-harvest.jpg');
    writeFileSync(photo, await jpegWithGps(1600, 1200));
    const beekeeper = DEMO_MEMBERS.find((m) => m.member.slug === 'pa-sang-beekeepers')!.users[0]!.email;

    const phone = await browser.newContext({ viewport: { width: 360, height: 760 }, locale: 'en', hasTouch: true, isMobile: true });
    const page = await phone.newPage();
    await signInInBrowser(page, server.url, beekeeper, DEMO_PASSWORD);
    await page.goto(`${server.url}/member/batches/new`);
    await page.selectOption('#f-productId', { index: 1 });
    await page.selectOption('#f-siteId', { index: 1 });
    await page.fill('#f-producedOn', '2026-03-14');
    await page.fill('#f-harvestTime', '06:45');
    await page.fill('#f-quantity', '120');
    await page.fill('#f-note', 'Frames taken after the longan bloom; extracted cold the same day.');
    await page.setInputFiles('#f-photo', photo);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'member-batch-new-phone', true);
    await page.click('form[enctype] button[type="submit"]');
    await page.waitForURL(/\/member\/batches\/\d+$/);
    const lot = (await page.textContent('h1'))!.trim();
    expect(lot).to.match(/^[A-Z0-9.-]{3,20}$/);
    await phone.close();

    for (const [lng, dir] of [['ar', 'rtl'], ['zh-TW', 'ltr']] as const) {
      const visitor = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: lng, extraHTTPHeaders: { 'Accept-Language': lng } });
      const v = await visitor.newPage();
      await v.goto(`${server.url}/trace/${lot}`);
      expect(new URL(v.url()).pathname).to.equal(`/${lng}/trace/${lot}`);
      expect(await v.getAttribute('html', 'dir')).to.equal(dir);
      const timeline = await v.locator('.timeline__event').count();
      expect(timeline).to.equal(1);
      expect(await v.textContent('.timeline')).to.contain('(UTC+07:00)');
      expect(await v.locator('.integrity--ok').count()).to.equal(1);
      expect(await v.locator('.gallery img').count()).to.equal(1);
      expect(await v.locator('svg[role="img"] circle').count()).to.be.greaterThan(0);
      expect(await axeViolations(v)).to.deep.equal([]);
      await screenshot(v, `trace-${lng}`, true);
      await visitor.close();
    }
  });
});
