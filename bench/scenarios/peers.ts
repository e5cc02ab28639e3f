import {
  openTenant,
  randomOf,
  serverCpu,
  type ScenarioContext,
  type Tenant,
} from '../support/context';
import type { PeerHost } from '../support/config';
import {
  NEXT_APP_PACKAGES,
  PEER_LABELS,
  startJackson,
  JACKSON_VERSION,
  type PeerProcess,
} from '../support/jackson-peer';
import { cpuQuiet, httpLoad, type HttpLoad, type LoadResult } from '../support/load';
import {
  describeMachineCpu,
  machineCpuBetween,
  machineSnapshot,
  type MachineCpu,
} from '../support/machine-cpu';
import type { Row } from '../support/report';
import { scimHeaders, userBody } from '../support/server-process';

/** One server under S13's load: where its SCIM endpoint is and how to read its CPU. */
interface Contender {
  name: string;
  url: string;
  scimPath: string;
  headers: Record<string, string>;
  /** Its process (the root of its process tree, for the machine's CPU by process). */
  pid: number;
  cpuMs(): number;
  /** Resolves once the background work of a phase (events, log) is done. */
  settle(): Promise<void>;
  /** Frozen while the other one is loaded, so its idle work does not take from the other's CPU. */
  pause(paused: boolean): void;
}

/** One phase's load, and where the whole machine's CPU went meanwhile. */
type PhaseResult = LoadResult & { machine: MachineCpu };

interface Phases {
  create: PhaseResult;
  lookup: PhaseResult;
  get: PhaseResult;
}

const ours = (tenant: Tenant): Contender => ({
  name: 'this server',
  url: tenant.server.url,
  scimPath: '/scim/v2',
  headers: scimHeaders(),
  pid: tenant.server.pid,
  cpuMs: () => tenant.server.cpuMs(),
  pause: (paused) => tenant.server.pause(paused),
  // Creates leave events to relay and log entries to flush (serverCpu waits for both).
  settle: serverCpu(tenant, true).settle!,
});

const jackson = (peer: PeerProcess, host: PeerHost): Contender => ({
  name: PEER_LABELS[host],
  url: peer.url,
  scimPath: peer.scimPath,
  headers: {
    'Content-Type': 'application/scim+json',
    Authorization: `Bearer ${peer.secret}`,
  },
  pid: peer.pid,
  cpuMs: () => peer.cpuMs(),
  pause: (paused) => peer.pause(paused),
  settle: () => cpuQuiet(() => peer.cpuMs()),
});

/** What the extra hosts' rows say they are. */
const HOST_NOTES: Record<Exclude<PeerHost, 'bare'>, string> = {
  express: "Jackson's route in express 5 (express.json, defaults kept)",
  next: `Jackson's route as its service ships it: a Next.js ${NEXT_APP_PACKAGES.next} API route behind its proxy, \`next start\``,
};

/**
 * S13 peers: this server and BoxyHQ Jackson's Directory Sync (the SCIM server people pick for
 * directory sync in a TypeScript product; pinned, installed from the npm registry into a cache
 * folder, on plain PostgreSQL of the engine's own cluster) under the same requests, in one run:
 * Entra-like creates, `userName eq` lookups and GETs by id of the users each just created.
 * Jackson runs in up to three hosts (BENCH_PEER_HOSTS), each its own process on its own
 * database: its library on bare node:http (the yardstick of the issue's targets), inside an
 * express app, and as its Next.js service. Phases go round all of them so a busy moment of the
 * machine falls on each; while one is loaded the others are frozen, so none pays for another's
 * idle work.
 */
