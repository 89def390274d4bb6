import type { LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import type { ErrorCode } from '../../shared/errors.js';
import { ISSUE_REASONS, REASONS } from '../../shared/reasons.js';
import { STATUS_OF } from '../app.js';
import type { Operation } from './openapi-cases.js';

/** The one error body of the API (src/shared/errors.ts, README "Errors always have the same shape"). */
export const ErrorBodySchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(Object.keys(STATUS_OF) as [ErrorCode, ...ErrorCode[]]),
    message: z.string().min(1),
    // Reasons are the shared lists' words only: a reason the web has no words for is a defect too.
    issues: z.array(z.strictObject({ field: z.string(), message: z.string(), reason: z.enum(ISSUE_REASONS).optional() })).optional(),
    reason: z.enum(REASONS).optional(),
    retryAfterSec: z.number().int().positive().optional(),
    // Whom to call when a refusal means calling the clinic (issue 11: change_cutoff_passed).
    phone: z.string().min(1).optional(),
  }),
});

export type FailureKind = 'server error (5xx)' | 'undocumented error shape' | 'error code disagrees with status' | 'write on refusal' | 'no answer' | 'background error';

export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface Failure {
  /** Route, kind, status and the normalised error: one line per distinct defect. */
  signature: string;
  route: string;
  kind: FailureKind;
  status: number | null;
  detail: string;
  /** Who sent the smallest example, what was hostile about it, and how fast-check replays it. */
  as: string;
  input: string;
  /** Every kind of input that met this failure, with how often. */
  inputs: Map<string, number>;
  replay: { pair: string; seed: number; path: string } | null;
  size: number;
  count: number;
  request: SentRequest | null;
  response: string | null;
}

type Found = Omit<Failure, 'as' | 'input' | 'inputs' | 'replay' | 'size' | 'count'>;

/** Digits, ids and quoted values vary between examples of one defect; the rest of the message names it. */
export function normalise(detail: string): string {
  return detail
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')
    .replace(/"[^"]*"|'[^']*'/g, '"…"')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
}

/**
 * The three promises of the issue, for one answer: no 5xx; a 4xx has the
 * documented body, with a code that agrees with its status; and a 4xx wrote
 * nothing outside the refusal bookkeeping (write-watch.ts).
 */
export function checkAnswer(a: { op: Operation; request: SentRequest; res: LightMyRequestResponse; logged: string | undefined; changed: string[] }): Found[] {
  const status = a.res.statusCode;
  const response = a.res.body.length > 2_000 ? `${a.res.body.slice(0, 2_000)}... (${a.res.body.length} bytes)` : a.res.body;
  const found = (kind: FailureKind, detail: string): Found => ({
    signature: `${a.op.key} | ${kind} | ${status} | ${normalise(detail)}`, route: a.op.key, kind, status, detail, request: a.request, response,
  });
  const out: Found[] = [];
  if (status >= 500) out.push(found('server error (5xx)', a.logged ?? a.res.body.slice(0, 200)));
  else if (status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(a.res.body);
    } catch {
      body = undefined;
    }
    const parsed = ErrorBodySchema.safeParse(body);
    if (!parsed.success) {
      const keys = body && typeof body === 'object' ? `{${Object.keys(body).join(', ')}}` : 'not JSON';
      const frameworkCode = (body as { code?: unknown } | undefined)?.code;
      out.push(found('undocumented error shape', `body ${keys}${typeof frameworkCode === 'string' ? ` (code ${frameworkCode})` : ''}, not {error: {code, message}}`));
    } else if (!codeAgrees(parsed.data.error.code, status)) {
      out.push(found('error code disagrees with status', `${parsed.data.error.code} with ${status}`));
    }
  }
  if (status >= 400 && a.changed.length > 0) out.push(found('write on refusal', a.changed.join(', ')));
  return out;
}

/** A code's own status (app.ts STATUS_OF), or INVALID for the framework's other 4xx (400, 413, 415 ...). */
function codeAgrees(code: ErrorCode, status: number): boolean {
  if (STATUS_OF[code] === status) return true;
  return code === 'INVALID' && status >= 400 && status < 500 && !Object.values(STATUS_OF).includes(status);
}

export interface FuzzReport {
  requests: number;
  byStatusClass: Record<string, number>;
  byStatus: Record<string, number>;
  failures: Failure[];
  unsendable: string[];
  operations: number;
  pairs: number;
  durationMs: number;
  snapshots: number;
  personasRecreated: number;
  /** The operations and personas that took longest, with their time. */
  slowest: string[];
  /** Operations no generated request got a 2xx from: the fuzzer never reached their success path. */
  neverSucceeded: string[];
}

