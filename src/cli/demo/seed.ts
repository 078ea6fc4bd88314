import type { Services } from '#src/compose.js';
import { DEMO_CATEGORIES, DEMO_PRODUCTS } from '#src/cli/demo/data-catalog.js';
import { DEMO_MEMBERS } from '#src/cli/demo/data-members.js';
import { DEMO_BUYERS, DEMO_COORDINATOR, DEMO_PASSWORD } from '#src/cli/demo/data-people.js';
import { seedBatches } from '#src/cli/demo/seed-batches.js';
import { seedOrders } from '#src/cli/demo/seed-orders.js';
import { certificatePdf, memberPhoto, productPhoto, type MemberKind } from '#src/cli/demo/photos.js';

const SYSTEM = { actorId: null, actorEmail: 'demo', ip: '' };

/** What each demo member grows or makes, for its landscape photo and certificate. */
function kindOf(slug: string): MemberKind {
  if (slug.includes('tea')) return 'tea';
  if (slug.includes('cacao')) return 'cacao';
  if (slug.includes('honey') || slug.includes('bee')) return 'honey';
  if (slug.includes('weav')) return 'textiles';
  return 'coffee';
}

const CERTIFICATES: Partial<Record<MemberKind, { name: string; body: string }>> = {
  coffee: { name: 'EU Organic', body: 'Control Union Certifications' },
  tea: { name: 'Organic Thailand', body: 'ACT Organic Certification' },
  cacao: { name: 'Fairtrade', body: 'FLOCERT' },
  honey: { name: 'EU Organic', body: 'Ecocert' },
};

export interface DemoLogin {
  role: string;
  email: string;
  organisation: string;
}

/** Fills an empty database with the demo alliance, through the app's own services and rules. */
export async function seedDemo(services: Services): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  await services.settings.set('coop.name', 'Doi Highlands Alliance');
  // Rates the coordinator entered for approximate prices (1 USD = rateE6 / 10^6 units).
  const rate = (rateE6: string) => ({ rateE6, date: '2026-11-20' });
  await services.settings.set('coop.rates', {
    EUR: rate('920000'),
    GBP: rate('790000'),
    CNY: rate('7210000'),
    TWD: rate('32400000'),
    JPY: rate('154300000'),
    AED: rate('3672500'),
    THB: rate('35550000'),
  });
  await configureSelling(services);
  await services.accounts.createUser({ ...DEMO_COORDINATOR, password: DEMO_PASSWORD, role: 'coordinator' });
  logins.push({ role: 'coordinator', email: DEMO_COORDINATOR.email, organisation: 'Doi Highlands Alliance' });

  const memberIds = new Map<string, number>();
  for (const { member, sites, users } of DEMO_MEMBERS) {
    const created = await services.members.create(member);
    memberIds.set(created.slug, created.id);
    for (const site of sites) await services.members.addSite(created.id, site);
    const kind = kindOf(created.slug);
    await services.memberProfiles.addPhoto(created.id, await memberPhoto(created.slug, kind), SYSTEM);
    const cert = CERTIFICATES[kind];
    if (cert) {
      const number = `${cert.name.slice(0, 2).toUpperCase()}-TH-${String(created.id).padStart(4, '0')}`;
      const pdf = certificatePdf(`${cert.name} certificate`, created.name, number, '2027-12-31');
      const document = await services.documents.savePdf(pdf, `${created.slug}-${cert.name}.pdf`, 'document');
      await services.memberProfiles.addCertification(created.id, { name: cert.name, issuingBody: cert.body, number, validUntil: '2027-12-31' }, document, SYSTEM);
    }
    for (const user of users) {
      await services.accounts.createUser({ ...user, password: DEMO_PASSWORD, role: 'member', memberId: created.id });
      logins.push({ role: 'member', email: user.email, organisation: created.name });
    }
  }

  for (const category of DEMO_CATEGORIES) await services.catalog.createCategory(category);
  for (const { supplierSlugs, ...product } of DEMO_PRODUCTS) {
    const supplierMemberIds = supplierSlugs.map((slug) => {
      const id = memberIds.get(slug);
      if (id === undefined) throw new Error(`Demo product ${product.slug} names unknown member ${slug}`);
      return id;
    });
    const created = await services.catalog.createProduct({ ...product, supplierMemberIds }, volumeTiers(product));
    await services.catalog.addImage(created.id, await productPhoto(product.slug, product.categorySlug), null);
  }

  await seedBatches(services, memberIds);

  for (const { buyer, user } of DEMO_BUYERS) {
    const created = await services.accounts.createBuyer(buyer);
    await services.accounts.createUser({ ...user, password: DEMO_PASSWORD, role: 'buyer', buyerId: created.id });
    logins.push({ role: 'buyer', email: user.email, organisation: created.name });
  }
  await seedOrders(services, DEMO_BUYERS[1]!.user.email);
  return logins;
}

