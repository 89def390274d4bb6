import { describe, expect, it } from 'vitest';
import { toFormData } from './multipart';

describe('toFormData', () => {
  it('sends the fields first, then each file as a part named files, leaving out undefined fields', () => {
    const pdf = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], 'scan.pdf', { type: 'application/pdf' });
    const png = new File([new Uint8Array([0x89, 0x50])], 'photo.png', { type: 'image/png' });
    const form = toFormData({ topic: 'scheduling', subject: 'Moving my visit', internal: undefined, body: 'Can I come earlier?' }, [pdf, png]);
    expect([...form.keys()]).toEqual(['topic', 'subject', 'body', 'files', 'files']);
    expect(form.get('subject')).toBe('Moving my visit');
    expect((form.getAll('files') as File[]).map((f) => f.name)).toEqual(['scan.pdf', 'photo.png']);
  });
});
