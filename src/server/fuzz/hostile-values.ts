import fc from 'fast-check';

/**
 * Hostile values for the API fuzzer, each with a label that names its kind, so
 * a failure reads "NUL in body.patient.firstName" rather than a wall of bytes.
 * The kinds are the ones that have broken web APIs before: characters a
 * database or a terminal refuses (NUL, C0/C1 controls, lone surrogates), text
 * that changes meaning when displayed (bidi overrides, zero-width marks),
 * injection strings, sizes past every limit, calendar dates and wall-clock
 * times that do not exist, instants at the ends of what JavaScript and
 * PostgreSQL can hold, and numbers JSON can write but JavaScript cannot hold.
 */
export interface Hostile {
  value: unknown;
  label: string;
}

/** A JSON token written as it is: numbers JSON.stringify cannot produce (1e309, -0, 2^64). */
export class RawJson {
  constructor(readonly text: string) {}
}

const labelled = (label: string, values: readonly unknown[]): fc.Arbitrary<Hostile> =>
  fc.constantFrom(...values).map((value) => ({ value, label }));

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => c !== '\u0000');
const C1 = Array.from({ length: 33 }, (_, i) => String.fromCharCode(0x7f + i));

/** Characters to slip into an otherwise valid string, by kind. */
const INSERTIONS: Record<string, readonly string[]> = {
  'NUL character': ['\u0000', '\u0000\u0000', 'a\u0000b'],
  'C0/C1 control character': [...C0, ...C1],
  'lone surrogate': ['\uD800', '\uDFFF', '\uDC00\uD800', '\uDBFF'],
  'bidi override': ['\u202E', '\u202D', '\u2066', '\u2067', '\u200F', '\u061C'],
  'zero-width character': ['\u200B', '\u200C', '\u200D', '\uFEFF', '\u2060'],
  'unicode edge': ['\uFFFD', '\uFFFF', '\uFFFE', '\u{10FFFF}', '\u{1F469}\u{1F3FD}\u200D\u2695\uFE0F', 'e\u0301\u0301\u0301', 'İı', 'ß', 'ﬁ', 'مرحبا', '測試', '\u3000', '\u00A0'],
};

const INJECTIONS = {
  'SQL injection': [
    "' OR '1'='1", "'; DROP TABLE patient; --", "1; SELECT pg_sleep(5)--", "\\'; DELETE FROM appointment; --",
    "' UNION SELECT password_hash FROM app_user --", '$$; TRUNCATE audit_event; $$', "%' --", "')) OR 1=1 --",
  ],
  'HTML/script injection': [
    '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}',
    '=HYPERLINK("http://evil.example")', '@SUM(1+1)', '<svg/onload=alert(1)>', '../../../../etc/passwd', 'http://169.254.169.254/latest/meta-data/',
  ],
} as const;

export const IMPOSSIBLE_DATES = ['2026-02-30', '2026-13-01', '0000-00-00', '2026-00-10', '2026-04-31', '2025-02-29', '2026-12-32', '2026-1-1', '20261201', '2026-12-01T', '+002026-12-01', '-2026-12-01'];
export const FAR_DATES = ['9999-12-31', '0001-01-01', '1000-01-01', '1899-12-31', '2200-01-01', '275760-09-13', '1970-01-01'];
export const IMPOSSIBLE_INSTANTS = [
  '2026-02-30T10:00:00Z', '2026-13-01T10:00:00-06:00', '0000-00-00T00:00:00Z', '2026-12-01T25:00:00Z', '2026-12-01T10:60:00Z',
  '2026-12-01T24:00:00Z', '2026-12-31T23:59:60Z', '2026-12-01T10:00:00+24:00', '2026-12-01T10:00:00+23:59', '2026-12-01T10:00:00.1234567890123Z',
];
/** America/Chicago springs forward at 02:00 on 2026-03-08 (02:00-02:59 never happens) and falls back at 02:00 on 2026-11-01 (01:00-01:59 happens twice). */
export const DST_LOCAL_TIMES = [
  '2026-03-08T02:30', '2026-03-08T02:30:00', '2026-03-08T02:30:00-06:00', '2026-03-08T02:30:00-05:00', '2026-03-08T02:00:00-06:00',
  '2026-11-01T01:30', '2026-11-01T01:30:00-05:00', '2026-11-01T01:30:00-06:00', '2026-03-08', '2026-11-01',
];
/** The ends of JavaScript's Date range (8.64e15 ms either side of 1970) and of the year 9999. */
export const FAR_INSTANTS = [
  '9999-12-31T23:59:59Z', '9999-12-31T23:59:59.999-12:00', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00Z', '+275760-09-13T00:00:00.001Z',
  '0001-01-01T00:00:00Z', '0000-01-01T00:00:00Z', '1000-01-01T00:00:00+14:00', '1969-12-31T23:59:59.999Z', '2200-01-01T00:00:00Z', '3026-11-30T12:00:00Z',
];

