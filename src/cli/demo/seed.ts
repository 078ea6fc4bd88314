import type { Services } from '#src/compose.js';
import { DEMO_CATEGORIES, DEMO_PRODUCTS } from '#src/cli/demo/data-catalog.js';
import { DEMO_MEMBERS } from '#src/cli/demo/data-members.js';
import { DEMO_BUYERS, DEMO_COORDINATOR, DEMO_PASSWORD } from '#src/cli/demo/data-people.js';

export interface DemoLogin {
  role: string;
  email: string;
  organisation: string;
}

/** Fills an empty database with the demo alliance, through the app's own services and rules. */
export async function seedDemo(services: Services): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  await services.settings.set('coop.name', 'Doi Highlands Alliance');
  await services.accounts.createUser({ ...DEMO_COORDINATOR, password: DEMO_PASSWORD, role: 'coordinator' });
  logins.push({ role: 'coordinator', email: DEMO_COORDINATOR.email, organisation: 'Doi Highlands Alliance' });

  const memberIds = new Map<string, number>();
  for (const { member, sites, users } of DEMO_MEMBERS) {
    const created = await services.members.create(member);
    memberIds.set(created.slug, created.id);
    for (const site of sites) await services.members.addSite(created.id, site);
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
    await services.catalog.createProduct({ ...product, supplierMemberIds });
  }

  for (const { buyer, user } of DEMO_BUYERS) {
    const created = await services.accounts.createBuyer(buyer);
    await services.accounts.createUser({ ...user, password: DEMO_PASSWORD, role: 'buyer', buyerId: created.id });
    logins.push({ role: 'buyer', email: user.email, organisation: created.name });
  }
  return logins;
}

export { DEMO_PASSWORD };
