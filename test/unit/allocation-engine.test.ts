import { expect } from 'chai';
import fc from 'fast-check';
import {
  POLICY_NAMES,
  REASON_CODES,
  allocate,
  eligible,
  type AllocationInput,
  type AllocationResult,
  type CandidateBatch,
  type MemberHistory,
  type OrderLineRequest,
  type Policy,
  type PolicyName,
} from '#modules/allocation/engine.js';
import { distanceMetres } from '#modules/allocation/geo.js';

const TODAY = '2026-06-15';

/** YYYY-MM-DD `days` after `iso` (test helper only; the engine never reads a clock). */
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const sumB = (xs: bigint[]): bigint => xs.reduce((a, x) => a + x, 0n);
const absB = (x: bigint): bigint => (x < 0n ? -x : x);

// --- arbitraries -----------------------------------------------------------------------------

const STATUSES = ['available', 'available', 'available', 'draft', 'depleted', 'recalled'] as const;
const pointArb = fc.record({ latE6: fc.integer({ min: -89_000_000, max: 89_000_000 }), lonE6: fc.integer({ min: -180_000_000, max: 180_000_000 }) });
const weightsArb = fc.record({
  freshness: fc.integer({ min: 0, max: 5 }),
  fairShare: fc.integer({ min: 0, max: 5 }),
  fewestSplits: fc.integer({ min: 0, max: 5 }),
  nearest: fc.integer({ min: 0, max: 5 }),
});
const policyArb: fc.Arbitrary<Policy> = fc.oneof(
  fc.constantFrom(...POLICY_NAMES).map((name): Policy => ({ name })),
  weightsArb.map((weights): Policy => ({ name: 'mixed', weights })),
);

function batchArb(members: number, products: number): fc.Arbitrary<Omit<CandidateBatch, 'batchId'>> {
  return fc.record({
    lotCode: fc.constant(''),
    memberId: fc.integer({ min: 1, max: members }),
    productId: fc.integer({ min: 1, max: products }),
    status: fc.constantFrom(...STATUSES),
    // Few distinct dates, amounts and sites, so ties (broken by batchId) are common.
    available: fc.oneof(fc.bigInt({ min: 0n, max: 10_000n }), fc.constantFrom(0n, 500n, 10_000n)),
    producedOn: fc.integer({ min: -3, max: 0 }).map((d) => addDays(TODAY, d)),
    bestBefore: fc.option(fc.integer({ min: -2, max: 4 }).map((d) => addDays(TODAY, d)), { nil: null }), // some expired
    grade: fc.constantFrom('A', 'B'),
    site: fc.option(fc.oneof(pointArb, fc.constantFrom({ latE6: 1_000_000, lonE6: 2_000_000 }, { latE6: -1_000_000, lonE6: 2_000_000 })), { nil: null }),
  });
}

/** 1–6 members, 1–3 products, 0–12 batches (any status, some expired, some empty), 1–4 lines,
 *  history for some members, any policy, sometimes exclusions. */
