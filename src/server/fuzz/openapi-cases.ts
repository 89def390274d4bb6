import fc from 'fast-check';
import type { RoutePolicy } from '../modules/access/index.js';
import {
  encodeComponent, HOSTILE_SEGMENTS, hostileDocument, hostileNumber, hostileString, hostileStringOfKind, INVALID_JSON, SWEEP_DATES, toJsonText, UNKNOWN_KEYS, withOwnKey, wrongType, type Hostile,
} from './hostile-values.js';
import { arbitraryFor, describePath, leafPaths, overlayRecord, schemaAt, setAt, typesOf, type ArbitraryContext, type JsonSchema, type Step } from './schema-arbitrary.js';

/** One operation of the OpenAPI document, with its parameters grouped into one object schema per place. */
export interface Operation {
  /** `POST /api/appointments/{id}/cancel`, as the document names it. */
  key: string;
  method: string;
  path: string;
  policy: RoutePolicy;
  params: Record<Wire, JsonSchema>;
  body: JsonSchema | null;
}

type Wire = 'path' | 'query' | 'header';
type Place = Wire | 'body';

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every operation of the document, with the access policy its route declares. */
export function operationsOf(doc: unknown, policies: readonly { method: string; url: string; policy: RoutePolicy }[]): Operation[] {
  const d = doc as OpenApiDoc;
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(d.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      const policy = policies.find((p) => p.method === method && p.url === url)?.policy;
      if (!policy) throw new Error(`${method} ${path} is in the OpenAPI document but declares no access policy`);
      const params = { path: objectOf([]), query: objectOf([]), header: objectOf([]) };
      for (const where of ['path', 'query', 'header'] as const) params[where] = objectOf((op.parameters ?? []).filter((p) => p.in === where));
      // A path parameter names one of the collection before it: /api/staff/blocks/{id} takes a block's id.
      for (const [name, schema] of Object.entries(params.path.properties ?? {})) {
        const before = path.split('/').at(path.split('/').indexOf(`{${name}}`) - 1) ?? '';
        params.path.properties![name] = { ...schema, 'x-pool': `${before}:${name === 'patientId' ? 'id' : name}` };
      }
      ops.push({ key: `${method} ${path}`, method, path, policy, params, body: op.requestBody?.content?.['application/json']?.schema ?? null });
    }
  }
  return ops;
}

function objectOf(params: { name: string; required?: boolean; schema?: JsonSchema }[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? { type: 'string' }])),
    required: params.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
}

export function resolverOf(doc: unknown): (ref: string) => JsonSchema {
  const schemas = (doc as OpenApiDoc).components?.schemas ?? {};
  return (ref) => {
    const found = schemas[ref.replace('#/components/schemas/', '')];
    if (!found) throw new Error(`unresolvable $ref ${ref}`);
    return found;
  };
}

/** How a signed-in caller's cookie and CSRF header are spoiled for an 'auth' case. */
export type AuthTweak = 'no CSRF token' | 'wrong CSRF token' | 'forged session cookie' | 'malformed cookie header' | 'huge cookie (8 KB)' | 'two session cookies';

/** One generated request, before the caller's cookie and CSRF header are added. */
export interface FuzzCase {
  variant: 'valid' | 'leaf' | 'shape' | 'transport' | 'path' | 'auth' | 'sweep';
  /** What is hostile about it, and where: "NUL character at body.patient.firstName". */
  input: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: { contentType: string | null; payload: string | Buffer } | null;
  auth: AuthTweak | null;
}

interface Parts {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body: unknown;
}

function onWire(v: unknown): string {
  return typeof v === 'string' ? v : toJsonText(v);
}

function render(op: Operation, parts: Parts, tweak: { variant: FuzzCase['variant']; input: string; rawSegment?: [string, string]; rawQuery?: string; body?: FuzzCase['body'] | 'none'; method?: string; auth?: AuthTweak }): FuzzCase {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    tweak.rawSegment?.[0] === name ? tweak.rawSegment[1] : encodeComponent(onWire(parts.path[name] ?? '')));
  const query = tweak.rawQuery ?? Object.entries(parts.query)
    .flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.map((x) => [k, x]) : [[k, onWire(v)]]))
    .map(([k, v]) => `${encodeComponent(k!)}=${encodeComponent(v!)}`)
    .join('&');
  const headers = Object.fromEntries(Object.entries(parts.header).filter(([, v]) => v !== undefined).map(([k, v]) => [k, onWire(v)]));
  const json = op.body && parts.body !== undefined ? { contentType: 'application/json', payload: toJsonText(parts.body) } : null;
  const body = tweak.body === 'none' ? null : tweak.body ?? json;
  return { variant: tweak.variant, input: tweak.input, method: tweak.method ?? op.method, url: query ? `${path}?${query}` : path, headers, body, auth: tweak.auth ?? null };
}

