import { expect } from 'chai';
import request from 'supertest';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { csrfOf, makeMemberUser, signIn, type Agent } from '#test/helpers/auth.js';
import { makeCategory, makeMember, makeProduct } from '#test/helpers/factories.js';
import { jpegWithGps } from '#test/helpers/images.js';
import { RESULTS_DIR } from '#test/helpers/browser.js';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

describe('member workspace: recording lots and their events', function () {
  this.timeout(60_000);
  let t: TestContext;
  let member: Agent;
  let productId: number;
  let siteId: number;
  before(async () => {
    t = await createTestContext();
    const m = await makeMember(t.services, { slug: 'pa-sang', name: 'Pa Sang Beekeepers' });
    siteId = (await t.services.members.addSite(m.id, { name: 'Longan orchard', country: 'TH', areaHa: '0.6', latitude: '18.503170', longitude: '98.921840' })).id;
    await makeCategory(t.services, 'honey');
    productId = (await makeProduct(t.services, { slug: 'longan-honey', categorySlug: 'honey', unit: 'jar', unitDecimals: 0, netWeightG: 500, supplierMemberIds: [m.id], translations: { en: { name: 'Longan honey', description: '' }, 'zh-TW': { name: '龍眼蜂蜜', description: '' } } })).id;
    member = await signIn(t.app, await makeMemberUser(t.services, m.id));
  });
  after(async () => t.close());

  const post = async (path: string, fields: Record<string, string>, photo?: Buffer) => {
    const req = member.post(`${path}?_csrf=${encodeURIComponent(await csrfOf(member))}`);
    for (const [k, v] of Object.entries(fields)) void req.field(k, v);
    return photo ? req.attach('photo', photo, 'harvest.jpg') : req;
  };
  const lot = { productId: '', siteId: '', producedOn: '2026-03-14', harvestTime: '06:45', tzOffset: '+07:00', quantity: '240', note: 'Extracted cold.', status: 'available' };

  it('records a lot with its harvest and a photo, keeping the input when refused', async () => {
    const bad = await post('/member/batches/new', { ...lot, productId: String(productId), siteId: '' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.match(/id="f-siteId-error"/);
    expect(bad.text).to.contain('value="240"');
    const ok = await post('/member/batches/new', { ...lot, productId: String(productId), siteId: String(siteId) }, await jpegWithGps());
    expect(ok.status).to.equal(303);
    const batchId = Number(/\/member\/batches\/(\d+)/.exec(String(ok.headers.location))![1]);
    const batch = (await t.services.traceability.byId(batchId))!;
    expect(batch.lot_code).to.match(/^LH-2026-\d{4}$/);
    const page = await request(t.app).get(`/zh-TW/trace/${batch.lot_code}`);
    expect(page.text).to.contain('龍眼蜂蜜');
    expect(page.text).to.match(/<img src="\/media\/[0-9a-f]{32}\.jpg"/);
    expect(page.text).to.contain('Extracted cold.');
    expect((await request(t.app).get('/en/products/longan-honey')).text).to.contain(`href="/en/trace/${batch.lot_code}"`);
  });

  it('adds events with measures and a correction; the chain stays intact; sold out leaves the offer', async () => {
    const [batch] = await t.services.traceability.ofMember((await t.services.members.bySlug('pa-sang'))!.id);
    const base = { date: '2026-03-20', time: '10:15', tzOffset: '+07:00', siteId: String(siteId) };
    expect((await post(`/member/batches/${batch!.id}/events`, { ...base, type: 'test', attrKey0: 'moisturePct', attrValue0: '17.9' })).status).to.equal(303);
    const [, test] = await t.services.traceability.events(batch!.id);
    expect((await post(`/member/batches/${batch!.id}/events`, { ...base, type: 'correction', correctsEventId: String(test!.id), attrKey0: 'moisturePct', attrValue0: '18.1', note: 'Meter recalibrated.' })).status).to.equal(303);
    const wrong = await post(`/member/batches/${batch!.id}/events`, { ...base, type: 'recall' });
    expect(wrong.status, 'members cannot recall').to.equal(422);
    const garbage = await post(`/member/batches/${batch!.id}/events`, { ...base, type: 'pack', time: '25:99', tzOffset: 'Bangkok' });
    expect(garbage.status).to.equal(422);
    const record = (await t.services.traceRecord(batch!.lot_code, 'en'))!;
    expect(record.events.map((e) => e.type)).to.deep.equal(['harvest', 'test', 'correction']);
    expect(record.integrity.ok).to.equal(true);
    const page = await request(t.app).get(`/en/trace/${batch!.lot_code}`);
    expect(page.text).to.contain('Corrected by event 3');
    expect(page.text).to.contain('18.1');
    const pdf = await member.get(`/member/batches/${batch!.id}/labels.pdf?size=a4-8&count=10`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.headers['content-type']).to.equal('application/pdf');
    const file = path.join(RESULTS_DIR, 'labels-a4-8.pdf');
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(file, pdf.body as Buffer);
    expect(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout).to.match(/Pages:\s+2/);
    expect(spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout).to.contain(batch!.lot_code);
    expect(spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, path.join(RESULTS_DIR, 'labels-a4-8')]).status).to.equal(0);
    expect((await member.get(`/member/batches/${batch!.id}/labels.pdf?size=zzz&count=-5`)).status).to.equal(200);
    await member.post(`/member/batches/${batch!.id}/status`).type('form').send({ _csrf: await csrfOf(member), status: 'depleted' });
    expect((await request(t.app).get('/en/products/longan-honey')).text).not.to.contain(`href="/en/trace/${batch!.lot_code}"`);
  });
});
