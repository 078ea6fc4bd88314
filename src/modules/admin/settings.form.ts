import { parseScaledDecimal, scaledToDecimalString } from '#platform/decimal.js';
import { field } from '#platform/http/forms.js';
import { isCountryCode } from '#platform/i18n/countries.js';
import { currencyDigits, isCurrencyCode } from '#platform/money.js';
import { SETTINGS, type SettingKey, type SettingValue } from '#platform/settings/index.js';

/**
 * The coordinator's settings page as text: what the form shows and what it sends back, and the
 * exact, float-free conversions between that text and the stored settings. Pure: no I/O.
 */

/** The settings the page edits, in the order they are saved. */
export const EDITED_KEYS = [
  'coop.name',
  'coop.seller',
  'coop.baseCurrency',
  'coop.displayCurrencies',
  'coop.rates',
  'shop.hub',
  'shop.pickup',
  'shop.zones',
  'shop.incoterms',
  'shop.taxRules',
  'shop.bankDetails',
  'allocation.policy',
  'allocation.acceptHours',
  'settlement.commissionBp',
  'settlement.feePerDeliveryMinor',
  'settlement.categoryCommissionBp',
] as const satisfies readonly SettingKey[];

export type EditedKey = (typeof EDITED_KEYS)[number];
export type EditedSettings = { [K in EditedKey]: SettingValue<K> };

export const INCOTERM_CODES = SETTINGS['shop.incoterms'].unwrap().element.shape.code.options;
export type IncotermCode = (typeof INCOTERM_CODES)[number];
export const POLICIES = SETTINGS['allocation.policy'].unwrap().options;

/** Plain text fields of the form (the incoterm and bank fields are named per code, see below). */
export const TEXT_FIELDS = [
  'coopName',
  'sellerLegalName',
  'sellerAddress',
  'sellerCountry',
  'sellerTaxId',
  'sellerEmail',
  'baseCurrency',
  'rates',
  'hubName',
  'hubAddress',
  'hubCountry',
  'hubLatitude',
  'hubLongitude',
  'zones',
  'taxRules',
  'allocationPolicy',
  'acceptHours',
  'commission',
  'feePerDelivery',
  'categoryCommission',
] as const;

export const incotermField = (code: string) => `incoterm_${code}`;
export const incotermPlaceField = (code: string) => `incotermPlace_${code}`;
export const bankField = (currency: string) => `bank_${currency}`;

/** The form as strings, exactly as typed (kept and shown again when something is wrong). */
export type SettingsFormValues = Record<string, string>;

/** Longest text accepted in a list (textarea) field; the body parser caps the whole form anyway. */
export const MAX_LIST_CHARS = 10_000;
const MAX_LINES = 200;
/** Heaviest bracket: 1,000 tonnes, far above any parcel or pallet, and a safe integer in grams. */
const MAX_GRAMS = 1_000_000_000n;
/** Rates, prices: at most 15 digits once scaled (the schemas' `^\d{1,15}$`). */
const MAX_SCALED = 999_999_999_999_999n;
const ZONE_ID = /^[a-z0-9-]{1,40}$/;
const CATEGORY_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "0.920000" → "0.92", "5.000" → "5": decimals as people write them. */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

const percentText = (bp: number) => trimDecimal(scaledToDecimalString(bp, 2));
const kgText = (grams: number) => trimDecimal(scaledToDecimalString(grams, 3));

