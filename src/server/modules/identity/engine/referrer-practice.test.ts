import { describe, expect, it } from 'vitest';
import { referrerNameParts } from './referrer-practice.js';

describe('referrerNameParts (issue 11: the approval list shows the practice)', () => {
  it.each([
    ['Dr. Lena Park (Austin Spine Associates)', { name: 'Dr. Lena Park', practice: 'Austin Spine Associates' }],
    ['Dr. Lena Park', { name: 'Dr. Lena Park', practice: null }],
    ['Dr. Ana Ruiz (Clínica del Valle (Waco))', { name: 'Dr. Ana Ruiz', practice: 'Clínica del Valle (Waco)' }],
    ['(Practice only)', { name: '(Practice only)', practice: null }],
    ['Dr. Lee ()', { name: 'Dr. Lee ()', practice: null }],
  ])('%s', (displayName, parts) => {
    expect(referrerNameParts(displayName)).toEqual(parts);
  });
});