const inputArb: fc.Arbitrary<AllocationInput> = fc
  .record({ members: fc.integer({ min: 1, max: 6 }), products: fc.integer({ min: 1, max: 3 }) })
  .chain(({ members, products }) =>
    fc
      .record({
        raw: fc.array(batchArb(members, products), { maxLength: 12 }),
        ids: fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: 12, maxLength: 12 }),
        history: fc.array(
          fc.record({ allocated: fc.bigInt({ min: 0n, max: 100_000n }), offered: fc.bigInt({ min: 0n, max: 100_000n }), include: fc.boolean() }),
          { minLength: members, maxLength: members },
        ),
        lines: fc.array(fc.record({ productId: fc.integer({ min: 1, max: products }), quantity: fc.bigInt({ min: 1n, max: 15_000n }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        hub: fc.option(pointArb, { nil: null }),
        policy: policyArb,
        excludeBatches: fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { maxLength: 3 }),
        excludeMembers: fc.uniqueArray(fc.integer({ min: 1, max: members }), { maxLength: 2 }),
        withExclude: fc.boolean(),
      })
      .map(({ raw, ids, history, lines, hub, policy, excludeBatches, excludeMembers, withExclude }): AllocationInput => {
        const batches = raw.map((b, i) => ({ ...b, batchId: ids[i]!, lotCode: `LOT-${ids[i]!}` }));
        return {
          batches,
          history: history.flatMap((h, i) => (h.include ? [{ memberId: i + 1, allocated: h.allocated, offered: h.offered }] : [])),
          lines: lines.map((l, i): OrderLineRequest => ({ lineId: 100 + i, ...l })),
          hub,
          today: TODAY,
          policy,
          ...(withExclude
            ? { exclude: { batchIds: excludeBatches.flatMap((i) => (batches[i] ? [batches[i].batchId] : [])), memberIds: excludeMembers } }
            : {}),
        };
      }),
  );

const RUNS = { numRuns: 300 };

function allocatedPerBatch(result: AllocationResult): Map<number, bigint> {
  const m = new Map<number, bigint>();
  for (const a of result.allocations) m.set(a.batchId, (m.get(a.batchId) ?? 0n) + a.quantity);
  return m;
}
const lineTotal = (result: AllocationResult, lineId: number): bigint =>
  sumB(result.allocations.filter((a) => a.lineId === lineId).map((a) => a.quantity));
const shortagesOf = (result: AllocationResult) => (result.ok ? [] : result.shortages);

// --- properties ------------------------------------------------------------------------------

describe('allocation engine: properties', () => {
  it('1. never allocates more from a batch than it holds', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const per = allocatedPerBatch(allocate(input));
        for (const b of input.batches) expect((per.get(b.batchId) ?? 0n) <= b.available, `batch ${b.batchId} overdrawn`).to.equal(true);
        for (const id of per.keys()) expect(input.batches.some((b) => b.batchId === id)).to.equal(true);
      }),
      RUNS,
    );
  });

  it('2. allocates exactly the requested quantity per line, or reports the exact shortage once stock is exhausted', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocate(input);
        const shortages = shortagesOf(result);
        expect(result.ok).to.equal(shortages.length === 0);
        if (!result.ok) expect(shortages.length).to.be.greaterThan(0);
        const per = allocatedPerBatch(result);
        for (const line of input.lines) {
          const got = lineTotal(result, line.lineId);
          const short = shortages.filter((s) => s.lineId === line.lineId);
          if (got === line.quantity) {
            expect(short).to.deep.equal([]);
            continue;
          }
          expect(short).to.have.length(1);
          const s = short[0]!;
          expect(s).to.deep.equal({ lineId: line.lineId, productId: line.productId, requested: line.quantity, available: got, missing: line.quantity - got });
          expect(s.missing > 0n).to.equal(true);
          // Short only when every eligible batch of the product is used up.
          for (const b of input.batches.filter((x) => eligible(x, line.productId, input.today, input.exclude))) {
            expect(per.get(b.batchId) ?? 0n, `batch ${b.batchId} left over while line ${line.lineId} is short`).to.equal(b.available);
          }
        }
        expect(shortages.map((s) => s.lineId)).to.deep.equal(input.lines.filter((l) => lineTotal(result, l.lineId) !== l.quantity).map((l) => l.lineId));
      }),
      RUNS,
    );
  });

  it('3. ignores ineligible batches and never uses excluded batches or members', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocate(input);
        for (const a of result.allocations) {
          const line = input.lines.find((l) => l.lineId === a.lineId)!;
          const batch = input.batches.find((b) => b.batchId === a.batchId)!;
          expect(eligible(batch, line.productId, input.today, input.exclude)).to.equal(true);
          expect(batch.status).to.equal('available');
          expect(batch.productId).to.equal(line.productId);
          expect(batch.bestBefore === null || batch.bestBefore >= input.today).to.equal(true);
          expect(input.exclude?.batchIds ?? []).to.not.include(a.batchId);
          expect(input.exclude?.memberIds ?? []).to.not.include(a.memberId);
          expect([a.memberId, a.lotCode]).to.deep.equal([batch.memberId, batch.lotCode]);
        }
      }),
      RUNS,
    );
  });

  it('4. is deterministic, whatever the order of batches and history', () => {
    const withShuffles = inputArb.chain((input) =>
      fc.record({
        input: fc.constant(input),
        batches: fc.shuffledSubarray(input.batches, { minLength: input.batches.length, maxLength: input.batches.length }),
        history: fc.shuffledSubarray(input.history, { minLength: input.history.length, maxLength: input.history.length }),
      }),
    );
    fc.assert(
      fc.property(withShuffles, ({ input, batches, history }) => {
        const first = allocate(input);
        expect(allocate(input)).to.deep.equal(first);
        expect(allocate({ ...input, batches, history })).to.deep.equal(first);
        expect(allocate({ ...input, batches: [...input.batches].reverse(), history: [...input.history].reverse() })).to.deep.equal(first);
      }),
      RUNS,
    );
  });

  it('5. every allocation has a positive quantity, one row per (line, batch), and a documented reason', () => {
    const codes: readonly string[] = REASON_CODES;
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocate(input);
        const seen = new Set<string>();
        for (const a of result.allocations) {
          expect(a.quantity > 0n).to.equal(true);
          expect(codes).to.include(a.reason.code);
          const key = `${a.lineId}/${a.batchId}`;
          expect(seen.has(key), key).to.equal(false);
          seen.add(key);
        }
        // Each line's first row names the policy (or onlySource), never 'remainder'.
        for (const line of input.lines) {
          const first = result.allocations.find((a) => a.lineId === line.lineId);
          if (first) expect(first.reason.code).to.not.equal('remainder');
        }
      }),
      RUNS,
    );
  });

  it('fewestSplits uses the fewest members possible on a single line', () => {
    const oneLine = inputArb.map((input): AllocationInput => ({ ...input, lines: input.lines.slice(0, 1), policy: { name: 'fewestSplits' } }));
    fc.assert(
      fc.property(oneLine, (input) => {
        const line = input.lines[0]!;
        const stock = new Map<number, bigint>();
        for (const b of input.batches.filter((x) => eligible(x, line.productId, input.today, input.exclude))) {
          stock.set(b.memberId, (stock.get(b.memberId) ?? 0n) + b.available);
        }
        const sorted = [...stock.values()].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
        const target = line.quantity < sumB(sorted) ? line.quantity : sumB(sorted);
        let fewest = 0;
        for (let acc = 0n; acc < target; fewest += 1) acc += sorted[fewest]!;
        const used = new Set(allocate(input).allocations.map((a) => a.memberId));
        expect(used.size).to.equal(fewest);
      }),
      RUNS,
    );
  });
});

