import type * as CsvParse from 'csv-parse/sync';
import type * as CsvStringify from 'csv-stringify/sync';
import { parseScaledDecimal, scaledToDecimalString } from '#platform/decimal.js';
import { LOCALES, type Locale } from '#platform/i18n/locales.js';
import { currencyDigits, isCurrencyCode } from '#platform/money.js';
import type { Product, ProductAttributes, ProductStatus } from '#modules/catalog/catalog.rows.js';
import type { Tier } from '#modules/catalog/catalog.service.js';
import { isValidGtin } from '#modules/catalog/gtin.js';
import { UNIT_DECIMALS } from '#modules/catalog/product-form.js';

// The CSV libraries load with the first export or import, not at start.
let csvParse: Promise<typeof CsvParse> | undefined;
let csvStringify: Promise<typeof CsvStringify> | undefined;

/** The catalog as a spreadsheet: one row per product, quantities and prices as decimal text. */
export const CSV_COLUMNS: readonly string[] = [
  'slug', 'category', 'unit', 'net_weight_g', 'gtin', 'hs_code', 'price', 'currency', 'moq', 'order_step',
  'organic', 'fair_trade', 'grade', 'featured', 'status', 'tiers',
  ...LOCALES.map((l) => `name_${l}`),
  ...LOCALES.map((l) => `description_${l}`),
];
export const MAX_ROWS = 5000;
const STATUSES: readonly ProductStatus[] = ['proposed', 'active', 'retired'];

/** One stored product in the terms of the file: the product, its category by slug, its text and tiers. */
export interface CatalogCsvProduct extends Omit<Product, 'id' | 'categoryId'> {
  categorySlug: string;
  translations: { locale: string; name: string; description: string }[];
  tiers: { minQty: bigint; priceMinor: bigint }[];
}

/** `row` as a spreadsheet numbers it: the header is row 1. `key` is under errors:field. */
export interface RowError {
  row: number;
  column: string;
  key: string;
}

export interface ParsedRow {
  row: number;
  slug: string;
  /** Undefined when the cell is empty: an existing product keeps its status, a new one is active. */
  status: ProductStatus | undefined;
  /** What `catalog.save` takes, without the status. */
  input: {
    slug: string; categorySlug: string; unit: string; unitDecimals: number; netWeightG: number;
    gtin: string | undefined; hsCode: string | undefined; attributes: ProductAttributes;
    priceMinor: bigint; currency: string; moq: bigint; orderStep: bigint; featured: boolean;
    translations: Partial<Record<Locale, { name: string; description: string }>>;
  };
  tiers: Tier[];
  /** Some cell of the row was refused while reading it. */
  failed: boolean;
}

// A cell starting with one of these is a formula to a spreadsheet: exported with a quote mark before it.
const FORMULA = /^[=+\-@\t\r]/;
const guard = (s: string) => (FORMULA.test(s) ? `'${s}` : s);
const unguard = (s: string) => (s.startsWith("'") && FORMULA.test(s.slice(1)) ? s.slice(1) : s);
const qty = (v: bigint, d: number) => scaledToDecimalString(v, d).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
const yesNo = (b: boolean | undefined) => (b ? 'yes' : 'no');

export function toRecord(p: CatalogCsvProduct): Record<string, string> {
  const money = (v: bigint) => scaledToDecimalString(v, currencyDigits(p.currency));
  const record: Record<string, string> = {
    slug: p.slug, category: p.categorySlug, unit: p.unit, net_weight_g: String(p.netWeightG),
    gtin: p.gtin ?? '', hs_code: p.hsCode ?? '', price: money(p.priceMinor), currency: p.currency,
    moq: qty(p.moq, p.unitDecimals), order_step: qty(p.orderStep, p.unitDecimals),
    organic: yesNo(p.attributes.organic), fair_trade: yesNo(p.attributes.fairTrade), grade: guard(p.attributes.grade ?? ''),
    featured: yesNo(p.featured), status: p.status,
    tiers: p.tiers.map((t) => `${qty(t.minQty, p.unitDecimals)}:${money(t.priceMinor)}`).join('; '),
  };
  for (const l of LOCALES) {
    const tr = p.translations.find((t) => t.locale === l);
    record[`name_${l}`] = guard(tr?.name ?? '');
    record[`description_${l}`] = guard(tr?.description ?? '');
  }
  return record;
}

