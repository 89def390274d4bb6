/** One event of the chain as read back, with its hash recomputed by the database. */
export interface ChainLink {
  chainPos: number;
  id: string;
  prevHash: string;
  hash: string;
  recomputed: string;
  expectedPrev: string | null;
  prevPos: number | null;
}

export interface ChainBreak {
  chainPos: number;
  id: string;
  kind: 'altered' | 'removed' | 'relinked';
  message: string;
}

const GENESIS = '0'.repeat(64);

/**
 * Finds every broken link: an event whose content no longer matches its hash
 * (altered), a gap in positions (removed), or an event whose recorded
 * predecessor hash is not the hash of the event before it (removed, reordered
 * or rewritten).
 */
export function verifyChain(links: readonly ChainLink[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  for (const [i, l] of links.entries()) {
    const expectedPos = i === 0 ? 1 : (l.prevPos ?? 0) + 1;
    if (l.recomputed !== l.hash) {
      breaks.push({ chainPos: l.chainPos, id: l.id, kind: 'altered', message: `event #${l.chainPos} (${l.id}) was altered: its content no longer matches its hash` });
    }
    if (l.chainPos !== expectedPos) {
      const from = i === 0 ? 1 : (l.prevPos ?? 0) + 1;
      breaks.push({ chainPos: l.chainPos, id: l.id, kind: 'removed', message: `events #${from} to #${l.chainPos - 1} are missing before event #${l.chainPos} (${l.id})` });
    }
    const expectedPrev = i === 0 ? GENESIS : l.expectedPrev;
    if (l.prevHash !== expectedPrev) {
      breaks.push({ chainPos: l.chainPos, id: l.id, kind: 'relinked', message: `the link into event #${l.chainPos} (${l.id}) is broken: it does not follow the event before it` });
    }
  }
  return breaks;
}
