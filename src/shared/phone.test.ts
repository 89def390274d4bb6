import { describe, expect, it } from 'vitest';
import { toE164 } from './phone.js';

describe('toE164 (issue 12: the number a text goes to)', () => {
  it.each([
    ['(512) 555-0142', '+15125550142'],
    ['512.555.0142', '+15125550142'],
    ['1 512 555 0142', '+15125550142'],
    ['+1 (512) 555-0142', '+15125550142'],
    ['+52 55 1234 5678', '+525512345678'],
  ])('%s -> %s', (given, e164) => expect(toE164(given)).toBe(e164));

  it.each([['555-0142'], ['(012) 555-0142'], ['+0 512 555 0142'], ['512-555-01423'], ['call me'], ['']])('%s cannot take texts', (given) => {
    expect(toE164(given)).toBeNull();
  });
});
