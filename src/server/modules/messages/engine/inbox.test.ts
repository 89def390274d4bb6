import { describe, expect, it } from 'vitest';
import { attachmentDisposition, decodeCursor, encodeCursor, maySeeThread, mayBeAssigned, rolesForPool, safeFileName, selectInbox } from './inbox.js';

const nurse = { userId: 'u-nurse', role: 'nurse' as const };
const desk = { userId: 'u-desk', role: 'front_desk' as const };
const doc = { userId: 'u-doc', role: 'clinician' as const };

describe('who sees a thread (issue 12)', () => {
  const cases: [string, { userId: string; role: 'nurse' | 'front_desk' | 'clinician' | 'billing' | 'admin' }, { pool: 'nursing' | 'front_desk' | 'billing'; assigneeUserId: string | null }, boolean][] = [
    ['a nurse sees the nursing pool', nurse, { pool: 'nursing', assigneeUserId: null }, true],
    ['a nurse does not see the front desk pool', nurse, { pool: 'front_desk', assigneeUserId: null }, false],
    ['a nurse sees a front desk thread assigned to her', nurse, { pool: 'front_desk', assigneeUserId: 'u-nurse' }, true],
    ['the front desk does not see billing', desk, { pool: 'billing', assigneeUserId: 'u-other' }, false],
    ['a clinician sees the nursing pool', doc, { pool: 'nursing', assigneeUserId: null }, true],
    ['a clinician sees a billing thread assigned to them', doc, { pool: 'billing', assigneeUserId: 'u-doc' }, true],
    ['a clinician does not see an unassigned scheduling thread', doc, { pool: 'front_desk', assigneeUserId: null }, false],
    ['an admin sees nothing', { userId: 'u-admin', role: 'admin' }, { pool: 'nursing', assigneeUserId: null }, false],
  ];
  for (const [name, reader, thread, seen] of cases) it(name, () => expect(maySeeThread(reader, thread)).toBe(seen));

  it('hands a thread to those who work in its pool, or to a clinician', () => {
    expect(rolesForPool('nursing').sort()).toEqual(['clinician', 'nurse']);
    expect(rolesForPool('billing').sort()).toEqual(['billing', 'clinician']);
    expect(mayBeAssigned('front_desk', 'billing')).toBe(false);
    expect(mayBeAssigned('clinician', 'front_desk')).toBe(true);
    expect(mayBeAssigned('admin', 'nursing')).toBe(false);
  });
});

describe('inbox filters', () => {
  it('unassigned: open threads of my pools that are nobody\'s', () => {
    expect(selectInbox(nurse, 'unassigned')).toEqual({ pools: ['nursing'], orMine: false, mineOnly: false, unassignedOnly: true, status: 'open', waitingOnly: false });
  });
  it('mine: open threads assigned to me, in any pool', () => {
    expect(selectInbox(desk, 'mine')).toMatchObject({ pools: [], orMine: true, mineOnly: true, status: 'open' });
  });
  it('waiting and closed', () => {
    expect(selectInbox(desk, 'waiting')).toMatchObject({ pools: ['front_desk'], orMine: true, waitingOnly: true, status: 'open' });
    expect(selectInbox(desk, 'closed')).toMatchObject({ pools: ['front_desk'], status: 'closed' });
  });
  it('a pool the reader does not work in selects nothing of that pool', () => {
    expect(selectInbox(desk, 'open', 'billing')).toMatchObject({ pools: [], orMine: false });
    expect(selectInbox(desk, 'open', 'front_desk')).toMatchObject({ pools: ['front_desk'], orMine: false });
  });
});

describe('cursors', () => {
  it('round-trips, and refuses anything else', () => {
    const c = { at: '2026-11-30T12:00:00.123456Z', id: '4d2c8f1e-9a7b-4c3d-8e5f-6a1b2c3d4e5f' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor('')).toBeNull();
    expect(decodeCursor("2026-11-30T12:00:00.123456Z_x' OR 1=1")).toBeNull();
  });
});

describe('attachment names', () => {
  it('keeps a plain name, removes paths, quotes and controls, and adds the sniffed extension when missing', () => {
    expect(safeFileName('scan.pdf', 'pdf')).toBe('scan.pdf');
    expect(safeFileName('C:\\Users\\ana\\rx "copy".pdf', 'pdf')).toBe('rx copy.pdf');
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('a\r\nb\u202e.png', 'png')).toBe('ab.png');
    expect(safeFileName(undefined, 'jpg')).toBe('attachment.jpg');
    expect(safeFileName('...', 'png')).toBe('attachment.png');
  });
  it('writes an RFC 6266 header with an ASCII fallback', () => {
    expect(attachmentDisposition('receta médica.pdf')).toBe(`attachment; filename="receta medica.pdf"; filename*=UTF-8''receta%20m%C3%A9dica.pdf`);
  });
});
