import { expect } from 'chai';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { makeCategory, makeMember, makeProduct } from '#test/helpers/factories.js';
import { rejection } from '#test/helpers/errors.js';


describe('catalog and members services', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it('stores a product with its translations and falls back to the default locale', async () => {
    const member = await makeMember(t.services);
    const product = await makeProduct(t.services, {
      priceMinor: 9_007_199_254_740_991n,
      translations: { en: { name: 'Longan honey', description: 'Golden.' }, 'zh-TW': { name: '龍眼蜂蜜', description: '金黃。' } },
      supplierMemberIds: [member.id],
    });
    expect(product.priceMinor).to.equal(9_007_199_254_740_991n);
    const tooBig = await rejection(makeProduct(t.services, { priceMinor: 9_007_199_254_740_992n }));
    expect(tooBig.fields).to.deep.equal({ priceMinor: 'errors:field.range' });
    expect((await rejection(makeProduct(t.services, { priceMinor: 0 }))).fields).to.have.property('priceMinor');
    const zh = (await t.services.catalog.listCards('zh-TW')).find((c) => c.id === product.id);
    expect(zh).to.include({ name: '龍眼蜂蜜', textLocale: 'zh-TW', supplierCount: 1 });
    const fr = (await t.services.catalog.listCards('fr')).find((c) => c.id === product.id);
    expect(fr).to.include({ name: 'Longan honey', textLocale: 'en' });
  });

  it('refuses a GTIN with a bad check digit, and keeps a valid one as 14 digits', async () => {
    const err = await rejection(makeProduct(t.services, { gtin: '4006381333932' }));
    expect(err.status).to.equal(422);
    expect(err.fields).to.deep.equal({ gtin: 'errors:field.gtin' });
    expect((await makeProduct(t.services, { gtin: '4006381333931' })).gtin).to.equal('04006381333931');
  });

  it('refuses a taken slug, an unknown category and a missing default-locale name', async () => {
    const category = await makeCategory(t.services);
    await makeProduct(t.services, { slug: 'same-slug', categorySlug: category });
    expect((await rejection(makeProduct(t.services, { slug: 'same-slug', categorySlug: category }))).fields).to.deep.equal({ slug: 'errors:field.taken' });
    expect((await rejection(makeProduct(t.services, { categorySlug: 'nope' }))).fields).to.have.property('categorySlug');
    const noEn = await rejection(makeProduct(t.services, { translations: { es: { name: 'Miel', description: '' } } }));
    expect(noEn.fields).to.have.property('name_en');
  });

  it('keeps member stories per locale and lists only active members', async () => {
    const active = await makeMember(t.services, { story: { en: 'Story', ar: 'قصة' } });
    const pending = await makeMember(t.services, { status: 'pending' });
    const listed = await t.services.members.listActive('ar');
    expect(listed.find((m) => m.id === active.id)).to.include({ story: 'قصة', storyLocale: 'ar' });
    expect(listed.some((m) => m.id === pending.id)).to.equal(false);
    await t.services.members.setStatus(pending.id, 'active');
    expect((await t.services.members.listActive('en')).some((m) => m.id === pending.id)).to.equal(true);
  });

  it('stores site coordinates as exact micro-degrees and requires a polygon above 4 ha', async () => {
    const m = await makeMember(t.services);
    const site = await t.services.members.addSite(m.id, {
      name: 'Upper plot', country: 'TH', areaHa: '1.5', latitude: '19.123456', longitude: '-99.654321',
    });
    expect(site).to.include({ areaM2: 15000, latE6: 19123456, lonE6: -99654321, polygon: null });
    const big = await rejection(
      t.services.members.addSite(m.id, { name: 'Big', country: 'TH', areaHa: '4.0001', latitude: '19.1', longitude: '99.1' }),
    );
    expect(big.fields).to.deep.equal({ polygon: 'errors:field.polygon.required' });
    const open = JSON.stringify({ type: 'Polygon', coordinates: [[[99.1, 19.1], [99.2, 19.1], [99.2, 19.2], [99.1, 19.25]]] });
    const unclosed = await rejection(
      t.services.members.addSite(m.id, { name: 'Big', country: 'TH', areaHa: '12', latitude: '19.1', longitude: '99.1', polygon: open }),
    );
    expect(unclosed.fields).to.deep.equal({ polygon: 'errors:field.polygon.notClosed' });
    const badLat = await rejection(
      t.services.members.addSite(m.id, { name: 'X', country: 'TH', areaHa: '1', latitude: '91', longitude: '99.1' }),
    );
    expect(badLat.fields).to.have.property('latitude', 'errors:field.range');
    expect(await t.services.members.sites(m.id)).to.have.length(1);
  });
});
