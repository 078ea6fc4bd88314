// After the server has stopped: reads the SQLite file (read-only) and checks that no batch was
// oversold, that every line is allocated exactly, and that every order the load generator saw
// acknowledged (a 303 to its order page) is in the database.
import path from 'node:path';
import Database from 'better-sqlite3';

export const dbFile = (dataDir) => path.join(dataDir, 'terroir.sqlite');

/**
 * @param acked order numbers answered with a 303 to their page (every phase so far)
 * @param scarce {id} – the sell-out product; soldUnits – what the sell-out phase was acknowledged
 * @param allowUnacknowledged orders that may be in the file without a 303 having been seen: 0 after
 *   a graceful stop with every response read; up to one per connection after a kill mid-run
 */
export function checkOrders(dataDir, { acked, scarce, soldUnits, allowUnacknowledged = 0 }) {
  const db = new Database(dbFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    const one = (sql, ...args) => db.prepare(sql).get(...args);
    const numbers = new Set(db.prepare('SELECT number FROM orders').pluck().all());
    const ackedSet = new Set(acked);
    const missing = [...ackedSet].filter((n) => !numbers.has(n));
    const unacknowledged = [...numbers].filter((n) => !ackedSet.has(n)).length;

    // Stock: nothing below zero, and what left every batch is exactly what live allocations hold.
    const negative = one('SELECT COUNT(*) AS n, MIN(available) AS min FROM batches WHERE available < 0');
    const live = `SELECT batch_id, SUM(quantity) AS q FROM allocations WHERE status NOT IN ('declined', 'cancelled') GROUP BY batch_id`;
    const stockMismatch = one(
      `SELECT COUNT(*) AS n FROM batches b LEFT JOIN (${live}) a ON a.batch_id = b.id WHERE b.quantity - b.available <> COALESCE(a.q, 0)`,
    ).n;
    const batchesUsed = one(`SELECT COUNT(*) AS n FROM (${live})`).n;
    // Every line allocated in full, across one or more members' batches.
    const lineMismatch = one(
      `SELECT COUNT(*) AS n FROM order_lines l LEFT JOIN (SELECT order_line_id, SUM(quantity) AS q FROM allocations GROUP BY order_line_id) a ON a.order_line_id = l.id WHERE COALESCE(a.q, 0) <> l.quantity`,
    ).n;
    const spread = one(
      `SELECT COUNT(*) AS orders, AVG(members) AS avgMembers, SUM(members >= 2) AS multiMember, AVG(allocs) AS avgAllocations
         FROM (SELECT order_id, COUNT(DISTINCT member_id) AS members, COUNT(*) AS allocs FROM allocations GROUP BY order_id)`,
    );
    const splitLines = one(`SELECT COUNT(*) AS n FROM (SELECT order_line_id FROM allocations GROUP BY order_line_id HAVING COUNT(DISTINCT member_id) >= 2)`).n;
    const lines = one('SELECT COUNT(*) AS n FROM order_lines').n;
    const mails = one(`SELECT COUNT(*) AS n FROM outbox WHERE template = 'orderPlaced'`).n;
    const placedEvents = one(`SELECT COUNT(*) AS n FROM order_events WHERE kind = 'placed'`).n;
    const audits = one(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'order.placed'`)?.n;

    let sellout;
    if (scarce) {
      const stock = one('SELECT SUM(quantity) AS quantity, SUM(available) AS available, COUNT(*) AS batches, COUNT(DISTINCT member_id) AS members FROM batches WHERE product_id = ?', scarce.id);
      const ordered = one('SELECT COALESCE(SUM(quantity), 0) AS q, COUNT(DISTINCT order_id) AS orders FROM order_lines WHERE product_id = ?', scarce.id);
      sellout = {
        stock: stock.quantity,
        remaining: stock.available,
        batches: stock.batches,
        members: stock.members,
        orderedUnits: ordered.q,
        orders: ordered.orders,
        acknowledgedUnits: soldUnits,
        // Sold exactly what it had: nothing oversold, nothing lost.
        exact: stock.quantity - stock.available === ordered.q && ordered.q === soldUnits && stock.available >= 0,
      };
    }
    const ok =
      negative.n === 0 &&
      stockMismatch === 0 &&
      lineMismatch === 0 &&
      missing.length === 0 &&
      unacknowledged <= allowUnacknowledged &&
      mails === numbers.size &&
      placedEvents === numbers.size &&
      (sellout?.exact ?? true);
    return {
      ok,
      ordersInDb: numbers.size,
      acknowledged: ackedSet.size,
      missingAcknowledged: missing.length,
      missingExamples: missing.slice(0, 5),
      unacknowledgedInDb: unacknowledged,
      allowUnacknowledged,
      batchesBelowZero: negative.n,
      batchesUsed,
      batchStockMismatches: stockMismatch,
      linesNotFullyAllocated: lineMismatch,
      lines,
      ordersOverTwoOrMoreMembers: spread.multiMember ?? 0,
      avgMembersPerOrder: spread.avgMembers,
      avgAllocationsPerOrder: spread.avgAllocations,
      linesSplitAcrossMembers: splitLines,
      orderPlacedMails: mails,
      placedEvents,
      placedAudits: audits,
      sellout,
    };
  } finally {
    db.close();
  }
}
