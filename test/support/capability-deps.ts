import type { Connection } from 'mongoose';
import { connectDatabase } from '../../src/platform/db/connect';
import { createLogger } from '../../src/platform/logging/logger';
import { applicationModel } from '../../src/sign-in/applications/application-model';
import type { ApplicationsDeps } from '../../src/sign-in/applications/manage-applications';
import { signingKeyModel, type SigningKeysDeps } from '../../src/sign-in/provider/signing-keys';
import { uniqueDbName } from './test-app';

/**
 * What a unit test of one capability needs: a database of its own and that capability's
 * declared deps, not the whole application (issue 20). One builder per capability part.
 */
export async function testConnection(
  name: string,
): Promise<Connection & { drop(): Promise<void> }> {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri)
    throw new Error('TEST_MONGODB_URI is not set: run the tests through jest (global setup)');
  const conn = await connectDatabase({
    uri,
    dbName: uniqueDbName(name),
    logger: createLogger({ level: 'error' }),
    attempts: 3,
  });
  return Object.assign(conn, {
    async drop() {
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    },
  });
}

export const APP_SECRET_FOR_UNITS = 'unit-test-app-secret-0123456789abcdef0123456789';

export function applicationsDeps(conn: Connection, now = () => new Date()): ApplicationsDeps {
  return { Application: applicationModel(conn), appSecret: APP_SECRET_FOR_UNITS, now };
}

export function signingKeysDeps(conn: Connection, now = () => new Date()): SigningKeysDeps {
  return {
    SigningKey: signingKeyModel(conn),
    appSecret: APP_SECRET_FOR_UNITS,
    now,
    keepRetiredSeconds: 3600,
  };
}
