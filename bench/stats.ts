/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return Number.NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function summarize(sample: readonly number[]): Summary {
  const mean = sample.reduce((s, x) => s + x, 0) / (sample.length || 1);
  return { n: sample.length, p50: percentile(sample, 50), p95: percentile(sample, 95), p99: percentile(sample, 99), mean };
}

export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));

/** Milliseconds since an hrtime mark. */
export const msSince = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

/** A small seeded PRNG (mulberry32): the same synthetic clinic every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(list: T[], random: () => number): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}
