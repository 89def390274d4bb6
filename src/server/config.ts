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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.RELIEF_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
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
