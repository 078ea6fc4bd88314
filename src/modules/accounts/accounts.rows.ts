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
  failed_logins: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | string;
  password_changed_at: string | null;
  last_sign_in_at: string | null;
}

export interface TokenRow {
  id: number;
  kind: string;
  token_hash: string;
  user_id: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface AddressRow {
  id: number;
  buyer_id: number;
  label: string;
  recipient: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  phone: string;
  created_at: string;
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
  totpEnabled: boolean;
  lastSignInAt: string | null;
}

export interface Address {
  id: number;
  buyerId: number;
  label: string;
  recipient: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
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
    totpEnabled: row.totp_enabled_at !== null,
    lastSignInAt: row.last_sign_in_at,
  };
}

export function toAddress(row: AddressRow): Address {
  return {
    id: row.id,
    buyerId: row.buyer_id,
    label: row.label,
    recipient: row.recipient,
    line1: row.line1,
    line2: row.line2,
    city: row.city,
    region: row.region,
    postalCode: row.postal_code,
    country: row.country,
    phone: row.phone,
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
