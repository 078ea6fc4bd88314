import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import request from 'supertest';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfOf, makeBuyerUser, makeCoordinator, signIn, type Agent } from '#test/helpers/auth.js';
import { makeCategory, makeProduct } from '#test/helpers/factories.js';

type Row = Record<string, string>;

const ZH = '清迈高地阿拉比卡咖啡豆';
const AR = 'بن أرابيكا من مرتفعات شيانغ ماي';

describe('catalog CSV export and import (coordinator)', function () {
  this.timeout(120_000);
  const clock = createTestClock();
  let t: TestContext;
  let coordinator: Agent;

  before(async () => {
    t = await createTestContext({ clock });
    coordinator = await signIn(t.app, await makeCoordinator(t.services, clock), clock);
    const coffee = await makeCategory(t.services, 'coffee');
    await t.services.catalog.createProduct(
      {
        slug: 'arabica-beans', categorySlug: coffee, unit: 'kg', unitDecimals: 3, netWeightG: 1000, gtin: '4006381333931', hsCode: '090111',
        attributes: { organic: true, grade: 'A' }, priceMinor: 1250n, currency: 'USD', moq: 5000n, orderStep: 500n, featured: true,
        translations: { en: { name: 'Highland arabica', description: 'Washed, "sun-dried", 1,400 m.\nLine two.' }, 'zh-CN': { name: ZH, description: '' }, ar: { name: AR, description: 'حبوب' } },
      },
      [{ minQty: 10_000n, priceMinor: 1150n }, { minQty: 50_000n, priceMinor: 1080n }],
    );
    await makeProduct(t.services, { slug: 'longan-honey', categorySlug: await makeCategory(t.services, 'honey'), unit: 'jar', unitDecimals: 0, priceMinor: 800, status: 'retired' });
    await makeProduct(t.services, { slug: 'green-tea', categorySlug: coffee, unit: 'bag', unitDecimals: 0, priceMinor: 500, status: 'proposed' });
  });
  after(async () => t.close());

  /** The whole catalog's tables, to show that a refused import changed nothing at all. */
  const tables = async () => ({
    products: await t.db('products').select().orderBy('id'),
    translations: await t.db('product_translations').select().orderBy(['product_id', 'locale']),
    tiers: await t.db('product_price_tiers').select().orderBy(['product_id', 'min_qty']),
    audit: await t.db('audit_log').where({ action: 'catalog.imported' }).count({ n: '*' }),
  });
  const exported = async () => (await coordinator.get('/admin/catalog.csv')).text;
  const rowsOf = (csv: string) => parse(csv, { bom: true, columns: true }) as Row[];
  const toCsv = (rows: Row[]) => stringify(rows, { header: true, columns: Object.keys(rows[0]!) });
  const edited = async (edit: (rows: Row[]) => void) => {
    const rows = rowsOf(await exported());
    edit(rows);
    return toCsv(rows);
  };
  const upload = async (csv: string | Buffer, mode: 'apply' | 'dry-run', agent: Agent = coordinator, name = 'catalog.csv') =>
    agent.post(`/admin/catalog/import?_csrf=${encodeURIComponent(await csrfOf(agent))}`).field('mode', mode).attach('file', Buffer.from(csv), name);
  const problem = (row: number, column: string, message: string) => new RegExp(`<td>${row}</td><td><code>${column}</code></td><td>${message}`);

  it('exports one row per product, every status, translation and tier, as UTF-8 with a BOM and CRLF', async () => {
    const res = await coordinator.get('/admin/catalog.csv');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.equal('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).to.equal(`attachment; filename="catalog-${clock.nowIso().slice(0, 10)}.csv"`);
    expect(res.text.charCodeAt(0)).to.equal(0xfeff);
    expect(res.text).to.contain('\r\n');
    const rows = rowsOf(res.text);
    expect(rows.map((r) => r.slug)).to.deep.equal(['arabica-beans', 'longan-honey', 'green-tea']);
    expect(rows[0]).to.include({ category: 'coffee', gtin: '04006381333931', price: '12.50', moq: '5', order_step: '0.5', organic: 'yes', grade: 'A', featured: 'yes', status: 'active' });
    expect(rows[0]).to.include({ tiers: '10:11.50; 50:10.80', 'name_zh-CN': ZH, name_ar: AR, description_ar: 'حبوب', 'name_zh-TW': '' });
    expect(rows[1]).to.include({ status: 'retired', unit: 'jar', price: '8.00', fair_trade: 'no' });
    expect(rows[2]!.status).to.equal('proposed');
  });

  it('re-imports its own export as all unchanged, and changes nothing', async () => {
    const before = await tables();
    const res = await upload(await exported(), 'apply');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('0 added, 0 updated, 3 unchanged');
    const after = await tables();
    expect(after.products).to.deep.equal(before.products);
    expect(after.translations).to.deep.equal(before.translations);
  });

  for (const [what, column, value, message] of [
    ['a bad GTIN check digit', 'gtin', '4006381333932', 'This GTIN is not valid'],
    ['a decimal comma', 'price', '12,5', 'Enter a positive number'],
    ['an unknown category', 'category', 'no-such-category', 'This does not exist'],
  ] as const) {
    it(`refuses the whole file for one row with ${what}, reporting its row and column`, async () => {
      const csv = await edited((rows) => {
        rows[0]!.price = '13.00'; // a valid change on row 2 that must not land either
        rows[2]![column] = value;
        rows.push({ ...rows[1]!, slug: 'new-honey' });
      });
      const before = await tables();
      const res = await upload(csv, 'apply');
      expect(res.status).to.equal(422);
      expect(res.text).to.match(problem(4, column, message));
      expect(res.text).not.to.match(/<td>[235]<\/td>/);
      expect(await tables()).to.deep.equal(before);
    });
  }

  it('reports header problems on row 1 and unreadable rows by number', async () => {
    const rows = rowsOf(await exported()).map(({ featured: _f, ...r }) => ({ ...r, colour: 'red' }));
    const res = await upload(toCsv(rows), 'dry-run');
    expect(res.status).to.equal(422);
    expect(res.text).to.match(problem(1, 'colour', 'This column is not one'));
    expect(res.text).to.match(problem(1, 'featured', 'This column is missing'));
    const bad = await upload(await edited((r) => Object.assign(r[1]!, { tiers: '10-11.50', organic: 'maybe', moq: '0.5' })), 'dry-run');
    for (const [column, message] of [['tiers', 'Write volume prices'], ['organic', 'Write yes or no'], ['moq', 'Enter a positive number']]) {
      expect(bad.text).to.match(problem(3, column!, message!));
    }
  });

  it('dry-runs valid changes: counts them and changes nothing', async () => {
    const csv = await edited((rows) => {
      rows[0]!.price = '13.00';
      rows.push({ ...rows[0]!, slug: 'arabica-beans-5kg', tiers: '' });
    });
    const before = await tables();
    const res = await upload(csv, 'dry-run');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('would add 1, update 1 and leave 2 products');
    expect(await tables()).to.deep.equal(before);
  });

  it('applies creations and updates at once, exactly, and a second identical apply is all unchanged', async () => {
    const csv = await edited((rows) => {
      Object.assign(rows[0]!, { price: '13.25', moq: '2.5', tiers: '5:12.75; 20.5:12', 'name_zh-CN': '新的咖啡名', name_ar: 'قهوة جديدة', description_ar: '' });
      Object.assign(rows[1]!, { status: 'active' });
      rows.push({ ...rows[1]!, slug: 'lychee-honey', status: '', gtin: '', name_en: 'Lychee honey', 'name_zh-TW': '荔枝蜜', tiers: '10:7.50' });
    });
    const res = await upload(csv, 'apply');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('1 added, 2 updated, 1 unchanged');
    const arabica = (await t.services.catalog.productBySlug('arabica-beans'))!;
    expect(arabica).to.include({ priceMinor: 1325n, moq: 2500n, status: 'active' });
    expect(await t.services.catalog.tiersOf(arabica.id)).to.deep.equal([{ minQty: 5000n, priceMinor: 1275n }, { minQty: 20_500n, priceMinor: 1200n }]);
    const names = Object.fromEntries((await t.services.catalog.translations(arabica.id)).map((r) => [r.locale, r.name]));
    expect(names).to.include({ 'zh-CN': '新的咖啡名', ar: 'قهوة جديدة' });
    expect((await t.services.catalog.productBySlug('longan-honey'))!.status).to.equal('active');
    const lychee = (await t.services.catalog.productBySlug('lychee-honey'))!;
    expect(lychee).to.include({ status: 'active', priceMinor: 800n, unit: 'jar' });
    const [entry] = await t.services.audit.list({ action: 'catalog.imported' });
    expect(entry!.detail).to.deep.equal({ created: 1, updated: 2, unchanged: 1 });

    const before = await tables();
    const again = await upload(csv, 'apply');
    expect(again.text).to.contain('0 added, 0 updated, 4 unchanged');
    const after = await tables();
    expect(after.products).to.deep.equal(before.products);
    expect(rowsOf(await exported()).find((r) => r.slug === 'lychee-honey')).to.include({ 'name_zh-TW': '荔枝蜜', tiers: '10:7.50' });
  });

  it('refuses visitors and buyers, for the export and the import', async () => {
    const visitor = request.agent(t.app);
    await visitor.get('/en/login');
    const buyer = await signIn(t.app, await makeBuyerUser(t.services));
    const csv = await exported();
    const before = await tables();
    expect((await visitor.get('/admin/catalog.csv')).status).to.equal(303);
    expect((await upload(csv, 'apply', visitor)).status).to.equal(401);
    expect((await buyer.get('/admin/catalog.csv')).status).to.equal(403);
    expect((await buyer.get('/admin/catalog/import')).status).to.equal(403);
    expect((await upload(csv, 'apply', buyer)).status).to.equal(403);
    expect(await tables()).to.deep.equal(before);
  });

  it('refuses a binary, a non-UTF-8, an empty and an oversized upload with a clear 4xx', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const binary = await upload(png, 'dry-run', coordinator, 'photo.png');
    expect(binary.status).to.equal(415);
    expect(binary.text).to.contain('This is not a CSV text file in UTF-8');
    expect((await upload(Buffer.from('slug,name_en\r\ncaf\xe9,Caf\xe9\r\n', 'latin1'), 'dry-run')).status).to.equal(415);
    expect((await upload('', 'dry-run')).text).to.contain('Choose a file to upload');
    const big = await upload(`slug\r\n${'x'.repeat(2 * 1024 * 1024)}\r\n`, 'dry-run');
    expect(big.status).to.equal(413);
    expect(big.text).to.contain('larger than 2 MB');
  });

  it('shows the import page with the upload form, linked from the products list', async () => {
    const list = await coordinator.get('/admin/products');
    expect(list.text).to.contain('href="/admin/catalog/import"').and.to.contain('href="/admin/catalog.csv"');
    const page = await coordinator.get('/admin/catalog/import');
    expect(page.status).to.equal(200);
    expect(page.text).to.match(/enctype="multipart\/form-data"/).and.to.match(/name="file" type="file"/).and.to.match(/name="mode" value="apply"/);
  });
});
