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
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;

export interface Settings {
  get<K extends SettingKey>(key: K): SettingValue<K>;
  set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void>;
  /** Reads the table into memory; called once at start. Settings change rarely and are read on every page. */
  load(): Promise<void>;
}

export function createSettings(db: Db, clock: Clock): Settings {
  const cache = new Map<string, unknown>();
  return {
    get(key) {
      const schema = SETTINGS[key];
      const parsed = schema.safeParse(cache.get(key));
      return (parsed.success ? parsed.data : schema.parse(undefined)) as SettingValue<typeof key>;
    },
    async set(key, value) {
      const valid = SETTINGS[key].parse(value);
      await upsertSetting(db, { key, value: JSON.stringify(valid), updated_at: clock.nowIso() });
      cache.set(key, valid);
    },
    async load() {
      cache.clear();
      for (const row of await selectAllSettings(db)) cache.set(row.key, JSON.parse(row.value) as unknown);
    },
  };
}
