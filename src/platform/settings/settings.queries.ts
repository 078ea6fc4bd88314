import type { DbOrTx } from '#platform/db/index.js';

export interface SettingRow {
  key: string;
  value: string;
  updated_at: string;
}

export async function selectAllSettings(db: DbOrTx): Promise<SettingRow[]> {
  return db<SettingRow>('settings').select('key', 'value', 'updated_at');
}

export async function upsertSetting(db: DbOrTx, row: SettingRow): Promise<void> {
  await db('settings').insert(row).onConflict('key').merge(['value', 'updated_at']);
}
