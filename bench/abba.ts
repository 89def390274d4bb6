import type http from 'node:http';
import { startCpuAccounting, type CpuSplit } from './cpu-usage.js';
import { request } from './http-client.js';
import { msSince, summarize, type Summary } from './stats.js';

/** One measured segment of one side. */
export interface Segment {
  ok: number;
  errors: number;
  errorSamples: string[];
  latencies: number[];
  elapsedS: number;
}

/** One side's figures over all its measured segments. */
export interface SideFigures {
  /** 200s during the measured segments. */
  requests: number;
  errors: number;
  errorSamples: string[];
  elapsedS: number;
  requestsPerSec: number;
  latencyMs: Summary;
  /** CPU ms per 200, by process, over the measured segments (diagnostics). */
  cpuMsPerRequest: CpuSplit;
}

/**
 * `clients` keep-alive clients GET back to back for `seconds`, each request's
 * address from `urlOf(i)` (i counts requests, so a workload can go round a
 * list); in-flight requests finish before the clock stops.
 */
export async function runGetLoad(agent: http.Agent, urlOf: (i: number) => string, headers: Record<string, string>, clients: number, seconds: number): Promise<Segment> {
  const s: Segment = { ok: 0, errors: 0, errorSamples: [], latencies: [], elapsedS: 0 };
  const t0 = process.hrtime.bigint();
  const stopAt = Date.now() + seconds * 1000;
  let i = 0;
  const client = async () => {
    while (Date.now() < stopAt) {
      const t = process.hrtime.bigint();
      const res = await request(agent, urlOf(i++), { headers }).catch((err: Error) => ({ status: 0, body: err.message }));
      if (res.status === 200) {
        s.ok++;
        s.latencies.push(msSince(t));
      } else {
        s.errors++;
        if (s.errorSamples.length < 5) s.errorSamples.push(`${res.status} ${res.body.slice(0, 200)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  s.elapsedS = msSince(t0) / 1000;
  return s;
}

export interface AbbaSide {
  /** The server process whose CPU is counted. */
  pid: number;
  /** Runs one measured segment of this side. */
  segment(seconds: number): Promise<Segment>;
  /** Work that belongs to the segment just measured and counts in its time (the audited side's sealing). */
  finish?(): Promise<void>;
}

export interface AbbaResult {
  /** Measured segments in order, A = the first side, B = the baseline. */
  order: string;
  segmentSeconds: number;
  a: SideFigures;
  b: SideFigures;
  segments: { side: 'a' | 'b'; requestsPerSec: number }[];
}

/**
 * The A B B A segment runner: each side gets `seconds` in all, in short
 * segments in the order A B B A repeated (`seconds / 5` rounds), so drift in
 * a shared machine's load hits both sides alike. A side's `finish` runs at the
 * end of each of its segments, inside the segment's time and CPU count.
 */
export async function runAbba(sides: { a: AbbaSide; b: AbbaSide }, seconds: number, database: string): Promise<AbbaResult> {
  const rounds = Math.max(1, Math.round(seconds / 5));
  const order = Array.from({ length: rounds }, () => ['a', 'b', 'b', 'a'] as const).flat();
  const segmentSeconds = seconds / (2 * rounds);
  const acc = {
    a: { segs: [] as Segment[], cpu: { server: 0, postgres: 0, loadGenerator: 0 } },
    b: { segs: [] as Segment[], cpu: { server: 0, postgres: 0, loadGenerator: 0 } },
  };
  const segments: AbbaResult['segments'] = [];
  for (const side of order) {
    const cpu = startCpuAccounting(sides[side].pid, database);
    const seg = await sides[side].segment(segmentSeconds);
    const finish = sides[side].finish;
    if (finish) {
      const t = process.hrtime.bigint();
      await finish();
      seg.elapsedS += msSince(t) / 1000;
    }
    const used = cpu.stop(1);
    acc[side].cpu.server += used.server;
    acc[side].cpu.postgres += used.postgres ?? 0;
    acc[side].cpu.loadGenerator += used.loadGenerator;
    acc[side].segs.push(seg);
    segments.push({ side, requestsPerSec: seg.ok / seg.elapsedS });
  }
  const figuresOf = (side: 'a' | 'b'): SideFigures => {
    const segs = acc[side].segs;
    const requests = segs.reduce((s, x) => s + x.ok, 0);
    const elapsedS = segs.reduce((s, x) => s + x.elapsedS, 0);
    const per = (ms: number) => ms / Math.max(1, requests);
    return {
      requests, errors: segs.reduce((s, x) => s + x.errors, 0), errorSamples: segs.flatMap((x) => x.errorSamples).slice(0, 5),
      elapsedS, requestsPerSec: requests / elapsedS, latencyMs: summarize(segs.flatMap((x) => x.latencies)),
      cpuMsPerRequest: { server: per(acc[side].cpu.server), postgres: per(acc[side].cpu.postgres), loadGenerator: per(acc[side].cpu.loadGenerator) },
    };
  };
  return { order: order.map((s) => (s === 'a' ? 'A' : 'B')).join(' '), segmentSeconds, a: figuresOf('a'), b: figuresOf('b'), segments };
}
