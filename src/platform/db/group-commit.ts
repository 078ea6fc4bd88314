import { dialect, isRetryableConflict, type Db, type Tx } from '#platform/db/index.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Job {
  work: (trx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  outcome?: Outcome;
  /** Times this unit was the victim of a deadlock (PostgreSQL) and was run again. */
  conflicts: number;
}

/** A unit that loses a deadlock runs again in a later batch, this many times at most. */
const CONFLICT_RETRIES = 3;

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
 * A batch begins on the event loop's next turn (setImmediate), not at once: the requests that
 * arrived together are read in the same turn, and with SQLite (whose statements run synchronously)
 * a batch begun at once would commit before the next of them were even parsed, one flush each. A
 * quiet shop pays only that turn; the busier it is, the more each flush carries. A batch keeps
 * taking units that arrive while it runs (up to `maxBatch`). With `concurrency` above 1
 * (PostgreSQL, several connections) that many batches run at once; batches side by side can
 * deadlock, and a unit chosen as the victim is rolled back alone and run again in a later batch
 * (three times at most) instead of failing its caller.
 */
export function createGroupCommit(db: Db, { maxBatch = 64, concurrency = 1 }: { maxBatch?: number; concurrency?: number } = {}): GroupCommit {
  const queue: Job[] = [];
  let draining = 0;

  /** One transaction: takes units from the queue (also those that arrive meanwhile) up to maxBatch. */
  async function runBatch(): Promise<void> {
    const batch: Job[] = [];
    const again: Job[] = [];
    try {
      await db.transaction(async (trx) => {
        while (queue.length > 0 && batch.length < maxBatch) {
          const job = queue.shift()!;
          try {
            job.outcome = { ok: true, value: await trx.transaction((savepoint) => job.work(savepoint)) };
          } catch (error) {
            // A deadlock's victim (PostgreSQL, batches side by side) is rolled back to its savepoint
            // alone; it runs again in a later batch, once this one has let its locks go.
            if (isRetryableConflict(error) && job.conflicts < CONFLICT_RETRIES) {
              job.conflicts += 1;
              job.outcome = undefined;
              again.push(job);
              continue;
            }
            job.outcome = { ok: false, error };
          }
          batch.push(job);
        }
      });
    } catch (error) {
      // Not committed (or not even begun): what succeeded inside it is gone too.
      if (batch.length === 0 && again.length === 0) batch.push(...queue.splice(0, queue.length));
      batch.push(...again.splice(0, again.length));
      for (const job of batch) job.outcome = job.outcome?.ok === false ? job.outcome : { ok: false, error };
    }
    queue.unshift(...again);
    for (const job of batch) {
      const outcome = job.outcome!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    }
  }

  async function drain(): Promise<void> {
    draining += 1;
    try {
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (queue.length > 0) await runBatch();
    } finally {
      draining -= 1;
    }
  }

  return {
    run<T>(work: (trx: Tx) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject, conflicts: 0 });
        if (draining < concurrency) void drain();
      });
    },
  };
}

/**
 * The app's group commit for its hot writes (orders placed, cart lines changed), built once in
 * compose.ts. SQLite has one connection; PostgreSQL runs a few batches side by side (row locks keep
 * them apart).
 */
export function createAppWrites(db: Db): GroupCommit {
  return createGroupCommit(db, { concurrency: dialect(db) === 'postgres' ? 4 : 1 });
}