/** Stored settings → the form's text. */
export function formatSettings(s: EditedSettings): SettingsFormValues {
  const base = s['coop.baseCurrency'];
  const digits = isCurrencyCode(base) ? currencyDigits(base) : 2;
  const rates = s['coop.rates'];
  const v: SettingsFormValues = {
    coopName: s['coop.name'],
    sellerLegalName: s['coop.seller'].legalName,
    sellerAddress: s['coop.seller'].address,
    sellerCountry: s['coop.seller'].country,
    sellerTaxId: s['coop.seller'].taxId,
    sellerEmail: s['coop.seller'].email,
    baseCurrency: base,
    rates: s['coop.displayCurrencies']
      .filter((c) => c !== base)
      .map((c) => {
        const r = rates[c];
        return r ? `${c} ${trimDecimal(scaledToDecimalString(BigInt(r.rateE6), 6))} ${r.date}` : c;
      })
      .join('\n'),
    hubName: s['shop.hub'].name,
    hubAddress: s['shop.hub'].address,
    hubCountry: s['shop.hub'].country,
    hubLatitude: trimDecimal(scaledToDecimalString(s['shop.hub'].latE6, 6)),
    hubLongitude: trimDecimal(scaledToDecimalString(s['shop.hub'].lonE6, 6)),
    pickup: s['shop.pickup'] ? 'on' : '',
    zones: s['shop.zones']
      .map((z) => `${z.id}: ${z.countries.join(' ')} | ${z.brackets.map((b) => `${kgText(b.upToG)} = ${scaledToDecimalString(BigInt(b.priceMinor), digits)}`).join('; ')}`)
      .join('\n'),
    taxRules: s['shop.taxRules'].map((r) => `${r.zoneId} ${percentText(r.rateBp)}`).join('\n'),
    allocationPolicy: s['allocation.policy'],
    acceptHours: String(s['allocation.acceptHours']),
    commission: percentText(s['settlement.commissionBp']),
    feePerDelivery: scaledToDecimalString(BigInt(s['settlement.feePerDeliveryMinor']), digits),
    categoryCommission: Object.entries(s['settlement.categoryCommissionBp'])
      .map(([slug, bp]) => `${slug} ${percentText(bp)}`)
      .join('\n'),
  };
  for (const code of INCOTERM_CODES) {
    const chosen = s['shop.incoterms'].find((i) => i.code === code);
    v[incotermField(code)] = chosen ? 'on' : '';
    v[incotermPlaceField(code)] = chosen?.place ?? '';
  }
  for (const currency of bankCurrencies(s)) v[bankField(currency)] = s['shop.bankDetails'][currency] ?? '';
  return v;
}

/** The currencies that have a bank details box: the base currency, then the display currencies. */
export function bankCurrencies(s: Pick<EditedSettings, 'coop.baseCurrency' | 'coop.displayCurrencies'>): string[] {
  return [...new Set([s['coop.baseCurrency'], ...s['coop.displayCurrencies']])];
}

/** The form's fields from a request body: strings only (arrays, objects and the missing become ''). */
export function formFromBody(body: unknown): SettingsFormValues {
  const v: SettingsFormValues = {};
  // Browsers send CRLF line endings; the text is kept with plain newlines.
  for (const k of TEXT_FIELDS) v[k] = field(body, k).replace(/\r\n?/g, '\n');
  for (const k of ['coopName', 'sellerLegalName', 'sellerCountry', 'sellerTaxId', 'sellerEmail', 'baseCurrency', 'hubName', 'hubCountry', 'hubLatitude', 'hubLongitude', 'allocationPolicy', 'acceptHours', 'commission']) {
    v[k] = (v[k] ?? '').trim();
  }
  v.pickup = field(body, 'pickup') ? 'on' : '';
  for (const code of INCOTERM_CODES) {
    v[incotermField(code)] = field(body, incotermField(code)) ? 'on' : '';
    v[incotermPlaceField(code)] = field(body, incotermPlaceField(code)).trim();
  }
  // Bank details boxes are named by currency; only those sent are read (a box not on the page keeps what is stored).
  const source = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  for (const [k, value] of Object.entries(source)) {
    if (/^bank_[A-Z]{3}$/.test(k) && typeof value === 'string') v[k] = value.replace(/\r\n?/g, '\n');
  }
  return v;
}

export type ParseResult =
  | { ok: true; value: EditedSettings }
  | {
      ok: false;
      /** Field name → translation key. */
      errors: Record<string, string>;
      /** Field name → the 1-based line of a list field the error is about. */
      lines: Record<string, number>;
    };

interface Line {
  no: number;
  text: string;
}

/** The non-blank lines of a list field, with their numbers as the user sees them. */
function linesOf(text: string): Line[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ no: i + 1, text: t.trim() }))
    .filter((l) => l.text !== '');
}

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;

/** A percentage with up to 2 decimals, 0 to 100, as basis points; undefined otherwise. */
export function parsePercentBp(text: string): number | undefined {
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return undefined;
  const bp = parseScaledDecimal(text, 2);
  return bp !== undefined && bp >= 0n && bp <= 10_000n ? Number(bp) : undefined;
}

