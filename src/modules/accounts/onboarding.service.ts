import { randomBytes } from 'node:crypto';
import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { parseOrThrow } from '#platform/http/validation.js';
import type { Locale } from '#platform/i18n/locales.js';
import type { Settings } from '#platform/settings/index.js';
import type { SessionAdmin } from '#platform/sessions/index.js';
import type { Mailer, MailTemplate } from '#modules/mail/index.js';
import * as q from '#modules/accounts/accounts.queries.js';
import { toUser, type User } from '#modules/accounts/accounts.rows.js';
import {
  acceptInvitationSchema,
  inviteSchema,
  newPasswordSchema,
  registerSchema,
  type InviteInput,
  type RegisterInput,
} from '#modules/accounts/accounts.schemas.js';
import { hashPassword } from '#modules/accounts/password.js';
import { hashToken, looksLikeToken, newToken } from '#modules/accounts/tokens.js';

export type TokenKind = 'verify' | 'reset' | 'invite';
const LIFETIME_MS: Record<TokenKind, number> = { verify: 48 * 3600_000, reset: 3600_000, invite: 7 * 24 * 3600_000 };
const LINK_PATH: Record<TokenKind, string> = { verify: 'verify', reset: 'reset', invite: 'invite' };
const TEMPLATE: Record<TokenKind, MailTemplate> = { verify: 'verifyEmail', reset: 'resetPassword', invite: 'invitation' };

export interface OnboardingDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
  mailer: Mailer;
  settings: Settings;
  sessions: SessionAdmin;
  publicUrl: string;
}

