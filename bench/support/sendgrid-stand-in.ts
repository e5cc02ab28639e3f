import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal, fast stand-in for SendGrid's v3 Mail Send API (the strict one is
 * test/support/sendgrid-stand-in.ts, outside the build): it checks the bearer key and the v3
 * body shape, answers 202 with X-Message-Id, and records when each user's email arrived.
 */
export interface BenchSendgrid {
  url: string;
  apiKey: string;
  /** userId (custom_args.userId) → arrival times in ms (more than one is a duplicate). */
  arrivals: Map<string, number[]>;
  accepted: () => number;
  rejected: () => number;
  waitForAccepted(count: number, timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

interface MailSendBody {
  personalizations?: Array<{ to?: Array<{ email?: unknown }> }>;
  from?: { email?: unknown };
  subject?: unknown;
  content?: Array<{ type?: unknown; value?: unknown }>;
  custom_args?: { userId?: unknown };
}

function isMailSend(body: MailSendBody): boolean {
  const to = body.personalizations?.[0]?.to?.[0]?.email;
  const content = body.content?.[0];
  return (
    typeof to === 'string' &&
    typeof body.from?.email === 'string' &&
    (typeof body.subject === 'string' || body.personalizations !== undefined) &&
    typeof content?.type === 'string' &&
    typeof content.value === 'string'
  );
}

export async function startBenchSendgrid(apiKey: string): Promise<BenchSendgrid> {
  const arrivals = new Map<string, number[]>();
  let accepted = 0;
  let rejected = 0;
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reject = (status: number) => {
        rejected += 1;
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ message: `rejected ${status}`, field: null }] }));
      };
      if (req.method !== 'POST' || req.url !== '/v3/mail/send') return reject(404);
      if (req.headers.authorization !== `Bearer ${apiKey}`) return reject(401);
      let body: MailSendBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as MailSendBody;
      } catch {
        return reject(400);
      }
      if (!isMailSend(body)) return reject(400);
      const userId = String(body.custom_args?.userId ?? '');
      const list = arrivals.get(userId) ?? [];
      list.push(Date.now());
      arrivals.set(userId, list);
      accepted += 1;
      res.writeHead(202, { 'X-Message-Id': randomBytes(16).toString('base64url').slice(0, 22) });
      res.end();
      for (const wake of waiters) wake();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    arrivals,
    accepted: () => accepted,
    rejected: () => rejected,
    waitForAccepted: (count, timeoutMs) =>
      new Promise((resolve) => {
        const done = (ok: boolean) => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(ok);
        };
        const check = () => {
          if (accepted >= count) done(true);
        };
        const timer = setTimeout(() => done(false), timeoutMs);
        waiters.add(check);
        check();
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
