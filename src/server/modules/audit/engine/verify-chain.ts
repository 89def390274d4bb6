/** One block of the trail as read back, with its hash recomputed by the database. */
export interface BlockLink {
  blockNo: number;
  events: number;
  prevHash: string;
  hash: string;
  recomputed: string;
  expectedPrev: string | null;
  prevBlockNo: number | null;
}

/** An event that does not match the block that sealed it (see findEventFaults in audit.repo.ts). */
export interface EventFault {
  /** The block that lists the event; null for an event no block lists. */
  blockNo: number | null;
  seq: number;
  /** null when the event is gone. */
  id: string | null;
  kind: 'removed' | 'altered' | 'moved' | 'unlisted' | 'relinked';
}

export interface ChainBreak {
  kind: EventFault['kind'] | 'block_altered' | 'block_removed' | 'block_relinked' | 'anchor_missing' | 'anchor_mismatch';
  /** The event's number (its seq) when the break is an event's; null for a block's. */
  seq: number | null;
  blockNo: number | null;
  message: string;
}

const GENESIS = '0'.repeat(64);

function eventBreak(f: EventFault): ChainBreak {
  const who = `event #${f.seq}${f.id ? ` (${f.id})` : ''}`;
  const message = {
    altered: `${who} was altered: its content no longer matches its digest in block #${f.blockNo}`,
    removed: `${who}, sealed in block #${f.blockNo}, is missing`,
    moved: `${who} was moved: its transaction is outside the range of block #${f.blockNo}, which sealed it`,
    unlisted: `${who} was added after sealing: it lies in a sealed range but no block lists it`,
    relinked: `${who} no longer follows the event before it in the chain it was sealed in before blocks (removed, reordered or rewritten)`,
  }[f.kind];
  return { kind: f.kind, seq: f.seq, blockNo: f.blockNo, message };
}

/**
 * Names every broken link of the trail: each faulty event (altered, removed,
 * moved or added afterwards), and each block whose content no longer matches
 * its hash, that follows a gap in block numbers, or whose recorded predecessor
 * hash is not the hash of the block before it (removed, reordered or rewritten).
 */
export function verifyChain(blocks: readonly BlockLink[], faults: readonly EventFault[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  for (const [i, b] of blocks.entries()) {
    const expectedNo = i === 0 ? 1 : (b.prevBlockNo ?? 0) + 1;
    const at = { seq: null, blockNo: b.blockNo };
    if (b.recomputed !== b.hash) breaks.push({ kind: 'block_altered', ...at, message: `block #${b.blockNo} was altered: its content no longer matches its hash` });
    if (b.blockNo !== expectedNo) breaks.push({ kind: 'block_removed', ...at, message: `blocks #${expectedNo} to #${b.blockNo - 1} are missing before block #${b.blockNo}` });
    if (b.prevHash !== (i === 0 ? GENESIS : b.expectedPrev)) {
      breaks.push({ kind: 'block_relinked', ...at, message: `the link into block #${b.blockNo} is broken: it does not follow the block before it` });
    }
  }
  return [...faults.map(eventBreak), ...breaks];
}
