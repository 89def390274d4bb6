import fs from 'node:fs';

/** Linux clock ticks per second (USER_HZ); 100 on every mainstream kernel. */
const TICKS_PER_SEC = 100;

/** CPU time (user + system, ms) a process has used, from /proc; 0 when it is gone or not on Linux. */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SEC;
  } catch {
    return 0;
  }
}

/** PostgreSQL backends serving one database: their titles name it ("postgres: 15/main: user db ..."). */
function backendPids(database: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (title.startsWith('postgres:') && title.includes(` ${database} `)) pids.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return pids;
}

export interface CpuSplit {
  /** ms of CPU per unit of work, by process */
  server: number;
  postgres: number | null;
  loadGenerator: number;
}

/**
 * Where the CPU goes during a run: the server process, the PostgreSQL
 * backends of its database (long-lived pool connections), and this process.
 */
export function startCpuAccounting(serverPid: number, database: string | null): { stop(units: number): CpuSplit } {
  const backends = database ? backendPids(database) : [];
  const sumBackends = () => backends.reduce((s, pid) => s + processCpuMs(pid), 0);
  const server0 = processCpuMs(serverPid);
  const pg0 = sumBackends();
  const self0 = process.cpuUsage();
  return {
    stop(units) {
      const self = process.cpuUsage(self0);
      const per = (ms: number) => ms / Math.max(1, units);
      return {
        server: per(processCpuMs(serverPid) - server0),
        postgres: database ? per(sumBackends() - pg0) : null,
        loadGenerator: per((self.user + self.system) / 1000),
      };
    },
  };
}
