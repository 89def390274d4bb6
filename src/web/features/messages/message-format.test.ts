import { describe, expect, it } from 'vitest';
import { attachmentHref, newMessageIds, oldestFirst, topicKey } from './message-format';

describe('oldestFirst', () => {
  it('orders by time sent and keeps the server order on a tie', () => {
    const list = [
      { id: 'c', sentAt: '2026-03-02T15:00:00Z' },
      { id: 'a', sentAt: '2026-03-01T15:00:00Z' },
      { id: 'b1', sentAt: '2026-03-01T16:00:00Z' },
      { id: 'b2', sentAt: '2026-03-01T16:00:00Z' },
    ];
    expect(oldestFirst(list).map((m) => m.id)).toEqual(['a', 'b1', 'b2', 'c']);
    expect(list[0]!.id).toBe('c');
  });
});

describe('attachmentHref', () => {
  it('downloads through the reader own route', () => {
    expect(attachmentHref({ patientId: 'p1' }, { id: 'f1' })).toBe('/api/patients/p1/attachments/f1');
    expect(attachmentHref('staff', { id: 'f1' })).toBe('/api/staff/attachments/f1');
  });
});

describe('newMessageIds', () => {
  it('names the messages that arrived since the last look, none on the first', () => {
    expect(newMessageIds(undefined, [{ id: 'a' }])).toEqual([]);
    expect(newMessageIds([{ id: 'a' }], [{ id: 'a' }, { id: 'b' }])).toEqual(['b']);
  });
});

describe('topicKey', () => {
  it('is the topic words key', () => {
    expect(topicKey('forms_records')).toBe('messages.topic.forms_records');
  });
});
