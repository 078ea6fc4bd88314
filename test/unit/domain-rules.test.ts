import { expect } from 'chai';
import { isValidGtin, normalizeGtin } from '#modules/catalog/index.js';
import { parsePolygon } from '#modules/members/index.js';

describe('GTIN check digits', () => {
  it('accepts valid GTIN-8, 12, 13 and 14', () => {
    for (const g of ['96385074', '036000291452', '4006381333931', '10614141000415']) expect(isValidGtin(g), g).to.equal(true);
  });
  it('refuses a wrong check digit and malformed input', () => {
    for (const g of ['4006381333932', '036000291453', '1234567', 'abcdefghijklm', '40063813339311', '']) {
      expect(isValidGtin(g), g).to.equal(false);
    }
  });
  it('normalises to 14 digits', () => {
    expect(normalizeGtin('4006381333931')).to.equal('04006381333931');
  });
});

describe('plot polygons', () => {
  const ring = (pts: number[][]) => JSON.stringify({ type: 'Polygon', coordinates: [pts] });
  const square = [[99.1, 19.9], [99.101, 19.9], [99.101, 19.901], [99.1, 19.901], [99.1, 19.9]];

  it('accepts a closed ring and rounds to six decimals', () => {
    const r = parsePolygon(ring([[99.12345678, 19.9], ...square.slice(1, 4), [99.12345678, 19.9]]));
    expect('polygon' in r && r.polygon.coordinates[0]?.[0]).to.deep.equal([99.123457, 19.9]);
  });
  it('names each problem', () => {
    const cases: [string, string][] = [
      ['{not json', 'polygon.invalidJson'],
      [JSON.stringify({ type: 'Point', coordinates: [1, 2] }), 'polygon.notPolygon'],
      [ring(square.slice(0, 3)), 'polygon.tooFewPoints'],
      [ring(square.slice(0, 4).concat([[99.2, 19.95]])), 'polygon.notClosed'],
      [ring([[199, 19.9], [99.101, 19.9], [99.101, 19.901], [199, 19.9]]), 'polygon.outOfRange'],
      [ring([[99.1, 19.9], ['x', 1], [99.101, 19.901], [99.1, 19.9]] as number[][]), 'polygon.notPolygon'],
    ];
    for (const [text, problem] of cases) expect(parsePolygon(text), problem).to.deep.equal({ problem });
  });
});
