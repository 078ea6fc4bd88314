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

export const registerSchema = z.object({
  kind: z.enum(['organisation', 'person']),
  organisation: z.string().trim().max(200).default(''),
  displayName: z.string().trim().min(1).max(200),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'country' }),
  taxId: z.string().trim().max(60).default(''),
  email,
  password,
  locale: z.enum(LOCALES),
  displayCurrency: z.string().refine(isCurrencyCode, { message: 'currency' }),
});
export type RegisterInput = z.input<typeof registerSchema>;

export const inviteSchema = z.object({
  email,
  displayName: z.string().trim().min(1).max(200),
  locale: z.enum(LOCALES),
});
export type InviteInput = z.input<typeof inviteSchema>;

export const newPasswordSchema = z
  .object({ password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'passwordMismatch', path: ['confirm'] });

export const acceptInvitationSchema = z
  .object({ displayName: z.string().trim().min(1).max(200), password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'passwordMismatch', path: ['confirm'] });

export const setupSchema = z
  .object({
    token: z.string().trim().min(1).max(200),
    email,
    displayName: z.string().trim().min(1).max(200),
    password,
    confirm: z.string(),
    locale: z.enum(LOCALES),
  })
  .refine((v) => v.password === v.confirm, { message: 'passwordMismatch', path: ['confirm'] });

export const profileSchema = z.object({
  displayName: z.string().trim().min(1).max(200),
  locale: z.enum(LOCALES),
  displayCurrency: z.string().refine(isCurrencyCode, { message: 'currency' }).optional(),
});

export const changePasswordSchema = z
  .object({ current: z.string().min(1).max(1024), password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'passwordMismatch', path: ['confirm'] });

export const addressSchema = z.object({
  label: z.string().trim().max(80).default(''),
  recipient: z.string().trim().min(1).max(200),
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).default(''),
  city: z.string().trim().min(1).max(120),
  region: z.string().trim().max(120).default(''),
  postalCode: z.string().trim().max(20).regex(/^[A-Za-z0-9 -]*$/, { message: 'postalCode' }).default(''),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'country' }),
  phone: z.string().trim().max(40).regex(/^[0-9+() .-]*$/, { message: 'phone' }).default(''),
});
export type AddressInput = z.input<typeof addressSchema>;
