// The large alliance of issue 8 (≈ 60 members, 3,000 products in six locales, 100,000 lots with
// 300,000 trace events, 200,000 past orders) in a minute or two instead of hours. What is small
// goes through the app's compiled services, as seed.mjs does it: the coop's settings, categories,
// members with their sites, buyers with a user and an address. The rest is written with
// better-sqlite3 in multi-row INSERTs inside a few transactions, after passing the same zod
// schemas and computing every derived column with the app's own compiled functions: product rows
// and search text (catalog), lot rows, lot codes and the hash-chained events (traceability), the
// past orders (seed-bulk-orders.mjs). Audit-log rows and emails of that history are not written.
// SQLite only; the database must be freshly migrated (it is, here).
import Database from 'better-sqlite3';
import { parseScaledDecimal, scaledToDecimalString } from '../../dist/src/platform/decimal.js';
import { parseOrThrow } from '../../dist/src/platform/http/validation.js';
import { createProductSchema } from '../../dist/src/modules/catalog/catalog.schemas.js';
import { displayCurrency } from '../../dist/src/modules/catalog/pricing.js';
import { normalizeForSearch, spreadForShortTerms } from '../../dist/src/modules/catalog/search.js';
import { eventHash } from '../../dist/src/modules/traceability/hash-chain.js';
import { batchInputSchema, eventInputSchema, toUtc } from '../../dist/src/modules/traceability/traceability.schemas.js';
import { TZ, addDays, eventsFor, openServices, productInput, seedCoop, seedMembers } from './seed.mjs';
import { DAY_MS, planOrders } from './seed-bulk-orders.mjs';

export const LARGE = { members: 60, products: 3000, batches: 100_000, events: 300_000, orders: 200_000, buyers: 200 };
/** Lots are harvested over 540 days, up to 20 days ago; the orders cover the past year. */
const HARVEST_DAYS = 540;
const FIRST_HARVEST_DAYS_AGO = 560;
const LOT_QUANTITY = '120';
const SYSTEM = { actorId: null, actorEmail: 'bench', ip: '' };

/** The selling settings of orders-seed.mjs (configureSelling), routed by freshness. */
async function configureSelling(settings) {
  await settings.set('coop.baseCurrency', 'USD');
  await settings.set('shop.zones', [
    { id: 'eu', countries: ['ES', 'FR', 'DE', 'IT', 'NL'], brackets: [{ upToG: 10_000, priceMinor: '4500' }, { upToG: 100_000, priceMinor: '18000' }, { upToG: 1_000_000, priceMinor: '95000' }] },
    { id: 'th', countries: ['TH'], brackets: [{ upToG: 1_000_000, priceMinor: '1500' }] },
  ]);
  await settings.set('shop.taxRules', [{ zoneId: 'th', rateBp: 700 }]);
  await settings.set('shop.incoterms', [{ code: 'EXW', place: '' }, { code: 'FCA', place: 'Chiang Mai airport' }, { code: 'DAP', place: '' }]);
  await settings.set('allocation.policy', 'freshness');
}

/** Buyers as orders-seed.mjs makes them: an organisation in Madrid with one user and one address. */
async function seedBuyers(services, count) {
  const buyers = [];
  for (let i = 1; i <= count; i++) {
    const buyer = await services.accounts.createBuyer({ kind: 'organisation', name: `Bench Buyer ${i}`, country: 'ES', locale: 'en', displayCurrency: 'EUR' });
    const email = `bench-buyer-${i}@example.test`;
    const user = await services.accounts.createUser({ email, password: 'correct horse battery staple', displayName: `Buyer ${i}`, role: 'buyer', buyerId: buyer.id, locale: 'en' });
    const a = await services.accounts.addresses.add(buyer.id, { recipient: `Buyer ${i}`, line1: 'Calle de Atocha 27', city: 'Madrid', postalCode: '28012', country: 'ES', label: '' }, SYSTEM);
    // The order's snapshot of the address, built as checkout builds it.
    const address = { recipient: a.recipient, line1: a.line1, line2: a.line2, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country, phone: a.phone };
    buyers.push({ buyerId: buyer.id, userId: user.id, email, name: buyer.name, country: buyer.country, address });
  }
  return buyers;
}

