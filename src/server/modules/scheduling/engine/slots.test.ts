import { describe, expect, it } from 'vitest';
import { deepFreeze, given } from './given.js';
import { findOpenSlots, type FoundSlot } from './slots.js';

// Expected instants are written by hand in UTC; comments give the local meaning.
// Zone is America/Chicago (loc1) unless stated: CST = UTC-6, CDT = UTC-5.
// 2026-06-15 is a Monday (CDT), so Monday 08:00 local = 13:00Z.
const at = (iso: string): number => Date.parse(iso);
const hm = (ms: number): string => `${new Date(ms).toISOString().slice(0, 16)}Z`;
const starts = (slots: readonly FoundSlot[]): string[] => slots.map((s) => hm(s.start));
const p1 = given.practitioner('p1');
const p2 = given.practitioner('p2');
const MON_MORNING = p1.works('mon 08:00-12:00').at('loc1');

describe('findOpenSlots: the grid', () => {
  it.each([
    // [durationMin, slotStepMin, expected starts], window Mon 08:00-12:00 CDT = 13:00Z-17:00Z
    [60, 60, ['13:00', '14:00', '15:00', '16:00']], // 08..11 local
    [45, 30, ['13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00']], // last 11:00-11:45
    [30, 45, ['13:00', '13:45', '14:30', '15:15', '16:00']], // 11:00-11:30 fits, 11:45 would not
    [240, 60, ['13:00']], // exactly fills the window
    [241, 60, []], // one minute too long
  ])('duration %i, step %i', (durationMin, slotStepMin, expected) => {
    const slots = findOpenSlots(given.search({ workingHours: MON_MORNING, visit: { durationMin, slotStepMin } }));
    expect(starts(slots)).toEqual(expected.map((t) => `2026-06-15T${t}Z`));
  });

  it('each slot carries its end, practitioner, location and room', () => {
    const slots = findOpenSlots(given.search({ workingHours: MON_MORNING, visit: { durationMin: 45, slotStepMin: 30 } }));
    expect(slots.at(-1)).toEqual({
      start: at('2026-06-15T16:00:00Z'), // 11:00 CDT
      end: at('2026-06-15T16:45:00Z'), // 11:45 CDT, before the 12:00 close
      practitionerId: 'p1',
      locationId: 'loc1',
      roomId: 'r1',
    });
    expect(slots.every((s) => s.end <= at('2026-06-15T17:00:00Z'))).toBe(true);
  });

  it('mon-fri 08:00-17:00 over a full week gives 9 hourly slots on each weekday only', () => {
    const slots = findOpenSlots(
      given.search({ workingHours: p1.works('mon-fri 08:00-17:00').at('loc1'), from: '2026-06-15', to: '2026-06-21' }),
    );
    expect(slots).toHaveLength(45);
    expect(hm(slots[0]!.start)).toBe('2026-06-15T13:00Z'); // Mon 08:00 CDT
    expect(hm(slots.at(-1)!.start)).toBe('2026-06-19T21:00Z'); // Fri 16:00 CDT
    const days = new Set(slots.map((s) => new Date(s.start).toISOString().slice(0, 10)));
    expect([...days]).toEqual(['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19']);
  });
});

describe('findOpenSlots: notice and horizon', () => {
  it.each([
    // [now, minNoticeMin, expected starts] on Mon 2026-06-15 08:00-12:00 CDT, hourly
    ['2026-06-15T12:00:00Z', 0, ['13:00', '14:00', '15:00', '16:00']], // now 07:00 CDT
    ['2026-06-15T14:10:00Z', 60, ['16:00']], // now 09:10 -> earliest 10:10 -> 11:00
    ['2026-06-15T14:00:00Z', 60, ['15:00', '16:00']], // earliest exactly 10:00: included
    ['2026-06-15T14:00:00Z', 0, ['14:00', '15:00', '16:00']], // a slot starting now is offered
    ['2026-06-14T13:00:00Z', 1440 + 180, ['16:00']], // one day and 3h of notice
    ['2026-06-15T16:01:00Z', 0, []], // the day is over
  ])('now %s, notice %i min', (now, minNoticeMin, expected) => {
    const slots = findOpenSlots(given.search({ workingHours: MON_MORNING, now: at(now), visit: { minNoticeMin } }));
    expect(starts(slots)).toEqual(expected.map((t) => `2026-06-15T${t}Z`));
  });

  it.each([
    // [now, horizonDays, expected starts]; hours mon-fri 08:00-10:00, range Mon..Wed
    ['2026-06-15T05:00:00Z', 1, ['06-15T13:00', '06-15T14:00']], // now Mon 00:00 -> until Tue 00:00
    ['2026-06-15T05:00:00Z', 2, ['06-15T13:00', '06-15T14:00', '06-16T13:00', '06-16T14:00']],
    ['2026-06-14T14:00:00Z', 1, ['06-15T13:00']], // horizon ends Mon 09:00: a slot starting then is out
    ['2026-06-15T05:00:00Z', 0, []],
  ])('now %s, horizon %i days', (now, horizonDays, expected) => {
    const slots = findOpenSlots(
      given.search({
        workingHours: p1.works('mon-fri 08:00-10:00').at('loc1'),
        from: '2026-06-15',
        to: '2026-06-17',
        now: at(now),
        visit: { horizonDays },
      }),
    );
    expect(starts(slots)).toEqual(expected.map((t) => `2026-${t}Z`));
  });
});

