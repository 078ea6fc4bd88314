import type { CreateBuyerInput } from '#modules/accounts/index.js';
import type { CreateProductInput } from '#modules/catalog/index.js';
import type { AddSiteInput, CreateMemberInput } from '#modules/members/index.js';
import type { Locale } from '#platform/i18n/locales.js';

export interface DemoUser {
  email: string;
  displayName: string;
  locale: Locale;
}

export interface DemoMember {
  member: CreateMemberInput;
  sites: AddSiteInput[];
  users: DemoUser[];
}

/** A catalog product; suppliers are named by member slug and resolved when seeding. */
export type DemoProduct = Omit<CreateProductInput, 'supplierMemberIds'> & { supplierSlugs: string[] };

export interface DemoBuyer {
  buyer: CreateBuyerInput;
  user: DemoUser;
}
