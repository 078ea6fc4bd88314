import { expect } from 'chai';
import fc from 'fast-check';
import { divRound } from '#modules/ordering/pricing.js';
import { delivered, settle, shareExactly, totalsByMember, type ShippedAllocation } from '#modules/fulfilment/settlement.js';

const scenario = fc
  .record({
    lines: fc.array(fc.record({ unitPriceMinor: fc.bigInt({ min: 1n, max: 5_000_000n }), unitDecimals: fc.integer({ min: 0, max: 3 }) }), { minLength: 1, maxLength: 5 }),
    allocations: fc.array(
      fc.record({
        memberId: fc.integer({ min: 1, max: 4 }),
        line: fc.nat(),
        category: fc.constantFrom('coffee', 'tea', 'honey'),
        quantity: fc.bigInt({ min: 1n, max: 2_000_000n }),
        received: fc.option(fc.bigInt({ min: 0n, max: 2_000_000n }), { nil: null }),
        inPeriod: fc.boolean(),
      }),
      { minLength: 1, maxLength: 20 },
    ),
    commissionBp: fc.integer({ min: 0, max: 3000 }),
    coffeeBp: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
    fee: fc.bigInt({ min: 0n, max: 500n }),
  })
  .map((s) => ({
    ...s,
    lines: s.lines.map((l, i) => ({ ...l, lineId: i + 1 })),
    shipped: s.allocations.map((a, i): ShippedAllocation & { inPeriod: boolean } => ({
      id: i + 1,
      memberId: a.memberId,
      lineId: (a.line % s.lines.length) + 1,
      categorySlug: a.category,
      quantity: a.quantity,
      receivedQuantity: a.received,
      inPeriod: a.inPeriod,
    })),
  }));

describe('settlement arithmetic (property tests)', () => {
  it('per period, payouts + commission + fees = revenue of delivered goods, exactly, in integers', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const policy = { commissionBp: s.commissionBp, categoryCommissionBp: (s.coffeeBp === undefined ? {} : { coffee: s.coffeeBp }) as Record<string, number>, feePerDeliveryMinor: s.fee };
        const period = new Set(s.shipped.filter((a) => a.inPeriod).map((a) => a.id));
        const settled = settle(s.shipped, s.lines, policy, period);
        expect(settled.map((x) => x.id)).to.deep.equal([...period].sort((a, b) => a - b));
        const totals = totalsByMember(settled);
        const revenue = totals.reduce((sum, t) => sum + t.revenueMinor, 0n);
        const paidOut = totals.reduce((sum, t) => sum + t.payoutMinor + t.commissionMinor + t.feesMinor, 0n);
        expect(paidOut).to.equal(revenue);
        for (const x of settled) {
          const a = s.shipped.find((y) => y.id === x.id)!;
          const bp = a.categorySlug === 'coffee' && s.coffeeBp !== undefined ? s.coffeeBp : s.commissionBp;
          expect(x.commissionMinor).to.equal(divRound(x.revenueMinor * BigInt(bp), 10_000n));
          expect(x.payoutMinor).to.equal(x.revenueMinor - x.commissionMinor - x.feeMinor);
        }
        // Counting every allocation, each line's shares add up to its delivered revenue exactly.
        const all = settle(s.shipped, s.lines, policy, new Set(s.shipped.map((a) => a.id)));
        for (const line of s.lines) {
          const mine = s.shipped.filter((a) => a.lineId === line.lineId);
          if (mine.length === 0) continue;
          const expected = divRound(mine.reduce((sum, a) => sum + delivered(a), 0n) * line.unitPriceMinor, 10n ** BigInt(line.unitDecimals));
          expect(all.filter((x) => mine.some((a) => a.id === x.id)).reduce((sum, x) => sum + x.revenueMinor, 0n)).to.equal(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('shares a total exactly and in proportion (largest remainder)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 10 }), (total, weights) => {
        const shares = shareExactly(total, weights);
        expect(shares.reduce((s, x) => s + x, 0n)).to.equal(total);
        const sum = weights.reduce((s, w) => s + w, 0n);
        if (sum > 0n) shares.forEach((x, i) => expect(x * sum - total * weights[i]! < sum && total * weights[i]! - x * sum < sum).to.equal(true));
      }),
    );
    expect(shareExactly(100n, [1n, 1n, 1n])).to.deep.equal([34n, 33n, 33n]);
  });
});
