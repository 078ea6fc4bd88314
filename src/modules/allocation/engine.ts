import { distanceMetres } from './geo.js';

// Pure allocation engine: decides which members' batches (lots) supply each order line. No I/O,
// no clock, no randomness; quantities are bigint counts of the product unit's smallest step.
// See README.md for the policies, the formulas and the guarantees.

export type PolicyName = 'freshness' | 'fairShare' | 'fewestSplits' | 'nearest' | 'mixed';
export const POLICY_NAMES: readonly PolicyName[] = Object.freeze(['freshness', 'fairShare', 'fewestSplits', 'nearest', 'mixed'] as const);

/** Non-negative integers, used by the `mixed` policy. */
export interface PolicyWeights {
  freshness: number;
  fairShare: number;
  fewestSplits: number;
  nearest: number;
}
export interface Policy {
  name: PolicyName;
  weights?: PolicyWeights;
}
export const DEFAULT_WEIGHTS: PolicyWeights = Object.freeze({ freshness: 2, fairShare: 2, fewestSplits: 1, nearest: 1 });

export interface CandidateBatch {
  batchId: number;
  lotCode: string;
  memberId: number;
  productId: number;
  /** Only 'available' is eligible. */
  status: string;
  /** What can still be taken, in smallest steps. */
  available: bigint;
  /** YYYY-MM-DD */
  producedOn: string;
  /** YYYY-MM-DD; expired (ineligible) when before `today`. */
  bestBefore: string | null;
  grade: string;
  /** Integer micro-degrees of the batch's main site. */
  site: { latE6: number; lonE6: number } | null;
}
/** Over the fair-share period, in smallest steps, summed across products. */
export interface MemberHistory {
  memberId: number;
  allocated: bigint;
  offered: bigint;
}
export interface OrderLineRequest {
  lineId: number;
  productId: number;
  quantity: bigint;
}
export interface AllocationInput {
  lines: OrderLineRequest[];
  batches: CandidateBatch[];
  /** May be empty or miss members (missing: allocated 0, offered see README). */
  history: MemberHistory[];
  hub: { latE6: number; lonE6: number } | null;
  /** YYYY-MM-DD */
  today: string;
  policy: Policy;
  /** For re-routing a declined allocation: never use these. */
  exclude?: { batchIds?: number[]; memberIds?: number[] };
}