/** Everything small, through the services; returns what the bulk part needs to know of it. */
async function seedThroughServices(dataDir, sizes) {
  const { config, db, services } = await openServices(dataDir);
  try {
    await seedCoop(services);
    await configureSelling(services.settings);
    const members = await seedMembers(services, sizes.members);
    const buyers = await seedBuyers(services, sizes.buyers);
    const s = services.settings;
    const zone = s.get('shop.zones').find((z) => z.countries.includes('ES'));
    const categories = new Map((await services.catalog.categories('en')).map((c) => [c.slug, c.id]));
    return {
      file: config.database.filename,
      members,
      buyers,
      categories,
      hub: s.get('shop.hub'),
      tzOffset: s.get('coop.tzOffset'),
      sell: {
        currency: s.get('coop.baseCurrency'),
        shown: (({ code, rateE6 }) => ({ code, rateE6: rateE6.toString() }))(displayCurrency(s, 'EUR', s.get('coop.baseCurrency'))),
        zone: { id: zone.id, brackets: zone.brackets.map((b) => ({ upToG: b.upToG, priceMinor: BigInt(b.priceMinor) })) },
        taxRateBp: s.get('shop.taxRules').find((r) => r.zoneId === zone.id)?.rateBp ?? 0,
      },
    };
  } finally {
    await db.destroy();
  }
}

/** Multi-row INSERTs of objects' `columns`, a prepared statement per chunk size. */
function inserter(sql, table, columns, maxRows = 250) {
  const rowsPerStatement = Math.max(1, Math.min(maxRows, Math.floor(30_000 / columns.length)));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements = new Map();
  const statement = (n) => {
    if (!statements.has(n)) statements.set(n, sql.prepare(`insert into ${table} (${columns.join(', ')}) values ${Array(n).fill(tuple).join(', ')}`));
    return statements.get(n);
  };
  let pending = [];
  let count = 0;
  const flush = () => {
    if (pending.length) statement(pending.length).run(pending.flatMap((row) => columns.map((c) => row[c])));
    pending = [];
  };
  return {
    add(row) {
      pending.push(row);
      count++;
      if (pending.length === rowsPerStatement) flush();
    },
    done() {
      flush();
      return count;
    },
  };
}

const PRODUCT_COLUMNS = ['id', 'slug', 'category_id', 'unit', 'unit_decimals', 'net_weight_g', 'gtin', 'hs_code', 'attributes', 'price_minor', 'currency', 'moq', 'order_step', 'status', 'featured', 'created_at', 'updated_at'];

/** Products as catalog.service.ts `save` writes them, with their translations, suppliers and search rows (both indexes). */
function insertCatalog(sql, count, base, now) {
  const ins = {
    products: inserter(sql, 'products', PRODUCT_COLUMNS),
    translations: inserter(sql, 'product_translations', ['product_id', 'locale', 'name', 'description']),
    suppliers: inserter(sql, 'member_products', ['member_id', 'product_id']),
    search: inserter(sql, 'product_search', ['id', 'product_id', 'locale', 'text']),
    short: inserter(sql, 'product_search_short', ['rowid', 'text']),
  };
  let searchId = 1;
  const products = [];
  for (let i = 0; i < count; i++) {
    const { input, kind, suppliers } = productInput(i, base.members);
    const d = parseOrThrow(createProductSchema, input);
    const id = i + 1;
    ins.products.add({
      id, slug: d.slug, category_id: base.categories.get(d.categorySlug), unit: d.unit, unit_decimals: d.unitDecimals, net_weight_g: d.netWeightG,
      gtin: null, hs_code: d.hsCode ?? null, attributes: JSON.stringify(d.attributes), price_minor: d.priceMinor.toString(), currency: d.currency,
      moq: d.moq.toString(), order_step: d.orderStep.toString(), status: d.status, featured: d.featured ? 1 : 0, created_at: now, updated_at: now,
    });
    for (const [locale, tr] of Object.entries(d.translations)) {
      ins.translations.add({ product_id: id, locale, name: tr.name, description: tr.description });
      const text = normalizeForSearch(`${tr.name} ${tr.description}`);
      ins.short.add({ rowid: searchId, text: spreadForShortTerms(text) });
      ins.search.add({ id: searchId++, product_id: id, locale, text });
    }
    for (const member_id of d.supplierMemberIds) ins.suppliers.add({ member_id, product_id: id });
    const priced = { id, unitDecimals: d.unitDecimals, netWeightG: d.netWeightG, priceMinor: d.priceMinor, tiers: [], moq: d.moq, orderStep: d.orderStep };
    products.push({ id, slug: d.slug, kind, suppliers, priced, moq: d.moq, unit: d.unit, unitDecimals: d.unitDecimals, hsCode: d.hsCode ?? '', name: d.translations.en.name });
  }
  for (const i of Object.values(ins)) i.done();
  return products;
}

