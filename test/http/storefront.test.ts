import { expect } from 'chai';
import request from 'supertest';
import { LOCALES } from '#platform/i18n/locales.js';
import { createTestContext, TEST_PUBLIC_URL, type TestContext } from '#test/helpers/test-app.js';
import { makeCategory, makeMember } from '#test/helpers/factories.js';

const SYSTEM = { actorId: null, actorEmail: '', ip: '' };

/** Names of the product cards on a listing page, in order. */
const names = (html: string) => [...html.matchAll(/class="card__title"><a href="[^"]+" lang="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);

describe('storefront: catalog, filters, sorting, pages and search', function () {
  this.timeout(60_000);
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
    const s = t.services;
    const doiChang = await makeMember(s, { slug: 'doi-chang', name: 'Doi Chang Coffee', country: 'TH', region: 'Chiang Rai' });
    const chiangDao = await makeMember(s, { slug: 'chiang-dao', name: 'Chiang Dao Cacao', country: 'TH', region: 'Chiang Mai' });
    const bolaven = await makeMember(s, { slug: 'bolaven', name: 'Bolaven Honey', country: 'LA', region: 'Champasak' });
    await s.memberProfiles.addCertification(bolaven.id, { name: 'EU Organic', issuingBody: 'Control Union', number: 'CU-1', validUntil: '2099-12-31' }, undefined, SYSTEM);
    await s.memberProfiles.addCertification(chiangDao.id, { name: 'Fairtrade', issuingBody: 'FLOCERT', validUntil: '2001-01-01' }, undefined, SYSTEM);
    await makeCategory(s, 'coffee');
    await makeCategory(s, 'honey');
    await s.catalog.createProduct(
      {
        slug: 'longan-honey',
        categorySlug: 'honey',
        unit: 'jar',
        netWeightG: 500,
        priceMinor: 800,
        currency: 'USD',
        moq: 12n,
        orderStep: 6n,
        hsCode: '040900',
        translations: {
          en: { name: 'Longan honey', description: 'Golden honey from longan orchards.' },
          es: { name: 'Miel de longan', description: 'Miel dorada de huertos de longan.' },
          'zh-CN': { name: '龙眼蜂蜜', description: '来自龙眼果园的金色蜂蜜。' },
          'zh-TW': { name: '龍眼蜂蜜', description: '來自龍眼果園的金黃色蜂蜜。' },
          ar: { name: 'عسل اللونجان', description: 'عسل ذهبي من بساتين اللونجان.' },
        },
        supplierMemberIds: [bolaven.id],
      },
      [{ minQty: 48n, priceMinor: 720n }],
    );
    await s.catalog.createProduct({
      slug: 'washed-arabica',
      categorySlug: 'coffee',
      unit: 'kg',
      unitDecimals: 3,
      netWeightG: 1000,
      priceMinor: 1250,
      currency: 'USD',
      moq: 5000n,
      orderStep: 1000n,
      featured: true,
      translations: {
        en: { name: 'Washed highland arabica', description: 'Green coffee, clean and sweet.' },
        es: { name: 'Café arábica lavado de altura', description: 'Café verde, limpio y dulce.' },
        'zh-TW': { name: '高山水洗阿拉比卡', description: '咖啡生豆，乾淨甜美。' },
      },
      supplierMemberIds: [doiChang.id],
    });
    // Enough coffee to need a second page.
    for (let i = 0; i < 26; i++) {
      await s.catalog.createProduct({
        slug: `roast-${String(i).padStart(2, '0')}`,
        categorySlug: 'coffee',
        unit: 'pack',
        netWeightG: 250,
        priceMinor: 700 + ((i * 37) % 500),
        currency: 'USD',
        translations: { en: { name: `Roast ${String(i).padStart(2, '0')}`, description: 'Roasted coffee.' } },
        supplierMemberIds: [i % 2 ? doiChang.id : chiangDao.id],
      });
    }
    await s.catalog.createProduct({
      slug: 'proposal-only',
      categorySlug: 'honey',
      unit: 'jar',
      netWeightG: 250,
      priceMinor: 500,
      currency: 'USD',
      status: 'proposed',
      translations: { en: { name: 'Hidden proposal honey', description: '' } },
    });
    await t.db('member_products').where({ member_id: bolaven.id }).update({ available_qty: 120 });
    await s.settings.set('coop.rates', { EUR: { rateE6: '920000', date: '2026-11-20' } });
  });
  after(async () => t.close());

  it('filters by category, producer, country, region, certification and stock', async () => {
    expect(names((await request(t.app).get('/en/products?category=honey')).text)).to.deep.equal(['Longan honey']);
    const byMember = names((await request(t.app).get('/en/products?member=doi-chang')).text);
    expect(byMember).to.include('Washed highland arabica');
    expect(byMember).not.to.include('Longan honey');
    expect(names((await request(t.app).get('/en/products?country=LA')).text)).to.deep.equal(['Longan honey']);
    expect(names((await request(t.app).get('/en/products?region=Champasak')).text)).to.deep.equal(['Longan honey']);
    expect(names((await request(t.app).get('/en/products?certification=EU%20Organic')).text)).to.deep.equal(['Longan honey']);
    expect(names((await request(t.app).get('/en/products?certification=Fairtrade')).text), 'expired certificates do not count').to.deep.equal([]);
    expect(names((await request(t.app).get('/en/products?stock=1')).text)).to.deep.equal(['Longan honey']);
    const all = (await request(t.app).get('/en/products')).text;
    expect(all).not.to.contain('Hidden proposal honey');
    expect(all).to.contain('<option value="LA">Laos</option>');
  });

  it('sorts by price and pages with a cursor, with no gaps or repeats, in every language', async () => {
    for (const lng of ['es', 'zh-CN', 'zh-TW', 'ar']) {
      const first = await request(t.app).get(`/${lng}/products?sort=price-asc&category=coffee`);
      expect(first.status).to.equal(200);
      const page1 = names(first.text);
      expect(page1).to.have.length(24);
      const next = /href="(\/[^"]+after=[^"]+)" rel="next"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&');
      expect(next, lng).to.be.a('string');
      const page2 = names((await request(t.app).get(next!)).text);
      expect(page2).to.have.length(3);
      const seen = [...page1, ...page2];
      expect(new Set(seen).size).to.equal(27);
    }
    const rows = await t.db('products').where({ status: 'active', category_id: t.db('categories').select('id').where('slug', 'coffee') }).orderBy([{ column: 'price_minor' }, { column: 'id' }]);
    const expected = rows.map((r: { slug: string }) => r.slug);
    const html1 = (await request(t.app).get('/en/products?sort=price-asc&category=coffee')).text;
    const slugs = [...html1.matchAll(/href="\/en\/products\/([^"]+)" lang/g)].map((m) => m[1]);
    expect(slugs).to.deep.equal(expected.slice(0, 24));
    const desc = [...(await request(t.app).get('/en/products?sort=price-desc&category=coffee')).text.matchAll(/href="\/en\/products\/([^"]+)" lang/g)].map((m) => m[1]);
    expect(desc[0]).to.equal(rows[rows.length - 1].slug);
  });

  it('searches every language: 蜂蜜 in both Chinese scripts, Arabic, and accent-folded Spanish', async () => {
    const zhCN = await request(t.app).get(`/zh-CN/products?q=${encodeURIComponent('蜂蜜')}`);
    expect(names(zhCN.text)).to.deep.equal(['龙眼蜂蜜']);
    const zhTW = await request(t.app).get(`/zh-TW/products?q=${encodeURIComponent('蜂蜜')}`);
    expect(names(zhTW.text)).to.deep.equal(['龍眼蜂蜜']);
    const ar = await request(t.app).get(`/ar/products?q=${encodeURIComponent('عسل')}`);
    expect(names(ar.text)).to.deep.equal(['عسل اللونجان']);
    const es = await request(t.app).get('/es/products?q=cafe%20arabica');
    expect(names(es.text)).to.deep.equal(['Café arábica lavado de altura']);
    const tw = await request(t.app).get(`/es/products?q=${encodeURIComponent('咖啡')}`);
    expect(names(tw.text)).to.include('Café arábica lavado de altura');
    expect(tw.text, 'the matched language’s text is shown').to.contain('<span lang="zh-TW">高山水洗阿拉比卡</span>');
    expect(names((await request(t.app).get('/en/products?q=proposal')).text)).to.deep.equal([]);
    for (const junk of ['%', '"', "'); drop table products; --", 'x'.repeat(500)]) {
      expect((await request(t.app).get(`/en/products?q=${encodeURIComponent(junk)}`)).status, junk).to.equal(200);
    }
  });

  it('survives garbage in every query parameter', async () => {
    const res = await request(t.app).get('/en/products?sort=nope&after=%%%&country=zzz&stock=maybe&category[]=x&currency=<b>');
    expect(res.status).to.equal(200);
    expect((await request(t.app).get('/en/products?after=eyJ2IjoiYSJ9')).status).to.equal(200);
  });

  it('shows a product with tiers, MOQ, origin, an approximate display price, JSON-LD and Open Graph', async () => {
    const res = await request(t.app).get('/fr/products/longan-honey?currency=EUR');
    expect(res.status).to.equal(200);
    expect(res.text).to.contain('<h1 lang="en">Longan honey</h1>');
    expect(res.text).to.contain('class="note"');
    expect(res.text).to.match(/7,20\s*\$US|7,20\s*\$/);
    expect(res.text, '0.92 EUR per USD, rounded half up: 8.00 USD → 7.36 EUR').to.match(/≈\s*7,36\s*€/);
    expect(res.text).to.contain('href="/fr/members/bolaven"');
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]+)<\/script>/.exec(res.text)![1]!);
    expect(ld).to.deep.include({ '@type': 'Product', name: 'Longan honey', sku: 'longan-honey' });
    expect(ld.offers).to.include({ price: '8.00', priceCurrency: 'USD', availability: 'https://schema.org/InStock' });
    expect(res.text).to.contain('<meta property="og:type" content="product">');
    expect(res.text).to.contain(`<link rel="canonical" href="${TEST_PUBLIC_URL}/fr/products/longan-honey">`);
    expect((await request(t.app).get('/fr/products/proposal-only')).status).to.equal(404);
    expect((await request(t.app).get('/fr/products/..%2F..%2Fetc')).status).to.equal(404);
  });

  it('shows member pages and a sitemap of every page in every locale', async () => {
    const member = await request(t.app).get('/zh-TW/members/bolaven');
    expect(member.status).to.equal(200);
    expect(member.text).to.contain('EU Organic');
    expect(member.text).to.contain('龍眼蜂蜜');
    expect((await request(t.app).get('/en/members/nobody')).status).to.equal(404);
    const sitemap = await request(t.app).get('/sitemap.xml');
    expect(sitemap.headers['content-type']).to.match(/application\/xml/);
    for (const l of LOCALES) {
      expect(sitemap.text).to.contain(`<loc>${TEST_PUBLIC_URL}/${l}/products/longan-honey</loc>`);
      expect(sitemap.text).to.contain(`<loc>${TEST_PUBLIC_URL}/${l}/members/bolaven</loc>`);
    }
    expect(sitemap.text).not.to.contain('proposal-only');
  });
});
