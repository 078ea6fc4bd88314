import type { DbOrTx } from '#platform/db/index.js';
import type { AddressRow, BuyerRow, TokenRow, UserRow } from '#modules/accounts/accounts.rows.js';

export type NewUserRow = Pick<
  UserRow,
  'email' | 'password_hash' | 'display_name' | 'role' | 'member_id' | 'buyer_id' | 'locale' | 'status' | 'email_verified_at' | 'created_at' | 'updated_at'
>;

export async function insertUser(db: DbOrTx, row: NewUserRow): Promise<number> {
  const [inserted] = await db('users').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function selectUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  return db<UserRow>('users').where({ email }).first();
}

export async function selectUserById(db: DbOrTx, id: number): Promise<UserRow | undefined> {
  return db<UserRow>('users').where({ id }).first();
}

export async function countUsersWithRole(db: DbOrTx, role: string): Promise<number> {
  const row = await db('users').where({ role }).count<{ n: number | string }>('* as n').first();
  return Number(row?.n ?? 0);
}

export async function insertBuyer(db: DbOrTx, row: Omit<BuyerRow, 'id'>): Promise<number> {
  const [inserted] = await db('buyers').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function selectBuyerById(db: DbOrTx, id: number): Promise<BuyerRow | undefined> {
  return db<BuyerRow>('buyers').where({ id }).first();
}

export async function updateUser(db: DbOrTx, id: number, patch: Partial<Omit<UserRow, 'id'>>): Promise<number> {
  return db('users').where({ id }).update(patch);
}

export async function selectUsersOfMember(db: DbOrTx, memberId: number): Promise<UserRow[]> {
  return db<UserRow>('users').where({ member_id: memberId }).orderBy('id');
}

export async function insertToken(db: DbOrTx, row: Omit<TokenRow, 'id'>): Promise<void> {
  await db('user_tokens').insert(row);
}

export async function selectLiveToken(db: DbOrTx, kind: string, hash: string, now: string): Promise<TokenRow | undefined> {
  return db<TokenRow>('user_tokens')
    .where({ kind, token_hash: hash })
    .whereNull('used_at')
    .andWhere('expires_at', '>', now)
    .first();
}

/** Marks a token used only if it still is unused: the affected-row count makes it single-use under races. */
export async function consumeToken(db: DbOrTx, id: number, now: string): Promise<boolean> {
  return (await db('user_tokens').where({ id }).whereNull('used_at').update({ used_at: now })) === 1;
}

export async function expireTokens(db: DbOrTx, userId: number, kind: string, now: string): Promise<void> {
  await db('user_tokens').where({ user_id: userId, kind }).whereNull('used_at').update({ used_at: now });
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: number, hashes: string[]): Promise<void> {
  await db('recovery_codes').where({ user_id: userId }).delete();
  if (hashes.length) await db('recovery_codes').insert(hashes.map((code_hash) => ({ user_id: userId, code_hash })));
}

export async function useRecoveryCode(db: DbOrTx, userId: number, hash: string, now: string): Promise<boolean> {
  const n = await db('recovery_codes').where({ user_id: userId, code_hash: hash }).whereNull('used_at').update({ used_at: now });
  return n === 1;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: number): Promise<number> {
  const row = await db('recovery_codes').where({ user_id: userId }).whereNull('used_at').count<{ n: number | string }>('* as n').first();
  return Number(row?.n ?? 0);
}

export async function selectAddresses(db: DbOrTx, buyerId: number): Promise<AddressRow[]> {
  return db<AddressRow>('buyer_addresses').where({ buyer_id: buyerId }).orderBy('id');
}

export async function selectAddress(db: DbOrTx, id: number): Promise<AddressRow | undefined> {
  return db<AddressRow>('buyer_addresses').where({ id }).first();
}

export async function insertAddress(db: DbOrTx, row: Omit<AddressRow, 'id'>): Promise<number> {
  const [inserted] = await db('buyer_addresses').insert(row).returning<{ id: number }[]>('id');
  return (inserted as { id: number }).id;
}

export async function deleteAddress(db: DbOrTx, id: number, buyerId: number): Promise<number> {
  return db('buyer_addresses').where({ id, buyer_id: buyerId }).delete();
}

export async function updateBuyer(db: DbOrTx, id: number, patch: Partial<Omit<BuyerRow, 'id'>>): Promise<void> {
  await db('buyers').where({ id }).update(patch);
}
