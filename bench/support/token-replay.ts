import { randomBytes } from 'node:crypto';
import type { mongo } from 'mongoose';
import { randomOf } from './context';

/**
 * The database work of one token request, replayed with the driver for S12's ceiling: the same
 * commands on the same collections, with the documents the server stored during the run. Read
 * from src/sign-in (oidc-adapter.ts, provider-configuration.ts, account-claims.ts, oidc-routes.ts)
 * and checked against the server's own command counts (S12 prints both).
 */
export interface TokenReplay {
  /** Commands per call by name, as `commandsPerCall` reports them. */
  mix: Record<string, number>;
  run(): Promise<void>;
}

interface StateDoc {
  _id: string;
  kind: string;
  payload: Record<string, unknown>;
  grantId?: string;
  accountId?: string;
  uid?: string;
}

export async function tokenReplays(
  db: mongo.Db,
  tenantId: string,
  clientId: string,
): Promise<{ exchange: TokenReplay; refresh: TokenReplay }> {
  const state = db.collection<StateDoc>('oidc_state');
  const byKind = async (kind: string) =>
    state.find({ tenantId, kind } as never, { limit: 2_000 }).toArray();
  const kinds = ['AuthorizationCode', 'Grant', 'RefreshToken', 'AccessToken', 'Session'];
  const [codes, grants, refreshTokens, accessTokens, stored] = await Promise.all(kinds.map(byKind));
  const sessions = stored!.filter((s) => typeof s.uid === 'string');
  if (!codes!.length || !grants!.length || !refreshTokens!.length || !sessions.length) {
    throw new Error('the run left no codes, grants, sessions or tokens to replay');
  }
  const userIds = [...new Set(grants!.map((g) => g.accountId).filter((a) => a !== undefined))];
  const live = (kind: string) => ({ tenantId, kind, expiresAt: { $gt: new Date() } });

  // oidc-routes.ts: the per-client limit, one fixed-window counter per minute.
  const countRequest = () => {
    const start = Math.floor(Date.now() / 60_000) * 60_000;
    return db
      .collection<{ _id: string }>('rate_limits')
      .findOneAndUpdate(
        { _id: `oidc-token:${tenantId}:${clientId}|${start}-ceiling` },
        { $inc: { count: 1 }, $setOnInsert: { expiresAt: new Date(start + 60_000) } },
        { upsert: true, returnDocument: 'after' },
      );
  };
  const findClient = () =>
    db.collection<{ _id: string }>('applications').findOne({ _id: clientId, tenantId });
  const find = (doc: StateDoc) => state.findOne({ _id: doc._id, ...live(doc.kind) } as never);
  const consume = (doc: StateDoc) =>
    state.updateOne({ _id: doc._id, ...live(doc.kind) } as never, {
      $set: { consumedAt: new Date() },
    });
  // A code is bound to the session it was issued in: the exchange looks that session up by uid.
  const findSession = () =>
    state.findOne({ uid: randomOf(sessions).uid, ...live('Session') } as never);
  const findAccount = () =>
    db.collection<{ _id: string }>('users').findOne({ _id: randomOf(userIds), tenantId });
  const store = (like: StateDoc) =>
    state.updateOne(
      { _id: randomBytes(32).toString('hex') },
      {
        $set: {
          tenantId,
          kind: like.kind,
          payload: like.payload,
          expiresAt: new Date(Date.now() + 3_600_000),
          grantId: like.grantId,
          accountId: like.accountId,
        },
      },
      { upsert: true },
    );

  return {
    exchange: {
      mix: { findAndModify: 1, find: 5, update: 2 },
      async run() {
        await countRequest();
        await findClient();
        const code = randomOf(codes!);
        await find(code);
        await findSession();
        await find(randomOf(grants!));
        await consume(code);
        await findAccount();
        await store(randomOf(accessTokens!));
      },
    },
    refresh: {
      mix: { findAndModify: 1, find: 4, update: 3 },
      async run() {
        await countRequest();
        await findClient();
        const token = randomOf(refreshTokens!);
        await find(token);
        await find(randomOf(grants!));
        await findAccount();
        await consume(token);
        await store(token);
        await store(randomOf(accessTokens!));
      },
    },
  };
}
