import { z } from 'zod';
import { LOCALES } from '#platform/i18n/locales.js';
import { parseScaledDecimal } from '#platform/decimal.js';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slug' }).max(80);
const country = z.string().regex(/^[A-Z]{2}$/, { message: 'country' });

export const createMemberSchema = z.object({
  slug,
  name: z.string().trim().min(1).max(200),
  country,
  region: z.string().trim().max(120).default(''),
  locality: z.string().trim().max(120).default(''),
  status: z.enum(['pending', 'active', 'suspended']).default('pending'),
  story: z.partialRecord(z.enum(LOCALES), z.string().trim().max(5000)).default({}),
});
export type CreateMemberInput = z.input<typeof createMemberSchema>;

/** Decimal text with at most `decimals` places, turned into a scaled integer. */
const scaled = (decimals: number, min: bigint, max: bigint) =>
  z.string().transform((text, ctx) => {
    const v = parseScaledDecimal(text, decimals);
    if (v === undefined || v < min || v > max) {
      ctx.addIssue({ code: 'custom', message: 'range' });
      return z.NEVER;
    }
    return Number(v);
  });

export const addSiteSchema = z.object({
  name: z.string().trim().min(1).max(200),
  country,
  areaHa: scaled(4, 0n, 10_000_000_000n), // hectares with four decimals = square metres
  latitude: scaled(6, -90_000_000n, 90_000_000n),
  longitude: scaled(6, -180_000_000n, 180_000_000n),
  polygon: z.string().trim().optional(),
});
export type AddSiteInput = z.input<typeof addSiteSchema>;