/** The sharpest few of each kind of date, which the sweep sends once each into every date field (the random cases draw from all of them). */
export const SWEEP_DATES: Record<string, readonly string[]> = {
  'impossible date': ['2026-02-30', '2026-13-01', '0000-00-00', '2025-02-29'],
  'far date': ['9999-12-31', '0001-01-01', '1000-01-01'],
  'impossible date-time': ['2026-02-30T10:00:00Z', '2026-12-01T24:00:00Z', '2026-12-31T23:59:60Z', '2026-12-01T10:00:00+24:00'],
  'far instant': ['9999-12-31T23:59:59.999-12:00', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1000-01-01T00:00:00+14:00'],
  'DST-gap or repeated local time': ['2026-03-08T02:30:00-06:00', '2026-11-01T01:30:00-05:00'],
};

const NUMERIC_STRINGS = ['NaN', 'Infinity', '-Infinity', '-0', '1e309', '-1', '0x1F', '1_000', ' 42', '42 ', '٤٢', '１２', '9'.repeat(400), '0.1e-400', '+1', '007'];

/** Numbers at and past the edges: some only as raw JSON, since JSON.stringify would write null or lose digits. */
const NUMBERS: readonly unknown[] = [
  -1, 0, -0.5, 0.5, 1.0000000001, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, 1e21,
  new RawJson('1e309'), new RawJson('-1e309'), new RawJson('-0'), new RawJson('1e-400'), new RawJson('18446744073709551616'), new RawJson('123456789012345678901234567890.5'),
];

const WRONG_TYPES: readonly unknown[] = [null, true, false, 0, 1, -1, '', [], {}, [[]], { $gt: '' }, { $ne: null }, ['a', 'b']];

/** Sizes past every limit: the body limit is 64 KiB, so the biggest go in query strings. */
function hugeStrings(): fc.Arbitrary<Hostile> {
  return fc.oneof(
    labelled('huge string (100 KB)', ['A'.repeat(100_000), 'é'.repeat(50_000)]),
    labelled('long string (10 KB)', ['x'.repeat(10_000), '\u{1D54F}'.repeat(2_500), 'ab '.repeat(3_400)]),
    labelled('long string (just past a typical limit)', ['a'.repeat(81), 'a'.repeat(121), 'a'.repeat(201), 'a'.repeat(255), 'a'.repeat(501), 'a'.repeat(1001), 'a'.repeat(4097)]),
  );
}

/** `valid` with one hostile piece inserted at a random place (so a pattern still mostly holds around it). */
function inserted(valid: fc.Arbitrary<unknown>, label: string, pieces: readonly string[]): fc.Arbitrary<Hostile> {
  return fc.tuple(valid, fc.constantFrom(...pieces), fc.nat()).map(([v, piece, at]) => {
    const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
    const i = s.length === 0 ? 0 : at % (s.length + 1);
    return { value: s.slice(0, i) + piece + s.slice(i), label };
  });
}

/** The kinds of hostile string, each built around the field's valid values, with its share of the draws. */
function stringKinds(valid: fc.Arbitrary<unknown>): Record<string, { arbitrary: fc.Arbitrary<Hostile>; weight: number }> {
  const kinds: Record<string, { arbitrary: fc.Arbitrary<Hostile>; weight: number }> = {};
  for (const [label, pieces] of Object.entries(INSERTIONS)) kinds[label] = { arbitrary: inserted(valid, label, pieces), weight: label === 'NUL character' ? 5 : 3 };
  const add = (label: string, weight: number, arbitrary: fc.Arbitrary<Hostile>) => (kinds[label] = { arbitrary, weight });
  add('trailing control or odd character', 2, fc.tuple(valid, fc.constantFrom(...Object.values(INSERTIONS).flat())).map(([v, c]) => ({ value: `${String(v)}${c}`, label: 'trailing control or odd character' })));
  add('SQL injection', 2, labelled('SQL injection', INJECTIONS['SQL injection']));
  add('HTML/script injection', 2, labelled('HTML/script injection', INJECTIONS['HTML/script injection']));
  add('huge string', 2, hugeStrings());
  add('empty or blank string', 2, labelled('empty or blank string', ['', ' ', '\t\n', '\u00A0', '\u3000', '\r\n']));
  add('impossible date', 2, labelled('impossible date', IMPOSSIBLE_DATES));
  add('far date', 2, labelled('far date', FAR_DATES));
  add('impossible date-time', 2, labelled('impossible date-time', IMPOSSIBLE_INSTANTS));
  add('DST-gap or repeated local time', 2, labelled('DST-gap or repeated local time', DST_LOCAL_TIMES));
  add('far instant', 3, labelled('far instant', FAR_INSTANTS));
  add('numeric-looking string', 1, labelled('numeric-looking string', NUMERIC_STRINGS));
  add('random code points', 2, fc.string({ unit: 'binary', maxLength: 40 }).map((value) => ({ value, label: 'random code points' })));
  add('case changed', 1, valid.map((v) => ({ value: typeof v === 'string' ? v.toUpperCase() : v, label: 'case changed' })));
  add('padded with spaces', 1, valid.map((v) => ({ value: ` ${String(v)} `, label: 'padded with spaces' })));
  return kinds;
}

/** Hostile strings for a field whose valid values `valid` generates. `wire` says where the value travels. */
export function hostileString(valid: fc.Arbitrary<unknown>, wire: 'body' | 'query' | 'path' | 'header'): fc.Arbitrary<Hostile> {
  if (wire === 'header') return hostileHeaderValue(valid);
  return fc.oneof(...Object.values(stringKinds(valid)));
}

/** One kind of hostile string (a key of the table above: 'NUL character', 'far instant' ...). */
export function hostileStringOfKind(valid: fc.Arbitrary<unknown>, kind: string): fc.Arbitrary<Hostile> {
  const found = stringKinds(valid)[kind];
  if (!found) throw new Error(`no hostile string kind ${kind}`);
  return found.arbitrary;
}

/**
 * What an HTTP/1.1 header can carry: a real server's parser refuses control
 * characters (RFC 9110 5.5), so only printable ASCII, tabs, obs-text (bytes
 * 0x80-0xFF, read as Latin-1) and sizes.
 */
function hostileHeaderValue(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Hostile> {
  return fc.oneof(
    labelled('SQL injection', INJECTIONS['SQL injection']),
    labelled('HTML/script injection', INJECTIONS['HTML/script injection']),
    labelled('long header (8 KB)', ['k'.repeat(8_000), 'a b'.repeat(2_000)]),
    labelled('empty or blank string', ['', ' ', '\t']),
    fc.string({ unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 30 }).map((value) => ({ value, label: 'Latin-1 (obs-text) bytes' })),
    valid.map((v) => ({ value: `${String(v)}\t`, label: 'trailing tab' })),
    labelled('numeric-looking string', NUMERIC_STRINGS.filter((s) => /^[\x20-\x7e]+$/.test(s))),
  );
}

export function hostileNumber(): fc.Arbitrary<Hostile> {
  return fc.oneof(
    labelled('number at or past an edge', NUMBERS),
    labelled('numeric-looking string', NUMERIC_STRINGS),
    fc.double().map((value) => ({ value, label: 'random double' })),
  );
}

export function wrongType(): fc.Arbitrary<Hostile> {
  return labelled('wrong type', WRONG_TYPES);
}

/** Values for a whole body or query object. */
export function hostileDocument(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Hostile> {
  // Written as raw JSON text: a recursive writer would overflow on them before the server sees them.
  const deep = (depth: number, kind: 'array' | 'object') =>
    new RawJson(kind === 'array' ? `${'['.repeat(depth)}"x"${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`);
  return fc.oneof(
    labelled('wrong type for the whole body', [null, 'a string', 42, true, [], [{}]]),
    valid.map((v) => ({ value: [v, v], label: 'array of valid bodies' })),
    labelled('deep nesting (200 levels)', [deep(200, 'array'), deep(200, 'object')]),
    // Within the 64 KiB body limit: 10,000 arrays or 5,000 objects.
    labelled('deep nesting (thousands of levels)', [deep(10_000, 'array'), deep(5_000, 'object')]),
    labelled('many keys (5,000)', [Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))]),
    labelled('huge array (10,000 items)', [Array.from({ length: 10_000 }, () => 0)]),
    valid.map((v) => ({ value: withOwnKey(v, '__proto__', { polluted: true, isAdmin: true }), label: '__proto__ key' })),
    valid.map((v) => ({ value: withOwnKey(v, 'constructor', { prototype: { polluted: true } }), label: 'constructor.prototype key' })),
  );
}

/** Adds an own enumerable key, even `__proto__` (an object literal would set the prototype instead). */
export function withOwnKey(v: unknown, key: string, value: unknown): unknown {
  const base = v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as object) } : {};
  Object.defineProperty(base, key, { value, enumerable: true, configurable: true, writable: true });
  return base;
}

