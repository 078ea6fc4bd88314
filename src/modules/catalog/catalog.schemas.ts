import { z } from 'zod';
import { LOCALES } from '#platform/i18n/locales.js';
import { isCurrencyCode } from '#platform/money.js';
import { isValidGtin } from '#modules/catalog/gtin.js';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug' }).max(80);

export const UNITS = ['kg', 'g', 'l', 'piece', 'jar', 'bag', 'box', 'bottle', 'pack'] as const;

export const createCategorySchema = z.object({
  slug,
  position: z.number().int().min(0).default(0),
  names: z.partialRecord(z.enum(LOCALES), z.string().trim().min(1).max(120)),
});
export type CreateCategoryInput = z.input<typeof createCategorySchema>;

const translation = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
});

// Integers up to 2^53 - 1: both engines' drivers hand them back exactly as JavaScript numbers.
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);
const positiveInt = z
  .union([z.number().int(), z.bigint()])
  .transform((v) => BigInt(v))
  .refine((v) => v > 0n && v <= MAX_EXACT, { message: 'range' });

export const createProductSchema = z.object({
  slug,
  categorySlug: slug,
  unit: z.enum(UNITS),
  unitDecimals: z.number().int().min(0).max(3).default(0),
  netWeightG: z.number().int().positive(),
  gtin: z
    .string()
    .trim()
    .refine(isValidGtin, { message: 'gtin' })
    .optional(),
  hsCode: z.string().regex(/^\d{6,10}$/, { message: 'hsCode' }).optional(),
  attributes: z
    .object({ organic: z.boolean().optional(), fairTrade: z.boolean().optional(), grade: z.string().max(40).optional() })
    .default({}),
  priceMinor: positiveInt,
  currency: z.string().refine(isCurrencyCode, { message: 'currency' }),
  moq: positiveInt.default(1n),
  orderStep: positiveInt.default(1n),
  status: z.enum(['proposed', 'active', 'retired']).default('active'),
  featured: z.boolean().default(false),
  translations: z.partialRecord(z.enum(LOCALES), translation),
  supplierMemberIds: z.array(z.number().int().positive()).default([]),
});
export type CreateProductInput = z.input<typeof createProductSchema>;