/** The reason codes; the app shows them as `allocation:reason.<code>`. */
export const REASON_CODES = Object.freeze(['freshness', 'fairShare', 'fewestSplits', 'nearest', 'mixed', 'onlySource', 'remainder'] as const);
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: string;
  params: Record<string, string | number>;
}
export interface Allocation {
  lineId: number;
  batchId: number;
  lotCode: string;
  memberId: number;
  quantity: bigint;
  reason: Reason;
}
export interface Shortage {
  lineId: number;
  productId: number;
  requested: bigint;
  /** What could be allocated to the line. */
  available: bigint;
  /** requested − available, > 0. */
  missing: bigint;
}
export type AllocationResult =
  | { ok: true; allocations: Allocation[] }
  | { ok: false; allocations: Allocation[]; shortages: Shortage[] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `batch` may supply a line for `productId` on `today`. */
export function eligible(batch: CandidateBatch, productId: number, today: string, exclude?: AllocationInput['exclude']): boolean {
  return (
    batch.status === 'available' &&
    batch.productId === productId &&
    batch.available > 0n &&
    !isExpired(batch, today) &&
    !(exclude?.batchIds?.includes(batch.batchId) ?? false) &&
    !(exclude?.memberIds?.includes(batch.memberId) ?? false)
  );
}

function isExpired(batch: CandidateBatch, today: string): boolean {
  return batch.bestBefore !== null && batch.bestBefore < today;
}

// ---------------------------------------------------------------------------------------------
// Internals

/** A batch and what is left of it during this call (shared by every line). */
interface Stock {
  batch: CandidateBatch;
  remaining: bigint;
}

interface Pick {
  stock: Stock;
  quantity: bigint;
  reason: Reason;
}

/** Fair-share book for the period, updated as lines are allocated. */
interface Ledger {
  allocated: Map<number, bigint>;
  offered: Map<number, bigint>;
  totalOffered: bigint;
  totalAllocated: bigint;
}

interface LineContext {
  /** What will be allocated to the line: min(requested, eligible stock); > 0. */
  need: bigint;
  /** Eligible batches with stock left, by batchId. */
  candidates: Stock[];
  ledger: Ledger;
  hub: AllocationInput['hub'];
  weights: PolicyWeights;
}

const minB = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const sumB = (xs: Iterable<bigint>): bigint => {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
};
/** round(100 · a / b), half up; 0 when b is 0. */
const pct = (a: bigint, b: bigint): number => (b === 0n ? 0 : Number((200n * a + b) / (2n * b)));

/** Earliest bestBefore first (no date last), then earliest producedOn, then batchId. */
export function byFreshness(a: CandidateBatch, b: CandidateBatch): number {
  if (a.bestBefore !== b.bestBefore) {
    if (a.bestBefore === null) return 1;
    if (b.bestBefore === null) return -1;
    return a.bestBefore < b.bestBefore ? -1 : 1;
  }
  if (a.producedOn !== b.producedOn) return a.producedOn < b.producedOn ? -1 : 1;
  return a.batchId - b.batchId;
}

const freshnessReason = (b: CandidateBatch): Reason => ({
  code: 'freshness',
  params: b.bestBefore === null ? { producedOn: b.producedOn } : { producedOn: b.producedOn, bestBefore: b.bestBefore },
});

/** Takes from `order` in turn until `need` is met; the first pick carries `first`, the others 'remainder'. */
function takeInOrder(order: Stock[], need: bigint, first: Reason): Pick[] {
  const picks: Pick[] = [];
  let left = need;
  for (const stock of order) {
    if (left === 0n) break;
    const q = minB(stock.remaining, left);
    if (q <= 0n) continue;
    const preferred = picks[0]?.stock.batch.lotCode;
    picks.push({ stock, quantity: q, reason: preferred === undefined ? first : { code: 'remainder', params: { lotCode: preferred } } });
    left -= q;
  }
  return picks;
}

function groupByMember(candidates: Stock[]): Map<number, Stock[]> {
  const groups = new Map<number, Stock[]>();
  for (const s of [...candidates].sort((a, b) => a.batch.memberId - b.batch.memberId || byFreshness(a.batch, b.batch))) {
    const g = groups.get(s.batch.memberId);
    if (g) g.push(s);
    else groups.set(s.batch.memberId, [s]);
  }
  return groups;
}

/** Scaled deficit D_m = offered_m · T' − allocated_m · O (= O × the deficit in smallest steps). */
function deficit(ledger: Ledger, memberId: number, totalAfter: bigint): bigint {
  return (ledger.offered.get(memberId) ?? 0n) * totalAfter - (ledger.allocated.get(memberId) ?? 0n) * ledger.totalOffered;
}

// --- freshness -------------------------------------------------------------------------------

function planFreshness(ctx: LineContext): Pick[] {
  const order = [...ctx.candidates].sort((a, b) => byFreshness(a.batch, b.batch));
  return takeInOrder(order, ctx.need, freshnessReason(order[0]!.batch));
}

// --- nearest ---------------------------------------------------------------------------------

function distances(ctx: LineContext): Map<number, number | null> {
  const hub = ctx.hub;
  return new Map(ctx.candidates.map((s) => [s.batch.batchId, hub && s.batch.site ? distanceMetres(hub, s.batch.site) : null]));
}

function planNearest(ctx: LineContext): Pick[] {
  const dist = distances(ctx);
  const order = [...ctx.candidates].sort((a, b) => {
    const da = dist.get(a.batch.batchId) ?? null;
    const db = dist.get(b.batch.batchId) ?? null;
    if (da !== null && db !== null && da !== db) return da - db;
    if (da === null && db !== null) return 1;
    if (da !== null && db === null) return -1;
    return byFreshness(a.batch, b.batch);
  });
  const first = order[0]!.batch;
  const d = dist.get(first.batchId) ?? null;
  return takeInOrder(order, ctx.need, d === null ? freshnessReason(first) : { code: 'nearest', params: { km: Math.round(d / 1000) } });
}

// --- fewestSplits ----------------------------------------------------------------------------

/** A member's batches in the order fewestSplits takes them: the freshest batch that covers `need`
 *  alone, else the largest first (fewest batches), ties by freshness. */
function memberPlan(batches: Stock[], need: bigint): Stock[] {
  const single = batches.find((s) => s.remaining >= need); // `batches` is in freshness order
  if (single) return [single];
  return [...batches].sort((a, b) => (a.remaining > b.remaining ? -1 : a.remaining < b.remaining ? 1 : byFreshness(a.batch, b.batch)));
}

/** How many batches of `plan` it takes to reach `need`. */
function batchesNeeded(plan: Stock[], need: bigint): number {
  let left = need;
  let n = 0;
  for (const s of plan) {
    if (left <= 0n) break;
    left -= s.remaining;
    n += 1;
  }
  return n;
}

function planFewestSplits(ctx: LineContext): Pick[] {
  const pool = [...groupByMember(ctx.candidates).entries()].map(([memberId, batches]) => ({
    memberId,
    batches,
    stock: sumB(batches.map((s) => s.remaining)),
  }));
  const chosen: { batches: Stock[]; quantity: bigint }[] = [];
  let left = ctx.need;
  while (left > 0n && pool.length > 0) {
    const covering = pool.filter((m) => m.stock >= left);
    if (covering.length > 0) {
      const keyed = covering.map((m) => {
        const plan = memberPlan(m.batches, left);
        return { plan, n: batchesNeeded(plan, left) };
      });
      keyed.sort((a, b) => a.n - b.n || byFreshness(a.plan[0]!.batch, b.plan[0]!.batch));
      chosen.push({ batches: keyed[0]!.plan, quantity: left });
      left = 0n;
    } else {
      pool.sort((a, b) => (a.stock > b.stock ? -1 : a.stock < b.stock ? 1 : byFreshness(a.batches[0]!.batch, b.batches[0]!.batch)));
      const m = pool.shift()!;
      chosen.push({ batches: memberPlan(m.batches, left), quantity: m.stock });
      left -= m.stock;
    }
  }
  const reason: Reason = { code: 'fewestSplits', params: { members: chosen.length } };
  return chosen.flatMap((c) => takeInOrder(c.batches, c.quantity, reason));
}

// --- fairShare -------------------------------------------------------------------------------

interface MemberSupply {
  memberId: number;
  d: bigint;
  stock: bigint;
}

/**
 * Gives `need` units one at a time, each to the member with the largest deficit (ties: lowest
 * memberId), capped by each member's stock — computed in closed form. A member's k-th unit
 * (k = 0, 1, …) has priority d − k·O; the result is the `need` highest priorities. `need` < Σ stock.
 */
function waterFill(members: MemberSupply[], need: bigint, O: bigint): Map<number, bigint> {
  const units = (m: MemberSupply, p: bigint): bigint => (m.d >= p ? minB(m.stock, (m.d - p) / O + 1n) : 0n);
  const count = (p: bigint): bigint => sumB(members.map((m) => units(m, p)));
  let lo = members.reduce((a, m) => (m.d < a ? m.d : a), members[0]!.d) - need * O; // count(lo) >= need
  let hi = members.reduce((a, m) => (m.d > a ? m.d : a), members[0]!.d);
  while (lo < hi) {
    const mid = lo + (hi - lo + 1n) / 2n;
    if (count(mid) >= need) lo = mid;
    else hi = mid - 1n;
  }
  const p = lo; // the lowest priority still served
  const x = new Map(members.map((m) => [m.memberId, units(m, p + 1n)]));
  let rest = need - sumB(x.values());
  for (const m of [...members].sort((a, b) => a.memberId - b.memberId)) {
    if (rest === 0n) break;
    if (m.d >= p && (m.d - p) % O === 0n && (m.d - p) / O < m.stock) {
      x.set(m.memberId, (x.get(m.memberId) ?? 0n) + 1n);
      rest -= 1n;
    }
  }
  return x;
}

function planFairShare(ctx: LineContext): Pick[] {
  const { ledger, need } = ctx;
  const totalAfter = ledger.totalAllocated + need;
  const groups = groupByMember(ctx.candidates);
  const members: MemberSupply[] = [...groups.entries()].map(([memberId, batches]) => ({
    memberId,
    d: deficit(ledger, memberId, totalAfter),
    stock: sumB(batches.map((s) => s.remaining)),
  }));
  const totalStock = sumB(members.map((m) => m.stock));
  const x = need >= totalStock ? new Map(members.map((m) => [m.memberId, m.stock])) : waterFill(members, need, ledger.totalOffered);
  members.sort((a, b) => (a.d > b.d ? -1 : a.d < b.d ? 1 : a.memberId - b.memberId));
  const picks: Pick[] = [];
  for (const m of members) {
    const q = x.get(m.memberId) ?? 0n;
    if (q === 0n) continue;
    const reason: Reason = {
      code: 'fairShare',
      params: {
        supplySharePct: pct(ledger.offered.get(m.memberId) ?? 0n, ledger.totalOffered),
        allocatedSharePct: pct((ledger.allocated.get(m.memberId) ?? 0n) + q, totalAfter),
      },
    };
    picks.push(...takeInOrder(groups.get(m.memberId)!, q, reason));
  }
  return picks;
}

// --- mixed -----------------------------------------------------------------------------------

const SCORE_MAX = 1000;

/** Per-batch scores 0..1000 of the four criteria and their weighted sum; see README. */
function mixedScores(ctx: LineContext): Map<number, bigint> {
  const { candidates, need, ledger, weights } = ctx;
  // freshness: dense rank of (bestBefore, producedOn); the most urgent gets 1000, the last 0.
  const fKey = (b: CandidateBatch) => `${b.bestBefore ?? '9999-99-99'}|${b.producedOn}`;
  const keys = [...new Set(candidates.map((s) => fKey(s.batch)))].sort();
  // fairShare: the member's deficit, min–max normalised.
  const totalAfter = ledger.totalAllocated + need;
  const d = new Map(candidates.map((s) => [s.batch.memberId, deficit(ledger, s.batch.memberId, totalAfter)]));
  const dMin = [...d.values()].reduce((a, v) => (v < a ? v : a));
  const dMax = [...d.values()].reduce((a, v) => (v > a ? v : a));
  // nearest: distance, min–max normalised; no site or no hub: 0.
  const dist = distances(ctx);
  const known = [...dist.values()].filter((v): v is number => v !== null);
  const kMin = Math.min(...known);
  const kMax = Math.max(...known);

  const scores = new Map<number, bigint>();
  for (const s of candidates) {
    const b = s.batch;
    const rank = keys.indexOf(fKey(b));
    const f = keys.length <= 1 ? SCORE_MAX : Math.floor((SCORE_MAX * (keys.length - 1 - rank)) / (keys.length - 1));
    const dm = d.get(b.memberId)!;
    const fs = dMax === dMin ? SCORE_MAX : Number((BigInt(SCORE_MAX) * (dm - dMin)) / (dMax - dMin));
    const sp = Number((BigInt(SCORE_MAX) * minB(s.remaining, need)) / need);
    const km = dist.get(b.batchId) ?? null;
    const n = km === null ? 0 : kMax === kMin ? SCORE_MAX : Math.floor((SCORE_MAX * (kMax - km)) / (kMax - kMin));
    scores.set(
      b.batchId,
      BigInt(weights.freshness) * BigInt(f) + BigInt(weights.fairShare) * BigInt(fs) + BigInt(weights.fewestSplits) * BigInt(sp) + BigInt(weights.nearest) * BigInt(n),
    );
  }
  return scores;
}

function planMixed(ctx: LineContext): Pick[] {
  const scores = mixedScores(ctx);
  const score = (s: Stock) => scores.get(s.batch.batchId)!;
  const order = [...ctx.candidates].sort((a, b) => (score(a) > score(b) ? -1 : score(a) < score(b) ? 1 : byFreshness(a.batch, b.batch)));
  const w = ctx.weights;
  const wSum = BigInt(w.freshness) + BigInt(w.fairShare) + BigInt(w.fewestSplits) + BigInt(w.nearest);
  const top = score(order[0]!);
  // 0..100: the weighted mean of the 0..1000 criterion scores, divided by 10, rounded half up.
  const score100 = wSum === 0n ? 0 : Number((top * 2n + wSum * 10n) / (wSum * 20n));
  return takeInOrder(order, ctx.need, { code: 'mixed', params: { score: score100 } });
}

/** The policies that weigh members' past volume (the fair-share ledger); the others ignore `history`. */
export const POLICIES_USING_HISTORY: ReadonlySet<PolicyName> = new Set<PolicyName>(['fairShare', 'mixed']);

const PLANNERS: Record<PolicyName, (ctx: LineContext) => Pick[]> = {
  freshness: planFreshness,
  fairShare: planFairShare,
  fewestSplits: planFewestSplits,
  nearest: planNearest,
  mixed: planMixed,
};

// ---------------------------------------------------------------------------------------------

function validate(input: AllocationInput, weights: PolicyWeights): void {
  if (!POLICY_NAMES.includes(input.policy.name)) throw new RangeError(`allocation: unknown policy ${String(input.policy.name)}`);
  if (!DATE.test(input.today)) throw new RangeError(`allocation: today must be YYYY-MM-DD, got ${input.today}`);
  for (const k of ['freshness', 'fairShare', 'fewestSplits', 'nearest'] as const) {
    const v = weights[k];
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`allocation: weight ${k} must be a non-negative integer`);
  }
  const batchIds = new Set<number>();
  for (const b of input.batches) {
    if (batchIds.has(b.batchId)) throw new RangeError(`allocation: batch ${b.batchId} given twice`);
    batchIds.add(b.batchId);
  }
  const lineIds = new Set<number>();
  for (const l of input.lines) {
    if (lineIds.has(l.lineId)) throw new RangeError(`allocation: line ${l.lineId} given twice`);
    if (l.quantity < 0n) throw new RangeError(`allocation: line ${l.lineId} has a negative quantity`);
    lineIds.add(l.lineId);
  }
  for (const h of input.history) {
    if (h.allocated < 0n || h.offered < 0n) throw new RangeError(`allocation: negative history for member ${h.memberId}`);
  }
}

