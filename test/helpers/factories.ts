import { randomBytes } from 'node:crypto';
import type { Services } from '#src/compose.js';
import type { CreateMemberInput, Member } from '#modules/members/index.js';
import type { CreateProductInput, Product } from '#modules/catalog/index.js';

const uid = () => randomBytes(4).toString('hex');

export async function makeMember(services: Services, overrides: Partial<CreateMemberInput> = {}): Promise<Member> {
  return services.members.create({
    slug: `member-${uid()}`,
    name: `Farm ${uid()}`,
    country: 'TH',
    region: 'Chiang Rai',
    status: 'active',
    story: { en: 'A family farm on the hills.' },
    ...overrides,
  });
}

export async function makeCategory(services: Services, slug = `cat-${uid()}`): Promise<string> {
  await services.catalog.createCategory({ slug, names: { en: `Category ${slug}` } });
  return slug;
}

export async function makeProduct(
  services: Services,
  overrides: Partial<CreateProductInput> = {},
): Promise<Product> {
  const categorySlug = overrides.categorySlug ?? (await makeCategory(services));
  return services.catalog.createProduct({
    slug: `product-${uid()}`,
    categorySlug,
    unit: 'kg',
    unitDecimals: 3,
    netWeightG: 1000,
    priceMinor: 1250,
    currency: 'USD',
    translations: { en: { name: `Product ${uid()}`, description: 'Good.' } },
    ...overrides,
  });
}
