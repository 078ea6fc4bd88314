import { expect } from 'chai';
import request from 'supertest';
import { EDITED_KEYS } from '#modules/admin/settings.form.js';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';
import { createTestClock } from '#test/helpers/clock.js';
import { csrfOf, makeBuyerUser, makeCoordinator, makeMemberUser, signIn, type Agent } from '#test/helpers/auth.js';
import { makeMember } from '#test/helpers/factories.js';

/** A complete form, as a coordinator fills it in (every field the page has). */
const FULL_FORM: Record<string, string> = {
  coopName: 'Doi Highlands Alliance',
  sellerLegalName: 'Doi Highlands Cooperative Ltd.',
  sellerAddress: '12 Moo 3\r\nMae Rim, Chiang Mai 50180',
  sellerCountry: 'TH',
  sellerTaxId: '0105566000001',
  sellerEmail: 'invoices@doi.example',
  baseCurrency: 'THB',
  rates: 'EUR 0.02588 2026-11-20\r\nJPY 4.34 2026-11-20\r\nUSD 0.028129 2026-11-19\r\nTWD',
  hubName: 'Mae Rim hub',
  hubAddress: '99 Road 107, Mae Rim',
  hubCountry: 'TH',
  hubLatitude: '18.915432',
  hubLongitude: '98.944',
  pickup: 'on',
  zones: 'eu: ES FR DE IT NL BE | 5 = 1450.00; 20 = 3900.50; 100 = 12500\r\nasia: JP TW CN | 0.5 = 350; 30 = 2800.25\r\nth: TH | 30 = 0',
  taxRules: 'th 7\r\neu 12.5',
  incoterm_FCA: 'on',
  incotermPlace_FCA: 'Chiang Mai airport',
  incoterm_DAP: 'on',
  incotermPlace_DAP: '',
  incotermPlace_EXW: 'ignored: not chosen',
  bank_THB: 'Kasikorn Bank, Mae Rim\r\nAccount 123-4-56789-0',
  bank_EUR: 'IBAN DE89 3704 0044 0532 0130 00',
  allocationPolicy: 'nearest',
  acceptHours: '36',
  commission: '12.75',
  feePerDelivery: '1.50',
  categoryCommission: 'coffee 8.5\r\nwild-honey 0',
};

