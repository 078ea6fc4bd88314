import type { DbOrTx } from '#platform/db/index.js';
import type { BuyerRow, UserRow } from '#modules/accounts/accounts.rows.js';

export async function insertUser(db: DbOrTx, row: Omit<UserRow, 'id'>): Promise<number> {
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
