import { z } from 'zod';
import { LOCALES } from '#platform/i18n/locales.js';
import { isCurrencyCode } from '#platform/money.js';
import { MIN_PASSWORD_LENGTH } from '#modules/accounts/password.js';

export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'email' }))
  .transform((v) => v.toLowerCase());

export const password = z.string().min(MIN_PASSWORD_LENGTH, { message: 'passwordTooShort' }).max(1024);

export const createUserSchema = z
  .object({
    email,
    password,
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(['coordinator', 'member', 'buyer']),
    memberId: z.number().int().positive().optional(),
    buyerId: z.number().int().positive().optional(),
    locale: z.enum(LOCALES),
    status: z.enum(['unverified', 'active', 'disabled']).default('active'),
  })
  .refine((u) => (u.role === 'member') === (u.memberId !== undefined), { message: 'memberId', path: ['memberId'] })
  .refine((u) => (u.role === 'buyer') === (u.buyerId !== undefined), { message: 'buyerId', path: ['buyerId'] });
export type CreateUserInput = z.input<typeof createUserSchema>;

export const createBuyerSchema = z.object({
  kind: z.enum(['organisation', 'person']),
  name: z.string().trim().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'country' }),
  taxId: z.string().trim().max(60).optional(),
  locale: z.enum(LOCALES),
  displayCurrency: z.string().refine(isCurrencyCode, { message: 'currency' }),
});
export type CreateBuyerInput = z.input<typeof createBuyerSchema>;