// --- fair share over a period ----------------------------------------------------------------

/** After the 1,000-order simulation, no member's share of allocated volume may differ from its
 *  share of offered supply by more than this many percentage points. */
const FAIR_SHARE_BOUND_PP = 2;
const ORDERS = 1_000;

/** Small seeded generator for the order sequence (mulberry32). */
function seeded(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) >>> 0;
  };
}

interface Period {
  offered: bigint[]; // member i + 1
  allocated: bigint[];
  /** Largest |allocated_m − share_m × total| seen after any order, in smallest steps × Σ offered. */
  worstScaledDeviation: bigint;
}

/**
 * Runs ORDERS random orders (1–4 lines over 3 products, 1–10,000 steps each). Before each order every
 * member is restocked with one fresh batch per product holding the whole order, so there is never
 * a shortage; every result is fed back into history.allocated. `freshestMember`, when given,
 * always has the earliest best-before (to show what a non-fair policy does).
 */
function simulate(offered: bigint[], policy: Policy, seed: number, freshestMember?: number): Period {
  const rnd = seeded(seed);
  const n = offered.length;
  const allocated = offered.map(() => 0n);
  const O = sumB(offered);
  let worst = 0n;
  let nextBatch = 1;
  for (let order = 0; order < ORDERS; order += 1) {
    const lines: OrderLineRequest[] = Array.from({ length: 1 + rnd(4) }, (_, i) => ({
      lineId: i + 1,
      productId: 1 + rnd(3),
      quantity: BigInt(1 + rnd(10_000)),
    }));
    const ample = sumB(lines.map((l) => l.quantity));
    const batches: CandidateBatch[] = [];
    for (let m = 1; m <= n; m += 1) {
      for (let p = 1; p <= 3; p += 1) {
        const id = nextBatch++;
        const bb = m === freshestMember ? 1 : 2 + rnd(30);
        batches.push({
          batchId: id, lotCode: `L-${id}`, memberId: m, productId: p, status: 'available', available: ample,
          producedOn: addDays(TODAY, -rnd(20)), bestBefore: addDays(TODAY, bb), grade: 'A',
          site: { latE6: rnd(10_000_000), lonE6: rnd(10_000_000) },
        });
      }
    }
    const history: MemberHistory[] = offered.map((o, i) => ({ memberId: i + 1, offered: o, allocated: allocated[i]! }));
    const result = allocate({ lines, batches, history, hub: { latE6: 0, lonE6: 0 }, today: TODAY, policy });
    if (!result.ok) throw new Error('the simulation restocks amply: no shortage expected');
    for (const a of result.allocations) allocated[a.memberId - 1]! += a.quantity;
    const total = sumB(allocated);
    for (let i = 0; i < n; i += 1) {
      const dev = absB(allocated[i]! * O - offered[i]! * total);
      if (dev > worst) worst = dev;
    }
  }
  return { offered, allocated, worstScaledDeviation: worst };
}

