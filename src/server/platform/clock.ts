/** The clock port: services ask it for `now`; engines receive `now` as data. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests set and move by hand. */
export function fixedClock(start: number | string): Clock & { set(t: number | string): void; advance(ms: number): void } {
  let t = typeof start === 'string' ? Date.parse(start) : start;
  return {
    now: () => t,
    set(v) {
      t = typeof v === 'string' ? Date.parse(v) : v;
    },
    advance(ms) {
      t += ms;
    },
  };
}
