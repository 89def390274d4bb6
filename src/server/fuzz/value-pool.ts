/**
 * Real values the server handed out (ids, confirmation codes, slot starts,
 * names), by the key they came under, so generated requests name things that
 * exist and get past the 404s to the services' deeper code.
 */
export class ValuePool {
  private readonly byKey = new Map<string, string[]>();
  private readonly added = new Map<string, number>();
  /** Objects of strings as answers held them together (a slot's start with its practitioner and location), parents' fields included. */
  readonly records: Record<string, string>[] = [];
  private readonly recordKeys = new Set<string>();
  private recordsAdded = 0;
  /** Values and records from before `keep()` (the seeded world) are never pushed out by later ones. */
  private kept = { values: 0, records: 0 };
  constructor(private readonly cap = 300) {}

  keep(): void {
    this.kept = { values: Math.max(0, ...[...this.byKey.values()].map((l) => l.length)), records: this.records.length };
  }

  add(key: string, value: string): void {
    if (value.length > 300) return;
    const list = this.byKey.get(key) ?? [];
    if (list.includes(value)) return;
    const n = this.added.get(key) ?? 0;
    this.added.set(key, n + 1);
    if (list.length < this.kept.values + this.cap) list.push(value);
    else list[this.kept.values + (n % this.cap)] = value;
    this.byKey.set(key, list);
  }

  get(key: string): readonly string[] {
    return this.byKey.get(key) ?? [];
  }

  /**
   * Takes every short string of a JSON answer, under its key and by its look,
   * and every object's strings together. An object's id is also kept under its
   * collection (`blocks:id`), named by the key that holds it or, for a list or
   * a single answer, by `scope`: the last segment of the path that answered.
   */
  harvest(json: unknown, scope: string, key = '', inherited: Record<string, string> = {}): void {
    if (typeof json === 'string') {
      this.add(key, json);
      if (UUID.test(json)) this.add('$uuid', json);
      else if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(json)) this.add('$instant', json);
      else if (/^\d{4}-\d\d-\d\d$/.test(json)) this.add('$date', json);
      else if (/^https?:\/\//.test(json)) this.add('token', json.split(/[/?#]/).filter(Boolean).at(-1) ?? '');
    } else if (Array.isArray(json)) {
      for (const v of json.slice(0, 50)) this.harvest(v, scope, key, inherited);
    } else if (json && typeof json === 'object') {
      const record = { ...inherited };
      for (const [k, v] of Object.entries(json)) {
        if (typeof v !== 'string' || v.length > 300) continue;
        for (const name of namesOf(k, key)) record[name] = v;
      }
      if (Object.keys(record).length >= 2) this.addRecord(record);
      const id = (json as { id?: unknown }).id;
      if (typeof id === 'string') this.add(`${scope}:id`, id);
      for (const [k, v] of Object.entries(json)) {
        const inner = v && typeof v === 'object' && k !== 'items' ? (k.endsWith('s') ? k : `${k}s`) : scope;
        this.harvest(v, inner, k, record);
        if (typeof v === 'string') for (const name of namesOf(k, key).slice(1)) this.add(name, v);
      }
    }
  }

  private addRecord(r: Record<string, string>): void {
    const key = JSON.stringify(r);
    if (this.recordKeys.has(key)) return;
    this.recordKeys.add(key);
    const n = this.recordsAdded++;
    if (this.records.length < this.kept.records + this.cap) this.records.push(r);
    else this.records[this.kept.records + (n % this.cap)] = r;
  }
}

/**
 * The names a value given out under `key` (inside an object under `parent`)
 * is asked for by: `confirmationCode` as `code`, `visitTypeId` as `visitType`,
 * an appointment's `id` as `appointmentId`.
 */
function namesOf(key: string, parent: string): string[] {
  const names = [key];
  if (ALIASES[key]) names.push(ALIASES[key]);
  if (/^[a-z]\w*Id$/.test(key)) names.push(key.slice(0, -2));
  if (key === 'id' && /^[a-z]\w*$/.test(parent) && !parent.endsWith('s')) names.push(`${parent}Id`);
  return names;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A value given out under one name and asked for under another. */
const ALIASES: Record<string, string> = { confirmationCode: 'code', lastName: 'q', firstName: 'q', patientFirstName: 'q' };
