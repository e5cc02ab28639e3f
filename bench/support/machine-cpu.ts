import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** USER_HZ: 100 on Linux on every architecture Node.js runs on (`getconf CLK_TCK`). */
const CLOCK_TICKS_PER_S = 100;

export interface ProcessTime {
  comm: string;
  ppid: number;
  /** utime + stime of the process so far, in ms. */
  ms: number;
  /** When it started, in clock ticks since boot: a reused pid is another process. */
  start: number;
}

/** Every process's CPU time at one moment (from /proc, Linux), and when that moment was. */
export interface MachineSnapshot {
  at: number;
  processes: Map<number, ProcessTime>;
}

/** One process's `/proc/<pid>/stat` (Linux); throws when the process is gone. */
export function processStat(pid: number): ProcessTime {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name is in parentheses and may hold spaces; the fields after it are state,
  // ppid, … utime (the 12th after it), stime, … starttime (the 20th).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
    ppid: Number(fields[1]),
    ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S,
    start: Number(fields[19]),
  };
}

export function machineSnapshot(): MachineSnapshot {
  const processes = new Map<number, ProcessTime>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      processes.set(Number(entry), processStat(Number(entry)));
    } catch {
      // it exited meanwhile
    }
  }
  return { at: performance.now(), processes };
}

/** Where the machine's CPU went between two snapshots, in ms, by what the processes are. */
export interface MachineCpu {
  /** The measured server and every process under it. */
  server: number;
  ferretdb: number;
  postgres: number;
  /** This process: the bench, whose autocannon sends the load. */
  load: number;
  other: number;
  /** Wall-clock time between the snapshots. */
  wallMs: number;
  /** The cores the machine has, for "how busy was it". */
  cores: number;
}

const descendantsOf = (root: number, processes: Map<number, ProcessTime>): Set<number> => {
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of processes) {
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return tree;
};

/**
 * The CPU every process used between `before` and `after`, grouped: the server under load (its
 * process tree), FerretDB, PostgreSQL (every backend), the load generator and the rest. A
 * process that started meanwhile counts all its time; one that exited meanwhile is not seen.
 */
export function machineCpuBetween(
  before: MachineSnapshot,
  after: MachineSnapshot,
  serverPid: number,
): MachineCpu {
  const server = descendantsOf(serverPid, after.processes);
  const used: MachineCpu = {
    server: 0,
    ferretdb: 0,
    postgres: 0,
    load: 0,
    other: 0,
    wallMs: after.at - before.at,
    cores: os.availableParallelism(),
  };
  for (const [pid, p] of after.processes) {
    const then = before.processes.get(pid);
    const ms = then && then.start === p.start ? p.ms - then.ms : p.ms;
    if (ms <= 0) continue;
    if (server.has(pid)) used.server += ms;
    else if (pid === process.pid) used.load += ms;
    else if (p.comm === 'ferretdb') used.ferretdb += ms;
    else if (p.comm.startsWith('postgres')) used.postgres += ms;
    else used.other += ms;
  }
  return used;
}

/** "machine 83 % busy; per request: server 0.52, FerretDB 0.20, PostgreSQL 0.13, load 0.09, other 0.01 ms" */
export function describeMachineCpu(cpu: MachineCpu, requests: number): string {
  const total = cpu.server + cpu.ferretdb + cpu.postgres + cpu.load + cpu.other;
  const busy = total / (cpu.wallMs * cpu.cores);
  const per = (ms: number) => (requests > 0 ? (ms / requests).toFixed(2) : '—');
  const parts = [
    `server ${per(cpu.server)}`,
    ...(cpu.ferretdb > 0 ? [`FerretDB ${per(cpu.ferretdb)}`] : []),
    `PostgreSQL ${per(cpu.postgres)}`,
    `load generator ${per(cpu.load)}`,
    `other ${per(cpu.other)}`,
  ];
  return (
    `machine ${(busy * 100).toFixed(0)} % busy, server ${((cpu.server / cpu.wallMs) * 100).toFixed(0)} % of a core; ` +
    `CPU ms per request: ${parts.join(', ')}, all ${per(total)}`
  );
}