/** The arbitrary of every kind of request for one operation. */
export function caseArbitrary(op: Operation, ctx: ArbitraryContext, signedIn: boolean): fc.Arbitrary<FuzzCase> {
  const valid = partsArbitrary(op, ctx);
  const variants: fc.WeightedArbitrary<FuzzCase>[] = [
    { weight: 30, arbitrary: valid.map((p) => render(op, p, { variant: 'valid', input: 'valid by the schema' })) },
    { weight: 10, arbitrary: transportCase(op, valid) },
    { weight: 4, arbitrary: authCase(op, valid, signedIn) },
  ];
  const leaves = (['path', 'query', 'header', 'body'] as const).flatMap((place) => {
    const schema = place === 'body' ? op.body : op.params[place];
    return schema ? leafPaths(schema, ctx).filter((p) => p.length > 0).map((p) => [place, p] as const) : [];
  });
  // Built once per leaf, when first drawn: building arbitraries costs more than drawing from them.
  const leafArbs = new Map<string, fc.Arbitrary<FuzzCase>>();
  const leafArb = (place: Place, p: readonly Step[]) => {
    const key = `${place} ${JSON.stringify(p)}`;
    if (!leafArbs.has(key)) leafArbs.set(key, leafCase(op, ctx, { place, path: p }));
    return leafArbs.get(key)!;
  };
  if (leaves.length > 0) variants.push({ weight: 40, arbitrary: fc.constantFrom(...leaves).chain(([place, p]) => leafArb(place, p)) });
  variants.push({ weight: 12, arbitrary: shapeCase(op, valid) });
  if (Object.keys(op.params.path.properties ?? {}).length > 0) {
    variants.push({ weight: 5, arbitrary: fc.tuple(valid, fc.constantFrom(...Object.keys(op.params.path.properties!)), fc.constantFrom(...HOSTILE_SEGMENTS)).map(([p, name, raw]) => render(op, p, { variant: 'path', input: `raw path segment ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 10)}... (${raw.length} chars)` : raw)} as ${name}`, rawSegment: [name, raw] })) });
  }
  return fc.oneof(...variants);
}

function partsArbitrary(op: Operation, ctx: ArbitraryContext, mustHave: { place: Place; path: readonly Step[] } | null = null): fc.Arbitrary<Parts> {
  const along = (place: Place) => (mustHave?.place === place ? mustHave.path : []);
  const parts = fc.record({
    path: arbitraryFor(op.params.path, ctx, { mustHave: along('path') }) as fc.Arbitrary<Record<string, unknown>>,
    query: arbitraryFor(op.params.query, ctx, { mustHave: along('query') }) as fc.Arbitrary<Record<string, unknown>>,
    header: arbitraryFor(op.params.header, ctx, { mustHave: along('header') }) as fc.Arbitrary<Record<string, unknown>>,
    body: op.body ? arbitraryFor(op.body, ctx, { mustHave: along('body') }) : fc.constant(undefined),
  });
  const schemas = { path: op.params.path, query: op.params.query, header: op.params.header, body: op.body };
  // Three times in four, fields that belong together come from one thing the server gave out.
  return fc.tuple(parts, fc.nat(), fc.nat(3)).map(([p, pick, coin]) => (coin === 0 ? p : overlayRecord(ctx, { places: p, schemas, pick })));
}

/** Everything valid but one leaf, which is hostile: a failure then names the field and the kind of value. */
function leafCase(op: Operation, ctx: ArbitraryContext, target: { place: Place; path: readonly Step[]; hostile?: (valid: fc.Arbitrary<unknown>) => fc.Arbitrary<Hostile> }): fc.Arbitrary<FuzzCase> {
  const { place, path, hostile } = target;
  const root = place === 'body' ? op.body! : op.params[place];
  const { schema, name } = schemaAt(root, path, ctx);
  const valid = arbitraryFor(schema, ctx, { name });
  return fc.tuple(partsArbitrary(op, ctx, { place, path }), hostile ? hostile(valid) : hostileLeaf(schema, valid, place)).map(([parts, h]) => {
    const next = { ...parts, [place]: setAt(parts[place], path, h.value) } as Parts;
    return render(op, next, { variant: hostile ? 'sweep' : 'leaf', input: `${h.label} at ${describePath(place, path)}` });
  });
}

/**
 * The values that most often break a database or a date library, put into
 * every free-text and date field of an operation: a NUL and a lone surrogate
 * into each string, and each of the sharpest impossible, far and DST-edge
 * dates (SWEEP_DATES) into each date. A short random run may miss a field;
 * this sweep does not.
 */
export function sweepCases(op: Operation, ctx: ArbitraryContext): { input: string; arbitrary: fc.Arbitrary<FuzzCase> }[] {
  const out: { input: string; arbitrary: fc.Arbitrary<FuzzCase> }[] = [];
  for (const place of ['path', 'query', 'body'] as const) {
    const root = place === 'body' ? op.body : op.params[place];
    if (!root) continue;
    for (const path of leafPaths(root, ctx).filter((p) => p.length > 0)) {
      const { schema, name } = schemaAt(root, path, ctx);
      if (!typesOf(schema).includes('string') || schema.enum) continue;
      const where = describePath(place, path);
      for (const kind of ['NUL character', 'lone surrogate']) out.push({ input: `${kind} at ${where}`, arbitrary: leafCase(op, ctx, { place, path, hostile: (valid) => hostileStringOfKind(valid, kind) }) });
      const dateKinds = schema.format === 'date-time' ? ['impossible date-time', 'far instant', 'DST-gap or repeated local time']
        : schema.format === 'date' || /birth|date$|^(from|to|day)$/i.test(name) || schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') ? ['impossible date', 'far date'] : [];
      for (const kind of dateKinds) {
        for (const value of SWEEP_DATES[kind]!) out.push({ input: `${kind} ${value} at ${where}`, arbitrary: leafCase(op, ctx, { place, path, hostile: () => fc.constant({ value, label: `${kind} ${value}` }) }) });
      }
    }
  }
  return out;
}

function hostileLeaf(s: JsonSchema, valid: fc.Arbitrary<unknown>, place: Place): fc.Arbitrary<Hostile> {
  const types = typesOf(s);
  const options: fc.Arbitrary<Hostile>[] = [];
  if (types.length === 0 || types.includes('string') || s.enum) options.push(hostileString(valid, place));
  if (types.includes('integer') || types.includes('number')) options.push(place === 'header' ? hostileString(valid, place) : hostileNumber());
  if (types.includes('boolean')) options.push(fc.constantFrom('true', 'yes', 1, 0, null).map((value) => ({ value, label: 'not quite a boolean' })));
  if (place === 'body') options.push(wrongType());
  return fc.oneof(...options);
}

/** The whole body or query refused as a whole: wrong type, nesting, size, keys that are missing, unknown or poisonous. */
function shapeCase(op: Operation, valid: fc.Arbitrary<Parts>): fc.Arbitrary<FuzzCase> {
  const options: fc.Arbitrary<FuzzCase>[] = [];
  const required = (s: JsonSchema | null) => (s?.required ?? []).filter((k) => s?.properties?.[k]);
  if (op.body) {
    options.push(fc.tuple(valid, hostileDocument(valid.map((p) => p.body))).map(([p, h]) => render(op, { ...p, body: h.value }, { variant: 'shape', input: `${h.label} (body)` })));
    const missing = required(op.body);
    if (missing.length > 0) {
      options.push(fc.tuple(valid, fc.constantFrom(...missing)).map(([p, k]) => {
        const body = { ...(p.body as Record<string, unknown>) };
        delete body[k];
        return render(op, { ...p, body }, { variant: 'shape', input: `required key missing at body.${k}` });
      }));
    }
    options.push(fc.tuple(valid, fc.constantFrom(...UNKNOWN_KEYS), wrongType()).map(([p, k, h]) => render(op, { ...p, body: withOwnKey(p.body, k, h.value) }, { variant: 'shape', input: `unknown key ${JSON.stringify(k.slice(0, 20))} in body` })));
  }
  const q = required(op.params.query);
  if (q.length > 0) {
    options.push(fc.tuple(valid, fc.constantFrom(...q)).map(([p, k]) => {
      const query = { ...p.query };
      delete query[k];
      return render(op, { ...p, query }, { variant: 'shape', input: `required query key missing: ${k}` });
    }));
    options.push(fc.tuple(valid, fc.constantFrom(...q)).map(([p, k]) => render(op, { ...p, query: { ...p.query, [k]: [onWire(p.query[k]), onWire(p.query[k])] } }, { variant: 'shape', input: `query key repeated: ${k}` })));
  }
  options.push(fc.tuple(valid, fc.constantFrom(...UNKNOWN_KEYS)).map(([p, k]) => render(op, { ...p, query: { ...p.query, [k]: '1' } }, { variant: 'shape', input: `unknown query key ${JSON.stringify(k.slice(0, 20))}` })));
  options.push(fc.tuple(valid, fc.constantFrom('%ZZ=1', '=', '&&&', 'a=%', 'a=%E0%A4%A', '__proto__[polluted]=1', 'constructor[prototype][x]=1', 'a'.repeat(100_000), 'x=1&'.repeat(2_000)))
    .map(([p, raw]) => render(op, p, { variant: 'shape', input: `raw query string ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 12)}... (${raw.length} chars)` : raw)}`, rawQuery: raw })));
  return fc.oneof(...options);
}

