import { openTenant, type ScenarioContext } from '../support/context';
import { percentile } from '../support/load';
import type { Row } from '../support/report';
import { createUserOverHttp, switchWelcomeOn } from '../support/server-process';

/**
 * S6: users created over SCIM with the switch on, at the bench's concurrency, until the SendGrid
 * stand-in has accepted one email per user (or time runs out): emails/s from the first create to
 * the last acceptance, create→accepted latency, duplicates and missing emails.
 */
export async function benchWelcome(ctx: ScenarioContext): Promise<Row[]> {
  const count = ctx.config.welcomeUsers;
  const tenant = await openTenant(ctx, 'bench_s6');
  const { sendgrid } = ctx;
  try {
    await switchWelcomeOn(tenant.server);
    const before = sendgrid.accepted();
    const createdAt = new Map<string, number>();
    let next = 0;
    let failedCreates = 0;
    const started = Date.now();
    const cpuBefore = tenant.server.cpuMs();
    ctx.say(`S6 creating ${count} users with the switch on`);
    await Promise.all(
      Array.from({ length: ctx.config.connections }, async () => {
        while (next < count) {
          const i = next++;
          try {
            const id = await createUserOverHttp(tenant.server, `s6-${i}@bench.example`);
            createdAt.set(id, Date.now());
          } catch {
            failedCreates += 1;
          }
        }
      }),
    );
    const createS = (Date.now() - started) / 1000;
    const timeoutMs = Math.max(120_000, count * 100);
    ctx.say(
      `S6 created in ${createS.toFixed(0)} s; waiting up to ${timeoutMs / 1000} s for emails`,
    );
    await sendgrid.waitForAccepted(before + createdAt.size, timeoutMs);
    const cpuMs = tenant.server.cpuMs() - cpuBefore;
    // Let a late duplicate show itself before counting.
    await new Promise((r) => setTimeout(r, 2_000));
    const latencies: number[] = [];
    let duplicates = 0;
    let missing = 0;
    let lastArrival = started;
    for (const [id, created] of createdAt) {
      const arrivals = sendgrid.arrivals.get(id);
      if (!arrivals) {
        missing += 1;
        continue;
      }
      if (arrivals.length > 1) duplicates += arrivals.length - 1;
      latencies.push(arrivals[0]! - created);
      lastArrival = Math.max(lastArrival, arrivals[0]!);
    }
    const seconds = (lastArrival - started) / 1000;
    const emailsPerS = latencies.length / Math.max(seconds, 0.001);
    const sorted = Float64Array.from(latencies).sort();
    return [
      {
        scenario: `S6 welcome (${count} users)`,
        server: {
          opsPerS: emailsPerS,
          p50Ms: percentile(sorted, 50),
          p99Ms: percentile(sorted, 99),
          ok: latencies.length,
          failed: missing,
          // The whole journey per email: its create, its events, its send.
          cpuMsPerOp: latencies.length > 0 ? cpuMs / latencies.length : undefined,
        },
        peakRssMb: tenant.server.peakRssMb(),
        target: '≥ 300 emails/s, 0 dup, 0 missing',
        met: emailsPerS >= 300 && duplicates === 0 && missing === 0 && failedCreates === 0,
        note:
          `emails/s over ${seconds.toFixed(0)} s; p50/p99 = create→accepted; ` +
          `creates ${(createdAt.size / createS).toFixed(0)}/s, ${failedCreates} failed; ` +
          `duplicates ${duplicates}, missing ${missing}; stand-in rejected ${sendgrid.rejected()}`,
      },
    ];
  } finally {
    await tenant.server.stop();
  }
}