describe('findOpenSlots: closures', () => {
  const week = { workingHours: p1.works('mon-wed 08:00-09:00').at('loc1'), from: '2026-06-15', to: '2026-06-17' };
  it.each<[string, { locationId: string | null; date: string }[], string[]]>([
    ['no holidays', [], ['06-15', '06-16', '06-17']],
    ['holiday at this location', [{ locationId: 'loc1', date: '2026-06-16' }], ['06-15', '06-17']],
    ['org-wide holiday (null location)', [{ locationId: null, date: '2026-06-17' }], ['06-15', '06-16']],
    ['holiday at another location only', [{ locationId: 'loc2', date: '2026-06-16' }], ['06-15', '06-16', '06-17']],
    ['holiday outside the range', [{ locationId: null, date: '2026-06-22' }], ['06-15', '06-16', '06-17']],
  ])('%s', (_name, holidays, expectedDays) => {
    const slots = findOpenSlots(given.search({ ...week, holidays }));
    // 08:00 CDT = 13:00Z
    expect(starts(slots)).toEqual(expectedDays.map((d) => `2026-${d}T13:00Z`));
  });

  it('a holiday is a local date: the location zone decides, not UTC', () => {
    // Mon 23:00-24:00 CDT = 2026-06-16T04:00Z-05:00Z (a UTC Tuesday); a Monday holiday removes it
    const input = { workingHours: p1.works('mon 23:00-24:00').at('loc1') };
    expect(findOpenSlots(given.search({ ...input, holidays: [{ locationId: 'loc1', date: '2026-06-16' }] }))).toHaveLength(1);
    expect(findOpenSlots(given.search({ ...input, holidays: [{ locationId: 'loc1', date: '2026-06-15' }] }))).toEqual([]);
  });

  it.each<[string, { practitionerId: string; start: number; end: number }[], string[]]>([
    // time off 10:00-11:30 CDT: 09:00-10:00 touches it (kept), 10:00 and 11:00 overlap
    ['partial day', [{ practitionerId: 'p1', start: at('2026-06-15T15:00:00Z'), end: at('2026-06-15T16:30:00Z') }], ['13:00', '14:00']],
    ['whole day', [{ practitionerId: 'p1', start: at('2026-06-15T05:00:00Z'), end: at('2026-06-16T05:00:00Z') }], []],
    ['another practitioner', [{ practitionerId: 'p2', start: at('2026-06-15T05:00:00Z'), end: at('2026-06-16T05:00:00Z') }], ['13:00', '14:00', '15:00', '16:00']],
    ['ends exactly at opening', [{ practitionerId: 'p1', start: at('2026-06-15T05:00:00Z'), end: at('2026-06-15T13:00:00Z') }], ['13:00', '14:00', '15:00', '16:00']],
  ])('time off: %s', (_name, timeOff, expected) => {
    const slots = findOpenSlots(given.search({ workingHours: MON_MORNING, timeOff }));
    expect(starts(slots)).toEqual(expected.map((t) => `2026-06-15T${t}Z`));
  });
});

