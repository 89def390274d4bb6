import { describe, expect, it } from 'vitest';
import { MESSAGE_FILE_MAX_BYTES } from '../../../shared/contracts/messages';
import { addFiles, claimedType, formatFileSize, type ChosenFile } from './message-files';

const file = (name: string, size = 1000, type = ''): ChosenFile => ({ name, size, type });

describe('claimedType', () => {
  it.each([
    ['scan.pdf', 'application/pdf', 'application/pdf'],
    ['PHOTO.JPG', 'image/jpeg', 'image/jpeg'],
    ['photo.jpeg', '', 'image/jpeg'],
    ['photo.jpg', 'image/pjpeg', 'image/jpeg'],
    ['x-ray.png', 'image/png', 'image/png'],
  ])('takes %s (%s)', (name, type, expected) => {
    expect(claimedType(file(name, 10, type))).toBe(expected);
  });

  it.each([
    ['archive.zip', 'application/zip'],
    ['letter.docx', ''],
    ['no-extension', ''],
    ['renamed.pdf', 'application/zip'],
    ['photo.png', 'image/jpeg'],
    ['photo.heic', 'image/heic'],
  ])('refuses %s (%s)', (name, type) => {
    expect(claimedType(file(name, 10, type))).toBeNull();
  });
});

describe('addFiles', () => {
  it('keeps good files and names the problem of each refused one', () => {
    const big = file('big.pdf', MESSAGE_FILE_MAX_BYTES + 1, 'application/pdf');
    const empty = file('empty.png', 0, 'image/png');
    const zip = file('a.zip', 10, 'application/zip');
    const ok = file('ok.pdf', 10, 'application/pdf');
    const r = addFiles([], [big, empty, zip, ok]);
    expect(r.attached).toEqual([ok]);
    expect(r.refused).toEqual([
      { file: big, problem: 'size' },
      { file: empty, problem: 'empty' },
      { file: zip, problem: 'type' },
    ]);
  });

  it('takes a file of exactly 10 MB', () => {
    const edge = file('edge.pdf', MESSAGE_FILE_MAX_BYTES, 'application/pdf');
    expect(addFiles([], [edge]).attached).toEqual([edge]);
  });

  it('refuses the sixth file and keeps the five already attached', () => {
    const five = [1, 2, 3, 4, 5].map((n) => file(`${n}.png`, 10, 'image/png'));
    const sixth = file('6.png', 10, 'image/png');
    const r = addFiles(five.slice(0, 4), [five[4]!, sixth]);
    expect(r.attached).toEqual(five);
    expect(r.refused).toEqual([{ file: sixth, problem: 'count' }]);
  });

  it('does not change the list it was given', () => {
    const attached = [file('a.pdf', 10, 'application/pdf')];
    addFiles(attached, [file('b.pdf', 10, 'application/pdf')]);
    expect(attached).toHaveLength(1);
  });
});

describe('formatFileSize', () => {
  it.each([
    [0, 'en-US', '0 B'],
    [512, 'en-US', '512 B'],
    [1024, 'en-US', '1 KB'],
    [1536, 'en-US', '2 KB'],
    [840_000, 'en-US', '820 KB'],
    [4.2 * 1024 * 1024, 'en-US', '4.2 MB'],
    [10 * 1024 * 1024, 'en-US', '10 MB'],
    [2.5 * 1024 * 1024, 'es-US', '2.5 MB'],
  ])('%d bytes in %s is %s', (bytes, locale, expected) => {
    expect(formatFileSize(bytes, locale)).toBe(expected);
  });
});
