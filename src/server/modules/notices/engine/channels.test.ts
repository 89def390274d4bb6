import { describe, expect, it } from 'vitest';
import { chooseChannels, remindersAhead } from './channels.js';

describe('chooseChannels', () => {
  it.each([
    ['email', true, true, ['email']],
    ['sms', true, true, ['sms']],
    ['both', true, true, ['email', 'sms']],
    ['both', false, true, ['sms']],
    ['sms', true, false, ['email']], // cannot text: email rather than nothing
    ['email', false, true, []], // no address and email chosen: nothing (the desk tells them)
    ['sms', false, false, []],
  ] as const)('%s with email %s and a textable number %s: %j', (choice, hasEmail, canText, expected) => {
    expect(chooseChannels({ choice, hasEmail, canText })).toEqual(expected);
  });
});

describe('remindersAhead', () => {
  const start = Date.parse('2026-12-08T15:00:00Z'); // Tue 09:00 CST
  it('gives 48 h and 2 h before a visit a week away', () => {
    expect(remindersAhead(start, Date.parse('2026-12-01T15:00:00Z'))).toEqual([
      { hoursBefore: 48, dueAt: Date.parse('2026-12-06T15:00:00Z') },
      { hoursBefore: 2, dueAt: Date.parse('2026-12-08T13:00:00Z') },
    ]);
  });
  it('drops a reminder whose time has passed, and gives none for a visit that began', () => {
    expect(remindersAhead(start, Date.parse('2026-12-07T15:00:00Z')).map((r) => r.hoursBefore)).toEqual([2]);
    expect(remindersAhead(start, Date.parse('2026-12-08T13:00:00Z'))).toEqual([]);
    expect(remindersAhead(start, start + 1)).toEqual([]);
  });
});
