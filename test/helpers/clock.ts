import type { Clock } from '#platform/clock.js';

export interface TestClock extends Clock {
  advance(ms: number): void;
}

/** Real time plus an offset the test can move forward (TOTP steps, expiries). */
export function createTestClock(): TestClock {
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  return {
    now,
    nowIso: () => now().toISOString(),
    advance(ms) {
      offset += ms;
    },
  };
}
