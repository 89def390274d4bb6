// The boundary lint refuses each forbidden edge (issue 10, part 4), and lets the allowed ones through.
//
// A small house is laid out in a temporary folder with the repository's own lint configuration
// (.dependency-cruiser.cjs, eslint.config.js, tsconfig.json, package.json, copied as they are):
// two modules (alpha, beta) with entry, service, repo, routes and engine, plus db/, platform/,
// shared/, web/ and app.ts, wired only along allowed edges. First the tools must pass on that
// house alone, having seen its edges; then one file is planted for each forbidden edge and each
// must fail with the expected rule, and nothing else may. The real tree is never touched.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const M = 'src/server/modules';

/** Files that only use allowed edges. */
const ALLOWED: Record<string, string> = {
  'src/shared/contracts/thing.ts': `import { z } from 'zod';
export const Thing = z.object({ id: z.string() });
export type Thing = z.infer<typeof Thing>;
`,
  'src/server/db/db.ts': `export interface Db { query(sql: string): Promise<unknown[]> }
`,
  'src/server/platform/clock.ts': `import type { Db } from '../db/db.js';
export interface Clock { now(): number }
export const systemClock: Clock = { now: () => Date.now() };
export type ClockDb = Db;
`,
  'src/server/config.ts': `export const config = { zone: process.env.TZ ?? 'UTC' };
`,
  [`${M}/beta/engine/rules.ts`]: `import type { Thing } from '../../../../shared/contracts/thing.js';
import { dayOf } from './days.js';
export interface BetaRow { id: string; at: string }
/** A date from data is fine; only reading the clock is not. */
export const isThing = (t: Thing, row: BetaRow, now: number) => t.id === row.id && dayOf(new Date(row.at)) <= dayOf(new Date(now));
`,
  [`${M}/beta/engine/days.ts`]: `export const dayOf = (d: Date) => Math.floor(d.getTime() / 86_400_000);
`,
  [`${M}/beta/engine/rules.test.ts`]: `import { expect, it } from 'vitest';
import { isThing } from './rules.js';
it('matches', () => expect(isThing({ id: 'a' }, { id: 'a', at: '2026-01-01T00:00:00Z' }, 0)).toBe(false));
`,
  // A repo may name its own engine's types, without a value import.
  [`${M}/beta/beta.repo.ts`]: `import type { Db } from '../../db/db.js';
import type { BetaRow } from './engine/rules.js';
export async function findBeta(db: Db): Promise<BetaRow[]> { return (await db.query('select id, at from beta')) as BetaRow[]; }
`,
  [`${M}/beta/beta.service.ts`]: `import type { Db } from '../../db/db.js';
import type { Clock } from '../../platform/clock.js';
import type { Thing } from '../../../shared/contracts/thing.js';
import { findBeta } from './beta.repo.js';
import { isThing } from './engine/rules.js';
export function createBetaService(deps: { db: Db; clock: Clock }) {
  return { has: async (t: Thing) => (await findBeta(deps.db)).some((r) => isThing(t, r, deps.clock.now())) };
}
export type BetaService = ReturnType<typeof createBetaService>;
`,
  [`${M}/beta/beta.routes.ts`]: `import type { BetaService } from './beta.service';
export const betaRoutes = (s: BetaService) => ({ get: (id: string) => s.has({ id }) });
`,
  [`${M}/beta/index.ts`]: `export { createBetaService, type BetaService } from './beta.service.js';
export { betaRoutes } from './beta.routes.js';
`,
  // Another module, reached only through its entry file (one import without the suffix).
  [`${M}/alpha/alpha.repo.ts`]: `import type { Db } from '../../db/db.js';
export async function countAlpha(db: Db): Promise<number> { return (await db.query('select 1')).length; }
`,
  [`${M}/alpha/alpha.service.ts`]: `import type { Db } from '../../db/db.js';
import type { BetaService } from '../beta/index';
import { countAlpha } from './alpha.repo.js';
export function createAlphaService(deps: { db: Db; beta: BetaService }) {
  return { both: async () => (await countAlpha(deps.db)) + ((await deps.beta.has({ id: 'x' })) ? 1 : 0) };
}
`,
  [`${M}/alpha/index.ts`]: `export { createAlphaService } from './alpha.service.js';
`,
  // Tests may reach further: a service test seeds through another module's repo.
  [`${M}/alpha/alpha.service.test.ts`]: `import { it } from 'vitest';
import { findBeta } from '../beta/beta.repo.js';
it('reaches', () => void findBeta);
`,
  'src/server/app.ts': `import { createAlphaService } from './modules/alpha/index.js';
import { createBetaService } from './modules/beta/index.js';
import { systemClock } from './platform/clock.js';
import type { Db } from './db/db.js';
export function buildApp(db: Db) {
  const beta = createBetaService({ db, clock: systemClock });
  return { alpha: createAlphaService({ db, beta }), beta };
}
`,
  // The demo seed (issue 11) composes like main.ts: module entry files, db/, platform/, its own repo.
  'src/server/demo/seed-activity.ts': `import { createBetaService } from '../modules/beta/index.js';
import { systemClock } from '../platform/clock.js';
import type { Db } from '../db/db.js';
import { countDemo } from './demo.repo.js';
export const seedDemoActivity = async (db: Db) => (await countDemo(db)) + ((await createBetaService({ db, clock: systemClock }).has({ id: 'x' })) ? 1 : 0);
`,
  'src/server/demo/demo.repo.ts': `import type { Db } from '../db/db.js';
export async function countDemo(db: Db): Promise<number> { return (await db.query('select 1')).length; }
`,
  'src/web/app/thing.ts': `import { useState } from 'react';
import { Thing } from '../../shared/contracts/thing.js';
export const useThing = () => useState(() => Thing.parse({ id: 'a' }));
`,
};

