import type { mongo } from 'mongoose';
import type { BenchConfig } from './config';
import type { BenchDatabase } from './database';
import type { BenchSendgrid } from './sendgrid-stand-in';
import { createUserOverHttp, startServer, type ServerProcess } from './server-process';
import { readTemplate, type UserDocument } from './seed';

/** What every scenario is given: sizes, the database, the SendGrid stand-in and a logger. */
export interface ScenarioContext {
  config: BenchConfig;
  db: BenchDatabase;
  sendgrid: BenchSendgrid;
  say: (line: string) => void;
}

export interface Tenant {
  server: ServerProcess;
  users: mongo.Collection<UserDocument>;
  /** A user the server created over SCIM, read back raw: the shape seeded users are cloned from. */
  template: UserDocument;
}

/** Starts a server on database `dbName` (dropped first unless `keep`) with one real user in it. */
export async function openTenant(
  ctx: ScenarioContext,
  dbName: string,
  options: { keep?: boolean; env?: Record<string, string> } = {},
): Promise<Tenant> {
  const database = ctx.db.client.db(dbName);
  if (!options.keep) await database.dropDatabase();
  const server = await startServer(ctx.db.uriFor(dbName), ctx.sendgrid.url, options.env);
  const users = database.collection<UserDocument>('users');
  const existing = await users.findOne({ userName: 'template@bench.example' });
  const id = existing?._id ?? (await createUserOverHttp(server, 'template@bench.example'));
  return { server, users, template: await readTemplate(users, id) };
}

export const randomOf = <T>(list: readonly T[]): T =>
  list[Math.floor(Math.random() * list.length)]!;