/** Members whose allocated share is off their supply share by more than FAIR_SHARE_BOUND_PP. */
function outOfBound(period: Period): number[] {
  const O = sumB(period.offered);
  const T = sumB(period.allocated);
  return period.offered.flatMap((o, i) =>
    absB(period.allocated[i]! * O - o * T) * 100n > BigInt(FAIR_SHARE_BOUND_PP) * T * O ? [i + 1] : [],
  );
}

describe('allocation engine: fair share over a period', () => {
  it(`6. keeps every member within ${FAIR_SHARE_BOUND_PP} points of its supply share over ${ORDERS} orders (and within n − 1 steps throughout)`, function () {
    this.timeout(20_000);
    const setup = fc.record({
      offered: fc.array(fc.bigInt({ min: 1n, max: 1_000_000n }), { minLength: 1, maxLength: 6 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    });
    fc.assert(
      fc.property(setup, ({ offered, seed }) => {
        const period = simulate(offered, { name: 'fairShare' }, seed);
        expect(outOfBound(period)).to.deep.equal([]);
        // The engine's own guarantee: |allocated_m − share_m · total| < max(1, n − 1) steps after every order.
        const steps = BigInt(Math.max(1, offered.length - 1));
        expect(period.worstScaledDeviation < steps * sumB(offered)).to.equal(true);
      }),
      { numRuns: 5 },
    );
  });

  it('6b. the bound has teeth: freshness breaks it when one member always has the earliest best-before', () => {
    const offered = [1_000n, 1_000n, 2_000n];
    const fresh = simulate(offered, { name: 'freshness' }, 42, 1);
    expect(outOfBound(fresh)).to.include(1);
    expect(fresh.allocated[0]).to.equal(sumB(fresh.allocated)); // member 1 got everything
    const fair = simulate(offered, { name: 'fairShare' }, 42, 1);
    expect(outOfBound(fair)).to.deep.equal([]);
  });
});

// --- examples --------------------------------------------------------------------------------

function batch(batchId: number, over: Partial<CandidateBatch> = {}): CandidateBatch {
  return {
    batchId, lotCode: `LOT-${batchId}`, memberId: batchId, productId: 1, status: 'available', available: 100n,
    producedOn: '2026-06-01', bestBefore: null, grade: 'A', site: null, ...over,
  };
}
function input(batches: CandidateBatch[], lines: OrderLineRequest[], policy: PolicyName | Policy, over: Partial<AllocationInput> = {}): AllocationInput {
  return { batches, lines, history: [], hub: null, today: TODAY, policy: typeof policy === 'string' ? { name: policy } : policy, ...over };
}
const line = (quantity: bigint, productId = 1, lineId = 1): OrderLineRequest => ({ lineId, productId, quantity });

describe('allocation engine: examples', () => {
  it('freshness picks the earliest best-before, then tops up from the next', () => {
    const r = allocate(input(
      [batch(1, { bestBefore: '2026-09-01' }), batch(2, { bestBefore: '2026-07-01', available: 30n }), batch(3), batch(4, { bestBefore: '2026-08-01' })],
      [line(50n)],
      'freshness',
    ));
    expect(r).to.deep.equal({
      ok: true,
      allocations: [
        { lineId: 1, batchId: 2, lotCode: 'LOT-2', memberId: 2, quantity: 30n, reason: { code: 'freshness', params: { producedOn: '2026-06-01', bestBefore: '2026-07-01' } } },
        { lineId: 1, batchId: 4, lotCode: 'LOT-4', memberId: 4, quantity: 20n, reason: { code: 'remainder', params: { lotCode: 'LOT-2' } } },
      ],
    });
  });

  it('nearest picks the closest site to the hub; batches without a site go last', () => {
    const hub = { latE6: 19_000_000, lonE6: 99_000_000 };
    const r = allocate(input(
      [
        batch(1, { site: { latE6: 21_000_000, lonE6: 99_000_000 } }), // ~222 km
        batch(2, { site: { latE6: 19_100_000, lonE6: 99_000_000 } }), // ~11 km
        batch(3, { bestBefore: '2026-06-20' }), // no site
      ],
      [line(150n)],
      'nearest',
      { hub },
    ));
    expect(r.ok).to.equal(true);
    expect(r.allocations.map((a) => [a.batchId, a.quantity])).to.deep.equal([[2, 100n], [1, 50n]]);
    expect(r.allocations[0]!.reason).to.deep.equal({ code: 'nearest', params: { km: 11 } });
    expect(distanceMetres(hub, { latE6: 20_000_000, lonE6: 99_000_000 })).to.be.within(111_000, 111_400);
    expect(distanceMetres(hub, hub)).to.equal(0);
  });

  it('fewestSplits picks the single member who can cover the line', () => {
    const batches = [
      batch(1, { memberId: 7, available: 40n, bestBefore: '2026-07-01' }),
      batch(2, { memberId: 7, available: 40n, bestBefore: '2026-07-02' }),
      batch(3, { memberId: 8, available: 90n, bestBefore: '2026-12-01' }),
      batch(4, { memberId: 9, available: 60n, bestBefore: '2026-07-03' }),
    ];
    const r = allocate(input(batches, [line(70n)], 'fewestSplits'));
    expect(r.allocations).to.deep.equal([
      { lineId: 1, batchId: 3, lotCode: 'LOT-3', memberId: 8, quantity: 70n, reason: { code: 'fewestSplits', params: { members: 1 } } },
    ]);
    // Freshness would have split it across two batches of member 7.
    expect(allocate(input(batches, [line(70n)], 'freshness')).allocations.map((a) => a.batchId)).to.deep.equal([1, 2]);
    // Nobody covers 160: the biggest stock first (member 8: 90, then member 7: 80 covers the rest).
    const two = allocate(input(batches, [line(160n)], 'fewestSplits'));
    expect(new Set(two.allocations.map((a) => a.memberId))).to.deep.equal(new Set([7, 8]));
  });

  it('reports a shortage with exact numbers, and ignores the recalled batch', () => {
    const r = allocate(input(
      [batch(1, { available: 30n }), batch(2, { available: 500n, status: 'recalled' }), batch(3, { available: 20n }), batch(4, { productId: 2 })],
      [line(80n, 1, 11), line(10n, 2, 12)],
      'freshness',
    ));
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.shortages).to.deep.equal([{ lineId: 11, productId: 1, requested: 80n, available: 50n, missing: 30n }]);
    expect(r.allocations.map((a) => [a.lineId, a.batchId, a.quantity])).to.deep.equal([[11, 1, 30n], [11, 3, 20n], [12, 4, 10n]]);
    expect(r.allocations.some((a) => a.batchId === 2)).to.equal(false);
    expect(r.allocations[2]!.reason).to.deep.equal({ code: 'onlySource', params: {} });
  });

  it('shares batches across lines for the same product', () => {
    const r = allocate(input([batch(1, { available: 60n }), batch(2, { available: 30n })], [line(50n, 1, 1), line(50n, 1, 2)], 'freshness'));
    expect(r.allocations.map((a) => [a.lineId, a.batchId, a.quantity])).to.deep.equal([[1, 1, 50n], [2, 1, 10n], [2, 2, 30n]]);
    expect(r.ok ? [] : r.shortages).to.deep.equal([{ lineId: 2, productId: 1, requested: 50n, available: 40n, missing: 10n }]);
  });

  it('fairShare gives to the member furthest behind its supply share, counting this call', () => {
    const batches = [batch(1, { memberId: 1, available: 1_000n }), batch(2, { memberId: 2, available: 1_000n })];
    const history: MemberHistory[] = [
      { memberId: 1, offered: 500n, allocated: 400n },
      { memberId: 2, offered: 500n, allocated: 100n },
    ];
    // Total after the line 600; target 300 each: member 2 is 200 behind, member 1 100 ahead.
    const r = allocate(input(batches, [line(100n, 1, 1), line(200n, 1, 2)], 'fairShare', { history }));
    expect(r.allocations).to.deep.equal([
      { lineId: 1, batchId: 2, lotCode: 'LOT-2', memberId: 2, quantity: 100n, reason: { code: 'fairShare', params: { supplySharePct: 50, allocatedSharePct: 33 } } },
      // Then 800 in total: 400 each; member 1 already has 400, member 2 has 200 → all 200 to member 2.
      { lineId: 2, batchId: 2, lotCode: 'LOT-2', memberId: 2, quantity: 200n, reason: { code: 'fairShare', params: { supplySharePct: 50, allocatedSharePct: 50 } } },
    ]);
  });

  it('excludes a declined batch or member when re-routing', () => {
    const batches = [batch(1, { bestBefore: '2026-07-01' }), batch(2, { bestBefore: '2026-07-02' }), batch(3, { bestBefore: '2026-07-03' })];
    expect(allocate(input(batches, [line(50n)], 'freshness', { exclude: { batchIds: [1] } })).allocations[0]!.batchId).to.equal(2);
    expect(allocate(input(batches, [line(50n)], 'freshness', { exclude: { memberIds: [1, 2] } })).allocations[0]).to.include({
      batchId: 3,
    });
  });

  it('treats a best-before of today as still good and yesterday as expired', () => {
    expect(eligible(batch(1, { bestBefore: TODAY }), 1, TODAY)).to.equal(true);
    expect(eligible(batch(1, { bestBefore: addDays(TODAY, -1) }), 1, TODAY)).to.equal(false);
    expect(eligible(batch(1, { available: 0n }), 1, TODAY)).to.equal(false);
    expect(eligible(batch(1, { status: 'draft' }), 1, TODAY)).to.equal(false);
    expect(eligible(batch(1), 2, TODAY)).to.equal(false);
  });

  it('mixed with a single weight ranks like that policy, and reports a 0–100 score', () => {
    const hub = { latE6: 0, lonE6: 0 };
    const batches = [
      batch(1, { bestBefore: '2026-07-01', site: { latE6: 3_000_000, lonE6: 0 } }),
      batch(2, { bestBefore: '2026-08-01', site: { latE6: 1_000_000, lonE6: 0 } }),
    ];
    const only = (w: 'freshness' | 'nearest'): Policy => ({ name: 'mixed', weights: { freshness: 0, fairShare: 0, fewestSplits: 0, nearest: 0, [w]: 1 } });
    const fresh = allocate(input(batches, [line(10n)], only('freshness'), { hub }));
    const near = allocate(input(batches, [line(10n)], only('nearest'), { hub }));
    expect(fresh.allocations.map((a) => a.batchId)).to.deep.equal([1]);
    expect(near.allocations.map((a) => a.batchId)).to.deep.equal([2]);
    expect(near.allocations[0]!.reason).to.deep.equal({ code: 'mixed', params: { score: 100 } });
  });

  it('rejects duplicate batch ids and negative quantities', () => {
    expect(() => allocate(input([batch(1), batch(1)], [line(1n)], 'freshness'))).to.throw(RangeError);
    expect(() => allocate(input([batch(1)], [line(-1n)], 'freshness'))).to.throw(RangeError);
  });
});