/** Decimal degrees with up to 6 decimals within ±limit, as integer micro-degrees; undefined otherwise. */
export function parseDegreesE6(text: string, limit: number): number | undefined {
  if (!/^-?\d{1,3}(\.\d{1,6})?$/.test(text)) return undefined;
  const e6 = parseScaledDecimal(text, 6);
  if (e6 === undefined) return undefined;
  const max = BigInt(limit) * 1_000_000n;
  return e6 >= -max && e6 <= max ? Number(e6) : undefined;
}

/** Unsigned decimal text (no sign, no exponent) scaled by 10^decimals, within MAX_SCALED. */
function parseAmount(text: string, decimals: number): bigint | undefined {
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const v = parseScaledDecimal(text, decimals);
  return v !== undefined && v <= MAX_SCALED ? v : undefined;
}

/**
 * The form's text → settings, all or nothing. `current` supplies what the page does not show
 * (bank details of a currency just added) and is never modified.
 */
export function parseSettingsForm(v: SettingsFormValues, current: EditedSettings): ParseResult {
  const errors: Record<string, string> = {};
  const lines: Record<string, number> = {};
  const fail = (name: string, key: string, line?: number) => {
    if (errors[name]) return;
    errors[name] = key;
    if (line !== undefined) lines[name] = line;
  };
  const text = (name: string) => v[name] ?? '';
  /** A single-line text field: required or not, at most `max` characters. */
  const str = (name: string, max: number, required: boolean): string => {
    const value = text(name).trim();
    if (required && !value) fail(name, 'errors:field.too_small');
    else if (value.length > max) fail(name, 'errors:field.too_big');
    return value;
  };
  /** A multi-line free text (an address, bank details): line endings made uniform. */
  const block = (name: string, max: number): string => {
    const value = text(name).replace(/\r\n?/g, '\n').trim();
    if (value.length > max) fail(name, 'errors:field.too_big');
    return value;
  };
  const country = (name: string): string => {
    const value = text(name).trim();
    if (!isCountryCode(value)) fail(name, 'errors:field.country');
    return value;
  };
  const list = (name: string): Line[] => {
    if (text(name).length > MAX_LIST_CHARS) {
      fail(name, 'errors:field.too_big');
      return [];
    }
    const all = linesOf(text(name));
    if (all.length > MAX_LINES) {
      fail(name, 'settings:error.tooManyLines');
      return [];
    }
    return all;
  };

  // The cooperative and the seller on invoices.
  const name = str('coopName', 120, true);
  const sellerEmail = str('sellerEmail', 254, false);
  if (sellerEmail && !EMAIL.test(sellerEmail)) fail('sellerEmail', 'errors:field.email');
  const seller = {
    legalName: str('sellerLegalName', 200, true),
    address: block('sellerAddress', 500),
    country: country('sellerCountry'),
    taxId: str('sellerTaxId', 60, false),
    email: sellerEmail,
  };

  // Currencies: the base one, then the display currencies with their rates.
  const base = text('baseCurrency').trim().toUpperCase();
  const baseOk = isCurrencyCode(base);
  if (!baseOk) fail('baseCurrency', 'errors:field.currency');
  const displayCurrencies = baseOk ? [base] : [];
  const rates: Record<string, { rateE6: string; date: string }> = {};
  for (const line of list('rates')) {
    const [rawCode = '', rate, date, ...rest] = line.text.split(/\s+/);
    const code = rawCode.toUpperCase();
    if (!isCurrencyCode(code)) {
      fail('rates', 'errors:field.currency', line.no);
      continue;
    }
    if (rest.length > 0 || (rate !== undefined && date === undefined)) {
      fail('rates', 'settings:error.rates', line.no);
      continue;
    }
    if (code === base) {
      fail('rates', 'settings:error.ratesBase', line.no);
      continue;
    }
    if (displayCurrencies.includes(code)) {
      fail('rates', 'settings:error.duplicate', line.no);
      continue;
    }
    displayCurrencies.push(code);
    if (rate === undefined || date === undefined) continue; // offered without approximate prices
    const rateE6 = parseAmount(rate, 6);
    if (rateE6 === undefined || rateE6 <= 0n) fail('rates', 'settings:error.rate', line.no);
    else if (!isDate(date)) fail('rates', 'errors:field.date', line.no);
    else rates[code] = { rateE6: rateE6.toString(), date };
  }

  // The hub.
  const latE6 = parseDegreesE6(text('hubLatitude').trim(), 90);
  const lonE6 = parseDegreesE6(text('hubLongitude').trim(), 180);
  const hub = { name: str('hubName', 120, true), address: block('hubAddress', 500), country: country('hubCountry'), latE6: latE6 ?? 0, lonE6: lonE6 ?? 0 };
  if (latE6 === undefined) fail('hubLatitude', 'settings:error.latitude');
  if (lonE6 === undefined) fail('hubLongitude', 'settings:error.longitude');
  const pickup = text('pickup') !== '';

  // Shipping zones: "id: countries | kg = price; kg = price".
  const digits = currencyDigits(baseOk ? base : isCurrencyCode(current['coop.baseCurrency']) ? current['coop.baseCurrency'] : 'USD');
  const zones: EditedSettings['shop.zones'] = [];
  const zoneOfCountry = new Map<string, string>();
  for (const line of list('zones')) {
    const colon = line.text.indexOf(':');
    const bar = line.text.indexOf('|');
    if (colon < 0 || bar < colon) {
      fail('zones', 'settings:error.zones', line.no);
      continue;
    }
    const id = line.text.slice(0, colon).trim();
    const countries = line.text
      .slice(colon + 1, bar)
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase());
    const bracketTexts = line.text
      .slice(bar + 1)
      .split(';')
      .map((b) => b.trim())
      .filter(Boolean);
    if (!ZONE_ID.test(id)) {
      fail('zones', 'settings:error.zoneId', line.no);
      continue;
    }
    if (zones.some((z) => z.id === id)) {
      fail('zones', 'settings:error.duplicate', line.no);
      continue;
    }
    if (countries.length === 0 || bracketTexts.length === 0) {
      fail('zones', 'settings:error.zones', line.no);
      continue;
    }
    const badCountry = countries.find((c) => !isCountryCode(c));
    if (badCountry) {
      fail('zones', 'settings:error.country', line.no);
      continue;
    }
    const twice = countries.find((c, i) => countries.indexOf(c) !== i || zoneOfCountry.has(c));
    if (twice) {
      fail('zones', 'settings:error.countryTwice', line.no);
      continue;
    }
    const brackets: { upToG: number; priceMinor: string }[] = [];
    for (const b of bracketTexts) {
      const parts = b.split('=').map((p) => p.trim());
      if (parts.length !== 2 || !parts[0] || !parts[1]) {
        fail('zones', 'settings:error.zones', line.no);
        break;
      }
      const grams = parseAmount(parts[0], 3);
      if (grams === undefined || grams <= 0n || grams > MAX_GRAMS) {
        fail('zones', 'settings:error.weight', line.no);
        break;
      }
      const price = parseAmount(parts[1], digits);
      if (price === undefined) {
        fail('zones', 'settings:error.price', line.no);
        break;
      }
      const last = brackets[brackets.length - 1];
      if (last && Number(grams) <= last.upToG) {
        fail('zones', 'settings:error.bracketOrder', line.no);
        break;
      }
      brackets.push({ upToG: Number(grams), priceMinor: price.toString() });
    }
    if (brackets.length !== bracketTexts.length) continue;
    for (const c of countries) zoneOfCountry.set(c, id);
    zones.push({ id, countries, brackets });
  }

  // Tax by zone: "zone percent".
  const taxRules: EditedSettings['shop.taxRules'] = [];
  for (const line of list('taxRules')) {
    const parts = line.text.split(/\s+/);
    const [zoneId = '', percent = ''] = parts;
    if (parts.length !== 2) {
      fail('taxRules', 'settings:error.taxRules', line.no);
      continue;
    }
    const rateBp = parsePercentBp(percent.replace(/%$/, ''));
    if (!zones.some((z) => z.id === zoneId)) fail('taxRules', 'settings:error.taxZone', line.no);
    else if (taxRules.some((r) => r.zoneId === zoneId)) fail('taxRules', 'settings:error.duplicate', line.no);
    else if (rateBp === undefined) fail('taxRules', 'settings:error.percent', line.no);
    else taxRules.push({ zoneId, rateBp });
  }

  // Incoterms: a box per code, each with its named place.
  const incoterms: EditedSettings['shop.incoterms'] = [];
  for (const code of INCOTERM_CODES) {
    const place = str(incotermPlaceField(code), 200, false);
    if (text(incotermField(code))) incoterms.push({ code, place });
  }
  if (incoterms.length === 0) fail('incoterms', 'settings:error.incoterms');

  // Bank details per currency; a currency without a box on the page keeps what is stored.
  const bankDetails: Record<string, string> = {};
  for (const currency of displayCurrencies) {
    const sent = v[bankField(currency)];
    const details = sent === undefined ? (current['shop.bankDetails'][currency] ?? '') : block(bankField(currency), 1000);
    if (details) bankDetails[currency] = details;
  }

  // Allocation.
  const policy = text('allocationPolicy');
  if (!(POLICIES as readonly string[]).includes(policy)) fail('allocationPolicy', 'errors:field.invalid_value');
  const hoursText = text('acceptHours');
  const acceptHours = /^\d{1,4}$/.test(hoursText) ? Number(hoursText) : 0;
  if (acceptHours < 1 || acceptHours > 720) fail('acceptHours', 'settings:error.hours');

  // Commission, then the per-category overrides: "slug percent".
  const commissionBp = parsePercentBp(text('commission').replace(/\s*%$/, ''));
  if (commissionBp === undefined) fail('commission', 'settings:error.percent');
  // The agreed handling fee per delivery, in the base currency (empty is none).
  const feeText = text('feePerDelivery');
  const fee = feeText === '' ? 0n : parseAmount(feeText, digits);
  if (fee === undefined) fail('feePerDelivery', 'settings:error.price');
  const categoryCommissionBp: Record<string, number> = {};
  for (const line of list('categoryCommission')) {
    const parts = line.text.split(/\s+/);
    const [slug = '', percent = ''] = parts;
    if (parts.length !== 2 || !CATEGORY_SLUG.test(slug) || slug.length > 80) {
      fail('categoryCommission', 'settings:error.categoryCommission', line.no);
      continue;
    }
    const bp = parsePercentBp(percent.replace(/%$/, ''));
    if (Object.hasOwn(categoryCommissionBp, slug)) fail('categoryCommission', 'settings:error.duplicate', line.no);
    else if (bp === undefined) fail('categoryCommission', 'settings:error.percent', line.no);
    else categoryCommissionBp[slug] = bp;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors, lines };

  const value: EditedSettings = {
    'coop.name': name,
    'coop.seller': seller,
    'coop.baseCurrency': base,
    'coop.displayCurrencies': displayCurrencies,
    'coop.rates': rates,
    'shop.hub': hub,
    'shop.pickup': pickup,
    'shop.zones': zones,
    'shop.incoterms': incoterms,
    'shop.taxRules': taxRules,
    'shop.bankDetails': bankDetails,
    'allocation.policy': policy as EditedSettings['allocation.policy'],
    'allocation.acceptHours': acceptHours,
    'settlement.commissionBp': commissionBp ?? 0,
    'settlement.feePerDeliveryMinor': (fee ?? 0n).toString(),
    'settlement.categoryCommissionBp': categoryCommissionBp,
  };
  // The stored schemas have the last word: whatever they refuse is not saved.
  for (const key of EDITED_KEYS) {
    if (!SETTINGS[key].safeParse(value[key]).success) errors[FIELD_OF_KEY[key]] = 'errors:field.invalid_format';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, lines } : { ok: true, value };
}

/** The form field that shows a problem with a stored setting. */
const FIELD_OF_KEY: Record<EditedKey, string> = {
  'coop.name': 'coopName',
  'coop.seller': 'sellerLegalName',
  'coop.baseCurrency': 'baseCurrency',
  'coop.displayCurrencies': 'rates',
  'coop.rates': 'rates',
  'shop.hub': 'hubName',
  'shop.pickup': 'pickup',
  'shop.zones': 'zones',
  'shop.incoterms': 'incoterms',
  'shop.taxRules': 'taxRules',
  'shop.bankDetails': 'bankDetails',
  'allocation.policy': 'allocationPolicy',
  'allocation.acceptHours': 'acceptHours',
  'settlement.commissionBp': 'commission',
  'settlement.feePerDeliveryMinor': 'feePerDelivery',
  'settlement.categoryCommissionBp': 'categoryCommission',
};
