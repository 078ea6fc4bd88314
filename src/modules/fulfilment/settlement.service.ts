import { stringify } from 'csv-stringify/sync';
import type { Audit, AuditContext } from '#platform/audit/index.js';
import type { Clock } from '#platform/clock.js';
import { isUniqueViolation, type Db } from '#platform/db/index.js';
import { scaledToDecimalString } from '#platform/decimal.js';
import { AppError } from '#platform/http/errors.js';
import { minorToDecimalString } from '#platform/money.js';
import type { Settings } from '#platform/settings/index.js';
import * as q from '#modules/fulfilment/fulfilment.queries.js';
import { settle, totalsByMember, type MemberTotals, type SettledAllocation, type ShippedAllocation } from '#modules/fulfilment/settlement.js';

export const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface StatementLine extends SettledAllocation {
  orderNumber: string;
  lotCode: string;
  productName: string;
  unit: string;
  unitDecimals: number;
  unitPriceMinor: bigint;
  shippedAt: string;
  discrepancy: string;
}

export interface MemberStatement {
  memberId: number;
  memberName: string;
  period: string;
  currency: string;
  totals: MemberTotals;
  lines: StatementLine[];
  /** Set once marked paid: the figures then come from the frozen row. */
  paid: { at: string; note: string } | null;
}

export interface PeriodStatement {
  period: string;
  currency: string;
  members: MemberStatement[];
  revenueMinor: bigint;
  commissionMinor: bigint;
  feesMinor: bigint;
  payoutMinor: bigint;
}

const emptyTotals = (memberId: number): MemberTotals => ({ memberId, deliveries: 0, revenueMinor: 0n, commissionMinor: 0n, feesMinor: 0n, payoutMinor: 0n });