/** As traceability.service.ts `newLotCode`: the initials of the product slug's words, the year, a number per prefix. */
const lotPrefix = (slug, day) => `${slug.split('-').map((w) => w[0]?.toUpperCase() ?? '').join('').slice(0, 4) || 'LOT'}-${day.slice(0, 4)}-`;

/**
 * Lot i is the ⌊i / products⌋-th of product i mod products, from its suppliers in turn; a
 * product's lots are harvested evenly over HARVEST_DAYS, oldest first.
 */
function planLots(count, products, nowMs) {
  const perProduct = Math.ceil(count / products.length);
  const firstDay = new Date(nowMs - FIRST_HARVEST_DAYS_AGO * DAY_MS).toISOString().slice(0, 10);
  const numbers = new Map();
  const lots = [];
  const lotsByProduct = products.map(() => []);
  for (let i = 0; i < count; i++) {
    const p = i % products.length;
    const k = Math.floor(i / products.length);
    const product = products[p];
    const member = product.suppliers[k % product.suppliers.length];
    const producedOn = addDays(firstDay, Math.floor((k * HARVEST_DAYS) / perProduct));
    const prefix = lotPrefix(product.slug, producedOn);
    numbers.set(prefix, (numbers.get(prefix) ?? 0) + 1);
    const lot = {
      id: i + 1, lotCode: `${prefix}${String(numbers.get(prefix)).padStart(4, '0')}`, product, memberId: member.id, member, producedOn,
      producedMs: Date.parse(`${producedOn}T00:00:00Z`), quantity: parseScaledDecimal(LOT_QUANTITY, product.unitDecimals), touchedMs: 0, shipments: [],
    };
    lot.available = lot.quantity;
    lots.push(lot);
    lotsByProduct[p].push(lot);
  }
  return { lots, lotsByProduct };
}

