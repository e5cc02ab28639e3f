import { hashPassword } from '../../src/platform/crypto/secrets';
import { openTenant, type ScenarioContext } from '../support/context';
import type { HttpBrowser } from '../support/http-browser';
import { LoadSamples, closedLoop } from '../support/load';
import type { Row } from '../support/report';
import { seedUsers, seededName } from '../support/seed';
import {
  METRICS_TOKEN,
  commandsPerCall,
  exchangeCode,
  nextCode,
  refresh,
  registerApplication,
  signInBrowser,
  type IssuedCode,
} from '../support/sign-in-flow';
import { tokenReplays } from '../support/token-replay';

const USERS = 1_000;
const TENANT = 'default';
const PASSWORD = 'Analytical-Engine-1843';
/** High enough that the per-client token limit (600 a minute by default) never answers 429. */
const TOKEN_LIMIT = '100000';
/** Codes live 60 s: a batch is issued within this, then exchanged. */
const ISSUE_S = 20;
const COUNTED_CALLS = 50;
/** Turns the server and its ceiling take. */
const ROUNDS = 3;
/** A code issued at the start of a batch is still live when the batch's last is exchanged. */
const EXCHANGE_S = 30;

const mixText = (mix: Record<string, number>) =>
  Object.entries(mix)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');

/**
 * S12 (issue 19): authorization-code exchanges and refreshes per second at the token endpoint
 * of a tenant's provider with 1,000 users, each beside the driver replaying the database
 * commands one such request makes (counted from the server's command monitoring, pinned by
 * test/sign-in/token-round-trips.test.ts), the two taking turns in the same run.
 */
