import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import sharp from 'sharp';
import exifReader from 'exif-reader';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfOf, makeCoordinator, makeMemberUser, signIn, type Agent } from '#test/helpers/auth.js';
import { makeCategory, makeMember } from '#test/helpers/factories.js';
import { jpegWithGps, PHP_SHELL, TINY_PDF } from '#test/helpers/images.js';

describe('member workspace: profile, sites, certificates, photos and product proposals', function () {
  this.timeout(60_000);
  const clock = createTestClock();
  let t: TestContext;
  let member: Agent;
  let memberId: number;
  const uploadsDir = () => path.join(t.dataDir, 'uploads');
  const stored = () => {
    try {
      return readdirSync(uploadsDir()).filter((f) => !f.startsWith('.'));
    } catch {
      return [];
    }
  };

  before(async () => {
    t = await createTestContext({ clock });
    const m = await makeMember(t.services, { slug: 'mae-chaem', name: 'Mae Chaem Weavers', status: 'active' });
    memberId = m.id;
    const user = await makeMemberUser(t.services, m.id);
    await t.db('users').where({ id: user.id }).update({ locale: 'fr' });
    member = await signIn(t.app, user);
    await makeCategory(t.services, 'honey');
  });
  after(async () => t.close());

  const upload = async (pathName: string, fieldName: string, data: Buffer, fileName: string, fields: Record<string, string> = {}) => {
    const req = member.post(`${pathName}?_csrf=${encodeURIComponent(await csrfOf(member))}`);
    for (const [k, v] of Object.entries(fields)) void req.field(k, v);
    return req.attach(fieldName, data, fileName);
  };

  it('keeps the profile’s story per language and shows it publicly', async () => {
    const page = await member.get('/member');
    expect(page.status).to.equal(200);
    expect(page.text).to.match(/<html lang="fr"/);
    const profile = { _csrf: await csrfOf(member), name: 'Mae Chaem Teen Jok Weavers', country: 'TH', region: 'Chiang Mai', locality: 'Mae Chaem', story_en: 'Hand-woven teen jok.', 'story_zh-TW': '手織的 teen jok 布。' };
    const bad = await member.post('/member/profile').type('form').send({ ...profile, name: '', country: 'Thailand' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('手織的 teen jok 布。');
    const res = await member.post('/member/profile').type('form').send(profile);
    expect(res.status).to.equal(303);
    expect((await t.services.members.bySlug('mae-chaem'))?.name).to.equal('Mae Chaem Teen Jok Weavers');
    expect((await request(t.app).get('/zh-TW/members/mae-chaem')).text).to.contain('手織的 teen jok 布。');
  });

  it('refuses a plot outline that is not closed, in French, keeping the input', async () => {
    const open = JSON.stringify({ type: 'Polygon', coordinates: [[[98.3, 18.5], [98.31, 18.5], [98.31, 18.51], [98.3, 18.52]]] });
    const res = await member.post('/member/sites').type('form').send({ _csrf: await csrfOf(member), name: 'Cotton field', country: 'TH', areaHa: '6.5', latitude: '18.505', longitude: '98.305', polygon: open });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('value="Cotton field"');
    expect(res.text).to.match(/id="f-polygon-error">[^<]+</);
    expect(res.text).not.to.contain('The plot outline is not closed');
    const closed = JSON.stringify({ type: 'Polygon', coordinates: [[[98.3, 18.5], [98.31, 18.5], [98.31, 18.51], [98.3, 18.5]]] });
    const ok = await member.post('/member/sites').type('form').send({ _csrf: await csrfOf(member), name: 'Cotton field', country: 'TH', areaHa: '6.5', latitude: '18.505', longitude: '98.305', polygon: closed });
    expect(ok.status).to.equal(303);
    expect((await t.services.members.sites(memberId)).map((s) => s.name)).to.deep.equal(['Cotton field']);
  });

  it('strips every trace of EXIF and GPS from an uploaded photo', async () => {
    const original = await jpegWithGps();
    expect(exifReader((await sharp(original).metadata()).exif!).GPSInfo, 'the input has GPS').to.include({ GPSLatitudeRef: 'N' });
    const res = await upload('/member/photos', 'photo', original, 'IMG_0001.jpg');
    expect(res.status).to.equal(303);
    const photo = (await t.services.memberProfiles.profileOf(memberId, 'en'))!.photos[0]!;
    const keys = [photo.src, ...photo.srcset.split(', ').map((s) => s.split(' ')[0]!)];
    expect(keys.length).to.be.greaterThan(2);
    for (const key of keys) {
      const served = await request(t.app).get(key).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(served.headers['cache-control']).to.match(/immutable/);
      const meta = await sharp(served.body as Buffer).metadata();
      expect(meta.exif, key).to.equal(undefined);
      expect(meta.xmp, key).to.equal(undefined);
    }
    expect((await request(t.app).get('/en/members/mae-chaem')).text).to.match(/srcset="\/media\/[0-9a-f]{32}\.webp 320w/);
  });

  it('refuses a PHP script named .jpg, and a 20 MB file with a localized 413, leaving nothing on disk', async () => {
    const before = stored();
    const php = await upload('/member/photos', 'photo', PHP_SHELL, 'shell.jpg');
    expect(php.status).to.equal(422);
    expect(php.text).to.match(/<html lang="fr"/);
    expect(php.text).to.match(/id="f-photo-error">[^<]+</);
    const big = await upload('/member/photos', 'photo', Buffer.alloc(20 * 1024 * 1024, 0xff), 'huge.jpg');
    expect(big.status).to.equal(413);
    expect(big.text).to.match(/<html lang="fr"/);
    expect(stored()).to.deep.equal(before);
  });

  it('stores a certificate with its PDF, served as a download', async () => {
    const res = await upload('/member/certifications', 'document', TINY_PDF, 'organic 2026.pdf', { name: 'EU Organic', issuingBody: 'Control Union', number: 'CU-77', validUntil: '2027-06-30' });
    expect(res.status).to.equal(303);
    const cert = (await t.services.memberProfiles.profileOf(memberId, 'en'))!.certifications[0]!;
    expect(cert).to.include({ name: 'EU Organic', validUntil: '2027-06-30' });
    const pdf = await request(t.app).get(`/media/${cert.document!.key}`);
    expect(pdf.headers['content-disposition']).to.match(/^attachment; filename="organic 2026\.pdf"/);
    const fake = await upload('/member/certifications', 'document', Buffer.from('just text'), 'fake.pdf', { name: 'X', issuingBody: 'Y', validUntil: '2027-01-01' });
    expect(fake.status).to.equal(422);
    expect(fake.text).to.contain('value="Y"');
  });

  it('proposes a product with a photo and a Chinese name; the coordinator approves; a visitor finds it in Chinese', async () => {
    const fields = {
      slug: 'wild-honey', categorySlug: 'honey', unit: 'jar', netWeightG: '500', price: '9.50', moq: '12', orderStep: '6', gtin: '4006381333932',
      name_en: 'Wild forest honey', description_en: 'Dark honey from the forest.', 'name_zh-CN': '野生森林蜂蜜', 'description_zh-CN': '来自森林的深色蜂蜜。',
    };
    const bad = await upload('/member/products/new', 'photo', await jpegWithGps(), 'honey.jpg', fields);
    expect(bad.status).to.equal(422);
    expect(bad.text).to.match(/id="f-gtin-error">/);
    expect(bad.text).to.contain('value="野生森林蜂蜜"');
    const ok = await upload('/member/products/new', 'photo', await jpegWithGps(), 'honey.jpg', { ...fields, gtin: '4006381333931' });
    expect(ok.status).to.equal(303);
    const proposal = (await t.services.catalog.productBySlug('wild-honey'))!;
    expect(proposal.status).to.equal('proposed');
    expect((await request(t.app).get('/zh-CN/products/wild-honey')).status).to.equal(404);
    expect(await t.services.catalog.supplyOf(memberId)).to.include(proposal.id);

    const coordinator = await makeCoordinator(t.services, clock);
    const admin = await signIn(t.app, coordinator, clock);
    const list = await admin.get('/admin/products?status=proposed');
    expect(list.text).to.contain('Wild forest honey');
    const approve = await admin.post(`/admin/products/${proposal.id}/status`).type('form').send({ _csrf: await csrfOf(admin), status: 'active' });
    expect(approve.status).to.equal(303);
    const found = await request(t.app).get(`/zh-CN/products?q=${encodeURIComponent('蜂蜜')}`);
    expect(found.text).to.contain('野生森林蜂蜜');
    const page = await request(t.app).get('/zh-CN/products/wild-honey');
    expect(page.text).to.match(/<img src="\/media\/[0-9a-f]{32}\.jpg" srcset="\/media\/[0-9a-f]{32}\.webp 320w/);
  });

  it('records what the member supplies, only among products on sale', async () => {
    const onSale = (await t.services.catalog.productBySlug('wild-honey'))!;
    const res = await member.post('/member/products/supply').type('form').send({ _csrf: await csrfOf(member), product: [String(onSale.id), '999999'] });
    expect(res.status).to.equal(303);
    expect(await t.services.catalog.supplyOf(memberId)).to.deep.equal([onSale.id]);
  });
});
