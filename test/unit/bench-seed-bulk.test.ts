import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Express } from 'express';
import request from 'supertest';
import { systemClock } from '#platform/clock.js';
import { loadConfig } from '#platform/config.js';
import { createDb, type Db } from '#platform/db/index.js';
import { createLogger } from '#platform/logger.js';
import { paths } from '#platform/paths.js';
import { createApp } from '#src/app.js';
import { createServices, type Services } from '#src/compose.js';
import { normalizeForSearch } from '#modules/catalog/search.js';
import { isValidPaymentReference } from '#modules/ordering/reference.js';

interface Seeded {
  counts: { batches: number; events: number; shipments: number; orders: { orders: number } };
  sampleLots: string[];
}
type SeedBulk = { seedLargeAlliance(dataDir: string, sizes: Record<string, number>): Promise<Seeded> };

const SIZES = { members: 8, products: 40, batches: 400, events: 1200, orders: 500, buyers: 3 };
const ACTOR = { userId: null, label: 'Bench', ctx: { actorId: null, actorEmail: '', ip: '' } };
const one = async <T>(db: Db, sql: string): Promise<T> => Object.values((await db.raw(sql))[0] as object)[0] as T;

// test/bench/seed-bulk.mjs writes the bench's large alliance past the services; this holds it to
// the services' rules on a small copy, so a change of those rules cannot leave the bench behind.
describe('bench: the bulk-seeded alliance keeps the rules of the services (SQLite)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let db: Db;
  let services: Services;
  let app: Express;
  let seeded: Seeded;

  before(async function () {
    dataDir = mkdtempSync(path.join(tmpdir(), 'terroir-bulk-'));
    const bulk = (await import(pathToFileURL(path.join(paths.root, 'test/bench/seed-bulk.mjs')).href)) as SeedBulk;
    seeded = await bulk.seedLargeAlliance(dataDir, SIZES);
    // Its own SQLite file whatever DATABASE_URL says: the bench runs on SQLite.
    const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', SESSION_SECRET: 'test-secret-test-secret-test-secret-42', PAGE_CACHE_SECONDS: '0' }) };
    db = createDb(config.database);
    services = createServices({ config, db, clock: systemClock, logger: createLogger('silent') });
    await services.settings.load();
    app = createApp({ config, db, logger: createLogger('silent'), clock: systemClock, services });
  });
  after(async () => {
    await db?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the sizes asked for, and every lot passes npm run verify-chain', async () => {
    expect(seeded.counts).to.deep.include({ batches: 400, events: 1200 });
    expect(seeded.counts.orders.orders).to.equal(500);
    const r = spawnSync(process.execPath, [path.join(paths.root, 'dist/src/cli/verify-chain.js')], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' }, encoding: 'utf8' });
    expect(r.stdout).to.contain('400 of 400 batch records intact.');
    expect(r.status).to.equal(0);
    expect(await one(db, `select count(*) from trace_events where type = 'ship_to_buyer'`)).to.equal(seeded.counts.shipments);
  });

  it('keeps stock, allocations, availability and order totals as placing and shipping keep them', async () => {
    const broken = {
      stock: `select count(*) from batches b where b.quantity - b.available <> coalesce((select sum(a.quantity) from allocations a where a.batch_id = b.id and a.status not in ('declined', 'cancelled')), 0)`,
      below: `select count(*) from batches where available < 0`,
      lines: `select count(*) from order_lines l where l.quantity <> (select sum(a.quantity) from allocations a where a.order_line_id = l.id)`,
      pooled: `select count(*) from member_products mp where mp.available_qty <> coalesce((select sum(b.available) from batches b where b.member_id = mp.member_id and b.product_id = mp.product_id and b.status = 'available'), 0)`,
      subtotal: `select count(*) from orders o where o.subtotal_minor <> (select sum(line_total_minor) from order_lines where order_id = o.id)`,
      total: `select count(*) from orders where total_minor <> subtotal_minor + shipping_minor + tax_minor`,
      shipped: `select count(*) from allocations a join orders o on o.id = a.order_id where (o.status = 'cancelled') <> (a.status = 'cancelled')`,
      shipments: `select count(*) from batches b where (select count(*) from allocations a where a.batch_id = b.id and a.status = 'shipped') <> (select count(*) from trace_events e where e.batch_id = b.id and e.type = 'ship_to_buyer')`,
    };
    for (const [name, sql] of Object.entries(broken)) expect(await one(db, sql), name).to.equal(0);
    expect(await one(db, `select count(*) from orders where status = 'cancelled'`)).to.be.greaterThan(0);
    expect(await one(db, `select count(distinct status) from orders`)).to.equal(3);
  });

  it('numbers orders without gaps per year, with valid payment references and counters that carry on', async () => {
    const orders: { number: string; payment_reference: string }[] = await db('orders').orderBy('id').select('number', 'payment_reference');
    const counters = new Map((await db('order_counters').select('year', 'last')).map((c: { year: number; last: number }) => [c.year, c.last]));
    const seen = new Map<number, number>();
    for (const o of orders) {
      const [, year, seq] = /^T-(\d{4})-(\d{6})$/.exec(o.number)!.map(Number) as [number, number, number];
      expect(seq, o.number).to.equal((seen.get(year) ?? 0) + 1);
      seen.set(year, seq);
      expect(isValidPaymentReference(o.payment_reference), o.payment_reference).to.equal(true);
    }
    expect(counters).to.deep.equal(seen);
  });

  it('indexes every translation for search as the catalog service does', async () => {
    const rows: { name: string; description: string; text: string }[] = await db('product_translations as t')
      .join('product_search as s', (j) => j.on('s.product_id', 't.product_id').andOn('s.locale', 't.locale'))
      .select('t.name', 't.description', 's.text');
    expect(rows).to.have.length(SIZES.products * 6);
    for (const r of rows) expect(r.text).to.equal(normalizeForSearch(`${r.name} ${r.description}`));
    await db.raw(`insert into product_search_fts(product_search_fts, rank) values ('integrity-check', 1)`);
    const search = await request(app).get(`/zh-TW/products?q=${encodeURIComponent('咖啡')}`);
    expect(search.text).to.contain('/products/bench-coffee-');
  });

  it('renders the trace pages of bulk lots with an intact record and no order number', async () => {
    expect(seeded.sampleLots.length).to.be.greaterThan(2);
    for (const lot of seeded.sampleLots) {
      const res = await request(app).get(`/en/trace/${encodeURIComponent(lot)}`);
      expect(res.status, lot).to.equal(200);
      expect(res.text, lot).to.contain('integrity--ok');
      expect(res.text, lot).not.to.match(/T-\d{4}-\d{6}/);
    }
  });

  it('lets the services carry on: a new lot gets the next free code of its prefix', async () => {
    const product = (await services.catalog.productBySlug('bench-coffee-1'))!;
    const memberId = (await db('member_products').where({ product_id: product.id }).orderBy('member_id').first<{ member_id: number }>('member_id')).member_id;
    const site = (await services.members.sites(memberId))[0]!;
    const day = '2025-06-02';
    const taken = Number(await one(db, `select count(*) from batches where lot_code like 'BC1-2025-%'`));
    const batch = await services.traceability.createBatch(memberId, { productId: product.id, sites: [{ siteId: site.id, shareBp: 10_000 }], producedOn: day, quantity: '5', harvest: { occurredAt: `${day}T07:00`, tzOffset: '+07:00' } }, ACTOR);
    expect(batch.lot_code).to.equal(`BC1-2025-${String(taken + 1).padStart(4, '0')}`);
  });
});
