import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import type { Tx } from '#platform/db/index.js';
import { AppError } from '#platform/http/errors.js';
import { updateProductRow } from '#modules/catalog/catalog.queries.js';
import { catalogToCsv, CSV_COLUMNS, parseCatalogCsv, parseRecord, toRecord, type CatalogCsvProduct, type ParsedRow, type RowError } from '#modules/catalog/catalog.csv.js';
import type { ProductStatus } from '#modules/catalog/catalog.rows.js';
import type { CatalogService } from '#modules/catalog/catalog.service.js';
import { normalizeGtin } from '#modules/catalog/gtin.js';

export interface CatalogImportDeps {
  catalog: CatalogService;
  audit: Audit;
  clock: Clock;
}

export interface ImportResult {
  errors: RowError[];
  created: number;
  updated: number;
  unchanged: number;
}

// When a row could not be read, these columns hold placeholders: save's opinion of them is noise.
const PLACEHOLDER_COLUMNS = new Set(['price', 'moq', 'order_step', 'tiers', 'net_weight_g']);

const canonical = (r: ParsedRow, keptStatus: ProductStatus) =>
  JSON.stringify(
    { ...r.input, gtin: r.input.gtin ? normalizeGtin(r.input.gtin) : '', status: r.status ?? keptStatus, tiers: [...r.tiers].sort((a, b) => (a.minQty < b.minQty ? -1 : 1)) },
    (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v),
  );

/** Whether saving the row would leave the stored product as it is (read both through the same path). */
function sameAsStored(row: ParsedRow, stored: CatalogCsvProduct): boolean {
  const record = toRecord(stored);
  return canonical(row, stored.status) === canonical(parseRecord((c) => (record[c] ?? '').trim(), row.row).parsed, stored.status);
}

const FIELD_COLUMNS: Record<string, string> = {
  categorySlug: 'category', unitDecimals: 'unit', netWeightG: 'net_weight_g', hsCode: 'hs_code', priceMinor: 'price',
  orderStep: 'order_step', 'attributes.grade': 'grade', 'attributes.organic': 'organic', 'attributes.fairTrade': 'fair_trade',
};

/** The column of a field named in `catalog.save`'s validation errors. */
function columnOfField(field: string): string {
  const translation = /^translations\.([^.]+)(?:\.(name|description))?/.exec(field);
  if (translation) return `${translation[2] ?? 'name'}_${translation[1]}`;
  if (/^tierQty\d+$/.test(field)) return 'tiers';
  const column = FIELD_COLUMNS[field] ?? field;
  return CSV_COLUMNS.includes(column) ? column : '';
}

/** Row errors, at most one per cell (the first reason found), in the file's order. */
function errorList(initial: RowError[]) {
  const list: RowError[] = [];
  const seen = new Set<string>();
  const add = (e: RowError) => {
    if (seen.has(`${e.row}|${e.column}`)) return;
    seen.add(`${e.row}|${e.column}`);
    list.push(e);
  };
  initial.forEach(add);
  return { add, sorted: () => list.sort((a, b) => a.row - b.row || CSV_COLUMNS.indexOf(a.column) - CSV_COLUMNS.indexOf(b.column)) };
}

export function createCatalogImportService({ catalog, audit, clock }: CatalogImportDeps) {
  /** Every product, every status, keyed by slug. Read before any transaction: SQLite has one connection. */
  async function loadAll(): Promise<Map<string, CatalogCsvProduct>> {
    const [products, categories] = await Promise.all([catalog.listForEditor('en'), catalog.categories('en')]);
    const slugOf = new Map(categories.map((c) => [c.id, c.slug]));
    const out = new Map<string, CatalogCsvProduct>();
    for (const p of [...products].sort((a, b) => a.id - b.id)) {
      const [translations, tiers] = await Promise.all([catalog.translations(p.id), catalog.tiersOf(p.id)]);
      out.set(p.slug, { ...p, categorySlug: slugOf.get(p.categoryId) ?? '', tiers, translations });
    }
    return out;
  }

  /** Saves one row inside the import's transaction; what `save` refuses becomes row errors. */
  async function saveRow(row: ParsedRow, trx: Tx, add: (e: RowError) => void): Promise<void> {
    const existing = await catalog.productBySlug(row.slug, trx);
    const status = row.status ?? existing?.status ?? 'active';
    try {
      await catalog.save({ ...row.input, status }, row.tiers, existing && { id: existing.id, status }, trx);
      // `save` writes the status of new products only.
      if (existing && existing.status !== status) await updateProductRow(trx, existing.id, { status });
    } catch (err) {
      if (!(err instanceof AppError) || Object.keys(err.fields).length === 0) throw err;
      for (const [field, key] of Object.entries(err.fields)) {
        const column = columnOfField(field);
        if (!(row.failed && PLACEHOLDER_COLUMNS.has(column))) add({ row: row.row, column, key });
      }
    }
  }

  /**
   * Checks every row (reading, then what `save` refuses, in one transaction) and applies all rows
   * or none: a dry run, or any error, rolls the transaction back.
   */
  async function importCsv(text: string, { apply }: { apply: boolean }, ctx: AuditContext): Promise<ImportResult> {
    const parsed = await parseCatalogCsv(text);
    const errors = errorList(parsed.errors);
    const counts = { created: 0, updated: 0, unchanged: 0 };
    if (parsed.rows.length === 0 && parsed.errors.length) return { errors: errors.sorted(), ...counts };
    const [stored, categories] = await Promise.all([loadAll(), catalog.categories('en')]);
    const known = new Set(categories.map((c) => c.slug));
    const changed: ParsedRow[] = [];
    for (const row of parsed.rows) {
      const before = stored.get(row.slug);
      if (!row.failed && before && sameAsStored(row, before)) {
        counts.unchanged++;
        continue;
      }
      // `save` checks the category only once the rest is valid; checked here so every problem shows at once.
      if (row.input.categorySlug && !known.has(row.input.categorySlug)) errors.add({ row: row.row, column: 'category', key: 'errors:field.unknown' });
      changed.push(row);
      counts[before ? 'updated' : 'created']++;
    }
    const rollback = new Error('catalog import rolled back');
    try {
      await catalog.transaction(async (trx) => {
        for (const row of changed) await saveRow(row, trx, errors.add);
        if (!apply || errors.sorted().length) throw rollback;
        await audit.record(ctx, 'catalog.imported', null, counts, trx);
      });
    } catch (err) {
      if (err !== rollback) throw err;
    }
    return { errors: errors.sorted(), ...counts };
  }

  return {
    async exportCsv(): Promise<string> {
      return catalogToCsv([...(await loadAll()).values()]);
    },
    exportFileName: () => `catalog-${clock.nowIso().slice(0, 10)}.csv`,
    importCsv,
  };
}

export type CatalogImportService = ReturnType<typeof createCatalogImportService>;
