import path from 'node:path';
import { z } from 'zod';

/** The one place that reads process.env. Everything else receives a Config. */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  RELIEF_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Relief Pain Clinics <no-reply@relief.example>'),
  PUBLIC_URL: z.string().url().optional(),
  // SMS through Twilio's REST API: all three or none (without them SMS notices stay in the outbox).
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must be an Account SID (AC and 32 hex digits)').optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'must be the account\'s auth token').optional(),
  TWILIO_FROM: z.string().regex(/^(\+[1-9]\d{7,14}|MG[0-9a-fA-F]{32})$/, 'must be an E.164 number (+15125550100) or a Messaging Service SID (MG...)').optional(),
  /** Where Twilio's API is; a local stand-in in tests. */
  TWILIO_BASE_URL: z.string().url().default('https://api.twilio.com'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RELIEF_SEED: z.enum(['demo', 'none']).default('demo'),
  RELIEF_SERVE_WEB: z.enum(['true', 'false']).default('true'),
  AUDIT_ANCHOR_FILE: z.string().optional(),
  AUDIT_ANCHOR_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  RATE_LIMIT_SCALE: z.coerce.number().positive().max(1_000_000).default(1),
  // The proxies whose X-Forwarded-For names the client: addresses and CIDRs. No hop count and no
  // `true`: either would believe a client that reaches the server directly and names itself.
  TRUST_PROXY: z.string()
    .regex(/^[\w.:/]+(\s*,\s*[\w.:/]+)*$/, 'must be a comma-separated list of proxy addresses and CIDRs')
    .refine((v) => v !== 'true' && !/^\d+$/.test(v), 'must name the proxies (true or a hop count would believe any client)')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Twilio's account, token and sender; undefined: SMS notices stay in the outbox and the log says so. */
  twilio: { accountSid: string; authToken: string; from: string; baseUrl: string } | undefined;
  publicUrl: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  seed: 'demo' | 'none';
  serveWeb: boolean;
  /** Where the newest audit block's hash is appended (storage outside the database); unset: no anchors. */
  auditAnchorFile: string | undefined;
  auditAnchorMinutes: number;
  /** Multiplies every per-address rate limit (platform/rate-limits.plugin.ts); 1 = as listed there. */
  rateLimitScale: number;
  /** Fastify's trustProxy: the proxies that may name the client's address (X-Forwarded-For); unset: none. */
  trustProxy: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (FOO= in an env file) means unset.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const twilioSet = [e.TWILIO_ACCOUNT_SID, e.TWILIO_AUTH_TOKEN, e.TWILIO_FROM].filter((v) => v !== undefined).length;
  if (twilioSet !== 0 && twilioSet !== 3) {
    throw new Error('Invalid configuration:\n  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM: set all three to send SMS, or none');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.RELIEF_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    twilio: twilioSet === 3 ? { accountSid: e.TWILIO_ACCOUNT_SID!, authToken: e.TWILIO_AUTH_TOKEN!, from: e.TWILIO_FROM!, baseUrl: e.TWILIO_BASE_URL } : undefined,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    seed: e.RELIEF_SEED,
    serveWeb: e.RELIEF_SERVE_WEB === 'true',
    auditAnchorFile: e.AUDIT_ANCHOR_FILE ? path.resolve(e.AUDIT_ANCHOR_FILE) : undefined,
    auditAnchorMinutes: e.AUDIT_ANCHOR_MINUTES,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    trustProxy: e.TRUST_PROXY,
  };
}
