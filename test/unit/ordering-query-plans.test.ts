import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { createDb, migrateLatest, type Db } from '#platform/db/index.js';
import * as q from '#modules/ordering/ordering.queries.js';

/** The SQLite plan of every statement `run` sends, one line per step. */
async function plansOf(db: Db, run: () => Promise<unknown>): Promise<string[]> {
  const sent: { sql: string; bindings: unknown[] }[] = [];
  const listen = (query: { sql: string; bindings?: unknown[] }) => sent.push({ sql: query.sql, bindings: query.bindings ?? [] });
  db.on('query', listen);
  try {
    await run();
  } finally {
    db.off('query', listen);
  }
  const plans: string[] = [];
  for (const s of sent) {
    const rows = (await db.raw(`explain query plan ${s.sql}`, s.bindings as never[])) as { detail: string }[];
    plans.push(rows.map((r) => r.detail).join(' | '));
  }
  return plans;
}

describe('the queries run on every order placed use indexes (SQLite plans)', () => {
  let dir: string;
  let db: Db;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'terroir-plans-'));
    db = createDb({ kind: 'sqlite', filename: path.join(dir, 'plans.sqlite') });
    await migrateLatest(db);
  });
  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a product’s allocation history from its order lines, not by scanning every allocation', async () => {
    const plans = await plansOf(db, () => q.selectMemberHistory(db, [7, 8], '2026-08-01T00:00:00.000Z'));
    expect(plans).to.have.length(2);
    for (const plan of plans) expect(plan, plan).not.to.match(/\bSCAN (a|l|allocations|order_lines|batches)\b/);
    expect(plans[0]).to.match(/SEARCH l USING (COVERING )?INDEX order_lines_product_id_index/);
    expect(plans[0]).to.match(/SEARCH a USING INDEX allocations_order_line_id_index/);
  });
});