export async function benchPeers(ctx: ScenarioContext): Promise<Row[]> {
  const { connections, durationS, peerHosts } = ctx.config;
  if (!ctx.db.postgresUri) {
    return [
      {
        scenario: 'S13 peers',
        target: 'create ≥ 300/s; lookup, GET ≥ 1.5× Jackson',
        met: false,
        note: 'no PostgreSQL to run Jackson on: run on the embedded engine or set BENCH_PEER_POSTGRES_URL',
      },
    ];
  }
  const tenant = await openTenant(ctx, 'bench_s13');
  const peers: Array<{ host: PeerHost; peer: PeerProcess }> = [];
  const rows: Row[] = [];
  try {
    for (const host of peerHosts) {
      try {
        peers.push({ host, peer: await startJackson(ctx.db.postgresUri, ctx.say, host) });
      } catch (error) {
        // The bare host is the issue's yardstick: without it S13 has nothing to check.
        if (host === 'bare') throw error;
        ctx.say(
          `S13 ${PEER_LABELS[host]} did not start: ${(error as Error).stack ?? String(error)}`,
        );
        rows.push({
          scenario: `S13: ${PEER_LABELS[host]}`,
          target: '—',
          note: `did not start: ${(error as Error).message.split('\n')[0]}`,
        });
      }
    }
    const contenders = [ours(tenant), ...peers.map(({ peer, host }) => jackson(peer, host))];
    /** Runs one contender's phase with the others frozen (SIGSTOP), then thaws them. */
    const alone = async <T>(c: Contender, phase: () => Promise<T>): Promise<T> => {
      const others = contenders.filter((other) => other !== c);
      for (const other of others) other.pause(true);
      try {
        return await phase();
      } finally {
        for (const other of others) other.pause(false);
      }
    };
    const created = contenders.map(() => [] as Array<{ id: string; userName: string }>);
    const results = contenders.map(() => ({}) as Partial<Phases>);

    /** One contender's phase: its load, alone on the machine, with its CPU measured. */
    const load = (
      c: Contender,
      label: string,
      request: Pick<HttpLoad, 'method' | 'next' | 'onResponse'>,
    ): Promise<PhaseResult> => {
      ctx.say(`S13 ${c.name}: ${label}`);
      return alone(c, async () => {
        const before = machineSnapshot();
        const result = await httpLoad({
          url: c.url,
          connections,
          durationS,
          headers: c.headers,
          cpu: c,
          ...request,
        });
        return { ...result, machine: machineCpuBetween(before, machineSnapshot(), c.pid) };
      });
    };

    for (const [i, c] of contenders.entries()) {
      let n = 0;
      results[i]!.create = await load(c, 'create', {
        method: 'POST',
        next: () => ({
          path: `${c.scimPath}/Users`,
          body: JSON.stringify(userBody(`s13-${n++}@bench.example`)),
        }),
        onResponse: (status, body) => {
          if (status !== 201) return;
          const user = JSON.parse(body) as { id: string; userName: string };
          created[i]!.push({ id: user.id, userName: user.userName });
        },
      });
      if (created[i]!.length === 0) throw new Error(`${c.name} created no user`);
    }
    for (const [i, c] of contenders.entries()) {
      results[i]!.lookup = await load(c, 'userName eq', {
        method: 'GET',
        next: () => ({
          path: `${c.scimPath}/Users?filter=${encodeURIComponent(`userName eq "${randomOf(created[i]!).userName}"`)}`,
        }),
      });
    }
    for (const [i, c] of contenders.entries()) {
      results[i]!.get = await load(c, 'GET by id', {
        method: 'GET',
        next: () => ({
          path: `${c.scimPath}/Users/${encodeURIComponent(randomOf(created[i]!).id)}`,
        }),
      });
    }

    const [us, ...theirs] = results as Phases[];
    const bareAt = peers.findIndex(({ host }) => host === 'bare');
    const phase = (
      key: keyof Phases,
      label: string,
      target: string,
      ok: (u: LoadResult, t: LoadResult) => boolean,
      cpuLimit: number,
    ) => {
      const u = us![key];
      const ratio = (t: LoadResult) => (t.opsPerS > 0 ? u.opsPerS / t.opsPerS : Infinity);
      if (bareAt >= 0) {
        const t = theirs[bareAt]![key];
        rows.push({
          scenario: `S13 ${label}: this server`,
          server: u,
          ceiling: t,
          peakRssMb: tenant.server.peakRssMb(),
          target: `${target}; p99 ≤ Jackson's; CPU ≤ ${cpuLimit} ms`,
          met: ok(u, t) && u.p99Ms <= t.p99Ms && (u.cpuMsPerOp ?? Infinity) <= cpuLimit,
          note:
            `${ratio(t).toFixed(2)}× Jackson (${t.opsPerS.toFixed(0)}/s, p99 ${t.p99Ms.toFixed(0)} ms, ` +
            `CPU ${t.cpuMsPerOp?.toFixed(2) ?? '—'} ms/op); ${u.ok} ok, ${u.failed} failed; ` +
            `Jackson ${t.ok} ok, ${t.failed} failed; ${describeMachineCpu(u.machine, u.ok)}`,
        });
      } else {
        rows.push({
          scenario: `S13 ${label}: this server`,
          server: u,
          peakRssMb: tenant.server.peakRssMb(),
          target: '— (checked against the bare host, not in BENCH_PEER_HOSTS)',
          note: `${u.ok} ok, ${u.failed} failed; ${describeMachineCpu(u.machine, u.ok)}`,
        });
      }
      for (const [i, { host }] of peers.entries()) {
        const t = theirs[i]![key];
        rows.push(
          host === 'bare'
            ? {
                scenario: `S13 ${label}: Jackson ${JACKSON_VERSION}`,
                server: t,
                target: '—',
                note: `the peer, same requests, plain PostgreSQL 15; ${describeMachineCpu(t.machine, t.ok)}`,
              }
            : {
                scenario: `S13 ${label}: ${PEER_LABELS[host]}`,
                server: t,
                target: '—',
                note:
                  `this server ${ratio(t).toFixed(2)}× this; ${HOST_NOTES[host]}, same requests, ` +
                  `its own database; ${t.ok} ok, ${t.failed} failed; ${describeMachineCpu(t.machine, t.ok)}`,
              },
        );
      }
    };
    phase(
      'create',
      'create',
      '≥ 300/s and ≥ 1.5× Jackson',
      (u, t) => u.opsPerS >= 300 && u.opsPerS >= 1.5 * t.opsPerS,
      2.5,
    );
    phase('lookup', 'userName eq', '≥ 1.5× Jackson', (u, t) => u.opsPerS >= 1.5 * t.opsPerS, 1.2);
    phase('get', 'GET by id', '≥ 1.5× Jackson', (u, t) => u.opsPerS >= 1.5 * t.opsPerS, 1.2);
    return rows;
  } finally {
    for (const { peer } of peers) await peer.stop();
    await tenant.server.stop();
  }
}
