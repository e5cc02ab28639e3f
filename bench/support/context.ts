import type { mongo } from 'mongoose';
import type { BenchConfig } from './config';
import type { BenchDatabase } from './database';
import type { BenchSendgrid } from './sendgrid-stand-in';
import { createUserOverHttp, startServer, type ServerProcess } from './server-process';
import { readTemplate, type UserDocument } from './seed';
import { cpuQuiet, type CpuMeter } from './load';

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

/**
 * The tenant's server CPU for `httpLoad`: a read load is measured around itself; a write load
 * until the events relay has published what it wrote and the process has gone quiet (its log
 * flush and last relay pass), so background work counts against the requests that caused it.
 */
export function serverCpu(tenant: Tenant, writes = false): CpuMeter {
  return {
    cpuMs: () => tenant.server.cpuMs(),
    settle: writes
      ? async () => {
          const end = Date.now() + 60_000;
          while (
            (await tenant.users.countDocuments({ '_events.id': { $exists: true } })) > 0 &&
            Date.now() < end
          ) {
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          await cpuQuiet(() => tenant.server.cpuMs());
        }
      : undefined,
  };
}

export const randomOf = <T>(list: readonly T[]): T =>
  list[Math.floor(Math.random() * list.length)]!;
