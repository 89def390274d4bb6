/**
 * Writes that several modules contribute to one statement.
 *
 * A booking writes the appointment (scheduling), maybe a new patient, the
 * notice (notices) and the audit event (audit). Run one after another in a
 * transaction that is seven round trips (BEGIN, four statements, COMMIT, and
 * the search before them); run as one statement of data-modifying CTEs it is
 * one, and PostgreSQL still commits all of them or none (a statement is its own
 * transaction). Each module keeps its SQL in its own repo and hands the caller
 * a WritePart; the caller's repo joins them.
 *
 * All CTEs of a statement see the same snapshot and none sees another's rows,
 * so a part must not depend on what another part writes. Foreign keys are
 * checked at the end of the statement, so an appointment may name a patient
 * inserted by a sibling part.
 */
export interface WritePart {
  /** One INSERT, UPDATE or DELETE, with its own parameters numbered from $1. */
  sql: string;
  params: readonly unknown[];
}

/**
 * Renumbers `$n` placeholders by `offset`, outside quoted strings and
 * identifiers. Parts are written in this code base, never from input, and
 * none uses dollar quoting.
 */
export function shiftParams(sql: string, offset: number): string {
  if (offset === 0) return sql;
  let out = '';
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      out += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && /[0-9]/.test(sql[j]!)) j++;
      out += `$${Number(sql.slice(i + 1, j)) + offset}`;
      i = j - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/**
 * One statement: each part as a data-modifying CTE (`w0`, `w1` ...), then
 * `final` (a SELECT, with its own $1.. parameters) as the statement's answer.
 */
export function joinWrites(parts: readonly WritePart[], final: WritePart): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const ctes = parts.map((p, i) => {
    const sql = `w${i} AS (${shiftParams(p.sql, params.length)})`;
    params.push(...p.params);
    return sql;
  });
  const tail = shiftParams(final.sql, params.length);
  params.push(...final.params);
  return { sql: ctes.length ? `WITH ${ctes.join(',\n')}\n${tail}` : tail, params };
}
