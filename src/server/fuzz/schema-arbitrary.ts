import fc from 'fast-check';
import { FIRST_YEAR, LAST_YEAR, textProblem } from '../../shared/contracts/fields.js';
import { isValidNpi } from '../modules/identity/engine/npi.js';
import type { ValuePool } from './value-pool.js';

/** The JSON Schema subset that Zod 4 writes into the OpenAPI document. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
  $ref?: string;
  /** The fuzzer's own hint: the pool key to draw from first (`blocks:id` for the id in `/api/staff/blocks/{id}`). */
  'x-pool'?: string;
}

/** One step from a schema to a part of it: an object's property, a union's branch, an array's (first) item. */
export type Step = { prop: string } | { branch: number } | { item: true };

export interface ArbitraryContext {
  pool: ValuePool;
  /** The server's "now" (epoch ms): dates and instants cluster around it, where the slots are. */
  now: number;
  /** Values the caller would send first, by field name (a patient's own patientId). */
  prefer?: Record<string, readonly string[]>;
  resolve(ref: string): JsonSchema;
}

const WORDS = ['Ana', 'Tom', 'Carmen', 'Nguyen', 'Villarreal', 'Ortiz', 'José', 'Müller', "O'Brien", 'Zoë', 'low', 'back', 'pain', 'after', 'surgery', 'left', 'leg', 'follow-up', 'Dr.', 'Lee', 'Park', 'Temple', 'Spine', 'L5', 'radiculopathy', 'called', 'to', 'cancel'];
const ASCII_WORDS = ['ana', 'tom', 'carmen', 'nguyen', 'lee', 'park', 'ortiz', 'desk', 'patient', 'clinic'];
const DAY_MS = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function words(minLength = 1, maxLength = 200): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((ws) => {
    let s = ws.join(' ').slice(0, maxLength).trim();
    while (s.length < minLength) s += 'x';
    return s;
  });
}

/** Realistic values by field name: the words a clinic's forms are filled with. */
function byName(name: string, ctx: ArbitraryContext, s: JsonSchema): fc.Arbitrary<string> | null {
  if (/birth/i.test(name)) return fc.integer({ min: Date.UTC(1930, 0, 1) / DAY_MS, max: Date.UTC(2008, 11, 31) / DAY_MS }).map((d) => isoDate(d * DAY_MS));
  if (/^(from|to|day)$|date$/i.test(name)) return fc.integer({ min: -5, max: 45 }).map((d) => isoDate(ctx.now + d * DAY_MS));
  if (/email/i.test(name)) return fc.tuple(fc.constantFrom(...ASCII_WORDS), fc.nat(999)).map(([w, n]) => `${w}.${n}@example.com`);
  if (/password/i.test(name)) return fc.array(fc.constantFrom('river', 'lantern', 'cobalt', 'meadow', 'quartz', 'saddle', 'tundra', 'violet'), { minLength: 3, maxLength: 5 }).map((w) => w.join(' '));
  if (/phone/i.test(name)) return fc.nat(99).map((n) => `(512) 555-01${String(n).padStart(2, '0')}`);
  if (/^npi$/i.test(name)) return fc.stringMatching(/^[0-9]{10}$/).filter(isValidNpi);
  if (/name|reason|practice|doctor|^q$/i.test(name)) return words(s.minLength, s.maxLength);
  return null;
}

function instantsNearNow(ctx: ArbitraryContext): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: -2 * 96, max: 45 * 96 }), fc.boolean()).map(([quarter, zulu]) => {
    const ms = ctx.now + quarter * 15 * 60_000;
    // The same instant as UTC or as Austin standard time (the demo clinic's offset in winter).
    return zulu ? new Date(ms).toISOString().replace('.000Z', 'Z') : `${new Date(ms - 6 * 3_600_000).toISOString().slice(0, 19)}-06:00`;
  });
}