describe('findOpenSlots: held ranges and buffers', () => {
  // One candidate: Mon 09:00-10:00 CDT = 14:00Z-15:00Z. Held = [start - before, end + after).
  const oneSlot = p1.works('mon 09:00-10:00').at('loc1');
  const cases: [string, number, number, string, string, boolean][] = [
    // [name, bufferBeforeMin, bufferAfterMin, busy start, busy end (UTC), offered?]
    ['busy right after, touching', 0, 0, '15:00', '16:00', true],
    ['busy right before, touching', 0, 0, '13:00', '14:00', true],
    ['busy overlaps the last minute', 0, 0, '14:59', '15:30', false],
    ['busy inside the visit', 0, 0, '14:15', '14:30', false],
    ['after-buffer touches busy (10:15 local)', 0, 15, '15:15', '16:00', true],
    ['after-buffer overlaps busy by a minute', 0, 15, '15:14', '16:00', false],
    ['before-buffer touches busy (08:45 local)', 15, 0, '13:00', '13:45', true],
    ['before-buffer overlaps busy by a minute', 15, 0, '13:00', '13:46', false],
    ['both buffers, clear on both sides', 10, 20, '13:00', '13:50', true],
    ['both buffers, after side hit', 10, 20, '15:19', '15:40', false],
  ];

  it.each(cases)('practitioner: %s', (_name, bufferBeforeMin, bufferAfterMin, from, to, offered) => {
    const busy = [{ practitionerId: 'p1', start: at(`2026-06-15T${from}:00Z`), end: at(`2026-06-15T${to}:00Z`) }];
    const slots = findOpenSlots(given.search({ workingHours: oneSlot, practitionerBusy: busy, visit: { bufferBeforeMin, bufferAfterMin } }));
    expect(starts(slots)).toEqual(offered ? ['2026-06-15T14:00Z'] : []);
  });

  it.each(cases)('room: %s', (_name, bufferBeforeMin, bufferAfterMin, from, to, offered) => {
    const busy = [{ roomId: 'r1', start: at(`2026-06-15T${from}:00Z`), end: at(`2026-06-15T${to}:00Z`) }];
    const slots = findOpenSlots(given.search({ workingHours: oneSlot, roomBusy: busy, visit: { bufferBeforeMin, bufferAfterMin } }));
    expect(starts(slots)).toEqual(offered ? ['2026-06-15T14:00Z'] : []);
  });

  it('buffers on a 30-minute grid exclude every slot whose held range meets an appointment', () => {
    // existing held range 10:00-11:00 CDT; visit 60 + 15 before + 15 after on 08:00-12:00
    const slots = findOpenSlots(
      given.search({
        workingHours: MON_MORNING,
        practitionerBusy: [{ practitionerId: 'p1', start: at('2026-06-15T15:00:00Z'), end: at('2026-06-15T16:00:00Z') }],
        visit: { durationMin: 60, slotStepMin: 30, bufferBeforeMin: 15, bufferAfterMin: 15 },
      }),
    );
    // 08:00 (held 07:45-09:15) and 08:30 (held 08:15-09:45) only; 11:00 is held from 10:45
    expect(starts(slots)).toEqual(['2026-06-15T13:00Z', '2026-06-15T13:30Z']);
  });
});

describe('findOpenSlots: rooms', () => {
  const r = (id: string, locationId = 'loc1', cap = 'exam') => given.room(id).at(locationId).can(cap, 'consult');
  const busyR = (roomId: string, from: string, to: string) => ({ roomId, start: at(`2026-06-15T${from}:00Z`), end: at(`2026-06-15T${to}:00Z`) });

  it.each<[string, ReturnType<typeof r>[], ReturnType<typeof busyR>[], [string, string][]]>([
    ['no capable room', [r('r1', 'loc1', 'fluoro')], [], []],
    ['capable room only at another location', [r('r1', 'loc2')], [], []],
    ['no rooms at all', [], [], []],
    ['first room by id order, whatever the input order', [r('r2'), r('r1')], [], [['13:00', 'r1'], ['14:00', 'r1'], ['15:00', 'r1'], ['16:00', 'r1']]],
    ['second room when the first is busy (09:00-10:00 local)', [r('r1'), r('r2')], [busyR('r1', '14:00', '15:00')], [['13:00', 'r1'], ['14:00', 'r2'], ['15:00', 'r1'], ['16:00', 'r1']]],
    ['no slot when every capable room is busy', [r('r1'), r('r2')], [busyR('r1', '14:00', '16:00'), busyR('r2', '14:30', '16:00')], [['13:00', 'r1'], ['16:00', 'r1']]],
    ['a free room without the capability is never used', [r('r0', 'loc1', 'fluoro'), r('r1')], [busyR('r1', '14:00', '15:00')], [['13:00', 'r1'], ['15:00', 'r1'], ['16:00', 'r1']]],
  ])('%s', (_name, rooms, roomBusy, expected) => {
    const slots = findOpenSlots(given.search({ workingHours: MON_MORNING, rooms, roomBusy }));
    expect(slots.map((s) => [hm(s.start).slice(11, 16), s.roomId])).toEqual(expected);
  });
});

