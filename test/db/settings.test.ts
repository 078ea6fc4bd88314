import { expect } from 'chai';
import { createTestContext, type TestContext } from '#test/helpers/test-app.js';

describe('settings', () => {
  let t: TestContext;
  before(async () => {
    t = await createTestContext();
  });
  after(async () => t.close());

  it('parses a setting once and hands out the same frozen value until it is set again', async () => {
    const zones = [{ id: 'eu', countries: ['ES', 'FR'], brackets: [{ upToG: 1000, priceMinor: '1500' }] }];
    await t.services.settings.set('shop.zones', zones as never);
    const first = t.services.settings.get('shop.zones');
    expect(t.services.settings.get('shop.zones')).to.equal(first); // the same object, not a fresh parse
    expect(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.countries)).to.equal(true);
    expect(() => (first[0]!.countries as string[]).push('DE')).to.throw(TypeError);
    zones[0]!.countries.push('DE'); // the caller's own object stays the caller's
    await t.services.settings.set('shop.zones', zones as never);
    const second = t.services.settings.get('shop.zones');
    expect(second).not.to.equal(first);
    expect(second[0]!.countries).to.deep.equal(['ES', 'FR', 'DE']);
    await t.db('settings').where({ key: 'shop.zones' }).update({ value: JSON.stringify([]) });
    expect(t.services.settings.get('shop.zones')).to.equal(second); // kept until load()
    await t.services.settings.load();
    expect(t.services.settings.get('shop.zones')).to.deep.equal([]);
  });
});