/** Whether a string is one the schema accepts, and one a person would send: no leading or trailing space (Zod trims, JSON Schema cannot say so). */
function fits(s: JsonSchema, v: string): boolean {
  if (v !== v.trim()) return false;
  if (s.minLength !== undefined && v.length < s.minLength) return false;
  if (s.maxLength !== undefined && v.length > s.maxLength) return false;
  if (s.pattern !== undefined && !safeRegExp(s.pattern)?.test(v)) return false;
  if (s.enum && !s.enum.includes(v)) return false;
  // What the contracts refine beyond JSON Schema (src/shared/contracts/fields.ts): years, and no control characters.
  if ((s.format === 'date-time' || s.format === 'date') && !(+v.slice(0, 4) >= FIRST_YEAR && +v.slice(0, 4) <= LAST_YEAR)) return false;
  if (textProblem(v) !== null) return false;
  return true;
}

const regexps = new Map<string, RegExp | null>();
function safeRegExp(pattern: string): RegExp | null {
  if (!regexps.has(pattern)) {
    try {
      regexps.set(pattern, new RegExp(pattern));
    } catch {
      regexps.set(pattern, null);
    }
  }
  return regexps.get(pattern)!;
}

const patternArbs = new Map<string, fc.Arbitrary<string>>();
/** Built once per pattern: building a regex arbitrary costs tens of milliseconds. */
function patternArb(pattern: string): fc.Arbitrary<string> | null {
  const re = safeRegExp(pattern);
  if (!re) return null;
  if (!patternArbs.has(pattern)) patternArbs.set(pattern, fc.stringMatching(re));
  return patternArbs.get(pattern)!;
}

function textArb(s: JsonSchema): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: words(s.minLength, s.maxLength), weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 200) }).map((v) => (v.trim() === '' && (s.minLength ?? 0) > 0 ? 'x'.repeat(s.minLength!) : v)), weight: 1 },
  );
}

/**
 * A string the schema accepts, as realistic as can be: one the server gave
 * out under the same name, else one a person would type into that field (by
 * format, else by name), and now and then any string the pattern allows (far
 * years, odd but legal emails). Whatever does not fit the schema is replaced
 * by one from the pattern.
 */
function stringFor(s: JsonSchema, name: string, ctx: ArbitraryContext): fc.Arbitrary<string> {
  const fromPattern = s.pattern ? patternArb(s.pattern) : null;
  const uuidLike = s.format === 'uuid' || !!s.pattern?.includes('[0-9a-fA-F]{8}');
  const generic = uuidLike ? fc.uuid({ version: [1, 4, 7] })
    : s.format === 'date-time' ? instantsNearNow(ctx)
    : s.format === 'date' ? fc.integer({ min: -5, max: 45 }).map((d) => isoDate(ctx.now + d * DAY_MS))
    : byName(name, ctx, s) ?? fromPattern ?? textArb(s);
  const keys = [...(s['x-pool'] ? [s['x-pool']] : []), name, ...(uuidLike ? ['$uuid'] : []), ...(s.format === 'date-time' ? ['$instant'] : [])];
  const mix = fc.oneof(
    { arbitrary: fromPool(ctx, keys, generic), weight: 6 },
    { arbitrary: generic, weight: 3 },
    ...(fromPattern ? [{ arbitrary: fromPattern, weight: 1 }] : []),
  );
  const safe = fromPattern ? fromPattern.filter((v) => fits(s, v)) : textArb(s).filter((v) => fits(s, v));
  return mix.chain((v) => (fits(s, v) ? fc.constant(v) : safe));
}

/**
 * A value the server gave out, picked when the case is generated (the pool
 * grows as the run goes): three times in four from the first of `keys` that
 * has any (the caller's own, then the collection's, then the field name's),
 * else from all of them.
 */
function fromPool(ctx: ArbitraryContext, keys: string[], fallback: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.nat().chain((i) => {
    const preferred = keys.flatMap((k) => ctx.prefer?.[k] ?? []);
    const lists = [preferred, ...keys.map((k) => ctx.pool.get(k))].filter((l) => l.length > 0);
    if (lists.length === 0) return fallback;
    const list = i % 4 === 3 ? lists.flat() : lists[0]!;
    return fc.constant(list[(i >> 2) % list.length]!);
  });
}