describe('findOpenSlots: filters and validity', () => {
  it('offers only the requested practitioners', () => {
    const workingHours = [...p1.works('mon 08:00-10:00').at('loc1'), ...p2.works('mon 08:00-10:00').at('loc1')];
    const slots = findOpenSlots(given.search({ workingHours, practitionerIds: ['p2'] }));
    expect(slots.map((s) => [hm(s.start), s.practitionerId])).toEqual([
      ['2026-06-15T13:00Z', 'p2'],
      ['2026-06-15T14:00Z', 'p2'],
    ]);
  });

  it('ignores rules at locations that are not candidates', () => {
    const workingHours = [...p1.works('mon 08:00-09:00').at('loc1'), ...p1.works('mon 10:00-11:00').at('loc2')];
    const rooms = [given.room('r1').at('loc1').can('exam'), given.room('r2').at('loc2').can('exam')];
    const slots = findOpenSlots(given.search({ workingHours, rooms }));
    expect(slots.map((s) => [hm(s.start), s.locationId])).toEqual([['2026-06-15T13:00Z', 'loc1']]);
  });

  it.each([
    // Monday rule, range four Mondays 06-15 .. 06-29 (+ 06-08 before); bounds are inclusive
    [{ validFrom: '2026-06-22' }, ['06-22', '06-29']],
    [{ validTo: '2026-06-22' }, ['06-08', '06-15', '06-22']],
    [{ validFrom: '2026-06-15', validTo: '2026-06-15' }, ['06-15']],
    [{ validFrom: '2026-06-16', validTo: '2026-06-21' }, []],
    [{ validFrom: null, validTo: null }, ['06-08', '06-15', '06-22', '06-29']],
  ])('validity %j', (validity, expectedDays) => {
    const workingHours = p1.works('mon 08:00-09:00', validity).at('loc1');
    const slots = findOpenSlots(given.search({ workingHours, from: '2026-06-08', to: '2026-06-29' }));
    expect(starts(slots)).toEqual(expectedDays.map((d) => `2026-${d}T13:00Z`));
  });
});

describe("findOpenSlots: the location's opening hours (issue 11)", () => {
  const opens = (spec: string, locationId = 'loc1') => given.practitioner('-').works(spec).at(locationId).map(({ locationId: l, weekday, startMin, endMin }) => ({ locationId: l, weekday, startMin, endMin }));

  it.each<[string, ReturnType<typeof opens> | undefined, string[]]>([
    ['not given: not checked', undefined, ['13:00', '14:00', '15:00', '16:00']],
    ['open longer than the practitioner works', opens('mon 07:30-17:30'), ['13:00', '14:00', '15:00', '16:00']],
    ['opens at 09:00: the 08:00 visit is outside', opens('mon 09:00-17:30'), ['14:00', '15:00', '16:00']],
    ['closes at 11:30: the 11:00-12:00 visit would run past it', opens('mon 07:00-11:30'), ['13:00', '14:00', '15:00']],
    ['closed at lunch: a slot lies inside one opening', [...opens('mon 08:00-10:00'), ...opens('mon 11:00-12:00')], ['13:00', '14:00', '16:00']],
    ['open on other weekdays only', opens('tue-fri 08:00-12:00'), []],
    ['hours of another location only: this one is closed', opens('mon 08:00-12:00', 'loc2'), []],
  ])('%s', (_name, locationHours, expected) => {
    const slots = findOpenSlots(given.search({ workingHours: MON_MORNING, ...(locationHours ? { locationHours } : {}) }));
    expect(starts(slots)).toEqual(expected.map((t) => `2026-06-15T${t}Z`));
  });

  it('are wall-clock hours in the zone on a daylight-saving day', () => {
    // Sun 2026-03-08 springs forward: 08:00 CDT = 13:00Z. Open from 09:00 local: the first slot is 14:00Z, not 15:00Z.
    const slots = findOpenSlots(given.search({
      workingHours: p1.works('sun 08:00-12:00').at('loc1'), from: '2026-03-08', to: '2026-03-08', locationHours: opens('sun 09:00-12:00'),
    }));
    expect(starts(slots)).toEqual(['2026-03-08T14:00Z', '2026-03-08T15:00Z', '2026-03-08T16:00Z']);
  });
});

