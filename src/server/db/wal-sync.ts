import fs from 'node:fs';
import path from 'node:path';

const SEGMENT_RE = /^[0-9A-F]{24}$/;

/**
 * Makes committed transactions durable for the embedded database: fsyncs the
 * newest WAL segments (a commit is durable once its WAL record is). Calls that
 * arrive while an fsync runs share the next one (group commit).
 */
export class WalSyncer {
  private inflight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly fds = new Map<string, number>();

  constructor(private readonly walDir: string) {}

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
    const names = (await fs.promises.readdir(this.walDir)).filter((n) => SEGMENT_RE.test(n)).sort();
    // The newest two: a commit record can straddle a segment switch.
    const wanted = names.slice(-2);
    for (const [name, fd] of this.fds) {
      if (!wanted.includes(name)) {
        fs.closeSync(fd);
        this.fds.delete(name);
      }
    }
    await Promise.all(
      wanted.map(async (name) => {
        let fd = this.fds.get(name);
        if (fd === undefined) {
          fd = fs.openSync(path.join(this.walDir, name), 'r+');
          this.fds.set(name, fd);
        }
        await new Promise<void>((resolve, reject) => fs.fdatasync(fd!, (e) => (e ? reject(e) : resolve())));
      }),
    );
  }

  close(): void {
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
  }
}
