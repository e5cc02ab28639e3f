import path from 'node:path';
import { buildSignIn } from './app/build-application';
import { createContext, ensureIndexes } from './app/context';
import { ConfigError, loadConfig } from './platform/config/load-config';
import { resolveAppSecret } from './platform/crypto/app-secret';
import { connectDatabase } from './platform/db/connect';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './platform/db/embedded-database';
import { createLogger } from './platform/logging/logger';

const USAGE = `usage: npm run cli -- <command> [options]

  tenant:create <id> [display name]           create a tenant (idempotent)
  token:create <tenant> <label> [--jwt [--days N]]
                                              create a SCIM token (shown once); --jwt issues an HS256 JWT
  token:list <tenant>                         list a tenant's SCIM tokens (never the secrets)
  token:revoke <tenant> <token id | jwt:<jti>> revoke a token
  admin:create <tenant> <email>               create an administrator (password read from ADMIN_PASSWORD)
  keys:rotate                                 new OpenID Connect signing key; the old one stays in JWKS until its tokens expire

Uses MONGODB_URI, or the embedded database under DATA_DIR (./data), like npm start.`;

type Out = (line: string) => void;

async function run(args: string[], out: Out): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help') {
    out(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig(process.env);
  const logger = createLogger({ level: 'warn' });
  let embedded: EmbeddedDatabase | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    embedded = await startEmbeddedDatabase({
      dataDir: path.resolve(config.dataDir, 'db'),
      sourceDir: config.engineSourceDir,
      cacheDir: config.engineCacheDir,
      say: out,
    });
    uri = `${embedded.uri}/scim`;
  }
  const conn = await connectDatabase({ uri, logger, attempts: 3 });
  try {
    const ctx = createContext({
      config,
      logger,
      conn,
      appSecret: await resolveAppSecret(conn, config.appSecret),
    });
    await ensureIndexes(ctx);
    const { tenants } = ctx;
    const need = (n: number) => {
      if (rest.length < n) throw new ConfigError(`${command}: missing arguments\n${USAGE}`);
    };
    switch (command) {
      case 'tenant:create': {
        need(1);
        const tenant = await tenants.ensureTenant(rest[0]!, rest.slice(1).join(' ') || rest[0]);
        out(`tenant ${tenant._id} (${tenant.displayName})`);
        out(`SCIM base URL: ${config.publicBaseUrl}/scim/v2`);
        return 0;
      }
      case 'token:create': {
        need(2);
        const tenant = await tenants.findTenantById(rest[0]!);
        if (!tenant) throw new ConfigError(`no tenant ${rest[0]}`);
        if (rest.includes('--jwt')) {
          const days = Number(rest[rest.indexOf('--days') + 1] ?? 0);
          const { token, jti } = tenants.issueScimJwt(
            tenant,
            rest[1]!,
            days > 0 ? days * 86_400 : undefined,
          );
          out(`jti: ${jti}`);
          out(`token (shown once): ${token}`);
        } else {
          const { token, view } = await tenants.createScimToken(tenant._id, rest[1]!, 'cli');
          out(`id: ${view.id}`);
          out(`token (shown once): ${token}`);
        }
        return 0;
      }
      case 'token:list': {
        need(1);
        for (const t of await tenants.listScimTokens(rest[0]!)) {
          out(
            `${t.id}  ${t.label}  ${t.hint}…  created ${t.createdAt.toISOString()}  last used ${t.lastUsedAt?.toISOString() ?? 'never'}${t.revokedAt ? '  REVOKED' : ''}`,
          );
        }
        return 0;
      }
      case 'token:revoke': {
        need(2);
        const id = rest[1]!;
        if (id.startsWith('jwt:')) await tenants.revokeScimJwt(rest[0]!, id.slice(4));
        else if (!(await tenants.revokeScimToken(rest[0]!, id)))
          throw new ConfigError(`no active token ${id} in tenant ${rest[0]}`);
        out(`revoked ${id}`);
        return 0;
      }
      case 'admin:create': {
        need(2);
        const password = process.env.ADMIN_PASSWORD;
        if (!password || password.length < 12)
          throw new ConfigError('set ADMIN_PASSWORD (at least 12 characters)');
        await tenants.ensureTenant(rest[0]!);
        const { created } = await tenants.ensureAdministrator(rest[0]!, rest[1]!, password);
        out(
          created ? `administrator ${rest[1]} created` : `administrator ${rest[1]} already exists`,
        );
        return 0;
      }
      case 'keys:rotate': {
        const { kid, retired } = await buildSignIn(ctx).rotateKeys();
        out(`signing key ${kid} signs from now on`);
        if (retired.length)
          out(`retired ${retired.join(', ')}: published until the tokens they signed expire`);
        out('running servers pick the new key up within 5 s');
        return 0;
      }
      default:
        out(`unknown command ${command}\n${USAGE}`);
        return 2;
    }
  } finally {
    await conn.close();
    await embedded?.stop();
  }
}

run(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigError ? error.message : `error: ${(error as Error).message}`}\n`,
    );
    process.exit(1);
  });
