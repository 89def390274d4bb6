/**
 * The baseline of the audited-read workload (bench/audited-read.ts): a bare
 * Fastify server with routes that run the product's own queries for a
 * patient's appointments and for their message inbox and threads and answers the same JSON, with no session, policy,
 * audit, hooks or validation. Not part of the product: the bench starts it as
 * a child process (`node --import tsx bench/bare-read-server.ts`), like the
 * real server, so neither shares its event loop with the load generator.
 *
 * It opens the database exactly as src/server/main.ts does (loadConfig, then
 * openDb: the same pg pool size and statement handling), listens on
 * PORT/HOST, and answers GET /api/health for the bench's start-up check.
 */
import Fastify from 'fastify';
import { loadConfig } from '../src/server/config.js';
import { openDb } from '../src/server/db/open.js';
import { firstOrganization } from '../src/server/modules/clinic/clinic.repo.js';
import { patientInboxQuery, patientThreadQuery, replyBusinessDays, type SummaryRow } from '../src/server/modules/messages/messages.repo.js';
import { appointmentsOfPatientQuery, type PatientAppointmentRow } from '../src/server/modules/scheduling/scheduling.repo.js';
import { toZonedIso } from '../src/shared/time.js';

const config = loadConfig();
const db = await openDb(config);
const org = await firstOrganization(db);
if (!org) throw new Error('no organization in the database');

const app = Fastify({ logger: false });
app.get('/api/health', async () => ({ status: 'ok', database: db.kind }));
app.get<{ Params: { patientId: string } }>('/api/patients/:patientId/appointments', async (req) => {
  // The same SELECT the product runs (without its audit event, which is what is measured).
  const q = appointmentsOfPatientQuery(org.id, req.params.patientId);
  const rows = await db.query<PatientAppointmentRow>(q.sql, q.params);
  // The same shape as the portal's answer (scheduling.service.ts patientAppointments()).
  return { items: rows.map((r) => ({ ...r, start: toZonedIso(r.start, r.timeZone), end: toZonedIso(r.end, r.timeZone) })) };
});

// The messages workload (bench/messages.ts): the module's own queries for a patient's inbox and one
// thread, answered in the service's shape. The reader (the signed-in user on the real server, whose
// read markers count the unread) comes in a header, since nothing here knows a session.
type Reader = { Headers: { 'x-bench-reader': string } };
app.get<{ Params: { patientId: string } } & Reader>('/api/patients/:patientId/threads', async (req) => {
  const q = patientInboxQuery(org.id, req.params.patientId, req.headers['x-bench-reader']);
  const [rows, days] = await Promise.all([db.query<{ thread: SummaryRow }>(q.sql, q.params), replyBusinessDays(db, org.id)]);
  const items = rows.map((r) => r.thread);
  return { items, unread: items.reduce((n, i) => n + i.unread, 0), replyBusinessDays: days };
});
app.get<{ Params: { patientId: string; id: string } } & Reader>('/api/patients/:patientId/threads/:id', async (req, reply) => {
  const q = patientThreadQuery(org.id, req.params.patientId, req.params.id, req.headers['x-bench-reader']);
  const [row] = await db.query(q.sql, q.params);
  return row ?? reply.code(404).send();
});

const shutdown = async () => {
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
await app.listen({ port: config.port, host: config.host });
