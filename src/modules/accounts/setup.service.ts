import { randomBytes } from 'node:crypto';
import type { AuditContext } from '#platform/audit/index.js';
import { AppError } from '#platform/http/errors.js';
import { parseOrThrow } from '#platform/http/validation.js';
import type { AccountsService } from '#modules/accounts/accounts.service.js';
import type { User } from '#modules/accounts/accounts.rows.js';
import { setupSchema } from '#modules/accounts/accounts.schemas.js';
import { safeEqual } from '#modules/accounts/tokens.js';

/**
 * First run: while no coordinator exists, the server prints a one-time token at start and
 * `/setup` creates the first coordinator with it. Afterwards `/setup` does not exist.
 */
export function createSetupService(accounts: AccountsService) {
  let token: string | undefined;
  return {
    async issueToken(): Promise<string | undefined> {
      if (await accounts.hasCoordinator()) return undefined;
      token = randomBytes(18).toString('base64url');
      return token;
    },
    async isOpen(): Promise<boolean> {
      return token !== undefined && !(await accounts.hasCoordinator());
    },
    async complete(input: unknown, ctx: AuditContext): Promise<User> {
      if (!(await this.isOpen())) throw new AppError('not_found');
      const data = parseOrThrow(setupSchema, input);
      if (!token || !safeEqual(token, data.token)) {
        throw new AppError('forbidden', 'errors:forbidden.setupToken', {}, { token: 'errors:field.setupToken' });
      }
      token = undefined;
      return accounts.createUser(
        { email: data.email, password: data.password, displayName: data.displayName, locale: data.locale, role: 'coordinator' },
        ctx,
      );
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