export function summarise(r: Omit<FuzzReport, 'byStatusClass' | 'byStatus'> & { statuses: Map<number, number> }): FuzzReport {
  const byStatusClass: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  for (const [s, n] of [...r.statuses].sort((a, b) => a[0] - b[0])) {
    byStatus[s] = n;
    byStatusClass[`${String(s)[0]}xx`] = (byStatusClass[`${String(s)[0]}xx`] ?? 0) + n;
  }
  const { statuses: _statuses, ...rest } = r;
  return { ...rest, byStatusClass, byStatus, failures: r.failures.sort((a, b) => a.signature.localeCompare(b.signature)) };
}

const clip = (s: string, n = 600) => (s.length > n ? `${s.slice(0, n)}... (${s.length} chars)` : s);
/** Control characters and lone surrogates written visibly, so a printed example can be pasted back. */
const visible = (s: string) => JSON.stringify(s).slice(1, -1);

/** A failure as a reproducible description: the request, the answer, and fast-check's seed and path. */
export function describeFailure(f: Failure): string {
  const lines = [`[${f.kind}] ${f.status ?? '-'} ${f.route}: ${f.detail}  (${f.count} request${f.count === 1 ? '' : 's'})`];
  if (f.inputs.size > 1) lines.push(`  inputs that met it: ${[...f.inputs].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, n]) => `${k} (${n})`).join('; ')}`);
  if (f.replay) lines.push(`  smallest: ${f.input}, as ${f.as}`, `  replay: npm run fuzz -- --replay '${f.replay.pair}' --seed=${f.replay.seed} --path=${f.replay.path}`);
  if (f.request) {
    lines.push(`  request: ${f.request.method} ${clip(visible(f.request.url), 300)}`);
    // A persona's session and CSRF tokens (32 random bytes, base64url) stand in as <token>: they are no use outside this run.
    const listed = Object.entries(f.request.headers).map(([k, v]) => `${k}: ${clip(visible(v.replace(/(?<![\w-])[\w-]{43}(?![\w-])/g, '<token>')), 120)}`);
    lines.push(`  headers: ${listed.join('; ') || '(none)'}`);
    if (f.request.body !== null) lines.push(`  body: ${clip(visible(f.request.body))}`);
  }
  if (f.response !== null) lines.push(`  answer: ${clip(f.response, 400)}`);
  return lines.join('\n');
}

/**
 * The report: counts, then the failures grouped by defect (kind, status and
 * normalised error), each group naming its routes and showing its smallest example.
 */
export function describeReport(r: FuzzReport): string {
  const classes = Object.entries(r.byStatusClass).map(([k, v]) => `${k} ${v}`).join(', ');
  const groups = new Map<string, Failure[]>();
  for (const f of r.failures) {
    const key = `${f.kind} | ${f.status} | ${normalise(f.detail)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const described = [...groups.values()].map((fs) => {
    const smallest = fs.reduce((a, b) => (b.size < a.size ? b : a));
    const routes = [...new Set(fs.map((f) => f.route))];
    return `${describeFailure(smallest)}${routes.length > 1 ? `\n  also on ${routes.length - 1} more route${routes.length === 2 ? '' : 's'}: ${routes.filter((x) => x !== smallest.route).join(', ')}` : ''}`;
  });
  return [
    `${r.requests} requests over ${r.operations} operations x 3 personas in ${(r.durationMs / 1000).toFixed(1)} s (${classes})`,
    `status codes: ${Object.entries(r.byStatus).map(([k, v]) => `${k}:${v}`).join(' ')}`,
    `table snapshots: ${r.snapshots}; personas recreated after being signed out or disabled: ${r.personasRecreated}; slowest: ${r.slowest.join(', ')}`,
    `operations never answered 2xx (their success path not reached): ${r.neverSucceeded.join(', ') || 'none'}`,
    ...(r.unsendable.length > 0 ? [`${r.unsendable.length} generated requests could not be sent (a harness limit, not a server answer): ${r.unsendable.slice(0, 3).join(' | ')}`] : []),
    `${r.failures.length} distinct failure${r.failures.length === 1 ? '' : 's'} (route, kind, status, error)${groups.size > 0 ? `, ${groups.size} distinct defect${groups.size === 1 ? '' : 's'}:` : ''}`,
    ...described,
  ].join('\n');
}