/** Statements per member per month (by shipping date): delivered value, commission, fees, payout. */
export function createSettlementService({ db, clock, settings, audit }: { db: Db; clock: Clock; settings: Settings; audit: Audit }) {
  const bounds = (period: string) => {
    const [y, m] = period.split('-').map(Number) as [number, number];
    const from = new Date(Date.UTC(y, m - 1, 1)).toISOString();
    const to = new Date(Date.UTC(y, m, 1)).toISOString();
    return { from, to };
  };

  async function compute(period: string, memberId?: number): Promise<PeriodStatement> {
    if (!PERIOD.test(period)) throw new AppError('bad_request');
    const { from, to } = bounds(period);
    const rows = await q.selectShippedBetween(db, from, to, memberId);
    const lineIds = [...new Set(rows.map((r) => r.order_line_id))];
    const allOfLines = await q.selectShippedOfLines(db, lineIds);
    const info = new Map(rows.map((r) => [r.id, r]));
    const lineInfo = new Map(rows.map((r) => [r.order_line_id, r]));
    const memberOf = new Map<number, number>(rows.map((r) => [r.id, r.member_id]));
    const shipped: ShippedAllocation[] = allOfLines.map((a) => ({
      id: a.id,
      memberId: memberOf.get(a.id) ?? 0,
      lineId: a.order_line_id,
      categorySlug: lineInfo.get(a.order_line_id)!.category_slug,
      quantity: BigInt(a.quantity),
      receivedQuantity: a.received_quantity === null || a.received_quantity === undefined ? null : BigInt(a.received_quantity),
    }));
    const settled = settle(
      shipped,
      [...lineInfo.values()].map((r) => ({ lineId: r.order_line_id, unitPriceMinor: BigInt(r.unit_price_minor), unitDecimals: r.unit_decimals })),
      { commissionBp: settings.get('settlement.commissionBp'), categoryCommissionBp: settings.get('settlement.categoryCommissionBp'), feePerDeliveryMinor: BigInt(settings.get('settlement.feePerDeliveryMinor')) },
      new Set(rows.map((r) => r.id)),
    );
    const totals = new Map(totalsByMember(settled).map((t) => [t.memberId, t]));
    const paid = new Map((await q.selectStatements(db, period, memberId)).map((s) => [s.member_id, s]));
    const members = (await q.selectActiveMembers(db)).filter((m) => (memberId ? m.id === memberId : totals.has(m.id) || paid.has(m.id)));
    const currency = settings.get('coop.baseCurrency');
    const statements: MemberStatement[] = members.map((m) => {
      const frozen = paid.get(m.id);
      const live = totals.get(m.id) ?? emptyTotals(m.id);
      return {
        memberId: m.id,
        memberName: m.name,
        period,
        currency: frozen?.currency ?? currency,
        totals: frozen
          ? { memberId: m.id, deliveries: live.deliveries, revenueMinor: BigInt(frozen.revenue_minor), commissionMinor: BigInt(frozen.commission_minor), feesMinor: BigInt(frozen.fees_minor), payoutMinor: BigInt(frozen.payout_minor) }
          : live,
        lines: settled
          .filter((s) => s.memberId === m.id)
          .map((s) => {
            const r = info.get(s.id)!;
            return { ...s, orderNumber: r.order_number, lotCode: r.lot_code, productName: r.product_name, unit: r.unit, unitDecimals: r.unit_decimals, unitPriceMinor: BigInt(r.unit_price_minor), shippedAt: r.shipped_at ?? '', discrepancy: r.discrepancy };
          }),
        paid: frozen ? { at: frozen.paid_at, note: frozen.payment_note } : null,
      };
    });
    const sum = (k: 'revenueMinor' | 'commissionMinor' | 'feesMinor' | 'payoutMinor') => statements.reduce((s, m) => s + m.totals[k], 0n);
    return { period, currency, members: statements, revenueMinor: sum('revenueMinor'), commissionMinor: sum('commissionMinor'), feesMinor: sum('feesMinor'), payoutMinor: sum('payoutMinor') };
  }

  return {
    compute,
    currentPeriod: () => clock.nowIso().slice(0, 7),
    async paidPeriods(memberId: number) {
      return (await q.selectStatementsOfMember(db, memberId)).map((s) => s.period);
    },
    /** Freezes a member's statement for a period as paid; a second time is refused. */
    async markPaid(memberId: number, period: string, actor: { userId: number; note: string }, ctx: AuditContext): Promise<void> {
      const statement = (await compute(period, memberId)).members[0];
      if (!statement || statement.paid) throw new AppError('conflict', 'fulfilment:error.alreadyPaid');
      if (period >= clock.nowIso().slice(0, 7)) throw new AppError('conflict', 'fulfilment:error.periodOpen');
      try {
        await db.transaction(async (trx) => {
          await q.insertStatement(trx, {
            member_id: memberId,
            period,
            currency: statement.currency,
            revenue_minor: statement.totals.revenueMinor.toString(),
            commission_minor: statement.totals.commissionMinor.toString(),
            fees_minor: statement.totals.feesMinor.toString(),
            payout_minor: statement.totals.payoutMinor.toString(),
            paid_at: clock.nowIso(),
            paid_by_user_id: actor.userId,
            payment_note: actor.note.trim().slice(0, 200),
          });
          await audit.record(ctx, 'statement.paid', { type: 'member', id: memberId }, { period, payout: statement.totals.payoutMinor.toString(), currency: statement.currency }, trx);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('conflict', 'fulfilment:error.alreadyPaid');
        throw err;
      }
    },
    /** One row per delivery, amounts as exact decimals in the currency, plus a total row per member. */
    csv(statement: PeriodStatement): string {
      const money = (m: bigint) => minorToDecimalString(m, statement.currency);
      const rows: string[][] = [];
      for (const m of statement.members) {
        for (const l of m.lines) {
          rows.push([statement.period, m.memberName, l.orderNumber, l.lotCode, l.productName, scaledToDecimalString(l.delivered, l.unitDecimals), l.unit, money(l.unitPriceMinor), money(l.revenueMinor), money(l.commissionMinor), money(l.feeMinor), money(l.payoutMinor), statement.currency, l.shippedAt, l.discrepancy]);
        }
        rows.push([statement.period, m.memberName, 'TOTAL', '', '', '', '', '', money(m.totals.revenueMinor), money(m.totals.commissionMinor), money(m.totals.feesMinor), money(m.totals.payoutMinor), m.currency, m.paid?.at ?? '', '']);
      }
      return stringify(rows, {
        header: true,
        columns: ['period', 'member', 'order', 'lot', 'product', 'delivered_quantity', 'unit', 'unit_price', 'revenue', 'commission', 'fees', 'payout', 'currency', 'shipped_at_or_paid_at', 'discrepancy'],
      });
    },
  };
}

export type SettlementService = ReturnType<typeof createSettlementService>;
