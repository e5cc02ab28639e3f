import { monitorEventLoopDelay } from 'node:perf_hooks';
import http from 'node:http';
import path from 'node:path';
import { bootstrap, type BootstrapResult } from './app/bootstrap';
import { buildApplication } from './app/build-application';
import { createContext, ensureIndexes } from './app/context';
import { backfillSortKeys } from './directory/backfill-sort-keys';
import { ConfigError, loadConfig, type Config } from './platform/config/load-config';
import { connectDatabase } from './platform/db/connect';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './platform/db/embedded-database';
import { resolveAppSecret } from './platform/crypto/app-secret';
import { createLogger, type Logger } from './platform/logging/logger';
import { createMetrics } from './platform/metrics/metrics';

function readConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    const dataDir = path.resolve(config.dataDir, 'db');
    embedded = await startEmbeddedDatabase({
      dataDir,
      sourceDir: config.engineSourceDir,
      cacheDir: config.engineCacheDir,
      say,
    });
    uri = `${embedded.uri}/scim`;
    say(
      `embedded database (${path.relative(process.cwd(), dataDir) || dataDir}) at ${embedded.uri}`,
    );
  }
  try {
    const conn = await connectDatabase({ uri, logger });
    const appSecret = await resolveAppSecret(conn, config.appSecret);
    const eventLoop = monitorEventLoopDelay({ resolution: 10 });
    eventLoop.enable();
    const metrics = createMetrics({ defaultMetrics: true });
    const ctx = createContext({ config, logger, conn, appSecret, eventLoop, metrics });
    const { app, workers } = buildApplication(ctx);
    const boot = await prepareStoredState(ctx, logger, path.resolve(config.dataDir));

    const server = http.createServer(app);
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    for (const worker of workers) worker.start();
    logger.info('listening', { host: config.host, port, transport: config.emailTransport });

    const base = config.publicBaseUrl.replace(`:${config.port}`, `:${port}`);
    say('');
    say(`SCIM base URL     ${base}/scim/v2`);
    say(`Identity Manager  ${base}/identity-manager`);
    say(`Admin client      ${base}/admin/users`);
    if (config.emailTransport === 'outbox') say(`Mailbox (dev)     ${base}/mailbox`);
    if (boot.printedToken) say(`SCIM token        ${boot.printedToken}`);
    if (!(await ctx.tenantModels.Administrator.exists({ tenantId: 'default' }))) {
      say(
        'No administrator yet: restart with ADMIN_BOOTSTRAP_EMAIL and ADMIN_BOOTSTRAP_PASSWORD to sign in',
      );
    }
    say(
      `Try: curl -H "Authorization: Bearer ${boot.printedToken ?? '<token>'}" ${base}/scim/v2/ServiceProviderConfig`,
    );
    say('');

    installShutdown({
      server,
      workers,
      logger,
      close: async () => {
        await conn.close();
        await embedded?.stop();
      },
    });
  } catch (error) {
    // Whatever failed after the embedded engine started, it must not outlive this process.
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

/**
 * Indexes, sort keys and start-up state, all idempotent. Replicas starting together on an empty
 * database can still collide inside the engine (PostgreSQL under FerretDB answers "deadlock
 * detected" to concurrent collection and index creation), so a failed attempt is tried again a
 * few times, with jitter, before start-up gives up.
 */
async function prepareStoredState(
  ctx: ReturnType<typeof createContext>,
  logger: Logger,
  dataDir: string,
): Promise<BootstrapResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ensureIndexes(ctx);
      await backfillSortKeys(ctx.directory, ctx.registry);
      return await bootstrap(ctx, { dataDir });
    } catch (error) {
      if (attempt >= 5) throw error;
      logger.warn('start-up state not written; trying again', {
        attempt,
        error: (error as Error).message,
      });
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt + Math.random() * 300));
    }
  }
}

function installShutdown(parts: {
  server: http.Server;
  workers: ReturnType<typeof buildApplication>['workers'];
  logger: Logger;
  close: () => Promise<void>;
}): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    parts.logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await new Promise<void>((resolve) => {
      parts.server.close(() => resolve());
      parts.server.closeIdleConnections();
    });
    await Promise.all(parts.workers.map((w) => w.stop()));
    await parts.close();
    parts.logger.info('stopped');
    process.exit(process.exitCode ?? 0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('unhandledRejection', (reason) => {
    parts.logger.error('unhandled rejection; exiting', { error: reason });
    process.exitCode = 1;
    void stop('unhandledRejection');
  });
  process.on('uncaughtException', (error) => {
    parts.logger.error('uncaught exception; exiting', { error });
    process.exitCode = 1;
    void stop('uncaughtException');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`start-up failed: ${(error as Error).message}\n`);
  process.exit(1);
});
