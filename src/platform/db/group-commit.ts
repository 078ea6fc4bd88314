import type { Db, Tx } from '#platform/db/index.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Job {
  work: (trx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  outcome?: Outcome;
}

export interface GroupCommit {
  /**
   * Runs `work` in a transaction and settles once it is committed (or has failed): the same
   * promise as `db.transaction(work)`, but the commit may be shared with other work.
   */
  run<T>(work: (trx: Tx) => Promise<T>): Promise<T>;
}

/**
 * Group commit. A durable commit costs a disk flush (SQLite with synchronous=FULL, PostgreSQL by
 * default), and a busy shop would flush once per order. Work that arrives while a batch is being
 * written waits, then the waiting units run together in one transaction, one after another, each
 * in its own savepoint — one that throws is rolled back alone and its caller gets its error — and
 * share one commit. Every caller's promise settles only after that commit: nothing is reported
 * done before it is on disk. If the commit itself fails, every unit of the batch fails with it.
 *
 * Nothing waits on purpose: with no batch in flight, work starts at once, so a quiet shop pays
 * nothing; the busier it is, the more each flush carries.
 */
export function createGroupCommit(db: Db, { maxBatch = 64 }: { maxBatch?: number } = {}): GroupCommit {
  let queue: Job[] = [];
  let draining = false;

  async function runBatch(batch: Job[]): Promise<void> {
    if (batch.length === 1) {
      // Alone: no savepoint needed, the transaction is the unit's own.
      const [job] = batch as [Job];
      try {
        job.resolve(await db.transaction((trx) => job.work(trx)));
      } catch (error) {
        job.reject(error);
      }
      return;
    }
    try {
      await db.transaction(async (trx) => {
        for (const job of batch) {
          try {
            job.outcome = { ok: true, value: await trx.transaction((savepoint) => job.work(savepoint)) };
          } catch (error) {
            job.outcome = { ok: false, error };
          }
        }
      });
    } catch (error) {
      // The batch was not committed: what succeeded inside it is gone too.
      for (const job of batch) job.outcome = job.outcome?.ok === false ? job.outcome : { ok: false, error };
    }
    for (const job of batch) {
      const outcome = job.outcome!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(maxBatch);
        await runBatch(batch);
      }
    } finally {
      draining = false;
    }
  }

  return {
    run<T>(work: (trx: Tx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!draining) void drain();
      });
    },
  };
}
