/**
 * Settlement arithmetic, pure and in integers. A line's delivered revenue is
 *   round(Σ delivered quantity × unit price / 10^decimals)
 * (delivered = what the hub received, else what was allocated), shared among the line's shipped
 * allocations in proportion to their delivered quantity by the largest-remainder method, so the
 * shares add up to the line's revenue exactly. Per allocation:
 *   commission = round(revenue × rate bp / 10,000)   (the category's rate, else the coop's)
 *   fee        = the agreed fee per delivery
 *   payout     = revenue − commission − fee
 * so for any period, Σ payouts + Σ commissions + Σ fees = Σ revenue, exactly.
 */
import { divRound } from '#modules/ordering/pricing.js';

export interface ShippedAllocation {
  id: number;
  memberId: number;
  lineId: number;
  categorySlug: string;
  quantity: bigint; // allocated, smallest steps
  receivedQuantity: bigint | null; // what the hub weighed or counted
}

export interface LineTerms {
  lineId: number;
  unitPriceMinor: bigint;
  unitDecimals: number;
}

export interface SettlementPolicy {
  commissionBp: number;
  categoryCommissionBp: Record<string, number>;
  feePerDeliveryMinor: bigint;
}

export interface SettledAllocation {
  id: number;
  memberId: number;
  delivered: bigint;
  revenueMinor: bigint;
  commissionMinor: bigint;
  feeMinor: bigint;
  payoutMinor: bigint;
}

export interface MemberTotals {
  memberId: number;
  deliveries: number;
  revenueMinor: bigint;
  commissionMinor: bigint;
  feesMinor: bigint;
  payoutMinor: bigint;
}

export const delivered = (a: Pick<ShippedAllocation, 'quantity' | 'receivedQuantity'>) => a.receivedQuantity ?? a.quantity;

/** Splits `total` in proportion to `weights` (non-negative), exactly; remainders go to the largest fractions, ties to the earlier item. */
export function shareExactly(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((s, w) => s + w, 0n);
  if (sum === 0n) return weights.map((_, i) => (i === 0 ? total : 0n));
  const floors = weights.map((w) => (total * w) / sum);
  const rests = weights.map((w, i) => ({ i, rest: total * w - floors[i]! * sum }));
  let left = total - floors.reduce((s, f) => s + f, 0n);
  rests.sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
  for (const r of rests) {
    if (left <= 0n) break;
    floors[r.i]! += 1n;
    left -= 1n;
  }
  return floors;
}

/**
 * Settles allocations: `all` are every shipped allocation of the lines concerned (to share each
 * line's revenue), `period` the ids counted in this statement.
 */
export function settle(all: ShippedAllocation[], lines: LineTerms[], policy: SettlementPolicy, period: Set<number>): SettledAllocation[] {
  const terms = new Map(lines.map((l) => [l.lineId, l]));
  const byLine = new Map<number, ShippedAllocation[]>();
  for (const a of [...all].sort((x, y) => x.id - y.id)) byLine.set(a.lineId, [...(byLine.get(a.lineId) ?? []), a]);
  const out: SettledAllocation[] = [];
  for (const [lineId, allocations] of byLine) {
    const line = terms.get(lineId);
    if (!line) throw new RangeError(`no terms for line ${lineId}`);
    const quantities = allocations.map(delivered);
    const revenue = divRound(quantities.reduce((s, q) => s + q, 0n) * line.unitPriceMinor, 10n ** BigInt(line.unitDecimals));
    const shares = shareExactly(revenue, quantities);
    allocations.forEach((a, i) => {
      if (!period.has(a.id)) return;
      const bp = policy.categoryCommissionBp[a.categorySlug] ?? policy.commissionBp;
      const revenueMinor = shares[i]!;
      const commissionMinor = divRound(revenueMinor * BigInt(bp), 10_000n);
      const feeMinor = policy.feePerDeliveryMinor;
      out.push({ id: a.id, memberId: a.memberId, delivered: quantities[i]!, revenueMinor, commissionMinor, feeMinor, payoutMinor: revenueMinor - commissionMinor - feeMinor });
    });
  }
  return out.sort((a, b) => a.id - b.id);
}

export function totalsByMember(settled: SettledAllocation[]): MemberTotals[] {
  const by = new Map<number, MemberTotals>();
  for (const s of settled) {
    const t = by.get(s.memberId) ?? { memberId: s.memberId, deliveries: 0, revenueMinor: 0n, commissionMinor: 0n, feesMinor: 0n, payoutMinor: 0n };
    t.deliveries += 1;
    t.revenueMinor += s.revenueMinor;
    t.commissionMinor += s.commissionMinor;
    t.feesMinor += s.feeMinor;
    t.payoutMinor += s.payoutMinor;
    by.set(s.memberId, t);
  }
  return [...by.values()].sort((a, b) => a.memberId - b.memberId);
}
