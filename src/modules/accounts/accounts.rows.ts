import type { Locale } from '#platform/i18n/locales.js';

export type Role = 'coordinator' | 'member' | 'buyer';
export type UserStatus = 'unverified' | 'active' | 'disabled';

export interface UserRow {
  id: number;
  email: string;
  password_hash: string;
  display_name: string;
  role: string;
  member_id: number | null;
  buyer_id: number | null;
  locale: string;
  status: string;
  email_verified_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface BuyerRow {
  id: number;
  kind: string;
  name: string;
  country: string;
  tax_id: string | null;
  locale: string;
  display_currency: string;
  created_at: string;
}

/** A user as the rest of the app sees it: never the password hash. */
export interface User {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  memberId: number | null;
  buyerId: number | null;
  locale: Locale;
  status: UserStatus;
}

export interface Buyer {
  id: number;
  kind: 'organisation' | 'person';
  name: string;
  country: string;
  taxId: string | null;
  locale: Locale;
  displayCurrency: string;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role as Role,
    memberId: row.member_id,
    buyerId: row.buyer_id,
    locale: row.locale as Locale,
    status: row.status as UserStatus,
  };
}

export function toBuyer(row: BuyerRow): Buyer {
  return {
    id: row.id,
    kind: row.kind as Buyer['kind'],
    name: row.name,
    country: row.country,
    taxId: row.tax_id,
    locale: row.locale as Locale,
    displayCurrency: row.display_currency,
  };
}
