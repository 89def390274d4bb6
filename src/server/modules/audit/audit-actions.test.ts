import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../shared/audit-actions.js';

/**
 * Issue 11: the audit log shows every action in words, from one list
 * (shared/audit-actions.ts). This reads the server's source for the actions it
 * records (`action: '...'` in a service, and the permission a refused request
 * is recorded under) so an action added without words fails here, naming it.
 */
const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ['testing', 'fuzz'].includes(e.name) ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

function recordedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(SERVER)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const line of text.split('\n').filter((l) => /\baction: /.test(l))) {
      const at = line.indexOf('action: ');
      const value = line.slice(at + 'action: '.length).split(/,\s*(resourceType|resourceId|patientId|outcome|reason):/)[0]!;
      for (const m of value.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) found.add(m[1]!);
    }
    // A refused request is recorded under the permission its route declares.
    for (const m of text.matchAll(/policy: '([a-z_.]+)'/g)) if (m[1] !== 'public') found.add(m[1]!);
  }
  const policy = fs.readFileSync(path.join(SERVER, 'modules/access/engine/policy.ts'), 'utf8');
  const union = /export type Permission =([^;]+);/.exec(policy)![1]!;
  for (const m of union.matchAll(/'([a-z_.]+)'/g)) found.add(m[1]!);
  return found;
}

describe('the audit actions the log has words for (issue 11)', () => {
  const recorded = recordedActions();

  it('finds the actions the server records', () => {
    for (const a of ['appointment.create', 'chart.read', 'session.sign_in', 'user.approve', 'session.sign_out_everywhere', 'schedule.write', 'signed_in']) {
      expect(recorded.has(a), a).toBe(true);
    }
  });

  it('lists every action the server records, and none it does not', () => {
    const listed = new Set<string>(AUDIT_ACTIONS);
    expect([...recorded].filter((a) => !listed.has(a)).sort(), 'recorded but not in shared/audit-actions.ts').toEqual([]);
    expect([...listed].filter((a) => !recorded.has(a)).sort(), 'listed but never recorded').toEqual([]);
  });
});