export async function benchSignIn(ctx: ScenarioContext): Promise<Row[]> {
  const { connections, durationS } = ctx.config;
  const tenant = await openTenant(ctx, 'bench_s12', {
    env: { OIDC_TOKEN_LIMIT_PER_MINUTE: TOKEN_LIMIT, METRICS_TOKEN },
  });
  const { server } = tenant;
  try {
    ctx.say(`S12 seeding ${USERS} users with a password`);
    const passwordHash = await hashPassword(PASSWORD);
    await seedUsers(tenant.users, { ...tenant.template, passwordHash }, 0, USERS);
    const client = await registerApplication(server, TENANT);

    // Two browsers per connection, each a different user signed in once through the login page.
    const poolSize = Math.min(USERS, connections * 2);
    ctx.say(`S12 signing ${poolSize} users in through the login page`);
    const browsers: HttpBrowser[] = [];
    const refreshTokens: string[] = [];
    for (let i = 0; i < poolSize; i++) {
      const signedIn = await signInBrowser(client, seededName(i), PASSWORD, `10.12.0.${i + 1}`);
      browsers.push(signedIn.browser);
      const tokens = await exchangeCode(client, signedIn.first);
      if (!tokens.refresh_token) throw new Error('no refresh token for offline_access');
      refreshTokens.push(tokens.refresh_token);
    }
    const turns = new Array<number>(connections).fill(0);
    const browserOf = (loop: number) => browsers[(loop + connections * turns[loop]++) % poolSize]!;

    ctx.say('S12 counting database commands per exchange and per refresh');
    const counted: IssuedCode[] = [];
    for (let i = 0; i < COUNTED_CALLS; i++) counted.push(await nextCode(client, browsers[0]!));
    const sample = await exchangeCode(client, await nextCode(client, browsers[0]!));
    const perExchange = await commandsPerCall(server, COUNTED_CALLS, (i) =>
      exchangeCode(client, counted[i]!),
    );
    let chain = refreshTokens.pop()!;
    const perRefresh = await commandsPerCall(server, COUNTED_CALLS, async () => {
      chain = (await refresh(client, chain)).refresh_token!;
    });

    // Server and ceiling take turns in short slices, so both see the same neighbours on a
    // shared machine; each side's slices add up to `durationS`.
    const replays = await tokenReplays(ctx.db.client.db('bench_s12'), TENANT, client.clientId);
    const slice = durationS / ROUNDS;
    const exchanges = new LoadSamples();
    const exchangeCeiling = new LoadSamples();
    const issuing = new LoadSamples();
    let batches = 0;
    let exchangeCpuMs = 0;
    let refreshCpuMs = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      ctx.say(`S12 round ${round}/${ROUNDS}: POST /token authorization_code, then its ceiling`);
      while (exchanges.elapsedMs < round * slice * 1000) {
        const left = round * slice - exchanges.elapsedMs / 1000;
        const codes: IssuedCode[] = [];
        await closedLoop(issuing, connections, Math.min(ISSUE_S, left * 2), async (loop) => {
          codes.push(await nextCode(client, browserOf(loop)));
        });
        if (codes.length === 0) throw new Error(`no code issued (${issuing.failed} failed)`);
        let next = 0;
        const cpuBefore = server.cpuMs();
        await closedLoop(exchanges, connections, Math.min(left, EXCHANGE_S), async () => {
          const issued = codes[next++];
          if (!issued) return 'done';
          return exchangeCode(client, issued);
        });
        exchangeCpuMs += server.cpuMs() - cpuBefore;
        batches += 1;
      }
      await closedLoop(exchangeCeiling, connections, slice, replays.exchange.run);
    }

    const chains = refreshTokens.splice(0, connections);
    const refreshes = new LoadSamples();
    const refreshCeiling = new LoadSamples();
    for (let round = 1; round <= ROUNDS; round++) {
      ctx.say(`S12 round ${round}/${ROUNDS}: POST /token refresh_token, then its ceiling`);
      const cpuBefore = server.cpuMs();
      await closedLoop(refreshes, connections, slice, async (loop) => {
        try {
          chains[loop] = (await refresh(client, chains[loop]!)).refresh_token!;
        } catch (error) {
          // A broken chain (its token refused) goes on from a spare one.
          chains[loop] = refreshTokens.pop() ?? chains[loop]!;
          throw error;
        }
      });
      refreshCpuMs += server.cpuMs() - cpuBefore;
      await closedLoop(refreshCeiling, connections, slice, replays.refresh.run);
    }
    const [exchange, issued, refreshed] = [exchanges, issuing, refreshes].map((x) => x.result());
    // Server CPU per answer, around the loads that sent only that kind of request.
    if (exchange.ok > 0) exchange.cpuMsPerOp = exchangeCpuMs / exchange.ok;
    if (refreshed.ok > 0) refreshed.cpuMsPerOp = refreshCpuMs / refreshed.ok;

    const limitNote = `OIDC_TOKEN_LIMIT_PER_MINUTE=${TOKEN_LIMIT} so the per-client limit never caps it`;
    return [
      {
        scenario: `S12 code exchange (${USERS} users)`,
        server: exchange,
        ceiling: exchangeCeiling.result(),
        peakRssMb: server.peakRssMb(),
        target: '— (reported)',
        note:
          `${exchange.failed} failed; ${exchange.ok} codes in ${batches} batch(es), issued at ` +
          `${issued.opsPerS.toFixed(0)}/s (GET /auth, p99 ${issued.p99Ms.toFixed(0)} ms); ` +
          `answer ${sample.refresh_token ? 'with' : 'without'} a refresh token; ` +
          `commands per exchange ${mixText(perExchange)}, ceiling replays ` +
          `${mixText(replays.exchange.mix)}; ${limitNote}`,
      },
      {
        scenario: `S12 refresh (${USERS} users)`,
        server: refreshed,
        ceiling: refreshCeiling.result(),
        peakRssMb: server.peakRssMb(),
        target: '— (reported)',
        note:
          `${refreshed.failed} failed; ${connections} rotating chains; commands per refresh ` +
          `${mixText(perRefresh)}, ceiling replays ${mixText(replays.refresh.mix)}; ${limitNote}`,
      },
    ];
  } finally {
    await server.stop();
  }
}
