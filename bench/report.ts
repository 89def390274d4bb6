import fs from 'node:fs';

export interface Figure {
  workload: string;
  measured: string;
  baseline: string;
  ratio: number;
  /** e.g. { atLeast: 0.4 }; none for figures reported for information. */
  target: { atLeast: number } | { atMost: number } | null;
}

export const targetText = (f: Figure): string =>
  !f.target ? '(info)' : 'atLeast' in f.target ? `>= ${f.target.atLeast}` : `<= ${f.target.atMost}`;

export function verdict(f: Figure): 'pass' | 'FAIL' | '-' {
  if (!f.target) return '-';
  const ok = 'atLeast' in f.target ? f.ratio >= f.target.atLeast : f.ratio <= f.target.atMost;
  return ok ? 'pass' : 'FAIL';
}

/** A plain-text table: workload, measured, baseline, ratio, target, pass/fail. */
export function formatTable(figures: readonly Figure[]): string {
  const head = ['workload', 'measured', 'baseline', 'ratio', 'target', 'result'];
  const rows = figures.map((f) => [f.workload, f.measured, f.baseline, f.ratio.toFixed(3), targetText(f), verdict(f)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function writeResults(file: string, results: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
