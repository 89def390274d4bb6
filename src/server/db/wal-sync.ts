import fs from 'node:fs';
import path from 'node:path';

/**
 * Makes committed transactions durable for the embedded database, whose
 * storage layer has no fsync of its own: after a commit it fdatasyncs the WAL
 * segment that holds the current write position (a commit is durable once its
 * WAL record is). The segment is asked of PostgreSQL, not guessed from file
 * names: recycled segments are renamed ahead to future names, so the highest
 * name is often an empty, preallocated file. When the position moves to a new
 * segment, the previous one (the rest of its records) and the directory entry
 * are synced too. Calls arriving while an fsync runs share the next one (group
 * commit).
 */
export class WalSyncer {
  private inflight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private current: { name: string; fd: number } | null = null;

  constructor(
    private readonly walDir: string,
    private readonly currentSegment: () => Promise<string>,
  ) {}

  sync(): Promise<void> {
    if (!this.inflight) {
      this.inflight = this.run().finally(() => {
        this.inflight = null;
      });
      return this.inflight;
    }
    if (!this.queued) {
      this.queued = this.inflight.then(() => {
        this.queued = null;
        return this.sync();
      });
    }
    return this.queued;
  }

  private async run(): Promise<void> {
    const name = await this.currentSegment();
    if (this.current?.name !== name) {
      const previous = this.current;
      this.current = { name, fd: fs.openSync(path.join(this.walDir, name), 'r+') };
      if (previous) {
        await fdatasync(previous.fd);
        fs.closeSync(previous.fd);
      }
      // The segment may have been created or renamed into place: make its directory entry durable.
      const dirFd = fs.openSync(this.walDir, 'r');
      try {
        await fsyncFd(dirFd);
      } finally {
        fs.closeSync(dirFd);
      }
    }
    await fdatasync(this.current.fd);
  }

  close(): void {
    if (this.current) fs.closeSync(this.current.fd);
    this.current = null;
  }
}

const fdatasync = (fd: number) => new Promise<void>((resolve, reject) => fs.fdatasync(fd, (e) => (e ? reject(e) : resolve())));
const fsyncFd = (fd: number) => new Promise<void>((resolve, reject) => fs.fsync(fd, (e) => (e ? reject(e) : resolve())));
