export interface Clock {
  now(): Date;
  /** UTC ISO-8601 text, the only form times are stored in. */
  nowIso(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  nowIso: () => new Date().toISOString(),
};
