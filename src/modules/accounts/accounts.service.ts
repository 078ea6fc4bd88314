import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { parseOrThrow } from '#platform/http/validation.js';
import * as q from '#modules/accounts/accounts.queries.js';
import { toBuyer, toUser, type Buyer, type User } from '#modules/accounts/accounts.rows.js';
import {
  createBuyerSchema,
  createUserSchema,
  type CreateBuyerInput,
  type CreateUserInput,
} from '#modules/accounts/accounts.schemas.js';
import { hashPassword } from '#modules/accounts/password.js';

export interface AccountsDeps {
  db: Db;
  clock: Clock;
}

export function createAccountsService({ db, clock }: AccountsDeps) {
  async function createUser(input: CreateUserInput): Promise<User> {
    const data = parseOrThrow(createUserSchema, input);
    const passwordHash = await hashPassword(data.password);
    const now = clock.nowIso();
    return db.transaction(async (trx) => {
      if (await q.selectUserByEmail(trx, data.email)) {
        throw new AppError('conflict', 'errors:conflict.emailTaken', {}, { email: 'errors:field.taken' });
      }
      const id = await q.insertUser(trx, {
        email: data.email,
        password_hash: passwordHash,
        display_name: data.displayName,
        role: data.role,
        member_id: data.memberId ?? null,
        buyer_id: data.buyerId ?? null,
        locale: data.locale,
        status: data.status,
        email_verified_at: data.status === 'active' ? now : null,
        created_at: now,
        updated_at: now,
      });
      return toUser((await q.selectUserById(trx, id))!);
    });
  }

  async function createBuyer(input: CreateBuyerInput): Promise<Buyer> {
    const data = parseOrThrow(createBuyerSchema, input);
    const id = await q.insertBuyer(db, {
      kind: data.kind,
      name: data.name,
      country: data.country,
      tax_id: data.taxId ?? null,
      locale: data.locale,
      display_currency: data.displayCurrency,
      created_at: clock.nowIso(),
    });
    return toBuyer((await q.selectBuyerById(db, id))!);
  }

  async function userByEmail(email: string): Promise<User | undefined> {
    const row = await q.selectUserByEmail(db, email.trim().toLowerCase());
    return row ? toUser(row) : undefined;
  }

  const hasCoordinator = async () => (await q.countUsersWithRole(db, 'coordinator')) > 0;

  return { createUser, createBuyer, userByEmail, hasCoordinator };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
