import type { mongo } from 'mongoose';
import {
  REDIRECT_URI,
  exchangeCode,
  nextCode,
  refresh,
  signInBrowser,
  type BenchClient,
} from '../../bench/support/sign-in-flow';
import {
  createUserWithPassword,
  startListeningApp,
  type ListeningApp,
} from '../support/oidc-harness';

/**
 * Database commands per token request, counted with the driver's command monitoring once warm
 * (the client and the tenant already seen). Bench S12's ceiling replays exactly these
 * (bench/support/token-replay.ts); when this changes, change that too.
 */
const PASSWORD = 'Analytical-Engine-1843';
const HOUSEKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions']);
let app: ListeningApp;
let client: BenchClient;
let commands: string[] = [];

beforeAll(async () => {
  app = await startListeningApp('tokenroundtrips');
  const created = await app.t
    .http()
    .post('/api/admin/applications')
    .set('Authorization', `Bearer ${app.admin}`)
    .send({ name: 'CRM', redirectUris: [REDIRECT_URI] })
    .expect(201);
  const { clientId, clientSecret } = created.body as { clientId: string; clientSecret: string };
  client = {
    issuer: `${app.baseUrl}/oidc/default`,
    clientId,
    authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
  };
  await createUserWithPassword(app, 'ada@example.test', PASSWORD);
  app.t.ctx.conn.getClient().on('commandStarted', (e: mongo.CommandStartedEvent) => {
    if (!HOUSEKEEPING.has(e.commandName)) {
      commands.push(`${e.commandName} ${String(e.command[e.commandName])}`);
    }
  });
}, 60_000);
afterAll(async () => app?.close());

async function counted(fn: () => Promise<unknown>): Promise<string[]> {
  commands = [];
  await fn();
  return [...commands];
}

describe('database commands per token request, once warm', () => {
  it('a code exchange takes 8 and a refresh with rotation 8', async () => {
    const { browser, first } = await signInBrowser(
      client,
      'ada@example.test',
      PASSWORD,
      '10.1.1.1',
    );
    let refreshToken = (await exchangeCode(client, first)).refresh_token!;
    const code = await nextCode(client, browser);
    expect(await counted(() => exchangeCode(client, code))).toEqual([
      'findAndModify rate_limits', // the per-client limit
      'find applications', // the client
      'find oidc_state', // the code
      'find oidc_state', // the session it was issued in, by uid
      'find oidc_state', // the grant
      'update oidc_state', // the code consumed
      'find users', // the account, still active
      'update oidc_state', // the access token
    ]);
    expect(
      await counted(async () => {
        refreshToken = (await refresh(client, refreshToken)).refresh_token!;
      }),
    ).toEqual([
      'findAndModify rate_limits',
      'find applications',
      'find oidc_state', // the refresh token
      'find oidc_state', // the grant
      'find users',
      'update oidc_state', // the old refresh token consumed
      'update oidc_state', // its successor
      'update oidc_state', // the access token
    ]);
  });
});
