/**
 * The API fuzzer, run longer than CI runs it (src/server/fuzz/openapi.fuzz.test.ts):
 *
 *   npm run fuzz -- --runs 50000 [--seed S] [--only "POST /api/appointments"] [--ws N]
 *   npm run fuzz -- --replay 'POST /api/appointments as patient' --seed S --path P
 *
 * --runs is the number of HTTP requests, spread evenly over every operation of
 * the OpenAPI document as anonymous, as a patient and as staff; --ws the number
 * of WebSocket connections the frame fuzzer opens (default runs / 500). On
 * PostgreSQL when DATABASE_URL is set, else on an in-memory PGlite. Prints the
 * request count, the count by status class and each distinct failure with a
 * reproducible description; exits 1 if there was any.
 */
import { parseArgs } from 'node:util';
import { describeReport } from '../src/server/fuzz/answer-checks.js';
import { startApiFuzzer } from '../src/server/fuzz/api-fuzzer.js';
import { PERSONA_KINDS } from '../src/server/fuzz/personas.js';
import { describeSocketReport, runSocketFuzz } from '../src/server/fuzz/live-socket-fuzzer.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5000' },
    seed: { type: 'string' },
    only: { type: 'string' },
    replay: { type: 'string' },
    path: { type: 'string' },
    ws: { type: 'string' },
  },
});

const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const runs = Number(values.runs);
if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) throw new Error('--runs and --seed take integers');
const db = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (in memory)';

const fuzzer = await startApiFuzzer();
let exitCode: number;
try {
  if (values.replay) {
    if (values.path === undefined || values.seed === undefined) throw new Error('--replay takes --seed and --path (from a failure report)');
    const report = await fuzzer.run({ seed, runsPerPair: 1, replay: { pair: values.replay, seed, path: values.path } });
    console.log(describeReport(report));
    exitCode = report.failures.length > 0 ? 1 : 0;
  } else {
    const ops = fuzzer.operations.filter((o) => !values.only || o.key.includes(values.only)).length;
    const runsPerPair = Math.ceil(runs / (ops * PERSONA_KINDS.length));
    console.log(`fuzzing ${ops} operations x ${PERSONA_KINDS.length} personas, ${runsPerPair} requests each, seed ${seed}, on ${db}`);
    let last = 0;
    const report = await fuzzer.run({
      seed, runsPerPair, ...(values.only ? { only: values.only } : {}),
      progress: (line) => {
        if (performance.now() - last < 10_000) return;
        last = performance.now();
        console.log(line);
      },
    });
    console.log(describeReport(report));
    const ws = await runSocketFuzz({ seed, connections: values.ws !== undefined ? Number(values.ws) : Math.max(20, Math.round(runs / 500)) });
    console.log(describeSocketReport(ws));
    exitCode = report.failures.length + ws.failures.length > 0 ? 1 : 0;
  }
} finally {
  await fuzzer.close();
}
process.exit(exitCode);
