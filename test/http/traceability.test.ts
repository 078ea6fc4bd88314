import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import { paths } from '#platform/paths.js';
import type { TraceActor } from '#modules/traceability/traceability.service.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { makeCategory, makeMember, makeProduct } from '#test/helpers/factories.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfOf, makeCoordinator, signIn } from '#test/helpers/auth.js';
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => void;

const ACTOR: TraceActor = { userId: null, label: 'Somchai', ctx: { actorId: null, actorEmail: '', ip: '' } };
const cli = path.join(paths.root, 'dist', 'src', 'cli', 'verify-chain.js');

describe('traceability: batches, the hash chain, trace pages', function () {
  this.timeout(60_000);
  let t: TestContext;
  let lot: string;
  let blendLot: string;
  let memberA: number;
  let siteA: number;
  const env = () => ({ ...process.env, DATA_DIR: t.dataDir, DATABASE_URL: t.database.kind === 'postgres' ? t.database.url : `sqlite:${t.database.filename}` });

  before(async () => {
    t = await createTestContext();
    const s = t.services;
    const a = await makeMember(s, { slug: 'doi-chang', name: 'Doi Chang Coffee' });
    const b = await makeMember(s, { slug: 'pang-khon', name: 'Pang Khon Growers' });
    memberA = a.id;
    siteA = (await s.members.addSite(a.id, { name: 'Upper plot', country: 'TH', areaHa: '2.5', latitude: '20.182345', longitude: '99.631234' })).id;
    const siteA2 = (await s.members.addSite(a.id, { name: 'Ridge plot', country: 'TH', areaHa: '6', latitude: '20.19', longitude: '99.64', polygon: JSON.stringify({ type: 'Polygon', coordinates: [[[99.639, 20.189], [99.641, 20.189], [99.641, 20.191], [99.639, 20.191], [99.639, 20.189]]] }) })).id;
    const siteB = (await s.members.addSite(b.id, { name: 'Akha garden', country: 'TH', areaHa: '1.2', latitude: '19.95', longitude: '99.71' })).id;
    await makeCategory(s, 'coffee');
    const green = await makeProduct(s, { slug: 'green', categorySlug: 'coffee', unit: 'kg', unitDecimals: 3, translations: { en: { name: 'Green arabica', description: '' }, ar: { name: 'أرابيكا خضراء', description: '' } }, supplierMemberIds: [a.id, b.id] });
    const roast = await makeProduct(s, { slug: 'roast', categorySlug: 'coffee', unit: 'pack', netWeightG: 250, gtin: '4006381333931', translations: { en: { name: 'Medium roast', description: '' } } });
    const created = await s.traceability.createBatch(a.id, {
      productId: green.id, sites: [{ siteId: siteA, shareBp: 7000 }, { siteId: siteA2, shareBp: 3000 }], producedOn: '2026-01-10', quantity: '480.5',
      harvest: { occurredAt: '2026-01-10T06:30', tzOffset: '+07:00', note: 'Ripe cherries only.' },
    }, ACTOR);
    lot = created.lot_code;
    await s.traceability.addEvent(created.id, { type: 'test', occurredAt: '2026-02-01T10:00', tzOffset: '+07:00', siteId: siteA, attributes: { cuppingScore: '84.5' } }, ACTOR);
    const other = await s.traceability.createBatch(b.id, { productId: green.id, sites: [{ siteId: siteB, shareBp: 10_000 }], producedOn: '2026-01-12', quantity: '200', harvest: { occurredAt: '2026-01-12T07:00', tzOffset: '+07:00' } }, ACTOR);
    const blend = await s.traceability.transform(a.id, {
      productId: roast.id, inputs: [{ lotCode: lot, quantity: '60' }, { lotCode: other.lot_code, quantity: '40' }], quantity: '400',
      producedOn: '2026-03-02', process: 'blended, roasted', occurredAt: '2026-03-02T10:00', tzOffset: '+07:00', locationText: 'Roastery',
    }, ACTOR);
    blendLot = blend.lot_code;
  });
  after(async () => t.close());

  it('generates a lot code, records the harvest as the first event, and offers the batch to the catalog', async () => {
    expect(lot).to.match(/^G-2026-\d{4}$/);
    const events = await t.services.traceability.events((await t.services.traceability.byLot(lot))!.id);
    expect(events.map((e) => e.type)).to.deep.equal(['harvest', 'test', 'transform']);
    expect(events[0]).to.include({ occurred_at: '2026-01-09T23:30:00.000Z', tz_offset: '+07:00', seq: 1 });
    expect(String(events[0]!.quantity)).to.equal('480500');
    expect(events[1]!.prev_hash).to.equal(events[0]!.hash);
    const page = await request(t.app).get('/en/products/green');
    expect(page.text).to.match(/Available now: 580\.5\s*kg/);
  });

  it('refuses bad batches with field errors: shares, other members’ sites, lot codes, quantities', async () => {
    const s = t.services;
    const green = (await s.catalog.productBySlug('green'))!;
    const base = { productId: green.id, producedOn: '2026-01-10', quantity: '10', harvest: { occurredAt: '2026-01-10T06:30', tzOffset: '+07:00' } };
    const refused = async (input: object) => {
      try {
        await s.traceability.createBatch(memberA, { ...base, sites: [{ siteId: siteA, shareBp: 10_000 }], ...input } as never, ACTOR);
      } catch (err) {
        return Object.keys((err as { fields: object }).fields);
      }
      throw new Error('accepted');
    };
    expect(await refused({ sites: [{ siteId: siteA, shareBp: 5000 }] })).to.deep.equal(['sites']);
    const foreign = (await s.members.sites((await s.members.bySlug('pang-khon'))!.id))[0]!.id;
    expect(await refused({ sites: [{ siteId: foreign, shareBp: 10_000 }] })).to.deep.equal(['sites']);
    expect(await refused({ lotCode: 'bad lot!' })).to.deep.equal(['lotCode']);
    expect(await refused({ lotCode: lot })).to.deep.equal(['lotCode']);
    expect(await refused({ quantity: '1.2345' })).to.deep.equal(['quantity']);
    expect(await refused({ harvest: { occurredAt: '2026-02-30T25:00', tzOffset: '+07:00' } })).to.deep.equal(['occurredAt']);
  });

  it('consumes input lots in a blend, refuses to take more than a lot holds, and links one step back', async () => {
    const input = (await t.services.traceability.byLot(lot))!;
    expect(String(input.available)).to.equal('420500');
    const roast = (await t.services.catalog.productBySlug('roast'))!;
    let refused = false;
    try {
      await t.services.traceability.transform(memberA, { productId: roast.id, inputs: [{ lotCode: lot, quantity: '9999' }], quantity: '10', producedOn: '2026-03-03', occurredAt: '2026-03-03T10:00', tzOffset: '+07:00' }, ACTOR);
    } catch (err) {
      refused = (err as { fields: Record<string, string> }).fields['inputs.0.quantity'] === 'errors:field.notEnough';
    }
    expect(refused).to.equal(true);
    expect(String((await t.services.traceability.byLot(lot))!.available), 'nothing taken').to.equal('420500');
    const page = await request(t.app).get(`/en/trace/${blendLot}`);
    expect(page.text).to.contain(`href="/en/trace/${lot}"`);
    expect(page.text).to.contain('Doi Chang Coffee');
  });

  it('shows the public trace page in Arabic and Chinese with the timeline and a drawn map', async () => {
    const ar = await request(t.app).get(`/ar/trace/${lot}`);
    expect(ar.status).to.equal(200);
    expect(ar.text).to.match(/<html lang="ar" dir="rtl">/);
    expect(ar.text).to.contain('أرابيكا خضراء');
    expect(ar.text).to.match(/<time datetime="2026-01-09T23:30:00.000Z">[^<]*\(UTC\+07:00\)<\/time>/);
    expect(ar.text).to.match(/<polygon points="[\d. ,]+" class="site-map__plot">/);
    expect(ar.text).to.match(/<circle cx="[\d.]+" cy="[\d.]+"/);
    expect(ar.text).to.contain('integrity--ok');
    const zh = await request(t.app).get(`/zh-TW/trace/${lot.toLowerCase()}`);
    expect(zh.status).to.equal(200);
    expect((await request(t.app).get('/en/trace/NO-SUCH-LOT')).status).to.equal(404);
    expect((await request(t.app).get('/en/trace/%3Cscript%3E')).status).to.equal(404);
  });

  it('sends QR codes and Digital Links to the trace page in the reader’s language', async () => {
    const viaTrace = await request(t.app).get(`/trace/${lot}`).set('Accept-Language', 'zh-TW');
    expect(viaTrace.status).to.equal(302);
    expect(viaTrace.headers.location).to.equal(`/zh-TW/trace/${lot}`);
    const viaGs1 = await request(t.app).get(`/01/04006381333931/10/${blendLot}?17=260902`).set('Accept-Language', 'es');
    expect(viaGs1.headers.location).to.equal(`/es/trace/${blendLot}`);
    expect((await request(t.app).get(`/01/4006381333931/10/${blendLot}`)).status, 'a GTIN-13 is padded').to.equal(302);
    expect((await request(t.app).get(`/01/04006381333948/10/${blendLot}`)).status, 'another GTIN').to.equal(404);
    const qr = await request(t.app).get(`/trace/${blendLot}/qr.svg`);
    expect(qr.headers['content-type']).to.match(/image\/svg\+xml/);
    expect(String(qr.body ?? qr.text)).to.contain('<svg');
  });

  it('recalls a lot and the blend made from it: off sale, a notice in every language, a valid EPCIS record', async () => {
    const clock = createTestClock();
    const admin = await signIn(t.app, await makeCoordinator(t.services, clock), clock);
    const token = await csrfOf(admin);
    expect((await admin.post(`/admin/lots/${lot}/recall`).type('form').send({ _csrf: token, reason: '' })).status).to.equal(422);
    const res = await admin.post(`/admin/lots/${lot}/recall`).type('form').send({ _csrf: token, reason: 'Mould found in a retained sample.', descendants: 'on' });
    expect(res.status).to.equal(303);
    for (const code of [lot, blendLot]) {
      const b = (await t.services.traceability.byLot(code))!;
      expect(b.status, code).to.equal('recalled');
      expect(String(b.available)).to.equal('0');
      const record = (await t.services.traceRecord(code, 'ar'))!;
      expect(record.events[record.events.length - 1]!.type).to.equal('recall');
      expect(record.integrity.ok).to.equal(true);
    }
    const ar = await request(t.app).get(`/ar/trace/${blendLot}`);
    expect(ar.text).to.contain('class="notice notice--error recall"');
    expect(ar.text).not.to.contain('This lot has been recalled');
    expect((await request(t.app).get('/en/products/green')).text).not.to.contain(`/en/trace/${lot}"`);
    let transformed = true;
    try {
      const roast = (await t.services.catalog.productBySlug('roast'))!;
      await t.services.traceability.transform(memberA, { productId: roast.id, inputs: [{ lotCode: lot, quantity: '1' }], quantity: '4', producedOn: '2026-04-01', occurredAt: '2026-04-01T10:00', tzOffset: '+07:00' }, ACTOR);
    } catch {
      transformed = false;
    }
    expect(transformed, 'a recalled lot cannot be used').to.equal(false);
    const doc = (await request(t.app).get(`/trace/${blendLot}/epcis.json`)).body as object;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(path.join(paths.root, 'test', 'fixtures', 'epcis', 'EPCIS-JSON-Schema.json'), 'utf8')) as object;
    const valid = ajv.validate(schema, doc);
    expect(valid, JSON.stringify(ajv.errors)).to.equal(true);
    expect(JSON.stringify(doc)).to.contain('recalled');
    expect((await t.services.audit.list({ action: 'batch.recalled' }))[0]?.detail).to.deep.include({ lots: [lot, blendLot] });

    const range = await admin.get('/admin/exports/fsma.csv?from=2026-01-01&to=2026-01-31');
    expect(range.headers['content-type']).to.match(/text\/csv/);
    expect(range.text).to.contain(lot);
    expect(range.text, 'the blend happened in March').not.to.contain(blendLot);
    expect((await admin.get('/admin/exports/fsma.csv?from=2026-02-31&to=x')).status).to.equal(400);
    expect((await request(t.app).get('/admin/exports/fsma.csv?from=2026-01-01&to=2026-01-31')).status).to.equal(303);
  });

  it('detects any altered column, a deleted event and a moved head, on the page and in verify-chain', async () => {
    const ok = spawnSync('node', [cli], { env: env(), encoding: 'utf8' });
    expect(ok.status, ok.stdout + ok.stderr).to.equal(0);
    expect(ok.stdout).to.contain('3 of 3 batch records intact.');
    const batch = (await t.services.traceability.byLot(lot))!;
    const [first] = await t.services.traceability.events(batch.id);
    const columns: [string, unknown][] = [
      ['type', 'store'], ['occurred_at', '2026-01-11T00:00:00.000Z'], ['tz_offset', '+08:00'], ['location_kind', 'hub'], ['site_id', null],
      ['location_text', 'x'], ['actor_user_id', 999], ['actor_label', 'Someone'], ['quantity', '1'], ['attributes', '{"a":1}'],
      ['note', 'changed'], ['prev_hash', 'f'.repeat(64)], ['hash', '0'.repeat(64)], ['recorded_at', '2020-01-01T00:00:00.000Z'], ['seq', 9],
    ];
    for (const [column, value] of columns) {
      const original = (first as unknown as Record<string, unknown>)[column];
      await t.db('trace_events').where({ id: first!.id }).update({ [column]: value });
      const record = (await t.services.traceRecord(lot, 'en'))!;
      expect(record.integrity.ok, column).to.equal(false);
      const cmd = spawnSync('node', [cli], { env: env(), encoding: 'utf8' });
      expect(cmd.status, column).to.equal(1);
      expect(cmd.stdout).to.contain(`BROKEN  ${lot}`);
      await t.db('trace_events').where({ id: first!.id }).update({ [column]: original });
    }
    expect((await t.services.traceRecord(lot, 'en'))!.integrity.ok, 'restored').to.equal(true);
    const page = async () => (await request(t.app).get(`/en/trace/${lot}`)).text;
    const events = await t.db('trace_events').where({ batch_id: batch.id }).orderBy('seq');
    await t.db('trace_events').where({ id: events[events.length - 1].id }).delete();
    expect(await page()).to.contain('integrity--broken');
    expect(spawnSync('node', [cli], { env: env(), encoding: 'utf8' }).status).to.equal(1);
  });
});
