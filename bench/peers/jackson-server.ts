import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';

/**
 * Bench S13's peer: BoxyHQ Jackson's Directory Sync SCIM endpoint (`@boxyhq/saml-jackson`,
 * installed by bench/support/jackson-peer.ts into a cache folder, not a project dependency) on
 * plain PostgreSQL, as its own process so its CPU is its own.
 *
 * Jackson's SCIM endpoint is a Next.js API route in its service (pages/api/scim/v2.0/…) that
 * hands the method, body, directory id, resource and bearer secret to the library's
 * `directorySyncController.requests.handle`. JACKSON_HOST says what this process puts around
 * that call:
 * - `bare` (the default): the route on node:http, without any framework around it (so Jackson
 *   is measured at its library's speed, not slower);
 * - `express`: the route in an express app, as a product embedding Jackson's library in its own
 *   Node service would write it (express from this project's node_modules, its defaults kept);
 * - `setup`: no server: it creates the directory, prints READY and exits, for the Next.js host
 *   (bench/peers/jackson-next), which then serves the same database with `next start`.
 *
 * Environment: JACKSON_DIR (the cache folder holding node_modules), JACKSON_DATABASE_URL (a
 * PostgreSQL database of its own), PORT, JACKSON_HOST. Prints one line
 * `READY {"directoryId","secret"}` when it serves (or, for `setup`, when the directory exists).
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

type Dsync = JacksonControllers['directorySyncController'];

const reply = (res: ServerResponse, status: number, data: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/scim+json' });
  res.end(JSON.stringify(data));
};

const bearer = (auth: string | undefined): string | null =>
  auth?.startsWith('Bearer ') ? auth.slice(7) : null;

/**
 * What Jackson's route hands the library for a request to `/{directoryId}/{type}[/{id}]`: the
 * method, the body, the path's parts, the bearer secret and the paging and filter parameters
 * (`param` reads one from the query string).
 */
function directoryRequest(
  method: string,
  body: unknown,
  path: { directoryId: string; resourceType: string; resourceId: string | undefined },
  authorization: string | undefined,
  param: (name: string) => string | null,
): DirectorySyncRequest {
  return {
    method,
    body,
    ...path,
    apiSecret: bearer(authorization),
    query: {
      count: intOrUndefined(param('count')),
      startIndex: intOrUndefined(param('startIndex')),
      filter: param('filter') ?? undefined,
    },
  };
}

/** The route on node:http: the path, query and body read by hand. */
function bareHost(dsync: Dsync, externalUrl: string): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', externalUrl);
    // /api/scim/v2.0/{directoryId}/{Users|Groups}[/{id}], as Jackson's route reads it.
    const parts = url.pathname.replace(/^\/api\/scim\/v2\.0\//, '').split('/');
    const [directoryId, resourceType, resourceId] = parts;
    if (!directoryId || !resourceType) return reply(res, 404, {});
    const path = {
      directoryId,
      resourceType,
      resourceId: resourceId ? decodeURIComponent(resourceId) : undefined,
    };
    readBody(req)
      .then((body) =>
        dsync.requests.handle(
          directoryRequest(req.method ?? 'GET', body, path, req.headers.authorization, (name) =>
            url.searchParams.get(name),
          ),
        ),
      )
      .then(
        ({ status, data }) => reply(res, status, data),
        (error: unknown) => reply(res, 500, { detail: (error as Error).message }),
      );
  });
}

const queryString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The route in an express app: express.json() parses both JSON media types, a catch-all route
 * gives the path's segments (as the service's `[...directory]` does) and the answer goes out
 * through `res.status().json()` (express's defaults kept: its weak ETag, X-Powered-By).
 */
function expressHost(dsync: Dsync): Server {
  const app = express();
  app.use(express.json({ type: ['application/json', 'application/scim+json'] }));
  app.all('/api/scim/v2.0/*directory', async (req, res) => {
    const segments = (req.params as Record<string, unknown>).directory;
    const [directoryId, resourceType, resourceId] = Array.isArray(segments)
      ? (segments as string[])
      : [];
    if (!directoryId || !resourceType) {
      res.status(404).json({});
      return;
    }
    const { status, data } = await dsync.requests.handle(
      directoryRequest(
        req.method,
        req.body as unknown,
        { directoryId, resourceType, resourceId },
        req.headers.authorization,
        (name) => queryString(req.query[name]),
      ),
    );
    res.status(status).json(data);
  });
  return createServer(app);
}

async function main(): Promise<void> {
  const port = Number(env('PORT'));
  const host = process.env.JACKSON_HOST ?? 'bare';
  if (!['bare', 'express', 'setup'].includes(host)) throw new Error(`unknown JACKSON_HOST ${host}`);
  const requireFromCache = createRequire(path.join(env('JACKSON_DIR'), 'package.json'));
  const jackson = requireFromCache('@boxyhq/saml-jackson') as {
    default: (opts: Record<string, unknown>) => Promise<JacksonControllers>;
  };
  const externalUrl = `http://127.0.0.1:${port}`;
  // The same options in bench/peers/jackson-next/lib/jackson.js.
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
  const ready = `READY ${JSON.stringify({ directoryId: directory.id, secret: directory.scim.secret })}\n`;
  if (host === 'setup') {
    process.stdout.write(ready, () => process.exit(0));
    return;
  }

  const server = host === 'express' ? expressHost(dsync) : bareHost(dsync, externalUrl);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  process.stdout.write(ready);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`jackson peer failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