/** How the alliance sells abroad: the hub in Chiang Mai, shipping zones, terms, tax and bank details. */
async function configureSelling(services: Services): Promise<void> {
  const s = services.settings;
  await s.set('coop.seller', {
    legalName: 'Doi Highlands Alliance Agricultural Cooperative Ltd.',
    address: '88/2 Moo 5, Don Kaeo, Mae Rim, Chiang Mai 50180, Thailand',
    country: 'TH',
    taxId: 'TH0994000512387',
    email: 'orders@doihighlands.example',
  });
  await s.set('shop.hub', { name: 'Mae Rim consolidation hub', address: '88/2 Moo 5, Don Kaeo, Mae Rim, Chiang Mai 50180', country: 'TH', latE6: 18_913_500, lonE6: 98_944_600 });
  await s.set('shop.pickup', true);
  // Air freight by weight bracket, in US cents.
  await s.set('shop.zones', [
    { id: 'th', countries: ['TH'], brackets: [{ upToG: 20_000, priceMinor: '900' }, { upToG: 1_000_000, priceMinor: '4500' }] },
    { id: 'asia', countries: ['TW', 'CN', 'HK', 'JP', 'KR', 'SG', 'MY'], brackets: [{ upToG: 10_000, priceMinor: '6500' }, { upToG: 50_000, priceMinor: '21000' }, { upToG: 1_000_000, priceMinor: '160000' }] },
    {
      id: 'eu',
      countries: ['ES', 'FR', 'DE', 'IT', 'NL', 'BE', 'PT', 'AT', 'IE', 'DK', 'SE', 'FI', 'PL'],
      brackets: [{ upToG: 10_000, priceMinor: '9500' }, { upToG: 50_000, priceMinor: '32000' }, { upToG: 1_000_000, priceMinor: '240000' }],
    },
    { id: 'gcc', countries: ['AE', 'SA', 'QA', 'KW', 'BH', 'OM'], brackets: [{ upToG: 10_000, priceMinor: '8000' }, { upToG: 50_000, priceMinor: '27000' }, { upToG: 1_000_000, priceMinor: '200000' }] },
    { id: 'gb', countries: ['GB'], brackets: [{ upToG: 10_000, priceMinor: '9900' }, { upToG: 50_000, priceMinor: '33000' }, { upToG: 1_000_000, priceMinor: '250000' }] },
  ]);
  await s.set('shop.taxRules', [{ zoneId: 'th', rateBp: 700 }]);
  await s.set('shop.incoterms', [
    { code: 'EXW', place: 'Mae Rim hub, Chiang Mai' },
    { code: 'FCA', place: 'Chiang Mai International Airport (CNX)' },
    { code: 'CPT', place: '' },
    { code: 'DAP', place: '' },
  ]);
  await s.set('shop.bankDetails', {
    USD: 'Bangkok Bank PCL, Chiang Mai branch\nSWIFT/BIC: BKKBTHBK\nAccount: 531-0-12345-6 (USD)\nBeneficiary: Doi Highlands Alliance Agricultural Cooperative Ltd.',
    EUR: 'Wise Europe SA\nIBAN: BE71 9670 3712 4569\nBIC: TRWIBEB1XXX\nBeneficiary: Doi Highlands Alliance Agricultural Cooperative Ltd.',
  });
  await s.set('allocation.policy', 'fairShare');
}

/** Wholesale products get two volume tiers: 8 % off from 10× the minimum order, 15 % off from 40×. */
function volumeTiers(p: { unit: string; moq?: bigint | number; priceMinor: bigint | number }) {
  if (!['kg', 'bag', 'box'].includes(p.unit)) return [];
  const moq = BigInt(p.moq ?? 1);
  const price = BigInt(p.priceMinor);
  return [
    { minQty: moq * 10n, priceMinor: (price * 92n) / 100n },
    { minQty: moq * 40n, priceMinor: (price * 85n) / 100n },
  ];
}

export { DEMO_PASSWORD };
