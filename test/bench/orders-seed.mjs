// What the order workload needs, seeded through the same compiled services as the rest:
// the coop's selling settings (as test/helpers/shop.ts `configureShop` sets them), buyers with a
// user and a saved address each, a second member's batch for a few products so their lines are
// routed across two members, and one product with little stock for the sell-out check.

export const BUYER_PASSWORD = 'correct horse battery staple';
/** Units per new batch of the throughput products: far more than any run can sell. */
export const BIG_BATCH = '100000';
/** The sell-out product gets this much more from its second member (on top of its seeded 120s). */
export const SCARCE_BATCH = '30';
const ORDER_PRODUCTS = 8;
const TZ = '+07:00';

/** The same selling settings as configureShop in test/helpers/shop.ts (the rates are the seed's own). */
async function configureSelling(settings) {
  await settings.set('coop.baseCurrency', 'USD');
  await settings.set('coop.seller', { legalName: 'Bench Alliance Co., Ltd.', address: '99 Moo 3, Mae Rim, Chiang Mai 50180', country: 'TH', taxId: 'TH0505561001234', email: 'orders@bench.test' });
  await settings.set('shop.zones', [
    { id: 'eu', countries: ['ES', 'FR', 'DE', 'IT', 'NL'], brackets: [{ upToG: 10_000, priceMinor: '4500' }, { upToG: 100_000, priceMinor: '18000' }, { upToG: 1_000_000, priceMinor: '95000' }] },
    { id: 'th', countries: ['TH'], brackets: [{ upToG: 1_000_000, priceMinor: '1500' }] },
  ]);
  await settings.set('shop.taxRules', [{ zoneId: 'th', rateBp: 700 }]);
  await settings.set('shop.incoterms', [
    { code: 'EXW', place: '' },
    { code: 'FCA', place: 'Chiang Mai airport' },
    { code: 'DAP', place: '' },
  ]);
  await settings.set('shop.bankDetails', { USD: 'Bangkok Bank, SWIFT BKKBTHBK, account 123-4-56789-0', EUR: 'IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX' });
  await settings.set('allocation.policy', 'fairShare');
}

/**
 * Products for the order workload: from the end of the catalog, never one whose suppliers include
 * the member page's member (`avoidMemberId`), so the pages the read workloads time stay as they were.
 */
function pickProducts(products, avoidMemberId) {
  const picked = [];
  for (let i = products.length - 1; i > 0 && picked.length < ORDER_PRODUCTS + 1; i--) {
    const p = products[i];
    if (p.suppliers.length < 2 || p.suppliers.some((m) => m.id === avoidMemberId)) continue;
    picked.push(p);
  }
  if (picked.length < ORDER_PRODUCTS + 1) throw new Error('not enough products for the order workload (BENCH_PRODUCTS too small?)');
  // The sell-out product is sold by the piece (whole units, MOQ 1), the others are whatever comes.
  const scarceAt = picked.findIndex((p) => p.kind.unitDecimals === 0);
  const [scarce] = picked.splice(scarceAt, 1);
  return { orderProducts: picked.slice(0, ORDER_PRODUCTS), scarce };
}

async function addBatch(services, member, product, quantity) {
  const actor = { userId: null, label: member.name, ctx: { actorId: null, actorEmail: 'bench', ip: '' } };
  const day = '2025-11-01';
  const batch = await services.traceability.createBatch(
    member.id,
    { productId: product.id, sites: [{ siteId: member.siteId, shareBp: 10_000 }], producedOn: day, quantity, status: 'available', harvest: { occurredAt: `${day}T06:30`, tzOffset: TZ, note: '' } },
    actor,
  );
  return batch.id;
}

async function seedBuyers(services, count) {
  const ctx = { actorId: null, actorEmail: 'bench', ip: '' };
  const buyers = [];
  for (let i = 1; i <= count; i++) {
    const buyer = await services.accounts.createBuyer({ kind: 'organisation', name: `Bench Buyer ${i}`, country: 'ES', locale: 'en', displayCurrency: 'EUR' });
    const email = `bench-buyer-${i}@example.test`;
    await services.accounts.createUser({ email, password: BUYER_PASSWORD, displayName: `Buyer ${i}`, role: 'buyer', buyerId: buyer.id, locale: 'en' });
    const address = await services.accounts.addresses.add(buyer.id, { recipient: `Buyer ${i}`, line1: 'Calle de Atocha 27', city: 'Madrid', postalCode: '28012', country: 'ES', label: '' }, ctx);
    buyers.push({ email, buyerId: buyer.id, addressId: address.id });
  }
  return buyers;
}

/**
 * @param products [{id, slug, kind, suppliers: [member…]}] as seedProducts made them
 * @returns the buyers and, per buyer, the two lines its cart is refilled with
 */
export async function seedOrdering(services, { products, avoidMemberId, buyers: buyerCount }) {
  await configureSelling(services.settings);
  const { orderProducts, scarce } = pickProducts(products, avoidMemberId);
  // Seeded batches come from each product's first supplier; the second supplier gets one big
  // batch of every throughput product, so fair share splits their lines between two members.
  let extraBatches = 0;
  for (const p of orderProducts) {
    await addBatch(services, p.suppliers[1], p, BIG_BATCH);
    extraBatches += 1;
    await addBatch(services, p.suppliers[0], p, BIG_BATCH);
    extraBatches += 1;
  }
  await addBatch(services, scarce.suppliers[1], scarce, SCARCE_BATCH);
  extraBatches += 1;
  const buyers = await seedBuyers(services, buyerCount);
  const K = orderProducts.length;
  for (const [i, b] of buyers.entries()) {
    // Two different products per cart (so at least two, usually four, members per order).
    const first = orderProducts[i % K];
    const second = orderProducts[(i + 1 + (Math.floor(i / K) % (K - 1))) % K];
    b.lines = [
      { productId: first.id, qty: String(1 + (i % 3)) },
      { productId: second.id, qty: '1' },
    ];
    b.scarceLine = { productId: scarce.id, qty: String(1 + (i % 3)) };
  }
  return {
    buyers,
    orderProducts: orderProducts.map((p) => ({ id: p.id, slug: p.slug, unit: p.kind.unit, members: p.suppliers.map((m) => m.id) })),
    scarce: { id: scarce.id, slug: scarce.slug, unit: scarce.kind.unit, members: scarce.suppliers.map((m) => m.id) },
    extraBatches,
  };
}