describe('findOpenSlots: DST', () => {
  const sunday = (hours: string, date: string) => findOpenSlots(given.search({ workingHours: p1.works(`sun ${hours}`).at('loc1'), from: date, to: date }));

  it.each([
    ['2026-03-01', ['14:00', '15:00', '16:00', '17:00']], // normal CST Sunday
    ['2026-03-08', ['13:00', '14:00', '15:00', '16:00']], // spring-forward: 08:00 CDT = 13:00Z
    ['2026-10-25', ['13:00', '14:00', '15:00', '16:00']], // normal CDT Sunday
    ['2026-11-01', ['14:00', '15:00', '16:00', '17:00']], // fall-back: 08:00 CST = 14:00Z
  ])('sun 08:00-12:00 on %s still starts at 08:00 local with 4 slots', (date, expected) => {
    expect(starts(sunday('08:00-12:00', date))).toEqual(expected.map((t) => `${date}T${t}Z`));
  });

  it('spring-forward 00:00-04:00 has only 3 real hours', () => {
    // 00:00 CST, 01:00 CST, 03:00 CDT (02:00 does not exist)
    expect(starts(sunday('00:00-04:00', '2026-03-08'))).toEqual(['2026-03-08T06:00Z', '2026-03-08T07:00Z', '2026-03-08T08:00Z']);
  });

  it('fall-back 00:00-04:00 has 5 real hours', () => {
    // 00:00 CDT, 01:00 CDT, 01:00 CST, 02:00 CST, 03:00 CST
    expect(starts(sunday('00:00-04:00', '2026-11-01'))).toEqual([
      '2026-11-01T05:00Z',
      '2026-11-01T06:00Z',
      '2026-11-01T07:00Z',
      '2026-11-01T08:00Z',
      '2026-11-01T09:00Z',
    ]);
  });

  it('a multi-week range keeps 08:00 local across the change', () => {
    const slots = findOpenSlots(
      given.search({ workingHours: p1.works('sun 08:00-09:00').at('loc1'), from: '2026-03-01', to: '2026-03-15' }),
    );
    expect(starts(slots)).toEqual(['2026-03-01T14:00Z', '2026-03-08T13:00Z', '2026-03-15T13:00Z']);
  });
});

describe('findOpenSlots: midnight and range edges', () => {
  it.each([
    // [rules, from, to, expected starts]
    ['mon 23:00-24:00', '2026-06-15', '2026-06-15', ['2026-06-16T04:00Z']], // Mon 23:00 CDT belongs to Monday
    ['mon 23:00-24:00', '2026-06-16', '2026-06-16', []], // Tuesday range: nothing
    ['tue 00:00-01:00', '2026-06-16', '2026-06-16', ['2026-06-16T05:00Z']], // Tue 00:00 CDT
    ['mon 22:00-24:00', '2026-06-15', '2026-06-15', ['2026-06-16T03:00Z', '2026-06-16T04:00Z']],
    ['sat 23:00-24:00', '2026-03-07', '2026-03-07', ['2026-03-08T05:00Z']], // CST; 24:00 = 06:00Z
    ['mon-fri 08:00-09:00', '2026-06-16', '2026-06-18', ['2026-06-16T13:00Z', '2026-06-17T13:00Z', '2026-06-18T13:00Z']], // inclusive ends
  ])('%s from %s to %s', (hours, from, to, expected) => {
    const slots = findOpenSlots(given.search({ workingHours: p1.works(hours).at('loc1'), from, to }));
    expect(starts(slots)).toEqual(expected);
  });

  it('back-to-back days across midnight are contiguous', () => {
    const workingHours = [...p1.works('mon 23:00-24:00').at('loc1'), ...p1.works('tue 00:00-01:00').at('loc1')];
    const slots = findOpenSlots(given.search({ workingHours, from: '2026-06-15', to: '2026-06-16' }));
    expect(slots.map((s) => [hm(s.start), hm(s.end)])).toEqual([
      ['2026-06-16T04:00Z', '2026-06-16T05:00Z'],
      ['2026-06-16T05:00Z', '2026-06-16T06:00Z'],
    ]);
  });
});