/**
 * Fields that belong together, taken together: with one record of the pool
 * (a slot's start, practitioner and location; an appointment's id and code)
 * over the top-level strings of every place of a request that it names.
 */
export function overlayRecord<T extends Record<string, unknown>>(ctx: ArbitraryContext, over: { places: T; schemas: Record<keyof T, JsonSchema | null>; pick: number }): T {
  const { places, schemas, pick } = over;
  // The string fields of each place, with their schemas: a record counts only with values these accept.
  const fields = (Object.keys(places) as (keyof T)[]).flatMap((place) =>
    Object.entries(deref(schemas[place] ?? {}, ctx).properties ?? {})
      .map(([key, ps]) => ({ place, key, schema: deref(ps, ctx) }))
      .filter((f) => typesOf(f.schema).includes('string')));
  const fitting = (r: Record<string, string>) => fields.filter((f) => r[f.key] !== undefined && fits(f.schema, r[f.key]!));
  // Two fields at least: one alone belongs with nothing (and would push out a better value for it, `blocks:id` for a block's id).
  const candidates = ctx.pool.records.map((r) => ({ r, n: fitting(r).length })).filter((c) => c.n >= 2);
  // Half the time one of the records that fill the most of the request's fields (an appointment for a reschedule: its id, start, practitioner and location).
  const most = Math.max(0, ...candidates.map((c) => c.n));
  const chosen = pick % 2 === 0 ? candidates.filter((c) => c.n === most) : candidates;
  const record = chosen[Math.floor(pick / 2) % Math.max(1, chosen.length)]?.r;
  if (!record) return places;
  const out = { ...places };
  for (const f of fitting(record)) {
    const value = out[f.place];
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    out[f.place] = { ...(value as Record<string, unknown>), [f.key]: record[f.key] } as T[keyof T];
  }
  return out;
}

export function deref(s: JsonSchema, ctx: Pick<ArbitraryContext, 'resolve'>): JsonSchema {
  return s.$ref ? deref(ctx.resolve(s.$ref), ctx) : s;
}

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/**
 * A fast-check arbitrary of values `schema` accepts. `mustHave` forces the
 * optional keys and the union branch along one path present, so a hostile
 * value can be put there without breaking anything else.
 */
export function arbitraryFor(schema: JsonSchema, ctx: ArbitraryContext, at: { name?: string; mustHave?: readonly Step[] } = {}): fc.Arbitrary<unknown> {
  const { name = '', mustHave = [] } = at;
  const s = deref(schema, ctx);
  const [next, ...rest] = mustHave;
  const branches = s.anyOf ?? s.oneOf;
  if (branches) {
    if (next && 'branch' in next) return arbitraryFor(branches[next.branch]!, ctx, { name, mustHave: rest });
    return fc.oneof(...branches.map((b) => arbitraryFor(b, ctx, { name })));
  }
  if (s.allOf) return arbitraryFor(mergeAll(s.allOf, ctx), ctx, at);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const types = typesOf(s);
  const base = types.filter((t) => t !== 'null');
  const nullable = s.nullable || types.includes('null');
  const core = base.length > 1 ? fc.oneof(...base.map((t) => arbitraryFor({ ...s, type: t }, ctx, at))) : coreFor(s, ctx, { type: base[0], name, next, rest });
  return nullable && mustHave.length === 0 ? fc.option(core, { nil: null, freq: 8 }) : core;
}

