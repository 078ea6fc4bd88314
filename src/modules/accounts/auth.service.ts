import { randomBytes } from 'node:crypto';
import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import * as q from '#modules/accounts/accounts.queries.js';
import { toUser, type User } from '#modules/accounts/accounts.rows.js';
import { hashPassword, verifyPassword } from '#modules/accounts/password.js';
import { hashToken, newRecoveryCodes, normalizeRecoveryCode } from '#modules/accounts/tokens.js';
import { newTotpSecret, verifyTotp } from '#modules/accounts/totp.js';

export type SignInResult =
  | { kind: 'ok'; user: User; needs2fa: boolean }
  | { kind: 'invalid' }
  | { kind: 'locked' }
  | { kind: 'unverified' };

/** After this many wrong passwords in a row the account waits 1, 2, 4 … (at most 60) minutes. */
export const FAILURES_BEFORE_BACKOFF = 5;

export interface AuthDeps {
  db: Db;
  clock: Clock;
  audit: Audit;
}

export function createAuthService({ db, clock, audit }: AuthDeps) {
  // Unknown emails are checked against this hash so that both answers take the same time.
  let dummyHash: Promise<string> | undefined;
  const dummy = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

  async function signIn(emailInput: string, password: string, ctx: AuditContext): Promise<SignInResult> {
    const email = emailInput.trim().toLowerCase().slice(0, 254);
    const row = email ? await q.selectUserByEmail(db, email) : undefined;
    const passwordOk = await verifyPassword(row?.password_hash ?? (await dummy()), password);
    const now = clock.now();
    const fail = (reason: string) => audit.record({ ...ctx, actorEmail: email }, 'auth.signInFailed', row ? { type: 'user', id: row.id } : null, { reason });
    if (!row) {
      await fail('unknownEmail');
      return { kind: 'invalid' };
    }
    if (row.locked_until && row.locked_until > now.toISOString()) {
      await fail('locked');
      return { kind: 'locked' };
    }
    if (!passwordOk || row.status === 'disabled') {
      const failed = row.failed_logins + 1;
      const waitMin = failed >= FAILURES_BEFORE_BACKOFF ? Math.min(2 ** (failed - FAILURES_BEFORE_BACKOFF), 60) : 0;
      await q.updateUser(db, row.id, {
        failed_logins: failed,
        locked_until: waitMin ? new Date(now.getTime() + waitMin * 60_000).toISOString() : null,
      });
      await fail(passwordOk ? 'disabled' : 'wrongPassword');
      return { kind: 'invalid' };
    }
    if (row.status === 'unverified') return { kind: 'unverified' };
    await q.updateUser(db, row.id, { failed_logins: 0, locked_until: null });
    const needs2fa = row.totp_enabled_at !== null;
    if (!needs2fa) await markSignedIn(row.id, { ...ctx, actorId: row.id, actorEmail: row.email }, 'password');
    return { kind: 'ok', user: toUser(row), needs2fa };
  }

  async function markSignedIn(userId: number, ctx: AuditContext, method: string): Promise<void> {
    await q.updateUser(db, userId, { last_sign_in_at: clock.nowIso() });
    await audit.record(ctx, 'auth.signIn', { type: 'user', id: userId }, { method });
  }

  /** The second step: a TOTP code (each code once) or an unused recovery code. */
  async function secondFactor(userId: number, code: string, ctx: AuditContext): Promise<User | undefined> {
    const row = await q.selectUserById(db, userId);
    if (!row?.totp_secret || row.status !== 'active') return undefined;
    const actor = { ...ctx, actorId: row.id, actorEmail: row.email };
    const step = verifyTotp(row.totp_secret, code, clock.now().getTime());
    if (step !== undefined && step > Number(row.totp_last_step)) {
      await q.updateUser(db, row.id, { totp_last_step: step });
      await markSignedIn(row.id, actor, 'totp');
      return toUser(row);
    }
    const recovery = normalizeRecoveryCode(code);
    if (recovery && (await q.useRecoveryCode(db, row.id, hashToken(recovery), clock.nowIso()))) {
      await markSignedIn(row.id, actor, 'recoveryCode');
      return toUser(row);
    }
    await audit.record(actor, 'auth.secondFactorFailed', { type: 'user', id: row.id });
    return undefined;
  }

  /** Turns TOTP on once the user proves their app holds the secret; returns the recovery codes to show once. */
  async function enableTotp(userId: number, secret: string, code: string, ctx: AuditContext): Promise<string[] | undefined> {
    const step = verifyTotp(secret, code, clock.now().getTime());
    if (step === undefined) return undefined;
    const codes = newRecoveryCodes();
    await db.transaction(async (trx) => {
      await q.updateUser(trx, userId, { totp_secret: secret, totp_enabled_at: clock.nowIso(), totp_last_step: step });
      await q.replaceRecoveryCodes(trx, userId, codes.map(hashToken));
      await audit.record(ctx, 'auth.totpEnabled', { type: 'user', id: userId }, {}, trx);
    });
    return codes;
  }

  async function disableTotp(userId: number, password: string, ctx: AuditContext): Promise<boolean> {
    const row = await q.selectUserById(db, userId);
    if (!row || row.role === 'coordinator' || !(await verifyPassword(row.password_hash, password))) return false;
    await db.transaction(async (trx) => {
      await q.updateUser(trx, userId, { totp_secret: null, totp_enabled_at: null });
      await q.replaceRecoveryCodes(trx, userId, []);
      await audit.record(ctx, 'auth.totpDisabled', { type: 'user', id: userId }, {}, trx);
    });
    return true;
  }

  async function regenerateRecoveryCodes(userId: number, ctx: AuditContext): Promise<string[]> {
    const codes = newRecoveryCodes();
    await q.replaceRecoveryCodes(db, userId, codes.map(hashToken));
    await audit.record(ctx, 'auth.recoveryCodesRegenerated', { type: 'user', id: userId });
    return codes;
  }

  return {
    signIn,
    secondFactor,
    newTotpSecret,
    enableTotp,
    disableTotp,
    regenerateRecoveryCodes,
    recoveryCodesLeft: (userId: number) => q.countUnusedRecoveryCodes(db, userId),
    async userById(id: number): Promise<User | undefined> {
      const row = await q.selectUserById(db, id);
      return row && row.status === 'active' ? toUser(row) : undefined;
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
