/// <reference lib="dom" />
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, screenshot, signInInBrowser } from '#test/helpers/browser.js';
import { startDemoServer, type TestServer } from '#test/helpers/server.js';
import { startInbox, type Inbox } from '#test/helpers/smtp.js';
import { DEMO_PASSWORD } from '#src/cli/demo/seed.js';

const BUYER = 'lucia.fernandez@alturaverde.example';

describe('a buyer from Spain orders pooled goods in Spanish in a real browser', function () {
  this.timeout(120_000);
  let inbox: Inbox;
  let server: TestServer;
  let browser: Browser;
  let dir: string;

  before(async () => {
    inbox = await startInbox();
    server = await startDemoServer({ SMTP_URL: inbox.url });
    browser = await launchBrowser();
    dir = mkdtempSync(path.join(tmpdir(), 'terroir-e2e-'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await inbox?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const addToCart = async (page: Page, slug: string, qty: string) => {
    await page.goto(`${server.url}/es/products/${slug}`);
    await page.fill('#f-qty', qty);
    await page.click('form.buy button[type="submit"]');
    await page.waitForURL('**/es/cart');
  };

  it('adds three members’ products, sees a volume price, checks out with DAP and bank transfer, gets the email and the pro-forma', async () => {
    const page = await browser.newPage({ viewport: { width: 412, height: 915 }, locale: 'es-ES', acceptDownloads: true });
    await signInInBrowser(page, server.url, BUYER, DEMO_PASSWORD, 'es');

    await addToCart(page, 'mae-salong-jin-xuan-oolong', '20'); // 10× the minimum: the first volume tier
    await addToCart(page, 'chiang-dao-cocoa-beans', '25');
    await addToCart(page, 'wildflower-forest-honey-250g', '12');
    const cart = (await page.textContent('main')) ?? '';
    expect(cart).to.contain('Precio por volumen');
    expect(cart).to.match(/Pida .+ más por/); // the next tier of the other products
    expect(await page.locator('tbody tr').count()).to.equal(3);
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'cart-es', true);

    await page.click('a[href="/es/checkout"]');
    await page.waitForURL('**/es/checkout');
    await page.check('input[name="shipping"][value="delivery"]');
    await page.check('input[name="addressId"][value="new"]');
    await page.fill('#f-recipient', 'Lucía Fernández Ortega');
    await page.fill('#f-line1', 'Calle de Embajadores 112, nave 4');
    await page.fill('#f-city', 'Madrid');
    await page.fill('#f-postalCode', '28045');
    await page.selectOption('#f-country', 'ES');
    await page.selectOption('#f-incoterm', 'DAP');
    await page.check('input[name="payment"][value="bank_transfer"]');
    expect(await axeViolations(page)).to.deep.equal([]);
    await page.click('main form.checkout button[type="submit"]');
    await page.waitForURL('**/es/checkout/review');
    const review = (await page.textContent('main')) ?? '';
    expect(review).to.contain('DAP Madrid');
    expect(review).to.contain('≈'); // the total in euros, approximately
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'checkout-review-es', true);

    await page.click('main form[action="/es/checkout/place"] button[type="submit"]');
    await page.waitForURL(/\/es\/account\/orders\/T-\d{4}-\d{6}\?placed=1$/);
    const reference = ((await page.textContent('.payment strong')) ?? '').trim();
    expect(reference).to.match(/^RF\d{2}T\d{10}$/);
    expect((await page.textContent('main')) ?? '').to.contain('Referencia de pago');
    expect(await axeViolations(page)).to.deep.equal([]);
    await screenshot(page, 'order-placed-es', true);

    const mail = await inbox.waitFor(BUYER);
    expect(mail.subject).to.match(/^Pedido T-\d{4}-\d{6}/);
    expect(mail.text).to.contain(reference);
    expect(mail.text).to.contain('IBAN');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href$="/proforma.pdf"]')]);
    const file = path.join(dir, 'proforma.pdf');
    await download.saveAs(file);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    for (const hs of ['090240', '180100', '040900']) expect(text, `HS ${hs}`).to.contain(hs);
    expect(text).to.match(/DAP\s+Madrid/);
    expect(text).to.contain(reference);
  });
});
