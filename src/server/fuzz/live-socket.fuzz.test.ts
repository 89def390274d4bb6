import { describe, it } from 'vitest';
import { describeSocketReport, runSocketFuzz } from './live-socket-fuzzer.js';

/**
 * The WebSocket frame fuzzer at CI size (live-socket-fuzzer.ts): every
 * WebSocket route refuses handshakes it must refuse, survives generated
 * frames, closes on a bad one with the code RFC 6455 gives it, and the server
 * keeps answering HTTP throughout. A fixed seed; `npm run fuzz -- --ws N` for more.
 */
describe('the live desk WebSocket under generated frames', () => {
  it('refuses bad handshakes, closes bad frames with the right code, and keeps serving HTTP', async () => {
    const report = await runSocketFuzz({ seed: 20_261_130, connections: 40 });
    console.info(describeSocketReport({ ...report, failures: [] }).split('\n')[0]);
    if (report.routes.length === 0 || report.failures.length > 0) throw new Error(describeSocketReport(report));
  }, 300_000);
});