describe('coordinator settings page /admin/settings', function () {
  this.timeout(60_000);
  const clock = createTestClock();
  let t: TestContext;
  let admin: Agent;

  const snapshot = () => Object.fromEntries(EDITED_KEYS.map((k) => [k, t.services.settings.get(k)]));
  const post = async (agent: Agent, form: Record<string, unknown>) => {
    const _csrf = await csrfOf(agent); // first: a visitor's session cookie comes with the token
    return agent.post('/admin/settings').type('form').send({ ...form, _csrf });
  };

  before(async () => {
    t = await createTestContext({ clock });
    const coordinator = await makeCoordinator(t.services, clock);
    await t.db('users').where({ id: coordinator.id }).update({ locale: 'fr' });
    admin = await signIn(t.app, coordinator, clock);
  });
  after(async () => t.close());

  it('shows the form to a coordinator, in the coordinator’s language, filled with the current settings', async () => {
    const res = await admin.get('/admin/settings');
    expect(res.status).to.equal(200);
    expect(res.text).to.match(/<html lang="fr" dir="ltr"/);
    expect(res.text).to.contain('<h1>Paramètres</h1>');
    expect(res.text).to.match(/<a href="\/admin\/settings" aria-current="page">Paramètres<\/a>/);
    expect(res.text).to.match(/<form method="post" action="\/admin\/settings"/);
    expect(res.text).to.match(/name="_csrf" value="[^"]+"/);
    expect(res.text).to.contain('value="Terroir"');
    // Every policy is offered with its French name and description; the default is chosen.
    for (const name of ['Fraîcheur', 'Part équitable', 'Moins de fractionnements', 'Le plus proche', 'Mixte']) expect(res.text).to.contain(name);
    expect(res.text).to.match(/value="fairShare" aria-describedby="f-allocationPolicy-fairShare-hint" checked>/);
    // A display currency without a rate is listed alone; the hub's micro-degrees shown as decimals.
    expect(res.text).to.match(/<textarea id="f-rates" name="rates" rows="6" dir="ltr" aria-describedby="f-rates-hint">EUR\nGBP/);
    expect(res.text).to.contain('value="18.7877"');
    // Hints are tied to their fields; labels to their controls.
    expect(res.text).to.match(/<label for="f-zones">/);
    expect(res.text).to.match(/id="f-zones-hint">[^<]*eu: ES FR DE IT NL BE \| 5 = 45\.00/);
    expect(res.text).to.match(/<input type="checkbox" name="incoterm_EXW" value="on" checked>/);
  });

  it('speaks Arabic right to left, keeping the code-like lists left to right', async () => {
    const coordinator = await makeCoordinator(t.services, clock);
    await t.db('users').where({ id: coordinator.id }).update({ locale: 'ar' });
    const agent = await signIn(t.app, coordinator, clock);
    const res = await agent.get('/admin/settings');
    expect(res.status).to.equal(200);
    expect(res.text).to.match(/<html lang="ar" dir="rtl"/);
    expect(res.text).to.contain('<h1>الإعدادات</h1>');
    expect(res.text).to.match(/<textarea id="f-zones" name="zones" rows="6" dir="ltr"/);
  });

  it('refuses buyers, members and visitors', async () => {
    const buyer = await signIn(t.app, await makeBuyerUser(t.services));
    const member = await signIn(t.app, await makeMemberUser(t.services, (await makeMember(t.services)).id));
    for (const agent of [buyer, member]) {
      expect((await agent.get('/admin/settings')).status).to.equal(403);
      expect((await post(agent, FULL_FORM)).status).to.equal(403);
    }
    const visitor = request.agent(t.app);
    const page = await visitor.get('/admin/settings');
    expect(page.status).to.equal(303);
    expect(page.headers.location).to.equal('/en/login?returnTo=%2Fadmin%2Fsettings');
    expect((await post(visitor, FULL_FORM)).status).to.equal(401);
    expect(t.services.settings.get('coop.name')).to.equal('Terroir');
  });

  it('saves a full form: exact integers in the stored settings, an audit entry, a notice', async () => {
    const res = await post(admin, FULL_FORM);
    expect(res.status, res.text.slice(0, 2000)).to.equal(303);
    expect(res.headers.location).to.equal('/admin/settings');
    const s = t.services.settings;
    expect(s.get('coop.name')).to.equal('Doi Highlands Alliance');
    expect(s.get('coop.seller')).to.deep.equal({ legalName: 'Doi Highlands Cooperative Ltd.', address: '12 Moo 3\nMae Rim, Chiang Mai 50180', country: 'TH', taxId: '0105566000001', email: 'invoices@doi.example' });
    expect(s.get('coop.baseCurrency')).to.equal('THB');
    expect(s.get('coop.displayCurrencies')).to.deep.equal(['THB', 'EUR', 'JPY', 'USD', 'TWD']);
    expect(s.get('coop.rates')).to.deep.equal({
      EUR: { rateE6: '25880', date: '2026-11-20' },
      JPY: { rateE6: '4340000', date: '2026-11-20' },
      USD: { rateE6: '28129', date: '2026-11-19' },
    });
    expect(s.get('shop.hub')).to.deep.equal({ name: 'Mae Rim hub', address: '99 Road 107, Mae Rim', country: 'TH', latE6: 18_915_432, lonE6: 98_944_000 });
    expect(s.get('shop.pickup')).to.equal(true);
    expect(s.get('shop.zones')).to.deep.equal([
      { id: 'eu', countries: ['ES', 'FR', 'DE', 'IT', 'NL', 'BE'], brackets: [{ upToG: 5000, priceMinor: '145000' }, { upToG: 20_000, priceMinor: '390050' }, { upToG: 100_000, priceMinor: '1250000' }] },
      { id: 'asia', countries: ['JP', 'TW', 'CN'], brackets: [{ upToG: 500, priceMinor: '35000' }, { upToG: 30_000, priceMinor: '280025' }] },
      { id: 'th', countries: ['TH'], brackets: [{ upToG: 30_000, priceMinor: '0' }] },
    ]);
    expect(s.get('shop.incoterms')).to.deep.equal([
      { code: 'FCA', place: 'Chiang Mai airport' },
      { code: 'DAP', place: '' },
    ]);
    expect(s.get('shop.taxRules')).to.deep.equal([{ zoneId: 'th', rateBp: 700 }, { zoneId: 'eu', rateBp: 1250 }]);
    expect(s.get('shop.bankDetails')).to.deep.equal({ THB: 'Kasikorn Bank, Mae Rim\nAccount 123-4-56789-0', EUR: 'IBAN DE89 3704 0044 0532 0130 00' });
    expect(s.get('allocation.policy')).to.equal('nearest');
    expect(s.get('allocation.acceptHours')).to.equal(36);
    expect(s.get('settlement.commissionBp')).to.equal(1275);
    expect(s.get('settlement.feePerDeliveryMinor')).to.equal('150');
    expect(s.get('settlement.categoryCommissionBp')).to.deep.equal({ coffee: 850, 'wild-honey': 0 });

    const [entry] = await t.services.audit.list({ action: 'settings.updated' }, 5);
    expect(entry).to.include({ action: 'settings.updated', subjectType: 'coop', subjectId: '0' });
    // Every key changed but pickup, which was already on.
    expect(entry!.detail.keys).to.have.members(EDITED_KEYS.filter((k) => k !== 'shop.pickup'));

    const page = await admin.get('/admin/settings');
    expect(page.text).to.contain('Les paramètres ont été enregistrés.');
    expect(page.text).to.contain('<title>Paramètres · Doi Highlands Alliance</title>');
    // The page shows back what was saved, in the same text form.
    expect(page.text).to.contain('eu: ES FR DE IT NL BE | 5 = 1450.00; 20 = 3900.50; 100 = 12500.00');
    expect(page.text).to.contain('EUR 0.02588 2026-11-20\nJPY 4.34 2026-11-20\nUSD 0.028129 2026-11-19\nTWD');
    expect(page.text).to.match(/<label for="f-bank_TWD">/);
    expect(page.text).to.contain('value="12.75"');

    // Saving the page unchanged changes nothing and records nothing more.
    const again = await post(admin, FULL_FORM);
    expect(again.status).to.equal(303);
    expect(await t.services.audit.list({ action: 'settings.updated' }, 5)).to.have.length(1);
  });

  it('refuses each bad input with a 422 in French, keeps what was typed, and saves nothing', async () => {
    const before = snapshot();
    const cases: [Record<string, string>, string, string][] = [
      [{ baseCurrency: 'XYZ' }, 'baseCurrency', 'value="XYZ"'],
      [{ rates: 'EUR 0.02588 2026-11-20\r\nQQQ 1.5 2026-11-20' }, 'rates', 'QQQ 1.5 2026-11-20'],
      [{ zones: 'eu: ES FR DE IT NL BE | 5 = 1450.00; 20\r\nth: TH | 30 = 0' }, 'zones', 'eu: ES FR DE IT NL BE | 5 = 1450.00; 20\nth: TH | 30 = 0'],
      [{ taxRules: 'th 7\r\nmars 5' }, 'taxRules', 'th 7\nmars 5'],
      [{ commission: '-5' }, 'commission', 'value="-5"'],
      [{ feePerDelivery: '-1' }, 'feePerDelivery', 'value="-1"'],
      [{ hubLatitude: '200' }, 'hubLatitude', 'value="200"'],
      [{ sellerCountry: 'ZZ' }, 'sellerCountry', 'Doi Highlands Cooperative Ltd.'],
    ];
    for (const [change, fieldName, kept] of cases) {
      const res = await post(admin, { ...FULL_FORM, coopName: 'Should not be saved', ...change });
      const label = JSON.stringify(change);
      expect(res.status, label).to.equal(422);
      expect(res.text, label).to.match(/<html lang="fr"/);
      expect(res.text, label).to.contain(kept);
      expect(res.text, label).to.contain('value="Should not be saved"');
      expect(res.text, label).to.match(new RegExp(`id="f-${fieldName}-error">[^<]+<`));
      expect(res.text, label).to.match(/role="alert">Certains champs/);
      expect(snapshot(), label).to.deep.equal(before);
    }
    const zone = await post(admin, { ...FULL_FORM, zones: 'eu: ES FR | 5' });
    expect(zone.text).to.contain('Écrivez une zone sous la forme');
    expect(zone.text).to.contain('(ligne 1)');
    expect(zone.text).to.match(/<textarea id="f-zones" name="zones" rows="6" dir="ltr" aria-invalid="true" aria-describedby="f-zones-hint f-zones-error">/);
    const tax = await post(admin, { ...FULL_FORM, taxRules: 'th 7\r\nmars 5' });
    expect(tax.text).to.contain('Aucune zone de livraison n’a cet identifiant. (ligne 2)');
    expect(snapshot()).to.deep.equal(before);
  });

  it('meets garbage with a 4xx, never a server error, and saves nothing', async () => {
    const before = snapshot();
    const arrays = Object.fromEntries(Object.keys(FULL_FORM).map((k) => [k, ['a', 'b']]));
    const bodies: Record<string, unknown>[] = [
      arrays,
      { ...FULL_FORM, coopName: ['x', 'y'], rates: ['EUR 1 2026-01-01', 'GBP'] },
      { ...FULL_FORM, coopName: 'x'.repeat(60_000) },
      { ...FULL_FORM, zones: 'eu: ES | '.repeat(6000) },
      { ...FULL_FORM, rates: 'EUR 99999999999999999999 2026-01-01', zones: 'eu: ES | 99999999999999999 = 1' },
      { ...FULL_FORM, hubLatitude: '1e308', acceptHours: '99999999999999999999', commission: 'NaN' },
      { ...FULL_FORM, baseCurrency: 'eur\u0000', sellerEmail: '<script>alert(1)</script>' },
      { ...FULL_FORM, bank_EUR: 'x'.repeat(5000), bank_XXX: 'y', incoterm_ZZZ: 'on' },
      { ...FULL_FORM, allocationPolicy: '__proto__', categoryCommission: '__proto__ 5\nconstructor 5' },
      {},
    ];
    for (const body of bodies) {
      const res = await post(admin, body);
      const label = JSON.stringify(body).slice(0, 80);
      expect(res.status, label).to.be.within(400, 499);
      expect(res.text, label).not.to.match(/at [\w.]+ \(.*:\d+:\d+\)/);
    }
    const invented = await post(admin, { ...FULL_FORM, commission: '-1', bank_QQQ: 'not a currency' });
    expect(invented.status).to.equal(422);
    expect(invented.text).not.to.contain('f-bank_QQQ');
    expect(invented.text).to.contain('f-bank_EUR');
    const huge = await admin
      .post('/admin/settings')
      .type('form')
      .send({ ...FULL_FORM, _csrf: await csrfOf(admin), zones: 'z'.repeat(70 * 1024) });
    expect(huge.status).to.equal(413);
    expect(snapshot()).to.deep.equal(before);
  });
});
