import { expect } from 'chai';
import fc from 'fast-check';
import { convertMinor } from '#platform/money.js';
import { divRound, lineTotal, nextTier, quantityProblem, quote, unitPriceFor, type PricedProduct } from '#modules/ordering/pricing.js';
import { isValidPaymentReference, orderNumber, paymentReference } from '#modules/ordering/reference.js';

const product = fc.record({
  id: fc.integer({ min: 1, max: 1000 }),
  unitDecimals: fc.integer({ min: 0, max: 3 }),
  netWeightG: fc.integer({ min: 1, max: 60_000 }),
  priceMinor: fc.bigInt({ min: 1n, max: 10_000_000n }),
  tiers: fc.array(fc.record({ minQty: fc.bigInt({ min: 2n, max: 1_000_000n }), priceMinor: fc.bigInt({ min: 1n, max: 10_000_000n }) }), { maxLength: 4 }),
  moq: fc.constant(1n),
  orderStep: fc.constant(1n),
}) as fc.Arbitrary<PricedProduct>;

const brackets = fc.array(fc.record({ upToG: fc.integer({ min: 1, max: 5_000_000 }), priceMinor: fc.bigInt({ min: 0n, max: 1_000_000n }) }), { minLength: 1, maxLength: 5 });

describe('order arithmetic (property tests)', () => {
  it('totals always equal the sum of the lines plus shipping plus tax, in integers', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(product, fc.bigInt({ min: 1n, max: 5_000_000n })), { minLength: 1, maxLength: 8 }),
        fc.oneof(brackets, fc.constant('free' as const)),
        fc.integer({ min: 0, max: 10_000 }),
        (lines, shipping, rateBp) => {
          const q = quote(lines.map(([p, quantity]) => ({ product: p, quantity })), shipping, rateBp);
          if (!q) {
            // Only refused when the weight is above the zone's last bracket.
            expect(shipping).not.to.equal('free');
            return;
          }
          expect(q.totalMinor).to.equal(q.lines.reduce((s, l) => s + l.totalMinor, 0n) + q.shippingMinor + q.taxMinor);
          expect(q.subtotalMinor).to.equal(q.lines.reduce((s, l) => s + l.totalMinor, 0n));
          for (const [i, l] of q.lines.entries()) {
            const [p, quantity] = lines[i]!;
            // Each line: exactly round-half-up of quantity × price / 10^decimals, off by at most half a minor unit.
            const exact2 = 2n * quantity * l.unitPriceMinor;
            const scale = 10n ** BigInt(p.unitDecimals);
            expect(2n * l.totalMinor * scale - exact2 <= scale).to.equal(true);
            expect(exact2 - 2n * l.totalMinor * scale < scale).to.equal(true);
            expect(typeof l.totalMinor).to.equal('bigint');
          }
          expect(q.taxMinor).to.equal(divRound((q.subtotalMinor + q.shippingMinor) * BigInt(rateBp), 10_000n));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the unit price is the highest tier reached, and the next-tier hint is exact', () => {
    fc.assert(
      fc.property(product, fc.bigInt({ min: 1n, max: 2_000_000n }), (p, qty) => {
        const { priceMinor, tierMinQty } = unitPriceFor(p, qty);
        const reached = p.tiers.filter((t) => t.minQty <= qty).sort((a, b) => (a.minQty < b.minQty ? -1 : a.minQty > b.minQty ? 1 : 0));
        if (reached.length === 0) expect([priceMinor, tierMinQty]).to.deep.equal([p.priceMinor, null]);
        else expect(tierMinQty).to.equal(reached[reached.length - 1]!.minQty);
        const next = nextTier(p, qty);
        if (next) expect(unitPriceFor(p, qty + next.missing).tierMinQty).to.equal(qty + next.missing);
      }),
    );
  });

  it('accepts exactly the MOQ plus whole steps', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10_000n }), fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: -10n, max: 50_000n }), (moq, step, qty) => {
        const ok = qty >= moq && qty > 0n && (qty - moq) % step === 0n;
        expect(quantityProblem({ moq, orderStep: step }, qty) === undefined).to.equal(ok);
      }),
    );
  });

  it('converts currencies rounding half away from zero, once, and consistently', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }), fc.bigInt({ min: 1n, max: 100_000_000n }), (minor, rateE6) => {
        // USD (2 decimals) to JPY (0 decimals) and EUR (2 decimals): |converted − exact| ≤ ½ minor unit.
        for (const [to, scale] of [['EUR', 100n], ['JPY', 1n]] as const) {
          const converted = convertMinor(minor, 'USD', to, rateE6);
          const exactTimes2 = 2n * minor * rateE6 * scale; // in units of (1 target minor) × 2 × 10^6 × 100
          const denominator = 1_000_000n * 100n;
          const diff = 2n * converted * denominator - exactTimes2;
          expect(diff <= denominator && diff >= -denominator).to.equal(true);
          // Symmetric: converting −x gives −(converted x).
          expect(convertMinor(-minor, 'USD', to, rateE6)).to.equal(-converted);
        }
        // Monotonic: more money never converts to less.
        expect(convertMinor(minor + 1n, 'USD', 'EUR', rateE6) >= convertMinor(minor, 'USD', 'EUR', rateE6)).to.equal(true);
      }),
      { numRuns: 500 },
    );
    expect(convertMinor(5n, 'USD', 'EUR', 1_000_000n)).to.equal(5n);
    expect(convertMinor(1n, 'USD', 'JPY', 500_000n)).to.equal(0n); // 0.01 USD at 0.5 yen per dollar = 0.005 yen
    expect(convertMinor(100n, 'USD', 'JPY', 150_500_000n)).to.equal(151n); // 150.5 yen rounds half away from zero
    expect(convertMinor(-100n, 'USD', 'JPY', 150_500_000n)).to.equal(-151n);
  });

  it('line totals round half up on the smallest step', () => {
    expect(lineTotal(1500n, 1999n, 3)).to.equal(2999n); // 1.5 kg × 19.99 = 29.985 → 29.99
    expect(lineTotal(1n, 1n, 3)).to.equal(0n);
    expect(lineTotal(500n, 1n, 3)).to.equal(1n);
  });

  it('order numbers are sequential and payment references carry valid ISO 11649 check digits', () => {
    expect(orderNumber(2026, 123)).to.equal('T-2026-000123');
    fc.assert(
      fc.property(fc.integer({ min: 2020, max: 2099 }), fc.integer({ min: 1, max: 999_999 }), (year, seq) => {
        const ref = paymentReference(orderNumber(year, seq));
        expect(ref).to.match(/^RF\d{2}T\d{10}$/);
        expect(isValidPaymentReference(ref)).to.equal(true);
        // One digit mistyped is caught.
        const i = 5 + (seq % 10);
        const wrong = ref.slice(0, i) + String((Number(ref[i]) + 1) % 10) + ref.slice(i + 1);
        expect(isValidPaymentReference(wrong)).to.equal(false);
      }),
    );
    expect(paymentReference('T-2026-000123')).to.equal('RF91T2026000123');
  });
});
