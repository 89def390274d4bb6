import fs from 'node:fs/promises';

/**
 * Appends to a file and returns once the bytes are on disk: the audit trail's
 * anchors go to storage outside the database (another disk or mount, a file a
 * log shipper forwards), and an anchor that a crash can lose proves nothing.
 */
export async function appendDurably(file: string, text: string): Promise<void> {
  const handle = await fs.open(file, 'a', 0o600);
  try {
    await handle.write(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}
