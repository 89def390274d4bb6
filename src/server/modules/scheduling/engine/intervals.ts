/** Half-open instant intervals [start, end) in epoch ms, and linear algebra over them. */
export interface Interval {
  start: number;
  end: number;
}

/** Sorts and merges overlapping or touching intervals; drops empty ones. */
export function normalize(list: readonly Interval[]): Interval[] {
  const sorted = list.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** Does [start, end) overlap any interval of a normalized list? Binary search. */
export function overlapsAny(normalized: readonly Interval[], start: number, end: number): boolean {
  if (end <= start) return false; // an empty range overlaps nothing
  let lo = 0;
  let hi = normalized.length;
  // first interval whose end is after start
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (normalized[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  const candidate = normalized[lo];
  return candidate !== undefined && candidate.start < end;
}

/** Groups intervals by a key and normalizes each group. */
export function normalizeBy<T extends Interval>(list: readonly T[], key: (t: T) => string): Map<string, Interval[]> {
  const groups = new Map<string, Interval[]>();
  for (const t of list) {
    let g = groups.get(key(t));
    if (!g) groups.set(key(t), (g = []));
    g.push({ start: t.start, end: t.end });
  }
  for (const [k, g] of groups) groups.set(k, normalize(g));
  return groups;
}
