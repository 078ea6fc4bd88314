import { expect } from 'chai';
import { SETTINGS } from '#platform/settings/index.js';
import {
  EDITED_KEYS,
  INCOTERM_CODES,
  formFromBody,
  formatSettings,
  parseDegreesE6,
  parsePercentBp,
  parseSettingsForm,
  trimDecimal,
  type EditedSettings,
  type SettingsFormValues,
} from '#modules/admin/settings.form.js';

const defaults = (): EditedSettings => Object.fromEntries(EDITED_KEYS.map((k) => [k, SETTINGS[k].parse(undefined)])) as unknown as EditedSettings;

/** A complete, valid set of settings, different from the defaults in every key. */
const full = (): EditedSettings => ({
  'coop.name': 'Doi Highlands Alliance',
  'coop.seller': { legalName: 'Doi Highlands Cooperative Ltd.', address: '12 Moo 3\nMae Rim, Chiang Mai', country: 'TH', taxId: '0105566000001', email: 'invoices@doi.example' },
  'coop.baseCurrency': 'THB',
  'coop.displayCurrencies': ['THB', 'EUR', 'JPY', 'USD'],
  'coop.rates': { EUR: { rateE6: '25880', date: '2026-11-20' }, JPY: { rateE6: '4340000', date: '2026-11-21' } },
  'shop.hub': { name: 'Mae Rim hub', address: '99 Road 107', country: 'TH', latE6: 18_915_432, lonE6: -98_944_001 },
  'shop.pickup': false,
  'shop.zones': [
    { id: 'eu', countries: ['ES', 'FR', 'DE'], brackets: [{ upToG: 500, priceMinor: '4500' }, { upToG: 20_000, priceMinor: '120000' }, { upToG: 100_250, priceMinor: '38000050' }] },
    { id: 'th', countries: ['TH'], brackets: [{ upToG: 30_000, priceMinor: '0' }] },
  ],
  'shop.incoterms': [
    { code: 'FCA', place: 'Chiang Mai airport' },
    { code: 'DDP', place: '' },
  ],
  'shop.taxRules': [
    { zoneId: 'th', rateBp: 700 },
    { zoneId: 'eu', rateBp: 1250 },
  ],
  'shop.bankDetails': { THB: 'Kasikorn Bank\nAccount 123-4-56789-0', EUR: 'IBAN DE89 3704 0044 0532 0130 00' },
  'allocation.policy': 'fewestSplits',
  'allocation.acceptHours': 36,
  'settlement.commissionBp': 1275,
  'settlement.feePerDeliveryMinor': '150',
  'settlement.categoryCommissionBp': { coffee: 850, 'wild-honey': 0 },
});

const parse = (v: SettingsFormValues, current = defaults()) => parseSettingsForm(v, current);
const errorsOf = (v: SettingsFormValues) => {
  const r = parse(v);
  if (r.ok) throw new Error('expected errors');
  return r;
};

