import type { Services } from '#src/compose.js';
import { DEMO_CATEGORIES, DEMO_PRODUCTS } from '#src/cli/demo/data-catalog.js';
import { DEMO_MEMBERS } from '#src/cli/demo/data-members.js';
import { DEMO_BUYERS, DEMO_COORDINATOR, DEMO_PASSWORD } from '#src/cli/demo/data-people.js';
import { seedBatches } from '#src/cli/demo/seed-batches.js';
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
  return logins;
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
