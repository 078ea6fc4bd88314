import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { parseOrThrow } from '#platform/http/validation.js';
import type { SessionAdmin } from '#platform/sessions/index.js';
import * as q from '#modules/accounts/accounts.queries.js';
import { toAddress, toBuyer, toUser, type Address, type Buyer, type User } from '#modules/accounts/accounts.rows.js';
import {
  addressSchema,
  changePasswordSchema,
  createBuyerSchema,
  createUserSchema,
  profileSchema,
  type AddressInput,
  type CreateBuyerInput,
  type CreateUserInput,
} from '#modules/accounts/accounts.schemas.js';
import { hashPassword, verifyPassword } from '#modules/accounts/password.js';

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  sessions: SessionAdmin;
}

const invalid = (fields: Record<string, string>) => new AppError('validation', 'errors:validation.message', {}, fields);

export function createAccountsService({ db, clock, audit, sessions }: AccountsDeps) {
  async function createUser(input: CreateUserInput, ctx?: AuditContext): Promise<User> {
    const data = parseOrThrow(createUserSchema, input);
    const passwordHash = await hashPassword(data.password);
    const now = clock.nowIso();
    return db.transaction(async (trx) => {
      if (await q.selectUserByEmail(trx, data.email)) throw invalid({ email: 'errors:field.taken' });
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
      if (ctx) await audit.record(ctx, 'account.created', { type: 'user', id }, { role: data.role }, trx);
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

  async function updateProfile(user: User, input: unknown, ctx: AuditContext): Promise<void> {
    const data = parseOrThrow(profileSchema, input);
    await q.updateUser(db, user.id, { display_name: data.displayName, locale: data.locale, updated_at: clock.nowIso() });
    if (user.buyerId && data.displayCurrency) {
      await q.updateBuyer(db, user.buyerId, { display_currency: data.displayCurrency, locale: data.locale });
    }
    await audit.record(ctx, 'account.profileChanged', { type: 'user', id: user.id });
  }

  /** Changes the password and ends every other session of the user. */
  async function changePassword(userId: number, input: unknown, currentSid: string, ctx: AuditContext): Promise<void> {
    const data = parseOrThrow(changePasswordSchema, input);
    const row = await q.selectUserById(db, userId);
    if (!row || !(await verifyPassword(row.password_hash, data.current))) throw invalid({ current: 'errors:field.wrongPassword' });
    const now = clock.nowIso();
    await q.updateUser(db, userId, { password_hash: await hashPassword(data.password), password_changed_at: now, updated_at: now });
    await sessions.endForUser(userId, currentSid);
    await audit.record(ctx, 'account.passwordChanged', { type: 'user', id: userId });
  }

  /** Disables or re-enables a member's or buyer's user; disabling ends their sessions. Coordinators are not touched here. */
  async function setUserStatus(userId: number, status: 'active' | 'disabled', ctx: AuditContext): Promise<boolean> {
    const row = await q.selectUserById(db, userId);
    if (!row || row.role === 'coordinator' || row.status === 'unverified') return false;
    await q.updateUser(db, userId, { status, updated_at: clock.nowIso() });
    if (status === 'disabled') await sessions.endForUser(userId);
    await audit.record(ctx, 'user.statusChanged', { type: 'user', id: userId }, { from: row.status, to: status });
    return true;
  }

  async function userByEmail(email: string): Promise<User | undefined> {
    const row = await q.selectUserByEmail(db, email.trim().toLowerCase());
    return row ? toUser(row) : undefined;
  }

  async function buyer(id: number): Promise<Buyer | undefined> {
    const row = await q.selectBuyerById(db, id);
    return row ? toBuyer(row) : undefined;
  }

  const addresses = {
    async list(buyerId: number): Promise<Address[]> {
      return (await q.selectAddresses(db, buyerId)).map(toAddress);
    },
    /** Another buyer's address is reported as missing, never as forbidden. */
    async get(buyerId: number, id: number): Promise<Address | undefined> {
      const row = await q.selectAddress(db, id);
      return row && row.buyer_id === buyerId ? toAddress(row) : undefined;
    },
    async add(buyerId: number, input: AddressInput, ctx: AuditContext): Promise<Address> {
      const d = parseOrThrow(addressSchema, input);
      const id = await q.insertAddress(db, {
        buyer_id: buyerId,
        label: d.label,
        recipient: d.recipient,
        line1: d.line1,
        line2: d.line2,
        city: d.city,
        region: d.region,
        postal_code: d.postalCode,
        country: d.country,
        phone: d.phone,
        created_at: clock.nowIso(),
      });
      await audit.record(ctx, 'buyer.addressAdded', { type: 'buyer', id: buyerId }, { addressId: id });
      return toAddress((await q.selectAddress(db, id))!);
    },
    async remove(buyerId: number, id: number, ctx: AuditContext): Promise<boolean> {
      const removed = (await q.deleteAddress(db, id, buyerId)) === 1;
      if (removed) await audit.record(ctx, 'buyer.addressRemoved', { type: 'buyer', id: buyerId }, { addressId: id });
      return removed;
    },
  };

  return {
    createUser,
    createBuyer,
    updateProfile,
    changePassword,
    setUserStatus,
    userByEmail,
    buyer,
    addresses,
    hasCoordinator: async () => (await q.countUsersWithRole(db, 'coordinator')) > 0,
    async usersOfMember(memberId: number): Promise<User[]> {
      return (await q.selectUsersOfMember(db, memberId)).map(toUser);
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
