import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Bench S13's peer: BoxyHQ Jackson's Directory Sync SCIM endpoint (`@boxyhq/saml-jackson`,
 * installed by bench/support/jackson-peer.ts into a cache folder, not a project dependency) on
 * plain PostgreSQL, as its own process so its CPU is its own.
 *
 * Jackson's SCIM endpoint is a Next.js API route in its service (pages/api/scim/v2.0/…) that
 * hands the method, body, directory id, resource and bearer secret to the library's
 * `directorySyncController.requests.handle`; this file is that route on node:http, without
 * Next.js around it (so Jackson is measured at its library's speed, not slower).
 *
 * Environment: JACKSON_DIR (the cache folder holding node_modules), JACKSON_DATABASE_URL (a
 * PostgreSQL database of its own), PORT. Prints one line `READY {"directoryId","secret"}` when
 * it serves.
 */

/** The parts of Jackson's typings this file uses (the package is not a dependency to import). */
interface DirectorySyncRequest {
  method: string;
  body: unknown;
  directoryId: string;
  resourceType: string;
  resourceId: string | undefined;
  apiSecret: string | null;
  query: { count?: number; startIndex?: number; filter?: string };
}
interface JacksonControllers {
  directorySyncController: {
    directories: {
      create(params: Record<string, string>): Promise<{
        data: { id: string; scim: { secret: string } } | null;
        error: { message: string } | null;
      }>;
    };
    requests: {
      handle(request: DirectorySyncRequest): Promise<{ status: number; data: unknown }>;
    };
  };
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

const intOrUndefined = (value: string | null): number | undefined =>
  value === null ? undefined : Number.parseInt(value, 10);

async function main(): Promise<void> {
  const port = Number(env('PORT'));
  const requireFromCache = createRequire(path.join(env('JACKSON_DIR'), 'package.json'));
  const jackson = requireFromCache('@boxyhq/saml-jackson') as {
    default: (opts: Record<string, unknown>) => Promise<JacksonControllers>;
  };
  const externalUrl = `http://127.0.0.1:${port}`;
  const { directorySyncController: dsync } = await jackson.default({
    externalUrl,
    samlPath: '/api/oauth/saml',
    scimPath: '/api/scim/v2.0',
    db: { engine: 'sql', type: 'postgres', url: env('JACKSON_DATABASE_URL') },
    noAnalytics: true,
  });
  const created = await dsync.directories.create({
    name: 'bench',
    tenant: 'bench.example',
    product: 'bench',
    type: 'azure-scim-v2',
  });
  if (!created.data) throw new Error(`directory not created: ${created.error?.message}`);
  const directory = created.data;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const reply = (status: number, data: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/scim+json' });
      res.end(JSON.stringify(data));
    };
    const url = new URL(req.url ?? '/', externalUrl);
    // /api/scim/v2.0/{directoryId}/{Users|Groups}[/{id}], as Jackson's route reads it.
    const parts = url.pathname.replace(/^\/api\/scim\/v2\.0\//, '').split('/');
    const [directoryId, resourceType, resourceId] = parts;
    if (!directoryId || !resourceType) return reply(404, {});
    const auth = req.headers.authorization ?? '';
    readBody(req)
      .then((body) =>
        dsync.requests.handle({
          method: req.method ?? 'GET',
          body,
          directoryId,
          resourceType,
          resourceId: resourceId ? decodeURIComponent(resourceId) : undefined,
          apiSecret: auth.startsWith('Bearer ') ? auth.slice(7) : null,
          query: {
            count: intOrUndefined(url.searchParams.get('count')),
            startIndex: intOrUndefined(url.searchParams.get('startIndex')),
            filter: url.searchParams.get('filter') ?? undefined,
          },
        }),
      )
      .then(
        ({ status, data }) => reply(status, data),
        (error: unknown) => reply(500, { detail: (error as Error).message }),
      );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stdout.write(
    `READY ${JSON.stringify({ directoryId: directory.id, secret: directory.scim.secret })}\n`,
  );
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`jackson peer failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
