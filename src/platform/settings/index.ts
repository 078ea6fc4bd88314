import { z } from 'zod';
import type { Clock } from '#platform/clock.js';
import type { Db } from '#platform/db/index.js';
import { selectAllSettings, upsertSetting } from '#platform/settings/settings.queries.js';

/** Every coop setting with its schema and default; modules add their keys here as they need them. */
export const SETTINGS = {
  'coop.name': z.string().min(1).max(120).default('Terroir'),
  /** The offset most members work at; forms start with it. */
  'coop.tzOffset': z.string().regex(/^[+-]\d{2}:\d{2}$/).default('+07:00'),
  'coop.baseCurrency': z.string().length(3).default('USD'),
  /** Currencies a buyer may pick to see approximate prices in. */
  'coop.displayCurrencies': z.array(z.string().length(3)).default(['USD', 'EUR', 'GBP', 'CNY', 'TWD', 'JPY', 'AED', 'THB']),
  /** Coordinator-entered rates from the base currency: 1 base unit = rateE6 / 10^6 units, as of `date`. */
  'coop.rates': z.record(z.string().length(3), z.object({ rateE6: z.string().regex(/^\d{1,15}$/), date: z.string() })).default({}),
  /** The seller on invoices: the coop's legal identity. */
  'coop.seller': z
    .object({ legalName: z.string().max(200), address: z.string().max(500), country: z.string().length(2), taxId: z.string().max(60), email: z.string().max(254) })
    .default({ legalName: 'Terroir cooperative', address: '', country: 'TH', taxId: '', email: '' }),
  /** Where members deliver and orders are consolidated; buyers may pick up there. */
  'shop.hub': z
    .object({ name: z.string().min(1).max(120), address: z.string().max(500), country: z.string().length(2), latE6: z.number().int(), lonE6: z.number().int() })
    .default({ name: 'Hub', address: '', country: 'TH', latE6: 18_787_700, lonE6: 98_993_100 }),
  'shop.pickup': z.boolean().default(true),
  /**
   * Shipping zones: a group of countries, with a price per weight bracket (grams up to, price in
   * base-currency minor units). An order heavier than the last bracket cannot be delivered there.
   */
  'shop.zones': z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{1,40}$/),
        countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
        brackets: z.array(z.object({ upToG: z.number().int().positive(), priceMinor: z.string().regex(/^\d{1,15}$/) })).min(1),
      }),
    )
    .default([]),
  /** Incoterms 2020 the coop sells under, each with its named place ('' for DAP/DDP/CPT/CIP: the buyer's address city). */
  'shop.incoterms': z.array(z.object({ code: z.enum(['EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP']), place: z.string().max(200) })).default([
    { code: 'EXW', place: '' },
    { code: 'DAP', place: '' },
  ]),
  /** Tax by destination zone, in basis points (0 = export, the default for every zone not listed). */
  'shop.taxRules': z.array(z.object({ zoneId: z.string().regex(/^[a-z0-9-]{1,40}$/), rateBp: z.number().int().min(0).max(10_000) })).default([]),
  /** Bank details buyers pay to, per currency (the base currency's are used when the buyer's has none). */
  'shop.bankDetails': z.record(z.string().length(3), z.string().max(1000)).default({}),
  /** How orders are routed to members (see allocation/README.md) and how long a member has to accept. */
  'allocation.policy': z.enum(['freshness', 'fairShare', 'fewestSplits', 'nearest', 'mixed']).default('fairShare'),
  'allocation.acceptHours': z.number().int().min(1).max(720).default(48),
  /** Coop commission on delivered goods, in basis points, with per-category overrides (category slug → bp). */
  'settlement.commissionBp': z.number().int().min(0).max(10_000).default(1000),
  /** Agreed handling fee the coop keeps per delivery (allocation shipped), in base-currency minor units. */
  'settlement.feePerDeliveryMinor': z.string().regex(/^\d{1,12}$/).default('0'),
  'settlement.categoryCommissionBp': z.record(z.string(), z.number().int().min(0).max(10_000)).default({}),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;

export interface Settings {
  get<K extends SettingKey>(key: K): SettingValue<K>;
  set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void>;
  /** Reads the table into memory; called once at start. Settings change rarely and are read on every page. */
  load(): Promise<void>;
}

/** Frozen all the way down: a value handed to every request must not be changed by one of them. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function createSettings(db: Db, clock: Clock): Settings {
  const cache = new Map<string, unknown>();
  // Parsed (validated, defaults filled) on first read and kept, frozen: pages read settings many times.
  const parsedCache = new Map<string, unknown>();
  return {
    get(key) {
      if (parsedCache.has(key)) return parsedCache.get(key) as SettingValue<typeof key>;
      const schema = SETTINGS[key];
      const parsed = schema.safeParse(cache.get(key));
      const value = deepFreeze(parsed.success ? parsed.data : schema.parse(undefined));
      parsedCache.set(key, value);
      return value as SettingValue<typeof key>;
    },
    async set(key, value) {
      const valid = SETTINGS[key].parse(value);
      await upsertSetting(db, { key, value: JSON.stringify(valid), updated_at: clock.nowIso() });
      cache.set(key, valid);
      parsedCache.delete(key);
    },
    async load() {
      cache.clear();
      parsedCache.clear();
      for (const row of await selectAllSettings(db)) cache.set(row.key, JSON.parse(row.value) as unknown);
    },
  };
}
