import type { ChainBreak } from './verify-chain.js';

/**
 * An anchor: the newest block's number and hash at one moment, written outside
 * the database (a file on other storage, shipped to a log service). The hash
 * chain alone shows any change inside the trail; only a copy kept elsewhere
 * shows the newest blocks cut off, or the whole trail rewritten and rehashed
 * by someone with full control of the database.
 */
export interface Anchor {
  at: string;
  organizationId: string;
  blockNo: number;
  hash: string;
}

/** One JSON line per anchor, appended to the anchor file. */
export function anchorLine(a: Anchor): string {
  return `${JSON.stringify({ at: a.at, organizationId: a.organizationId, block: a.blockNo, hash: a.hash })}\n`;
}

/** Reads an anchor file; a line that is not an anchor is named by its number rather than skipped. */
export function parseAnchors(text: string): { anchors: Anchor[]; errors: string[] } {
  const anchors: Anchor[] = [];
  const errors: string[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch {
      errors.push(`line ${i + 1} is not JSON`);
      continue;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.at !== 'string' || typeof o.organizationId !== 'string' || !Number.isInteger(o.block) || (o.block as number) < 1 || typeof o.hash !== 'string' || !/^[0-9a-f]{64}$/.test(o.hash)) {
      errors.push(`line ${i + 1} is not an anchor (at, organizationId, block, hash)`);
      continue;
    }
    anchors.push({ at: o.at, organizationId: o.organizationId, blockNo: o.block as number, hash: o.hash });
  }
  return { anchors, errors };
}

/**
 * Checks one organization's blocks against its anchors: each anchored block
 * must still exist with the anchored hash. Blocks are chained, so the newest
 * anchor that holds vouches for every block before it.
 */
export function checkAnchors(blocks: readonly { blockNo: number; hash: string }[], anchors: readonly Anchor[]): ChainBreak[] {
  const byNo = new Map(blocks.map((b) => [b.blockNo, b.hash]));
  const breaks: ChainBreak[] = [];
  for (const a of anchors) {
    const hash = byNo.get(a.blockNo);
    const at = { seq: null, blockNo: a.blockNo };
    if (hash === undefined) {
      breaks.push({ kind: 'anchor_missing', ...at, message: `block #${a.blockNo}, anchored at ${a.at}, is gone: the trail was cut back or replaced` });
    } else if (hash !== a.hash) {
      breaks.push({ kind: 'anchor_mismatch', ...at, message: `block #${a.blockNo} no longer has the hash anchored at ${a.at}: the trail was rewritten` });
    }
  }
  return breaks;
}