function coreFor(s: JsonSchema, ctx: ArbitraryContext, at: { type: string | undefined; name: string; next: Step | undefined; rest: readonly Step[] }): fc.Arbitrary<unknown> {
  const { type, name, next, rest } = at;
  if (type === 'string') return stringFor(s, name, ctx);
  if (type === 'integer' || type === 'number') {
    const min = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : s.minimum;
    const max = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : s.maximum;
    return type === 'integer'
      ? fc.integer({ min: min ?? -1_000_000, max: max ?? 1_000_000 })
      : fc.double({ min: min ?? -1e6, max: max ?? 1e6, noNaN: true, noDefaultInfinity: true });
  }
  if (type === 'boolean') return fc.boolean();
  if (type === 'array' || s.items) {
    const item = arbitraryFor(s.items ?? {}, ctx, { name, mustHave: next && 'item' in next ? rest : [] });
    const minLength = Math.max(s.minItems ?? 0, next && 'item' in next ? 1 : 0);
    return fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(s.maxItems ?? 4, 10)) });
  }
  if (type === 'object' || s.properties) {
    const props = s.properties ?? {};
    const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, arbitraryFor(p, ctx, { name: k, mustHave: next && 'prop' in next && next.prop === k ? rest : [] })]));
    const required = new Set((s.required ?? []).filter((k) => k in props));
    if (next && 'prop' in next) required.add(next.prop);
    const record = fc.record(model, { requiredKeys: [...required] });
    if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      return fc.tuple(record, fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), arbitraryFor(s.additionalProperties, ctx), { maxKeys: 3 })).map(([r, extra]) => ({ ...extra, ...r }));
    }
    return record;
  }
  return fc.jsonValue({ maxDepth: 2 });
}

function mergeAll(parts: JsonSchema[], ctx: ArbitraryContext): JsonSchema {
  const all = parts.map((p) => deref(p, ctx));
  if (!all.every((p) => p.properties || p.type === 'object')) return all[0]!;
  return {
    type: 'object',
    properties: Object.assign({}, ...all.map((p) => p.properties ?? {})),
    required: all.flatMap((p) => p.required ?? []),
    additionalProperties: all.some((p) => p.additionalProperties === false) ? false : undefined,
  } as JsonSchema;
}

/** Every leaf (string, number, boolean, enum or free value) of a schema, as the steps that reach it. */
export function leafPaths(schema: JsonSchema, ctx: Pick<ArbitraryContext, 'resolve'>, depth = 0): Step[][] {
  const s = deref(schema, ctx);
  if (depth > 8) return [[]];
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return branches.flatMap((b, i) => leafPaths(b, ctx, depth + 1).map((p) => [{ branch: i }, ...p]));
  if (s.allOf) return leafPaths(mergeAll(s.allOf, ctx as ArbitraryContext), ctx, depth + 1);
  if (s.properties && Object.keys(s.properties).length > 0) {
    return Object.entries(s.properties).flatMap(([k, p]) => leafPaths(p, ctx, depth + 1).map((path) => [{ prop: k }, ...path]));
  }
  if (s.items) return leafPaths(s.items, ctx, depth + 1).map((p) => [{ item: true as const }, ...p]);
  return [[]];
}

/** The schema at the end of `path`, and the name of the last property on the way. */
export function schemaAt(schema: JsonSchema, path: readonly Step[], ctx: Pick<ArbitraryContext, 'resolve'>): { schema: JsonSchema; name: string } {
  let s = deref(schema, ctx);
  let name = '';
  for (const step of path) {
    if ('prop' in step) {
      s = deref(s.properties?.[step.prop] ?? {}, ctx);
      name = step.prop;
    } else if ('branch' in step) s = deref((s.anyOf ?? s.oneOf)?.[step.branch] ?? {}, ctx);
    else s = deref(s.items ?? {}, ctx);
  }
  return { schema: s, name };
}

/** A copy of `value` with `leaf` at `path` (a union branch step changes nothing; an array step means item 0). */
export function setAt(value: unknown, path: readonly Step[], leaf: unknown): unknown {
  const [step, ...rest] = path;
  if (!step) return leaf;
  if ('branch' in step) return setAt(value, rest, leaf);
  if ('item' in step) {
    const arr = Array.isArray(value) ? [...value] : [];
    arr[0] = setAt(arr[0], rest, leaf);
    return arr;
  }
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  obj[step.prop] = setAt(obj[step.prop], rest, leaf);
  return obj;
}

export function describePath(prefix: string, path: readonly Step[]): string {
  return [prefix, ...path.flatMap((s) => ('prop' in s ? [s.prop] : 'item' in s ? ['0'] : []))].join('.');
}

export { typesOf };