const offsetMs = (offset) => (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;

/** As traceability.service.ts `append`: validates the event, chains it to the lot's head and returns the row. */
function chained(lot, input, { id, actorLabel, siteIds, recordedAt }) {
  const data = parseOrThrow(eventInputSchema, input);
  const occurredAt = toUtc(data.occurredAt, data.tzOffset);
  const quantity = data.quantity ? parseScaledDecimal(data.quantity, lot.product.unitDecimals) : null;
  if (!occurredAt || quantity === undefined || (data.siteId !== null && !siteIds.has(data.siteId))) throw new Error(`lot ${lot.lotCode}: an invalid ${data.type} event`);
  const row = {
    batch_id: lot.id, seq: lot.lastSeq + 1, type: data.type, occurred_at: occurredAt, tz_offset: data.tzOffset, location_kind: data.locationKind,
    site_id: data.siteId, location_text: data.locationText, actor_user_id: null, actor_label: actorLabel, quantity: quantity === null ? null : quantity.toString(),
    attributes: JSON.stringify(data.attributes), corrects_event_id: data.correctsEventId, note: data.note, prev_hash: lot.headHash, recorded_at: recordedAt,
  };
  const hash = eventHash({ ...row, id });
  lot.lastSeq = row.seq;
  lot.headHash = hash;
  return { id, ...row, hash };
}

/** A lot's history: the harvest (as createBatch writes it), `fillers` of seed.mjs's events, then one ship_to_buyer per shipment. */
function lotEvents(lot, data, fillers, base, nextId) {
  const later = (occurredAt, tz) => new Date(Date.parse(toUtc(occurredAt, tz)) + 2 * 3_600_000).toISOString();
  const own = { actorLabel: lot.member.name, siteIds: new Set([lot.member.siteId]) };
  const harvest = { ...data.harvest, type: 'harvest', locationKind: 'site', siteId: data.harvest.siteId ?? data.sites[0].siteId, quantity: data.quantity };
  const rows = [chained(lot, harvest, { ...own, id: nextId(), recordedAt: later(harvest.occurredAt, harvest.tzOffset) })];
  for (const e of eventsFor(data.producedOn, lot.member.siteId).slice(0, fillers)) rows.push(chained(lot, e, { ...own, id: nextId(), recordedAt: later(e.occurredAt, e.tzOffset) }));
  const hub = { actorLabel: base.hub.name, siteIds: new Set() };
  for (const s of lot.shipments) {
    const local = new Date(s.shippedMs + offsetMs(base.tzOffset)).toISOString().slice(0, 16);
    const e = { type: 'ship_to_buyer', occurredAt: local, tzOffset: base.tzOffset, locationKind: 'hub', locationText: base.hub.name, quantity: scaledToDecimalString(s.qty, lot.product.unitDecimals), attributes: { order: s.number, destination: s.destination }, note: '' };
    rows.push(chained(lot, e, { ...hub, id: nextId(), recordedAt: new Date(s.shippedMs).toISOString() }));
  }
  return rows;
}

const BATCH_COLUMNS = ['id', 'lot_code', 'product_id', 'member_id', 'status', 'produced_on', 'produced_until', 'packed_on', 'best_before', 'quantity', 'available', 'grade', 'last_seq', 'head_hash', 'recalled_at', 'created_at', 'updated_at'];
const EVENT_COLUMNS = ['id', 'batch_id', 'seq', 'type', 'occurred_at', 'tz_offset', 'location_kind', 'site_id', 'location_text', 'actor_user_id', 'actor_label', 'quantity', 'attributes', 'corrects_event_id', 'note', 'prev_hash', 'hash', 'recorded_at'];

/**
 * Writes the lots (input as seed.mjs gives createBatch), their sites and events. Besides the
 * harvests and shipments, `fillerEvents` more (process, test, pack) go to the first lots, three each.
 */
function insertLots(sql, lots, fillerEvents, base) {
  const ins = { batches: inserter(sql, 'batches', BATCH_COLUMNS), sites: inserter(sql, 'batch_sites', ['batch_id', 'site_id', 'share_bp']), events: inserter(sql, 'trace_events', EVENT_COLUMNS) };
  let eventId = 1;
  for (const [i, lot] of lots.entries()) {
    const day = lot.producedOn;
    const data = parseOrThrow(batchInputSchema, {
      productId: lot.product.id, lotCode: lot.lotCode, sites: [{ siteId: lot.member.siteId, shareBp: 10_000 }], producedOn: day, packedOn: addDays(day, 14),
      quantity: LOT_QUANTITY, status: 'available', harvest: { occurredAt: `${day}T06:30`, tzOffset: TZ, note: '' },
    });
    Object.assign(lot, { lastSeq: 0, headHash: '' });
    const events = lotEvents(lot, data, Math.max(0, Math.min(3, fillerEvents - 3 * i)), base, () => eventId++);
    const created = events[0].recorded_at;
    const updated = new Date(Math.max(Date.parse(events[events.length - 1].recorded_at), lot.touchedMs)).toISOString();
    ins.batches.add({
      id: lot.id, lot_code: data.lotCode, product_id: lot.product.id, member_id: lot.memberId, status: data.status, produced_on: day, produced_until: data.producedUntil,
      packed_on: data.packedOn, best_before: data.bestBefore, quantity: lot.quantity.toString(), available: lot.available.toString(), grade: data.grade,
      last_seq: lot.lastSeq, head_hash: lot.headHash, recalled_at: null, created_at: created, updated_at: updated,
    });
    for (const s of data.sites) ins.sites.add({ batch_id: lot.id, site_id: s.siteId, share_bp: s.shareBp });
    for (const e of events) ins.events.add(e);
  }
  return { batches: ins.batches.done(), events: ins.events.done(), sites: ins.sites.done() };
}

function insertOrders(sql, plan) {
  const all = (table, rows) => {
    if (!rows.length) return 0;
    const ins = inserter(sql, table, Object.keys(rows[0]));
    for (const r of rows) ins.add(r);
    return ins.done();
  };
  const counts = { orders: all('orders', plan.orders), lines: all('order_lines', plan.lines), allocations: all('allocations', plan.allocations), events: all('order_events', plan.events) };
  all('order_counters', [...plan.counters].map(([year, last]) => ({ year, last })));
  return counts;
}

/** Pooled availability as traceability.queries.ts `refreshAvailability` keeps it, for every pair at once. */
const REFRESH_AVAILABILITY = `update member_products set available_qty = coalesce((select sum(b.available) from batches b
  where b.member_id = member_products.member_id and b.product_id = member_products.product_id and b.status = 'available'), 0)`;

/** Seeds the large alliance into `dataDir`; returns the counts, the time taken and pages worth visiting. */
export async function seedLargeAlliance(dataDir, sizes = LARGE) {
  const t0 = performance.now();
  const nowMs = Date.now();
  const base = await seedThroughServices(dataDir, sizes);
  const t1 = performance.now();
  const sql = new Database(base.file);
  try {
    sql.pragma('journal_mode = WAL');
    sql.pragma('synchronous = OFF'); // a seed that dies is thrown away; the server runs with FULL
    sql.pragma('foreign_keys = OFF'); // parents and children flush in separate chunks; checked below
    sql.pragma('cache_size = -262144'); // 256 MiB: the indexes being filled stay in memory
    if (sql.prepare('select count(*) as n from batches').get().n || sql.prepare('select count(*) as n from products').get().n) throw new Error('seed-bulk needs a fresh database');
    const now = new Date(nowMs).toISOString();
    const products = sql.transaction(() => insertCatalog(sql, sizes.products, base, now))();
    const { lots, lotsByProduct } = planLots(sizes.batches, products, nowMs);
    const plan = planOrders(sizes.orders, { ...base.sell, buyers: base.buyers, products, lotsByProduct, nowMs });
    const shipments = lots.reduce((n, l) => n + l.shipments.length, 0);
    const t2 = performance.now();
    const written = sql.transaction(() => insertLots(sql, lots, sizes.events - lots.length - shipments, base))();
    const orders = sql.transaction(() => insertOrders(sql, plan))();
    sql.exec(REFRESH_AVAILABILITY);
    const broken = sql.pragma('foreign_key_check');
    if (broken.length) throw new Error(`seed-bulk broke ${broken.length} foreign keys, e.g. ${JSON.stringify(broken[0])}`);
    sql.pragma('wal_checkpoint(TRUNCATE)');
    const t3 = performance.now();
    const busiest = lots.reduce((a, b) => (b.shipments.length > a.shipments.length ? b : a));
    return {
      seconds: { total: (t3 - t0) / 1000, services: (t1 - t0) / 1000, catalogAndPlan: (t2 - t1) / 1000, lotsAndOrders: (t3 - t2) / 1000 },
      counts: { members: base.members.length, buyers: base.buyers.length, products: products.length, ...written, shipments, orders },
      targets: { productSlug: products[0].slug, memberSlug: products[0].suppliers[0].slug, lotCode: lots[0].lotCode },
      // Lots for the trace-page check: the first, one with the most shipments, a middle one, the last.
      sampleLots: [...new Set([lots[0], busiest, lots[Math.floor(lots.length / 2)], lots[lots.length - 1]].map((l) => l.lotCode))],
    };
  } finally {
    sql.close();
  }
}