describe('findOpenSlots: empty input', () => {
  it.each([
    ['no working hours', given.search({ workingHours: [] })],
    ['from after to', given.search({ workingHours: MON_MORNING, from: '2026-06-16', to: '2026-06-15' })],
    ['no locations', given.search({ workingHours: MON_MORNING, locations: [] })],
    ['no practitioners', given.search({ workingHours: MON_MORNING, practitionerIds: [] })],
    ['range without the rule weekday', given.search({ workingHours: MON_MORNING, from: '2026-06-16', to: '2026-06-21' })],
  ])('%s -> []', (_name, input) => {
    expect(findOpenSlots(input)).toEqual([]);
  });
});

describe('findOpenSlots: ordering, duplicates, zones, purity', () => {
  it('sorts by start, then practitioner, whatever the rule order', () => {
    const workingHours = [...p2.works('mon 08:00-10:00').at('loc1'), ...p1.works('mon 08:30-10:30').at('loc1')];
    const rooms = [given.room('r1').at('loc1').can('exam'), given.room('r2').at('loc1').can('exam')];
    const slots = findOpenSlots(given.search({ workingHours, rooms, visit: { durationMin: 30, slotStepMin: 30 } }));
    expect(slots.map((s) => `${hm(s.start).slice(11, 16)} ${s.practitionerId}`)).toEqual([
      '13:00 p2',
      '13:30 p1',
      '13:30 p2',
      '14:00 p1',
      '14:00 p2',
      '14:30 p1',
      '14:30 p2',
      '15:00 p1',
    ]);
  });

  it('two overlapping rules for the same practitioner and place do not offer a slot twice', () => {
    const workingHours = [...p1.works('mon 08:00-10:00').at('loc1'), ...p1.works('mon 09:00-11:00').at('loc1')];
    const slots = findOpenSlots(given.search({ workingHours }));
    expect(starts(slots)).toEqual(['2026-06-15T13:00Z', '2026-06-15T14:00Z', '2026-06-15T15:00Z']);
  });

  it('each location uses its own zone for its local grid and dates', () => {
    const locations = [
      { id: 'loc1', timeZone: 'America/Chicago' },
      { id: 'den', timeZone: 'America/Denver' },
      { id: 'akl', timeZone: 'Pacific/Auckland' },
    ];
    const rooms = [given.room('r1').at('loc1').can('exam'), given.room('rd').at('den').can('exam'), given.room('ra').at('akl').can('exam')];
    const workingHours = [
      ...p1.works('mon 08:00-09:00').at('loc1'),
      ...p2.works('mon 08:00-09:00').at('den'),
      ...given.practitioner('p3').works('mon 08:00-09:00').at('akl'),
    ];
    const slots = findOpenSlots(given.search({ workingHours, locations, rooms }));
    expect(slots.map((s) => [hm(s.start), s.locationId, s.roomId])).toEqual([
      ['2026-06-14T20:00Z', 'akl', 'ra'], // Mon 08:00 NZST (+12), a UTC Sunday
      ['2026-06-15T13:00Z', 'loc1', 'r1'], // Mon 08:00 CDT
      ['2026-06-15T14:00Z', 'den', 'rd'], // Mon 08:00 MDT
    ]);
  });

  it('does not mutate its input', () => {
    const input = given.search({
      workingHours: [...p2.works('mon-wed 08:00-12:00').at('loc1'), ...p1.works('mon-wed 08:00-12:00').at('loc1')],
      rooms: [given.room('r2').at('loc1').can('exam'), given.room('r1').at('loc1').can('exam')],
      holidays: [{ locationId: null, date: '2026-06-16' }],
      timeOff: [{ practitionerId: 'p1', start: at('2026-06-15T15:00:00Z'), end: at('2026-06-15T16:00:00Z') }],
      practitionerBusy: [
        { practitionerId: 'p2', start: at('2026-06-15T15:00:00Z'), end: at('2026-06-15T16:00:00Z') },
        { practitionerId: 'p2', start: at('2026-06-15T13:00:00Z'), end: at('2026-06-15T15:00:00Z') },
      ],
      roomBusy: [{ roomId: 'r1', start: at('2026-06-15T14:00:00Z'), end: at('2026-06-15T15:00:00Z') }],
      from: '2026-06-15',
      to: '2026-06-17',
      visit: { bufferBeforeMin: 5, bufferAfterMin: 5, slotStepMin: 30 },
    });
    const before = structuredClone(input);
    const slots = findOpenSlots(deepFreeze(input));
    expect(slots.length).toBeGreaterThan(0);
    expect(input).toEqual(before);
  });
});