/** A BOM first, so that spreadsheet apps read Chinese and Arabic as UTF-8; CRLF line ends. */
export async function catalogToCsv(products: CatalogCsvProduct[]): Promise<string> {
  const { stringify } = await (csvStringify ??= import('csv-stringify/sync'));
  return stringify(products.map(toRecord), { bom: true, header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' });
}

function parseTiers(text: string, decimals: number, money: number): Tier[] | undefined {
  const tiers: Tier[] = [];
  for (const part of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    const [q = '', p = '', ...rest] = part.split(':');
    const minQty = parseScaledDecimal(q, decimals);
    const priceMinor = parseScaledDecimal(p, money);
    if (rest.length || minQty === undefined || priceMinor === undefined || minQty <= 0n || priceMinor <= 0n) return undefined;
    tiers.push({ minQty, priceMinor });
  }
  return tiers;
}

/** Reads one data row; `cell` gives a column's trimmed text. Never throws: problems go to the errors. */
export function parseRecord(cell: (column: string) => string, row: number): { parsed: ParsedRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (column: string, key: string) => errors.push({ row, column, key });
  const required = (c: string) => {
    if (!cell(c)) fail(c, 'errors:field.too_small');
    return cell(c);
  };
  const unit = required('unit');
  const decimals = UNIT_DECIMALS[unit];
  if (unit && decimals === undefined) fail('unit', 'errors:field.invalid_value');
  const currency = required('currency').toUpperCase();
  const money = isCurrencyCode(currency) ? currencyDigits(currency) : undefined;
  if (currency && money === undefined) fail('currency', 'errors:field.currency');
  // Amounts in an unknown unit or currency are not read: the unit or currency is the problem.
  const amount = (c: string, digits: number | undefined, fallback?: bigint) => {
    const text = cell(c);
    if (!text || digits === undefined) return text ? undefined : fallback;
    const v = parseScaledDecimal(text, digits);
    if (v === undefined || v <= 0n) fail(c, 'errors:field.decimal');
    return v;
  };
  const one = 10n ** BigInt(decimals ?? 0);
  const price = required('price') ? amount('price', money) : undefined;
  const moq = amount('moq', decimals, one);
  const orderStep = amount('order_step', decimals, one);
  const tiers = decimals !== undefined && money !== undefined ? parseTiers(cell('tiers'), decimals, money) : [];
  if (!tiers) fail('tiers', 'errors:field.tiers');
  const weight = required('net_weight_g');
  if (weight && !/^\d{1,9}$/.test(weight)) fail('net_weight_g', 'errors:field.wholeNumber');
  const gtin = cell('gtin');
  if (gtin && !isValidGtin(gtin)) fail('gtin', 'errors:field.gtin');
  const bool = (c: string) => {
    const v = cell(c).toLowerCase();
    if (!['yes', 'no', 'true', 'false', '1', '0', ''].includes(v)) fail(c, 'errors:field.yesNo');
    return ['yes', 'true', '1'].includes(v);
  };
  const statusText = cell('status').toLowerCase();
  const status = STATUSES.find((s) => s === statusText);
  if (statusText && !status) fail('status', 'errors:field.invalid_value');
  const translations: ParsedRow['input']['translations'] = {};
  for (const l of LOCALES) {
    const name = unguard(cell(`name_${l}`));
    const description = unguard(cell(`description_${l}`));
    if (name) translations[l] = { name, description };
    else if (description) fail(`name_${l}`, 'errors:field.translationName');
  }
  const grade = unguard(cell('grade'));
  const input = {
    slug: required('slug'), categorySlug: required('category'), unit, unitDecimals: decimals ?? 0,
    netWeightG: /^\d{1,9}$/.test(weight) ? Number(weight) : -1, gtin: gtin || undefined, hsCode: cell('hs_code') || undefined,
    attributes: { organic: bool('organic'), fairTrade: bool('fair_trade'), ...(grade ? { grade } : {}) },
    priceMinor: price ?? 0n, currency, moq: moq ?? 0n, orderStep: orderStep ?? 0n, featured: bool('featured'), translations,
  };
  return { parsed: { row, slug: input.slug, status, input, tiers: tiers ?? [], failed: errors.length > 0 }, errors };
}

function headerErrors(names: string[]): RowError[] {
  const errors: RowError[] = [];
  names.forEach((n, i) => {
    if (!CSV_COLUMNS.includes(n)) errors.push({ row: 1, column: n, key: 'errors:field.csvColumnUnknown' });
    else if (names.indexOf(n) !== i) errors.push({ row: 1, column: n, key: 'errors:field.csvColumnDuplicate' });
  });
  for (const c of CSV_COLUMNS) if (!names.includes(c)) errors.push({ row: 1, column: c, key: 'errors:field.csvColumnMissing' });
  return errors;
}

/** Reads the file (comma- or, as some spreadsheet apps write it, semicolon-separated). */
export async function parseCatalogCsv(text: string): Promise<{ rows: ParsedRow[]; errors: RowError[] }> {
  const { parse } = await (csvParse ??= import('csv-parse/sync'));
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true }) as string[][];
  } catch (err) {
    return { rows: [], errors: [{ row: Number((err as { records?: number }).records ?? 0) + 1, column: '', key: 'errors:field.csvMalformed' }] };
  }
  const [header, ...data] = records;
  if (!header || header.every((c) => !c.trim())) return { rows: [], errors: [{ row: 1, column: '', key: 'errors:field.csvEmpty' }] };
  if (data.length > MAX_ROWS) return { rows: [], errors: [{ row: 1, column: '', key: 'errors:field.csvTooManyRows' }] };
  const names = header.map((h) => h.trim());
  const errors = headerErrors(names);
  if (errors.length) return { rows: [], errors };
  const rows: ParsedRow[] = [];
  const seen = new Set<string>();
  for (const [i, cells] of data.entries()) {
    const row = i + 2;
    if (cells.every((c) => !c.trim())) continue;
    if (cells.length !== names.length) {
      errors.push({ row, column: '', key: 'errors:field.csvCellCount' });
      continue;
    }
    const { parsed, errors: rowErrors } = parseRecord((c) => (cells[names.indexOf(c)] ?? '').trim(), row);
    if (parsed.slug && seen.has(parsed.slug)) rowErrors.push({ row, column: 'slug', key: 'errors:field.duplicateInFile' });
    seen.add(parsed.slug);
    errors.push(...rowErrors);
    rows.push({ ...parsed, failed: rowErrors.length > 0 });
  }
  return { rows, errors };
}
