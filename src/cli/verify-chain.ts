import { ConfigError, loadConfig } from '#platform/config.js';
import { createDb } from '#platform/db/index.js';
import { verifyChain } from '#modules/traceability/hash-chain.js';
import * as q from '#modules/traceability/traceability.queries.js';

// npm run verify-chain: re-computes every batch's hash chain; exit 1 when any record was altered.
try {
  const config = loadConfig(process.env);
  const db = createDb(config.database);
  let broken = 0;
  const lots = await q.selectAllBatchIds(db);
  for (const { id, lot_code } of lots) {
    const batch = (await q.selectBatchById(db, id))!;
    const status = verifyChain(batch, await q.selectEvents(db, id));
    if (!status.ok) {
      broken++;
      console.log(`BROKEN  ${lot_code}: at event ${status.brokenAtSeq} (${status.reason})`);
    }
  }
  console.log(`${lots.length - broken} of ${lots.length} batch records intact.`);
  await db.destroy();
  process.exit(broken ? 1 : 0);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `verify-chain failed: ${(err as Error).message}`);
  process.exit(2);
}