/** Odd names for a key the schema does not know. */
export const UNKNOWN_KEYS = ['extra', '', ' ', 'a'.repeat(1000), '__proto__', 'constructor', 'toString', 'hasOwnProperty', '$where', 'isAdmin', 'role', 'organizationId', 'id'];

/** Raw path segments a URL parser or router may choke on. */
export const HOSTILE_SEGMENTS = [
  '%ZZ', '%', '%0', '%00', '%2F', '%2e%2e', '..', '.', '%2e', '..%2F..%2Fapi%2Fadmin%2Fusers', 'a'.repeat(5_000), '%ED%A0%80', '%C0%AF', '%FF', '%E2%80%AE',
  '%20', '+', '%3Cscript%3E', '-1', '0', 'null', 'undefined', 'NaN', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '%7B%7D', '%5B%5D', '%27%20OR%201%3D1', ';', '%3B', '@', '~', '%u0041',
];

/** Bodies a JSON parser must refuse cleanly. */
export const INVALID_JSON = ['{', '{"a":', "{'a':1}", 'NaN', '\uFEFF{}', '{"a":1}garbage', '[1,]', '{"a":1,}', '{"a" 1}', 'nul', '"\\x00"', '{"a":"\\uD800"}', '{"a":"\\u00"}', '[' .repeat(64) + ']'.repeat(63)];

/** Encodes a path segment or query component as UTF-8, and a lone surrogate as the bytes a careless client would send (WTF-8). */
export function encodeComponent(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += `%${(0xe0 | (cp >> 12)).toString(16).toUpperCase()}%${(0x80 | ((cp >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (cp & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      out += encodeURIComponent(ch);
    }
  }
  return out;
}

/** JSON text of a value, writing RawJson tokens as they are. */
export function toJsonText(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJsonText).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${toJsonText((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
