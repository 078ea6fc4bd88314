import { z } from 'zod';
import { EVENT_TYPES } from '#modules/traceability/traceability.rows.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { message: 'date' });
const optionalDate = z.union([z.literal(''), date]).optional().transform((v) => v || null);
export const LOT_CODE = /^[A-Z0-9][A-Z0-9.-]{0,19}$/;
export const TZ_OFFSET = /^([+-](0\d|1[0-3]):(00|15|30|45)|[+-]14:00)$/; // EPCIS allows -14:00 … +14:00

export const eventInputSchema = z.object({
  type: z.enum(EVENT_TYPES),
  /** Local date and time at the place, with its UTC offset. */
  occurredAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: 'dateTime' }),
  tzOffset: z.string().regex(TZ_OFFSET, { message: 'tzOffset' }),
  locationKind: z.enum(['site', 'hub', 'address']).default('site'),
  siteId: z.number().int().positive().nullable().default(null),
  locationText: z.string().trim().max(300).default(''),
  quantity: z.string().trim().max(30).default(''),
  attributes: z.record(z.string().regex(/^[a-zA-Z][\w.-]{0,39}$/), z.union([z.string().max(200), z.number(), z.boolean()])).default({}),
  correctsEventId: z.number().int().positive().nullable().default(null),
  note: z.string().trim().max(2000).default(''),
});
export type EventInput = z.input<typeof eventInputSchema>;

export const batchInputSchema = z.object({
  productId: z.number().int().positive(),
  lotCode: z.union([z.literal(''), z.string().trim().toUpperCase().regex(LOT_CODE, { message: 'lotCode' })]).default(''),
  sites: z
    .array(z.object({ siteId: z.number().int().positive(), shareBp: z.number().int().min(1).max(10_000) }))
    .min(1, { message: 'sitesRequired' })
    .refine((s) => s.reduce((sum, x) => sum + x.shareBp, 0) === 10_000, { message: 'sharesSum' }),
  producedOn: date,
  producedUntil: optionalDate,
  packedOn: optionalDate,
  bestBefore: optionalDate,
  quantity: z.string().trim().min(1).max(30),
  grade: z.string().trim().max(40).default(''),
  certificationIds: z.array(z.number().int().positive()).default([]),
  status: z.enum(['draft', 'available']).default('available'),
  harvest: eventInputSchema.omit({ type: true, correctsEventId: true }).partial({ locationKind: true }),
});
export type BatchInput = z.input<typeof batchInputSchema>;

export const transformSchema = z.object({
  productId: z.number().int().positive(),
  lotCode: z.union([z.literal(''), z.string().trim().toUpperCase().regex(LOT_CODE, { message: 'lotCode' })]).default(''),
  inputs: z.array(z.object({ lotCode: z.string().trim().toUpperCase(), quantity: z.string().trim().min(1).max(30) })).min(1, { message: 'inputsRequired' }),
  quantity: z.string().trim().min(1).max(30),
  producedOn: date,
  bestBefore: optionalDate,
  grade: z.string().trim().max(40).default(''),
  process: z.string().trim().max(200).default(''),
  occurredAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: 'dateTime' }),
  tzOffset: z.string().regex(TZ_OFFSET, { message: 'tzOffset' }),
  locationText: z.string().trim().max(300).default(''),
});
export type TransformInput = z.input<typeof transformSchema>;

/** Local wall time at an offset → the UTC instant, or undefined for an impossible date. */
export function toUtc(local: string, offset: string): string | undefined {
  const ms = Date.parse(`${local}:00${offset}`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