interface Planted {
  file: string;
  source: string;
  /**
   * The violations expected: `<rule> <from> -> <to>` for an edge, `no-circular <files of the cycle>`
   * for a cycle (dependency-cruiser reports a cycle once), the rule names for ESLint.
   */
  expect: string[];
  tool: 'depcruise' | 'eslint';
}
const edge = (rule: string, from: string, to: string) => `${rule} ${from} -> ${to}`;

/** One file for each forbidden edge. */
const PLANTED: Planted[] = [
  {
    tool: 'depcruise',
    file: `${M}/alpha/alpha-sync.service.ts`,
    source: `import { findBeta } from '../beta/beta.repo';\nexport const sync = findBeta;\n`,
    expect: [edge('not-in-allowed', `${M}/alpha/alpha-sync.service.ts`, `${M}/beta/beta.repo.ts`)],
  },
  {
    tool: 'depcruise',
    file: `${M}/alpha/engine/reads-repo.ts`,
    source: `import { findBeta } from '../../beta/beta.repo.js';\nexport const read = findBeta;\n`,
    expect: [edge('not-in-allowed', `${M}/alpha/engine/reads-repo.ts`, `${M}/beta/beta.repo.ts`)],
  },
  {
    tool: 'depcruise',
    file: `${M}/alpha/engine/reads-platform.ts`,
    source: `import { systemClock } from '../../../platform/clock.js';\nexport const now = () => systemClock.now();\n`,
    expect: [edge('not-in-allowed', `${M}/alpha/engine/reads-platform.ts`, 'src/server/platform/clock.ts')],
  },
  {
    tool: 'depcruise',
    file: `${M}/alpha/alpha-report.ts`,
    source: `import type { BetaRow } from '../beta/engine/rules.js';\nimport { findBeta } from '../beta/beta.repo.js';\nexport const report = findBeta;\nexport type Row = BetaRow;\n`,
    expect: [
      edge('not-in-allowed', `${M}/alpha/alpha-report.ts`, `${M}/beta/beta.repo.ts`),
      edge('not-in-allowed', `${M}/alpha/alpha-report.ts`, `${M}/beta/engine/rules.ts`),
    ],
  },
  {
    tool: 'depcruise',
    file: `${M}/alpha/alpha-calls.service.ts`,
    source: `import { createBetaService } from '../beta/beta.service.js';\nexport const make = createBetaService;\n`,
    expect: [edge('not-in-allowed', `${M}/alpha/alpha-calls.service.ts`, `${M}/beta/beta.service.ts`)],
  },
  {
    tool: 'depcruise',
    file: 'src/web/features/planted/uses-server.ts',
    source: `import { createAlphaService } from '../../../server/modules/alpha/index.js';\nexport const make = createAlphaService;\n`,
    expect: [edge('not-in-allowed', 'src/web/features/planted/uses-server.ts', `${M}/alpha/index.ts`)],
  },
  {
    tool: 'depcruise',
    file: 'src/web/features/planted/uses-pg.ts',
    source: `import pg from 'pg';\nexport const Pool = pg.Pool;\n`,
    expect: [edge('not-in-allowed', 'src/web/features/planted/uses-pg.ts', 'node_modules/pg')],
  },
  {
    tool: 'depcruise',
    file: 'src/shared/reads-disk.ts',
    source: `import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n`,
    expect: [edge('not-in-allowed', 'src/shared/reads-disk.ts', 'fs')],
  },
  {
    tool: 'depcruise',
    file: 'src/shared/uses-react.ts',
    source: `import { useState } from 'react';\nexport const state = useState;\n`,
    expect: [edge('not-in-allowed', 'src/shared/uses-react.ts', 'node_modules/react')],
  },
  {
    // Both edges are allowed on their own (an engine file importing its own engine folder);
    // only the cycle is refused.
    tool: 'depcruise',
    file: `${M}/beta/engine/cycle-a.ts`,
    source: `import { b } from './cycle-b.js';\nexport const a = () => b() + 1;\n`,
    expect: [`no-circular ${M}/beta/engine/cycle-a.ts ${M}/beta/engine/cycle-b.ts`],
  },
  {
    tool: 'depcruise',
    file: `${M}/beta/engine/cycle-b.ts`,
    source: `import { a } from './cycle-a.js';\nexport const b = (): number => (Math.abs(0) > 1 ? a() : 0);\n`,
    expect: [],
  },
  {
    tool: 'depcruise',
    file: 'src/server/platform/reads-module.ts',
    source: `import { createBetaService } from '../modules/beta/index.js';\nexport const make = createBetaService;\n`,
    expect: [edge('not-in-allowed', 'src/server/platform/reads-module.ts', `${M}/beta/index.ts`)],
  },
  {
    tool: 'depcruise',
    file: `${M}/beta/beta-clock.repo.ts`,
    source: `import { systemClock } from '../../platform/clock.js';\nexport const stamp = () => systemClock.now();\n`,
    expect: [edge('not-in-allowed', `${M}/beta/beta-clock.repo.ts`, 'src/server/platform/clock.ts')],
  },
  {
    // A repo may name its own engine's types, but not call into it.
    tool: 'depcruise',
    file: `${M}/beta/beta-logic.repo.ts`,
    source: `import { isThing } from './engine/rules.js';\nexport const check = isThing;\n`,
    expect: [edge('not-in-allowed', `${M}/beta/beta-logic.repo.ts`, `${M}/beta/engine/rules.ts`)],
  },
  {
    tool: 'depcruise',
    file: `${M}/beta/beta-admin.routes.ts`,
    source: `import { findBeta } from './beta.repo.js';\nexport const list = findBeta;\n`,
    expect: [edge('not-in-allowed', `${M}/beta/beta-admin.routes.ts`, `${M}/beta/beta.repo.ts`)],
  },
  {
    tool: 'depcruise',
    file: 'src/server/main.ts',
    source: `import { findBeta } from './modules/beta/beta.repo.js';\nexport const seed = findBeta;\n`,
    expect: [edge('not-in-allowed', 'src/server/main.ts', `${M}/beta/beta.repo.ts`)],
  },
  {
    tool: 'depcruise',
    file: 'src/server/demo/reads-module-repo.ts',
    source: `import { findBeta } from '../modules/beta/beta.repo.js';\nexport const read = findBeta;\n`,
    expect: [edge('not-in-allowed', 'src/server/demo/reads-module-repo.ts', `${M}/beta/beta.repo.ts`)],
  },
  {
    tool: 'eslint',
    file: `${M}/alpha/engine/reads-clock.ts`,
    source: `export const stamp = () => Date.now();\n`,
    expect: ['no-restricted-syntax'],
  },
  {
    tool: 'eslint',
    file: `${M}/alpha/engine/reads-env.ts`,
    source: `export const zone = () => process.env.TZ ?? 'UTC';\n`,
    expect: ['no-restricted-globals', 'no-restricted-syntax'],
  },
  {
    tool: 'eslint',
    file: `${M}/alpha/engine/waits.ts`,
    source: `export const later = (f: () => void) => setTimeout(f, 10);\n`,
    expect: ['no-restricted-globals'],
  },
  {
    tool: 'eslint',
    file: `${M}/alpha/engine/draws.ts`,
    source: `export const draw = () => Math.random();\n`,
    expect: ['no-restricted-syntax'],
  },
  {
    tool: 'eslint',
    file: `${M}/alpha/alpha-clock.service.ts`,
    source: `export const today = () => new Date().toISOString();\n`,
    expect: ['no-restricted-syntax'],
  },
  {
    tool: 'eslint',
    file: 'src/server/platform/reads-env.ts',
    source: `export const url = () => process.env.DATABASE_URL;\n`,
    expect: ['no-restricted-syntax'],
  },
  {
    tool: 'eslint',
    file: `${M}/alpha/alpha-fire.service.ts`,
    source: `async function send(): Promise<void> {}\nexport function go(): void {\n  send();\n}\n`,
    expect: ['@typescript-eslint/no-floating-promises'],
  },
  {
    tool: 'eslint',
    file: `${M}/alpha/alpha-timer.service.ts`,
    source: `export function tick(work: () => Promise<void>): NodeJS.Timeout {\n  return setInterval(work, 1000);\n}\n`,
    expect: ['@typescript-eslint/no-misused-promises'],
  },
];