/** The fair-share book: history summed per member; a member with batches but no history row is
 *  taken to offer its current supply (every batch that is available, unexpired and not empty). If
 *  nobody offered anything, everyone's current supply is used. */
function buildLedger(input: AllocationInput, batches: CandidateBatch[]): Ledger {
  const allocated = new Map<number, bigint>();
  const offered = new Map<number, bigint>();
  for (const h of input.history) {
    allocated.set(h.memberId, (allocated.get(h.memberId) ?? 0n) + h.allocated);
    offered.set(h.memberId, (offered.get(h.memberId) ?? 0n) + h.offered);
  }
  const supply = new Map<number, bigint>();
  for (const b of batches) {
    const usable = b.status === 'available' && b.available > 0n && !isExpired(b, input.today);
    supply.set(b.memberId, (supply.get(b.memberId) ?? 0n) + (usable ? b.available : 0n));
  }
  for (const [memberId, s] of supply) if (!offered.has(memberId)) offered.set(memberId, s);
  if (sumB(offered.values()) === 0n) for (const memberId of offered.keys()) offered.set(memberId, supply.get(memberId) ?? 0n);
  return { allocated, offered, totalOffered: sumB(offered.values()), totalAllocated: sumB(allocated.values()) };
}

/** Allocates every line in input order from the shared candidate batches under `input.policy`. */
export function allocate(input: AllocationInput): AllocationResult {
  const weights = input.policy.weights ?? DEFAULT_WEIGHTS;
  validate(input, weights);
  const batches = [...input.batches].sort((a, b) => a.batchId - b.batchId);
  const stocks = batches.map((batch): Stock => ({ batch, remaining: batch.available }));
  const ledger = buildLedger(input, batches);
  const plan = PLANNERS[input.policy.name];

  const allocations: Allocation[] = [];
  const shortages: Shortage[] = [];
  for (const line of input.lines) {
    if (line.quantity === 0n) continue;
    const candidates = stocks.filter((s) => s.remaining > 0n && eligible(s.batch, line.productId, input.today, input.exclude));
    const need = minB(line.quantity, sumB(candidates.map((s) => s.remaining)));
    if (need > 0n) {
      let picks = plan({ need, candidates, ledger, hub: input.hub, weights });
      if (candidates.length === 1) picks = picks.map((p) => ({ ...p, reason: { code: 'onlySource', params: {} } }));
      // One row per (line, batch), in the order first picked; a batch picked twice keeps its first reason.
      const rows = new Map<Stock, Allocation>();
      for (const p of picks) {
        if (p.quantity <= 0n) continue;
        const b = p.stock.batch;
        const row = rows.get(p.stock);
        if (row) row.quantity += p.quantity;
        else rows.set(p.stock, { lineId: line.lineId, batchId: b.batchId, lotCode: b.lotCode, memberId: b.memberId, quantity: p.quantity, reason: p.reason });
      }
      let got = 0n;
      for (const [stock, row] of rows) {
        if (row.quantity > stock.remaining) throw new Error('allocation: internal error, batch overdrawn');
        stock.remaining -= row.quantity;
        ledger.allocated.set(row.memberId, (ledger.allocated.get(row.memberId) ?? 0n) + row.quantity);
        ledger.totalAllocated += row.quantity;
        got += row.quantity;
        allocations.push(row);
      }
      if (got !== need) throw new Error('allocation: internal error, line not filled as planned');
    }
    if (need < line.quantity) {
      shortages.push({ lineId: line.lineId, productId: line.productId, requested: line.quantity, available: need, missing: line.quantity - need });
    }
  }
  return shortages.length === 0 ? { ok: true, allocations } : { ok: false, allocations, shortages };
}