/** Registration, email verification, password reset and invitations: every emailed, single-use link. */
export function createOnboardingService({ db, clock, audit, mailer, settings, sessions, publicUrl }: OnboardingDeps) {
  const coop = () => settings.get('coop.name');

  async function issueLink(userId: number, kind: TokenKind, trx: Db | Parameters<Parameters<Db['transaction']>[0]>[0] = db) {
    const { token, hash } = newToken();
    const now = clock.now();
    await q.expireTokens(trx, userId, kind, now.toISOString());
    await q.insertToken(trx, {
      kind,
      token_hash: hash,
      user_id: userId,
      expires_at: new Date(now.getTime() + LIFETIME_MS[kind]).toISOString(),
      used_at: null,
      created_at: now.toISOString(),
    });
    return token;
  }

  function sendLink(to: string, locale: Locale, kind: TokenKind, token: string, params: Record<string, string>, template = TEMPLATE[kind]) {
    const actionUrl = `${publicUrl}/${locale}/${LINK_PATH[kind]}/${token}`;
    return mailer.send({ to, locale, template, params, actionUrl }, coop());
  }

  /** Finds a live token without using it (to show the right form). */
  async function peek(kind: TokenKind, token: string): Promise<User | undefined> {
    if (!looksLikeToken(token)) return undefined;
    const row = await q.selectLiveToken(db, kind, hashToken(token), clock.nowIso());
    const user = row ? await q.selectUserById(db, row.user_id) : undefined;
    return user ? toUser(user) : undefined;
  }

  /** Uses a token once, inside `trx`; a second use (or a race) gets undefined. */
  async function consume(trx: Parameters<Parameters<Db['transaction']>[0]>[0], kind: TokenKind, token: string) {
    if (!looksLikeToken(token)) return undefined;
    const now = clock.nowIso();
    const row = await q.selectLiveToken(trx, kind, hashToken(token), now);
    if (!row || !(await q.consumeToken(trx, row.id, now))) return undefined;
    return q.selectUserById(trx, row.user_id);
  }

  async function registerBuyer(input: RegisterInput | Record<string, string>, ctx: AuditContext): Promise<void> {
    const data = parseOrThrow(registerSchema, input);
    const existing = await q.selectUserByEmail(db, data.email);
    if (existing) {
      // Same answer as a new registration, so addresses cannot be probed; the owner is told instead.
      const token = await issueLink(existing.id, 'reset');
      await sendLink(existing.email, existing.locale as Locale, 'reset', token, { name: existing.display_name }, 'accountExists');
      await audit.record({ ...ctx, actorEmail: data.email }, 'account.registerExisting', { type: 'user', id: existing.id });
      return;
    }
    const passwordHash = await hashPassword(data.password);
    const now = clock.nowIso();
    const token = await db.transaction(async (trx) => {
      const buyerId = await q.insertBuyer(trx, {
        kind: data.kind,
        name: data.kind === 'organisation' && data.organisation ? data.organisation : data.displayName,
        country: data.country,
        tax_id: data.taxId || null,
        locale: data.locale,
        display_currency: data.displayCurrency,
        created_at: now,
      });
      const id = await q.insertUser(trx, {
        email: data.email,
        password_hash: passwordHash,
        display_name: data.displayName,
        role: 'buyer',
        member_id: null,
        buyer_id: buyerId,
        locale: data.locale,
        status: 'unverified',
        email_verified_at: null,
        created_at: now,
        updated_at: now,
      });
      await audit.record({ ...ctx, actorId: id, actorEmail: data.email }, 'account.registered', { type: 'buyer', id: buyerId }, {}, trx);
      return issueLink(id, 'verify', trx);
    });
    await sendLink(data.email, data.locale, 'verify', token, { name: data.displayName });
  }

  async function verifyEmail(token: string, ctx: AuditContext): Promise<User | undefined> {
    return db.transaction(async (trx) => {
      const row = await consume(trx, 'verify', token);
      if (!row) return undefined;
      const now = clock.nowIso();
      await q.updateUser(trx, row.id, { status: row.status === 'unverified' ? 'active' : row.status, email_verified_at: now, updated_at: now });
      await audit.record({ ...ctx, actorId: row.id, actorEmail: row.email }, 'account.emailVerified', { type: 'user', id: row.id }, {}, trx);
      return toUser({ ...row, status: 'active' });
    });
  }

  async function requestReset(emailInput: string, ctx: AuditContext): Promise<void> {
    const email = emailInput.trim().toLowerCase().slice(0, 254);
    const row = email ? await q.selectUserByEmail(db, email) : undefined;
    await audit.record({ ...ctx, actorEmail: email }, 'account.resetRequested', row ? { type: 'user', id: row.id } : null);
    if (!row || row.status === 'disabled') return;
    await sendLink(row.email, row.locale as Locale, 'reset', await issueLink(row.id, 'reset'), { name: row.display_name });
  }

  async function resetPassword(token: string, input: unknown, ctx: AuditContext): Promise<User | undefined> {
    const data = parseOrThrow(newPasswordSchema, input);
    const passwordHash = await hashPassword(data.password);
    const user = await db.transaction(async (trx) => {
      const row = await consume(trx, 'reset', token);
      if (!row) return undefined;
      const now = clock.nowIso();
      await q.updateUser(trx, row.id, {
        password_hash: passwordHash,
        password_changed_at: now,
        failed_logins: 0,
        locked_until: null,
        status: row.status === 'unverified' ? 'active' : row.status,
        email_verified_at: row.email_verified_at ?? now,
        updated_at: now,
      });
      await audit.record({ ...ctx, actorId: row.id, actorEmail: row.email }, 'account.passwordReset', { type: 'user', id: row.id }, {}, trx);
      return toUser(row);
    });
    if (user) await sessions.endForUser(user.id);
    return user;
  }

  async function inviteMemberUser(memberId: number, memberName: string, input: InviteInput | Record<string, string>, ctx: AuditContext): Promise<User> {
    const data = parseOrThrow(inviteSchema, input);
    if (await q.selectUserByEmail(db, data.email)) {
      throw new AppError('validation', 'errors:validation.message', {}, { email: 'errors:field.taken' });
    }
    // Nobody knows this password: the invitee sets theirs through the link.
    const unusable = await hashPassword(randomBytes(32).toString('hex'));
    const now = clock.nowIso();
    const { user, token } = await db.transaction(async (trx) => {
      const id = await q.insertUser(trx, {
        email: data.email,
        password_hash: unusable,
        display_name: data.displayName,
        role: 'member',
        member_id: memberId,
        buyer_id: null,
        locale: data.locale,
        status: 'unverified',
        email_verified_at: null,
        created_at: now,
        updated_at: now,
      });
      await audit.record(ctx, 'member.userInvited', { type: 'member', id: memberId }, { userId: id, email: data.email }, trx);
      return { user: toUser((await q.selectUserById(trx, id))!), token: await issueLink(id, 'invite', trx) };
    });
    await sendLink(data.email, data.locale, 'invite', token, { name: data.displayName, member: memberName });
    return user;
  }

  async function acceptInvitation(token: string, input: unknown, ctx: AuditContext): Promise<User | undefined> {
    const data = parseOrThrow(acceptInvitationSchema, input);
    const passwordHash = await hashPassword(data.password);
    return db.transaction(async (trx) => {
      const row = await consume(trx, 'invite', token);
      if (!row) return undefined;
      const now = clock.nowIso();
      await q.updateUser(trx, row.id, {
        password_hash: passwordHash,
        display_name: data.displayName,
        status: 'active',
        email_verified_at: now,
        password_changed_at: now,
        updated_at: now,
      });
      await audit.record({ ...ctx, actorId: row.id, actorEmail: row.email }, 'account.invitationAccepted', { type: 'user', id: row.id }, {}, trx);
      return toUser({ ...row, status: 'active' });
    });
  }

  return { registerBuyer, verifyEmail, requestReset, resetPassword, inviteMemberUser, acceptInvitation, peek };
}

export type OnboardingService = ReturnType<typeof createOnboardingService>;