/** The body as something other than the JSON the route takes, or on the wrong method. */
function transportCase(op: Operation, valid: fc.Arbitrary<Parts>): fc.Arbitrary<FuzzCase> {
  const as = (label: string, contentType: string | null, payload: (json: string) => string | Buffer) =>
    valid.map((p) => render(op, p, { variant: 'transport', input: label, body: { contentType, payload: payload(op.body && p.body !== undefined ? toJsonText(p.body) : '{"a":1}') } }));
  const options: fc.Arbitrary<FuzzCase>[] = [
    as('text/plain body', 'text/plain', (j) => j),
    as('form-urlencoded body', 'application/x-www-form-urlencoded', () => 'reason=x&code=ABCD1234&__proto__[a]=1'),
    as('multipart body', 'multipart/form-data; boundary=XyZ', () => '--XyZ\r\nContent-Disposition: form-data; name="reason"\r\n\r\nx\r\n--XyZ--\r\n'),
    as('JSON without a content type', null, (j) => j),
    as('JSON declared UTF-16', 'application/json; charset=utf-16', (j) => j),
    as('vendor JSON content type', 'application/vnd.relief+json', (j) => j),
    as('garbage content type', ';;;/', (j) => j),
    as('empty body declared JSON', 'application/json', () => ''),
    as('body over the 64 KiB limit', 'application/json', () => JSON.stringify({ pad: 'x'.repeat(70_000) })),
    as('invalid UTF-8 inside JSON', 'application/json', (j) => {
      const at = j.indexOf(':"');
      const cut = at < 0 ? 1 : at + 2;
      return Buffer.concat([Buffer.from(j.slice(0, cut)), Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from(at < 0 ? '"x":1}' : j.slice(cut))]);
    }),
    fc.tuple(valid, fc.constantFrom(...INVALID_JSON)).map(([p, text]) => render(op, p, { variant: 'transport', input: `invalid JSON ${JSON.stringify(text.slice(0, 20))}`, body: { contentType: 'application/json', payload: text } })),
    fc.tuple(valid, fc.constantFrom('PUT', 'PATCH', 'OPTIONS', op.method === 'GET' ? 'DELETE' : 'GET')).map(([p, method]) => render(op, p, { variant: 'transport', input: `undocumented method ${method}`, method })),
  ];
  if (op.body) options.push(valid.map((p) => render(op, p, { variant: 'transport', input: 'no body at all', body: 'none' })));
  return fc.oneof(...options);
}

function authCase(op: Operation, valid: fc.Arbitrary<Parts>, signedIn: boolean): fc.Arbitrary<FuzzCase> {
  const tweaks: AuthTweak[] = signedIn
    ? ['no CSRF token', 'wrong CSRF token', 'forged session cookie', 'malformed cookie header', 'huge cookie (8 KB)', 'two session cookies']
    : ['forged session cookie', 'malformed cookie header', 'huge cookie (8 KB)'];
  return fc.tuple(valid, fc.constantFrom(...tweaks)).map(([p, auth]) => render(op, p, { variant: 'auth', input: auth, auth }));
}
