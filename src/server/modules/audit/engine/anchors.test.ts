import { describe, expect, it } from 'vitest';
import { anchorLine, checkAnchors, parseAnchors, type Anchor } from './anchors.js';

const ORG = '3f1c2d4e-0000-4000-8000-000000000001';
const h = (c: string) => c.repeat(64);
const anchor = (blockNo: number, hash: string, at = '2026-11-30T12:00:00.000Z'): Anchor => ({ at, organizationId: ORG, blockNo, hash });

describe('audit anchors', () => {
  it('writes one JSON line per anchor and reads it back', () => {
    const a = anchor(7, h('a'));
    const line = anchorLine(a);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trim().includes('\n')).toBe(false);
    expect(parseAnchors(line + '\n' + anchorLine(anchor(8, h('b'))))).toEqual({ anchors: [a, anchor(8, h('b'))], errors: [] });
  });

  it('names each line that is not an anchor instead of skipping it', () => {
    const text = [
      anchorLine(anchor(1, h('c'))).trim(),
      'not json',
      JSON.stringify({ at: 'x', organizationId: ORG, block: 0, hash: h('d') }),
      JSON.stringify({ at: 'x', organizationId: ORG, block: 2, hash: 'ABC' }),
      '',
      JSON.stringify({ at: 'x', organizationId: ORG, block: 2.5, hash: h('e') }),
    ].join('\n');
    const { anchors, errors } = parseAnchors(text);
    expect(anchors).toHaveLength(1);
    expect(errors).toEqual([
      'line 2 is not JSON',
      'line 3 is not an anchor (at, organizationId, block, hash)',
      'line 4 is not an anchor (at, organizationId, block, hash)',
      'line 6 is not an anchor (at, organizationId, block, hash)',
    ]);
  });

  it('holds when every anchored block is there with its hash, and names a block gone or rehashed', () => {
    const blocks = [{ blockNo: 1, hash: h('1') }, { blockNo: 2, hash: h('2') }, { blockNo: 3, hash: h('3') }];
    expect(checkAnchors(blocks, [anchor(1, h('1')), anchor(3, h('3'))])).toEqual([]);
    expect(checkAnchors(blocks, [])).toEqual([]);
    const breaks = checkAnchors(blocks.slice(0, 2), [anchor(2, h('f')), anchor(3, h('3'), '2026-12-01T08:00:00.000Z')]);
    expect(breaks).toEqual([
      { kind: 'anchor_mismatch', seq: null, blockNo: 2, message: 'block #2 no longer has the hash anchored at 2026-11-30T12:00:00.000Z: the trail was rewritten' },
      { kind: 'anchor_missing', seq: null, blockNo: 3, message: 'block #3, anchored at 2026-12-01T08:00:00.000Z, is gone: the trail was cut back or replaced' },
    ]);
  });
});