describe('settings form: text ↔ settings', () => {
  it('formats stored settings as the documented text', () => {
    const v = formatSettings(full());
    expect(v.rates).to.equal('EUR 0.02588 2026-11-20\nJPY 4.34 2026-11-21\nUSD');
    expect(v.zones).to.equal('eu: ES FR DE | 0.5 = 45.00; 20 = 1200.00; 100.25 = 380000.50\nth: TH | 30 = 0.00');
    expect(v.taxRules).to.equal('th 7\neu 12.5');
    expect(v.hubLatitude).to.equal('18.915432');
    expect(v.hubLongitude).to.equal('-98.944001');
    expect(v.commission).to.equal('12.75');
    expect(v.categoryCommission).to.equal('coffee 8.5\nwild-honey 0');
    expect(v.incoterm_FCA).to.equal('on');
    expect(v.incotermPlace_FCA).to.equal('Chiang Mai airport');
    expect(v.incoterm_EXW).to.equal('');
    expect(v.bank_THB).to.contain('Kasikorn');
    expect(v.bank_JPY).to.equal('');
    expect(v.pickup).to.equal('');
  });

  it('round-trips: format then parse gives back exactly the same settings', () => {
    for (const settings of [full(), defaults()]) {
      const r = parse(formatSettings(settings), settings);
      expect(r.ok, JSON.stringify(r)).to.equal(true);
      if (r.ok) expect(r.value).to.deep.equal(settings);
    }
  });

  it('round-trips a zero-decimal base currency (JPY prices are whole yen)', () => {
    const s = { ...full(), 'coop.baseCurrency': 'JPY', 'coop.displayCurrencies': ['JPY', 'EUR'], 'coop.rates': { EUR: { rateE6: '6100', date: '2026-11-20' } } };
    const v = formatSettings(s);
    expect(v.zones).to.contain('0.5 = 4500; 20 = 120000');
    const r = parse(v, s);
    expect(r.ok).to.equal(true);
    if (r.ok) expect(r.value['shop.zones']).to.deep.equal(s['shop.zones']);
    const cents = errorsOf({ ...v, zones: 'eu: ES | 1 = 10.5' });
    expect(cents.errors.zones).to.equal('settings:error.price');
  });

  it('parses the documented examples into integers, never floats', () => {
    const v = {
      ...formatSettings(defaults()),
      baseCurrency: 'usd',
      rates: 'EUR 0.92 2026-11-20\n\n  gbp 0.790001 2026-11-19  \nTWD',
      zones: 'eu: ES FR DE IT NL BE | 5 = 45.00; 20 = 120.00; 100 = 380.00;\nasia: th, jp | 0.001 = 0.5',
      taxRules: 'asia 7.5\neu 20%',
      hubLatitude: '-33.8688',
      hubLongitude: '151.2093',
      commission: '8.25',
      categoryCommission: 'coffee 8.5',
    };
    const r = parse(v);
    expect(r.ok, JSON.stringify(r)).to.equal(true);
    if (!r.ok) return;
    expect(r.value['coop.baseCurrency']).to.equal('USD');
    expect(r.value['coop.displayCurrencies']).to.deep.equal(['USD', 'EUR', 'GBP', 'TWD']);
    expect(r.value['coop.rates']).to.deep.equal({ EUR: { rateE6: '920000', date: '2026-11-20' }, GBP: { rateE6: '790001', date: '2026-11-19' } });
    expect(r.value['shop.zones']).to.deep.equal([
      { id: 'eu', countries: ['ES', 'FR', 'DE', 'IT', 'NL', 'BE'], brackets: [{ upToG: 5000, priceMinor: '4500' }, { upToG: 20_000, priceMinor: '12000' }, { upToG: 100_000, priceMinor: '38000' }] },
      { id: 'asia', countries: ['TH', 'JP'], brackets: [{ upToG: 1, priceMinor: '50' }] },
    ]);
    expect(r.value['shop.taxRules']).to.deep.equal([{ zoneId: 'asia', rateBp: 750 }, { zoneId: 'eu', rateBp: 2000 }]);
    expect(r.value['shop.hub']).to.include({ latE6: -33_868_800, lonE6: 151_209_300 });
    expect(r.value['settlement.commissionBp']).to.equal(825);
    expect(r.value['settlement.categoryCommissionBp']).to.deep.equal({ coffee: 850 });
  });

  it('names the field, the line and the problem for each kind of mistake', () => {
    const ok = formatSettings(full());
    const cases: [Partial<SettingsFormValues>, string, string, number?][] = [
      [{ coopName: '  ' }, 'coopName', 'errors:field.too_small'],
      [{ coopName: 'x'.repeat(121) }, 'coopName', 'errors:field.too_big'],
      [{ sellerEmail: 'not-an-email' }, 'sellerEmail', 'errors:field.email'],
      [{ sellerCountry: 'XX' }, 'sellerCountry', 'errors:field.country'],
      [{ baseCurrency: 'XYZ' }, 'baseCurrency', 'errors:field.currency'],
      [{ rates: 'EUR 0.92 2026-11-20\nABC 1 2026-11-20' }, 'rates', 'errors:field.currency', 2],
      [{ rates: 'EUR 0.92' }, 'rates', 'settings:error.rates', 1],
      [{ rates: 'EUR 0.1234567 2026-11-20' }, 'rates', 'settings:error.rate', 1],
      [{ rates: 'EUR 0 2026-11-20' }, 'rates', 'settings:error.rate', 1],
      [{ rates: 'EUR 1e3 2026-11-20' }, 'rates', 'settings:error.rate', 1],
      [{ rates: 'EUR 0.92 2026-02-30' }, 'rates', 'errors:field.date', 1],
      [{ rates: 'EUR\nEUR' }, 'rates', 'settings:error.duplicate', 2],
      [{ rates: 'THB 1 2026-11-20' }, 'rates', 'settings:error.ratesBase', 1],
      [{ hubLatitude: '200' }, 'hubLatitude', 'settings:error.latitude'],
      [{ hubLatitude: '18.1234567' }, 'hubLatitude', 'settings:error.latitude'],
      [{ hubLongitude: '-180.000001' }, 'hubLongitude', 'settings:error.longitude'],
      [{ zones: 'eu: ES FR | 5' }, 'zones', 'settings:error.zones', 1],
      [{ zones: 'eu: ES FR' }, 'zones', 'settings:error.zones', 1],
      [{ zones: 'EU!: ES | 5 = 1' }, 'zones', 'settings:error.zoneId', 1],
      [{ zones: 'eu: ES XX | 5 = 1' }, 'zones', 'settings:error.country', 1],
      [{ zones: 'eu: ES | 5 = 1\nes: ES | 5 = 1' }, 'zones', 'settings:error.countryTwice', 2],
      [{ zones: 'eu: ES | 5 = 1\neu: FR | 5 = 1' }, 'zones', 'settings:error.duplicate', 2],
      [{ zones: 'eu: ES | 0 = 1' }, 'zones', 'settings:error.weight', 1],
      [{ zones: 'eu: ES | 1.0005 = 1' }, 'zones', 'settings:error.weight', 1],
      [{ zones: 'eu: ES | 1 = -1' }, 'zones', 'settings:error.price', 1],
      [{ zones: 'eu: ES | 1 = 1.001' }, 'zones', 'settings:error.price', 1],
      [{ zones: 'eu: ES | 5 = 1; 2 = 3' }, 'zones', 'settings:error.bracketOrder', 1],
      [{ taxRules: 'th 7\nmars 5' }, 'taxRules', 'settings:error.taxZone', 2],
      [{ taxRules: 'th' }, 'taxRules', 'settings:error.taxRules', 1],
      [{ taxRules: 'th 100.5' }, 'taxRules', 'settings:error.percent', 1],
      [{ taxRules: 'th 7\nth 8' }, 'taxRules', 'settings:error.duplicate', 2],
      [{ incoterm_FCA: '', incoterm_DDP: '' }, 'incoterms', 'settings:error.incoterms'],
      [{ incotermPlace_FCA: 'x'.repeat(201) }, 'incotermPlace_FCA', 'errors:field.too_big'],
      [{ bank_EUR: 'x'.repeat(1001) }, 'bank_EUR', 'errors:field.too_big'],
      [{ allocationPolicy: 'random' }, 'allocationPolicy', 'errors:field.invalid_value'],
      [{ acceptHours: '0' }, 'acceptHours', 'settings:error.hours'],
      [{ acceptHours: '12.5' }, 'acceptHours', 'settings:error.hours'],
      [{ acceptHours: '721' }, 'acceptHours', 'settings:error.hours'],
      [{ commission: '-1' }, 'commission', 'settings:error.percent'],
      [{ commission: '10.001' }, 'commission', 'settings:error.percent'],
      [{ commission: '' }, 'commission', 'settings:error.percent'],
      [{ categoryCommission: 'Coffee Beans 8' }, 'categoryCommission', 'settings:error.categoryCommission', 1],
      [{ categoryCommission: 'coffee 101' }, 'categoryCommission', 'settings:error.percent', 1],
      [{ zones: 'x'.repeat(10_001) }, 'zones', 'errors:field.too_big'],
      [{ rates: 'EUR\n'.repeat(201) }, 'rates', 'settings:error.tooManyLines'],
    ];
    for (const [change, fieldName, key, line] of cases) {
      const r = errorsOf({ ...ok, ...change } as SettingsFormValues);
      const label = `${JSON.stringify(change).slice(0, 60)}`;
      expect(r.errors[fieldName], label).to.equal(key);
      expect(r.lines[fieldName], label).to.equal(line);
    }
  });

  it('turns any body into strings, and garbage into errors rather than exceptions', () => {
    const v = formFromBody({ coopName: ['a', 'b'], rates: { x: 1 }, pickup: ['on'], incoterm_EXW: 'on', bank_EUR: 'IBAN', bank_eur: 'no', bank_EURO: 'no', other: 'x' });
    expect(v.coopName).to.equal('');
    expect(v.rates).to.equal('');
    expect(v.pickup).to.equal('');
    expect(v.incoterm_EXW).to.equal('on');
    expect(v.bank_EUR).to.equal('IBAN');
    expect(v).not.to.have.property('bank_eur');
    expect(v).not.to.have.property('bank_EURO');
    expect(v).not.to.have.property('other');
    for (const body of [undefined, null, 'text', 42, [], {}]) {
      const r = parse(formFromBody(body));
      expect(r.ok).to.equal(false);
    }
  });

  it('keeps the stored bank details of a currency added without its box on the page', () => {
    const current = full();
    const v: SettingsFormValues = { ...formatSettings(current), rates: 'EUR 0.02588 2026-11-20\nGBP' };
    delete v.bank_EUR;
    const r = parse(v, current);
    expect(r.ok).to.equal(true);
    if (r.ok) {
      expect(r.value['shop.bankDetails']).to.deep.equal({ THB: 'Kasikorn Bank\nAccount 123-4-56789-0', EUR: 'IBAN DE89 3704 0044 0532 0130 00' });
      expect(r.value['coop.displayCurrencies']).to.deep.equal(['THB', 'EUR', 'GBP']);
    }
  });

  it('validates every parsed value against the stored schemas', () => {
    const r = parse(formatSettings(full()));
    expect(r.ok).to.equal(true);
    if (r.ok) for (const key of EDITED_KEYS) expect(SETTINGS[key].safeParse(r.value[key]).success, key).to.equal(true);
    expect(INCOTERM_CODES).to.include('EXW');
  });

  it('has small exact helpers', () => {
    expect(trimDecimal('0.920000')).to.equal('0.92');
    expect(trimDecimal('5.000')).to.equal('5');
    expect(trimDecimal('100')).to.equal('100');
    expect(parsePercentBp('7')).to.equal(700);
    expect(parsePercentBp('0.01')).to.equal(1);
    expect(parsePercentBp('100')).to.equal(10_000);
    for (const bad of ['100.01', '-1', '1e2', '7,5', '', ' 7', '0.001']) expect(parsePercentBp(bad), bad).to.equal(undefined);
    expect(parseDegreesE6('90', 90)).to.equal(90_000_000);
    expect(parseDegreesE6('-0.000001', 90)).to.equal(-1);
    expect(parseDegreesE6('90.000001', 90)).to.equal(undefined);
    expect(parseDegreesE6('1e1', 90)).to.equal(undefined);
  });
});
