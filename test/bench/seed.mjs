// Fills an empty DATA_DIR with a synthetic alliance through the app's own compiled services, so
// every row obeys the same rules (validation, hash chain, audit) as data entered by people.
import { loadConfig } from '../../dist/src/platform/config.js';
import { createDb, migrateLatest } from '../../dist/src/platform/db/index.js';
import { createLogger } from '../../dist/src/platform/logger.js';
import { systemClock } from '../../dist/src/platform/clock.js';
import { createServices } from '../../dist/src/compose.js';
import { DEMO_CATEGORIES } from '../../dist/src/cli/demo/data-catalog.js';
import { KINDS, ORIGINS, memberStory, productTranslations } from './words.mjs';
import { seedOrdering } from './orders-seed.mjs';

export const TZ = '+07:00';
const rate = (rateE6) => ({ rateE6, date: '2026-11-20' });

export function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The coop's name, display rates and the demo categories: what both seeds start from. */
export async function seedCoop(services) {
  await services.settings.load();
  await services.settings.set('coop.name', 'Bench Alliance');
  await services.settings.set('coop.rates', { EUR: rate('920000'), TWD: rate('32400000'), CNY: rate('7210000') });
  for (const category of DEMO_CATEGORIES) await services.catalog.createCategory(category);
}

export async function seedMembers(services, count) {
  const members = [];
  for (let i = 1; i <= count; i++) {
    const m = await services.members.create({
      slug: `bench-producers-${i}`,
      name: `Bench Producers’ Group ${i}`,
      country: 'TH',
      region: 'Chiang Rai',
      locality: `Village ${i}`,
      status: 'active',
      story: memberStory(),
    });
    const lat = (19.5 + (i % 50) / 100).toFixed(6);
    const lon = (99.5 + (i % 40) / 100).toFixed(6);
    const site = await services.members.addSite(m.id, { name: `Plot ${i}`, country: 'TH', areaHa: '2.5', latitude: lat, longitude: lon });
    members.push({ id: m.id, slug: m.slug, name: m.name, siteId: site.id });
  }
  return members;
}

/** Product number i (from 0) as the catalog service takes it, with its kind and two suppliers. */
export function productInput(i, members) {
  const kind = KINDS[i % KINDS.length];
  const origin = Math.floor(i / KINDS.length) % ORIGINS.en.length;
  const suppliers = [...new Set([members[i % members.length], members[(i + 7) % members.length]])];
  const input = {
    slug: `bench-${kind.category}-${i + 1}`,
    categorySlug: kind.category,
    unit: kind.unit,
    unitDecimals: kind.unitDecimals,
    netWeightG: kind.unit === 'kg' ? 1000 : 250,
    priceMinor: 500 + ((i * 37) % 4000),
    currency: 'USD',
    moq: kind.moq,
    orderStep: kind.moq,
    status: 'active',
    featured: i % 25 === 0,
    translations: productTranslations(kind, origin, i + 1),
    supplierMemberIds: suppliers.map((m) => m.id),
  };
  return { input, kind, suppliers };
}

async function seedProducts(services, count, members) {
  const products = [];
  for (let i = 0; i < count; i++) {
    const { input, kind, suppliers } = productInput(i, members);
    const p = await services.catalog.createProduct(input);
    products.push({ id: p.id, slug: p.slug, supplier: suppliers[0], suppliers, kind });
  }
  return products;
}

/** The events after the harvest that every batch of the normal seed gets. */
export const eventsFor = (day, siteId) => [
  { type: 'process', occurredAt: `${addDays(day, 1)}T08:00`, tzOffset: TZ, siteId, attributes: { method: 'washed' }, note: '' },
  { type: 'test', occurredAt: `${addDays(day, 10)}T10:00`, tzOffset: TZ, siteId, attributes: { moisturePct: '10.9' }, note: '' },
  { type: 'pack', occurredAt: `${addDays(day, 14)}T09:00`, tzOffset: TZ, siteId, attributes: {}, note: '' },
];

async function seedBatches(services, count, products) {
  const lots = [];
  for (let i = 0; i < count; i++) {
    const product = products[i % products.length];
    const { supplier } = product;
    const actor = { userId: null, label: supplier.name, ctx: { actorId: null, actorEmail: 'bench', ip: '' } };
    const day = addDays('2025-06-01', i % 150);
    const batch = await services.traceability.createBatch(
      supplier.id,
      {
        productId: product.id,
        sites: [{ siteId: supplier.siteId, shareBp: 10_000 }],
        producedOn: day,
        packedOn: addDays(day, 14),
        quantity: '120',
        status: 'available',
        harvest: { occurredAt: `${day}T06:30`, tzOffset: TZ, note: '' },
      },
      actor,
    );
    for (const event of eventsFor(day, supplier.siteId)) await services.traceability.addEvent(batch.id, event, actor);
    if (i < products.length) lots.push(batch.lot_code);
  }
  return lots;
}

/** The app's own services on a migrated SQLite file in `dataDir` (the caller destroys `db`). */
export async function openServices(dataDir) {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const db = createDb(config.database);
  await migrateLatest(db);
  return { config, db, services: createServices({ config, db, clock: systemClock, logger: createLogger('warn') }) };
}

/** Seeds the alliance; returns the sizes, the time taken and the pages the bench will visit. */
export async function seedAlliance(dataDir, sizes) {
  const started = performance.now();
  const { db, services } = await openServices(dataDir);
  try {
    await seedCoop(services);
    const t0 = performance.now();
    const members = await seedMembers(services, sizes.members);
    const products = await seedProducts(services, sizes.products, members);
    const t1 = performance.now();
    const lots = await seedBatches(services, sizes.batches, products);
    const t2 = performance.now();
    // After the read workloads' data, so their pages are the same as without it (see orders-seed.mjs).
    const ordering = await seedOrdering(services, { products, avoidMemberId: products[0].supplier.id, buyers: sizes.buyers });
    const t3 = performance.now();
    return {
      seconds: { total: (t3 - started) / 1000, membersAndProducts: (t1 - t0) / 1000, batchesAndEvents: (t2 - t1) / 1000, ordering: (t3 - t2) / 1000 },
      targets: { productSlug: products[0].slug, memberSlug: products[0].supplier.slug, lotCode: lots[0] },
      ordering,
    };
  } finally {
    await db.destroy();
  }
}