function write(root: string, files: Record<string, string>): void {
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
}

/** A temporary house with the repository's lint configuration and the given files. */
function house(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'relief-lint-'));
  for (const f of ['.dependency-cruiser.cjs', 'eslint.config.js', 'tsconfig.json', 'package.json']) cpSync(join(ROOT, f), join(root, f));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  // Only for this copy: report packages under node_modules/ as the repository does, rather
  // than by the symlink's target. The rules themselves are the repository's, unchanged.
  writeFileSync(
    join(root, '.dependency-cruiser.planted.cjs'),
    `const c = require('./.dependency-cruiser.cjs');\nmodule.exports = { ...c, options: { ...c.options, preserveSymlinks: true } };\n`,
  );
  write(root, files);
  return root;
}

function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; couldNotResolve: boolean }[] }[];
  summary: { violations: { from: string; to: string; rule: { name: string; severity: string }; cycle?: { name: string }[] }[] };
}
/**
 * Cruises the house once, as `npm run lint:boundaries` does, and formats the result with the
 * same `err` reporter, whose exit code is the lint's verdict.
 */
async function cruise(cwd: string): Promise<{ code: number; report: string; result: CruiseResult }> {
  const bin = join(ROOT, 'node_modules/dependency-cruiser/bin');
  const r = await run(cwd, [join(bin, 'dependency-cruise.mjs'), 'src', '--config', '.dependency-cruiser.planted.cjs', '--output-type', 'json', '--no-cache', '--output-to', 'cruise.json']);
  if (r.code !== 0) throw new Error(`dependency-cruiser failed to run: ${r.stderr}`);
  const err = await run(cwd, [join(bin, 'depcruise-fmt.mjs'), 'cruise.json', '--output-type', 'err', '--exit-code']);
  return { code: err.code, report: err.stdout, result: JSON.parse(readFileSync(join(cwd, 'cruise.json'), 'utf8')) as CruiseResult };
}
/** A package is named by its folder (node_modules/pg), not by the entry file its version happens to have. */
const pkg = (path: string) => path.replace(/^(node_modules\/(@[^/]+\/)?[^/]+)\/.*$/, '$1');
const found = (r: CruiseResult) =>
  r.summary.violations
    .map((v) =>
      v.cycle ? `${v.rule.name} ${[...new Set([v.from, ...v.cycle.map((c) => c.name)])].sort().join(' ')}` : edge(v.rule.name, v.from, pkg(v.to)),
    )
    .sort();

