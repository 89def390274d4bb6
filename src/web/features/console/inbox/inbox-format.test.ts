import { describe, expect, it } from 'vitest';
import { inboxHref, inboxUnreadTotal, inboxView, isPool } from './inbox-format';

describe('inboxView', () => {
  it('takes a pool the reader works in and a known filter', () => {
    expect(inboxView(new URLSearchParams('pool=billing&filter=waiting'), ['front_desk', 'billing'])).toEqual({ pool: 'billing', filter: 'waiting' });
  });

  it('falls back to the first own pool and to open', () => {
    expect(inboxView(new URLSearchParams('pool=nursing&filter=everything'), ['front_desk'])).toEqual({ pool: 'front_desk', filter: 'open' });
    expect(inboxView(new URLSearchParams(''), ['nursing'])).toEqual({ pool: 'nursing', filter: 'open' });
  });

  it('shows only mine to someone in no pool', () => {
    expect(inboxView(new URLSearchParams('filter=closed'), [])).toEqual({ pool: null, filter: 'mine' });
  });
});

describe('inboxHref', () => {
  it('writes the view into the address', () => {
    expect(inboxHref('front_desk', 'unassigned')).toBe('/console/inbox?pool=front_desk&filter=unassigned');
    expect(inboxHref(null, 'mine')).toBe('/console/inbox?filter=mine');
  });
});

describe('inboxUnreadTotal', () => {
  it('adds the unread of every pool', () => {
    expect(inboxUnreadTotal({ pools: [{ pool: 'front_desk', unread: 2, unassigned: 1 }, { pool: 'billing', unread: 3, unassigned: 0 }], mine: 1 })).toBe(5);
    expect(inboxUnreadTotal({ pools: [], mine: 0 })).toBe(0);
  });
});

describe('isPool', () => {
  it('knows the pools', () => {
    expect(isPool('nursing')).toBe(true);
    expect(isPool('admin')).toBe(false);
  });
});
