import type { Services } from '#src/compose.js';
import type { TraceActor } from '#modules/traceability/traceability.service.js';
import { makeCategory, makeMember, makeProduct } from '#test/helpers/factories.js';

export const SYSTEM_ACTOR: TraceActor = { userId: null, label: 'Test', ctx: { actorId: null, actorEmail: '', ip: '' } };

/** The coop's selling settings: EU zone with weight brackets, Thailand with 7 % tax, DAP/EXW, EUR rate, bank details. */
export async function configureShop(s: Services): Promise<void> {
  await s.settings.set('coop.baseCurrency', 'USD');
  await s.settings.set('coop.rates', { EUR: { rateE6: '920000', date: '2026-11-20' } });
  await s.settings.set('coop.seller', { legalName: 'Doi Highlands Alliance Co., Ltd.', address: '99 Moo 3, Mae Rim, Chiang Mai 50180', country: 'TH', taxId: 'TH0505561001234', email: 'orders@doi.test' });
  await s.settings.set('shop.zones', [
    { id: 'eu', countries: ['ES', 'FR', 'DE', 'IT', 'NL'], brackets: [{ upToG: 10_000, priceMinor: '4500' }, { upToG: 100_000, priceMinor: '18000' }, { upToG: 1_000_000, priceMinor: '95000' }] },
    { id: 'th', countries: ['TH'], brackets: [{ upToG: 1_000_000, priceMinor: '1500' }] },
  ]);
  await s.settings.set('shop.taxRules', [{ zoneId: 'th', rateBp: 700 }]);
  await s.settings.set('shop.incoterms', [
    { code: 'EXW', place: '' },
    { code: 'FCA', place: 'Chiang Mai airport' },
    { code: 'DAP', place: '' },
  ]);
  await s.settings.set('shop.bankDetails', { USD: 'Bangkok Bank, SWIFT BKKBTHBK, account 123-4-56789-0', EUR: 'IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX' });
  await s.settings.set('allocation.policy', 'fairShare');
}

export interface Shop {
  members: number[];
  coffee: { id: number; slug: string };
  honey: { id: number; slug: string };
  tea: { id: number; slug: string };
  lots: Record<string, string>;
}

/** Three members, three products (one with volume tiers), batches of each from different members. */
export async function makeShop(s: Services, opts: { coffeeKg?: string[] } = {}): Promise<Shop> {
  await configureShop(s);
  const a = await makeMember(s, { slug: 'doi-chang', name: 'Doi Chang Coffee', country: 'TH' });
  const b = await makeMember(s, { slug: 'pang-khon', name: 'Pang Khon Growers', country: 'TH' });
  const c = await makeMember(s, { slug: 'mae-rim-bees', name: 'Mae Rim Bees', country: 'TH' });
  const site = async (memberId: number, lat: string, lon: string) => (await s.members.addSite(memberId, { name: 'Plot', country: 'TH', areaHa: '1', latitude: lat, longitude: lon })).id;
  const sites = { a: await site(a.id, '20.18', '99.63'), b: await site(b.id, '19.95', '99.71'), c: await site(c.id, '18.91', '98.94') };
  const cat = await makeCategory(s, `food-${Math.random().toString(36).slice(2, 8)}`);
  const coffee = await s.catalog.createProduct(
    {
      slug: `coffee-${Math.random().toString(36).slice(2, 8)}`,
      categorySlug: cat,
      unit: 'kg',
      unitDecimals: 3,
      netWeightG: 1000,
      hsCode: '090111',
      priceMinor: 1800,
      currency: 'USD',
      moq: 1000n,
      orderStep: 1000n,
      translations: { en: { name: 'Green arabica', description: 'Washed.' }, es: { name: 'Arábica verde', description: 'Lavado.' } },
      supplierMemberIds: [a.id, b.id],
    },
    [{ minQty: 20_000n, priceMinor: 1600n }],
  );
  const honey = await makeProduct(s, {
    slug: `honey-${Math.random().toString(36).slice(2, 8)}`,
    categorySlug: cat,
    unit: 'jar',
    unitDecimals: 0,
    netWeightG: 500,
    hsCode: '040900',
    priceMinor: 900,
    translations: { en: { name: 'Longan honey', description: 'Raw.' }, es: { name: 'Miel de longan', description: 'Cruda.' } },
    supplierMemberIds: [c.id],
  });
  const tea = await makeProduct(s, {
    slug: `tea-${Math.random().toString(36).slice(2, 8)}`,
    categorySlug: cat,
    hsCode: '090230',
    priceMinor: 3200,
    translations: { en: { name: 'Oolong tea', description: 'Rolled.' }, es: { name: 'Té oolong', description: 'Enrollado.' } },
    supplierMemberIds: [b.id],
  });
  const lots: Record<string, string> = {};
  const batch = async (key: string, memberId: number, siteId: number, productId: number, quantity: string, producedOn: string) => {
    const row = await s.traceability.createBatch(memberId, { productId, sites: [{ siteId, shareBp: 10_000 }], producedOn, quantity, harvest: { occurredAt: `${producedOn}T07:00`, tzOffset: '+07:00' } }, SYSTEM_ACTOR);
    lots[key] = row.lot_code;
  };
  const [coffeeA, coffeeB] = opts.coffeeKg ?? ['60', '40'];
  await batch('coffeeA', a.id, sites.a, coffee.id, coffeeA!, '2026-01-10');
  await batch('coffeeB', b.id, sites.b, coffee.id, coffeeB!, '2026-01-12');
  await batch('honey', c.id, sites.c, honey.id, '200', '2026-03-01');
  await batch('tea', b.id, sites.b, tea.id, '50', '2026-04-02');
  return { members: [a.id, b.id, c.id], coffee: { id: coffee.id, slug: coffee.slug }, honey: { id: honey.id, slug: honey.slug }, tea: { id: tea.id, slug: tea.slug }, lots };
}


/** Places an order through the services as checkout does (delivery to a Madrid address, DAP, bank transfer). */
export async function placeOrder(
  s: Services,
  who: { email: string; buyerId: number },
  lines: [productId: number, qty: string][],
  key = `key-${Math.random().toString(36).slice(2)}-${Date.now()}`,
): Promise<{ orderId: number; number: string; replay: boolean }> {
  const ctx = { actorId: null, actorEmail: '', ip: '' };
  for (const [productId, qty] of lines) await s.cart.add({ buyerId: who.buyerId }, productId, qty);
  const user = (await s.accounts.userByEmail(who.email))!;
  const buyer = (await s.accounts.buyer(who.buyerId))!;
  const addresses = await s.accounts.addresses.list(who.buyerId);
  const address = addresses[0] ?? (await s.accounts.addresses.add(who.buyerId, { recipient: 'Lucía Gómez', line1: 'Calle de Atocha 27', city: 'Madrid', postalCode: '28012', country: 'ES' }, ctx));
  const choice = { addressId: String(address.id), shipping: 'delivery', incoterm: 'DAP', payment: 'bank_transfer' };
  const plan = await s.checkout.plan(user, buyer, choice, 'en');
  return s.checkout.place(user, buyer, choice, { lng: 'en', idempotencyKey: key, expectedTotal: plan.quote.totalMinor.toString() }, ctx);
}