interface EslintFile { filePath: string; messages: { ruleId: string | null; severity: number; message: string }[] }
async function eslint(cwd: string): Promise<{ code: number; files: EslintFile[] }> {
  const bin = join(ROOT, 'node_modules/eslint/bin/eslint.js');
  const r = await run(cwd, [bin, 'src', '--format', 'json']);
  if (!r.stdout.trim().startsWith('[')) throw new Error(`eslint did not report: ${r.stderr}`);
  return { code: r.code, files: JSON.parse(r.stdout) as EslintFile[] };
}
const byFile = (cwd: string, files: EslintFile[]) =>
  Object.fromEntries(
    files
      .filter((f) => f.messages.length > 0)
      .map((f) => [f.filePath.slice(cwd.length + 1), [...new Set(f.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`))].sort()]),
  );

describe('the boundary lint', () => {
  const roots: string[] = [];
  let clean: string;
  let planted: string;
  beforeAll(() => {
    clean = house(ALLOWED);
    roots.push(clean);
    planted = house({ ...ALLOWED, ...Object.fromEntries(PLANTED.map((p) => [p.file, p.source])) });
    roots.push(planted);
  });
  afterAll(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('passes the allowed edges, having resolved them (imports with and without .js)', async () => {
    const { code, report, result } = await cruise(clean);
    expect(found(result)).toEqual([]);
    expect(code).toBe(0);
    expect(report).toMatch(/no dependency violations found/);
    const edges = result.modules.flatMap((m) => m.dependencies.map((d) => `${m.source} -> ${pkg(d.resolved)}`));
    expect(edges).toEqual(
      expect.arrayContaining([
        `${M}/alpha/alpha.service.ts -> ${M}/beta/index.ts`, // no suffix
        `${M}/beta/beta.routes.ts -> ${M}/beta/beta.service.ts`, // no suffix
        `${M}/beta/beta.repo.ts -> ${M}/beta/engine/rules.ts`, // type only
        `${M}/alpha/alpha.service.test.ts -> ${M}/beta/beta.repo.ts`,
        'src/server/app.ts -> src/server/modules/alpha/index.ts',
        'src/web/app/thing.ts -> src/shared/contracts/thing.ts',
        'src/web/app/thing.ts -> node_modules/react',
        'src/shared/contracts/thing.ts -> node_modules/zod',
      ]),
    );
    expect(result.modules.flatMap((m) => m.dependencies).filter((d) => d.couldNotResolve)).toEqual([]);
  });

  it('refuses each planted forbidden edge, with the expected rule, and nothing else', async () => {
    const { code, report, result } = await cruise(planted);
    const expected = PLANTED.filter((p) => p.tool === 'depcruise').flatMap((p) => p.expect).sort();
    expect(found(result)).toEqual(expected);
    // The lint's own verdict: the err reporter of `npm run lint` fails and names each violation.
    expect(code).toBeGreaterThan(0);
    for (const v of result.summary.violations) expect(report).toContain(`error ${v.rule.name}: ${v.from} → `);
    // Each planted file shows in a violation of its own (both halves of the cycle in its one report).
    for (const p of PLANTED.filter((x) => x.tool === 'depcruise')) {
      const named = result.summary.violations.some((v) => v.from === p.file || v.cycle?.some((c) => c.name === p.file));
      expect(named, p.file).toBe(true);
    }
  });

  it('refuses clock, environment and I/O globals in engines, the clock in modules, and floating or misused promises', async () => {
    const { code, files } = await eslint(planted);
    const expected = Object.fromEntries(PLANTED.filter((p) => p.tool === 'eslint').map((p) => [p.file, [...p.expect].sort()]));
    const got = byFile(planted, files);
    // Only the ESLint plants fail ESLint: the allowed house (dates from data, the platform clock,
    // process.env in config.ts) and the import plants are clean.
    expect(got).toEqual(expected);
    expect(code).toBe(1);
    // The allowed house was linted, not skipped.
    const linted = files.map((f) => f.filePath.slice(planted.length + 1));
    expect(linted).toEqual(expect.arrayContaining(Object.keys(ALLOWED)));
  }, 180_000);
});
