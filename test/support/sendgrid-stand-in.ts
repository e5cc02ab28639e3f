import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
  sendgridError as error,
  validateMailSend,
  type SendgridErrorItem,
} from './sendgrid-mail-send-rules';

/**
 * A local stand-in for SendGrid's v3 Mail Send API: it checks requests as strictly as the real
 * service documents (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/errors) and
 * can be told to fail, so transports are tested over real HTTP without the internet.
 */
export interface SendgridStandIn {
  /** Base URL, e.g. `http://127.0.0.1:54321`; the transport appends `/v3/mail/send`. */
  readonly url: string;
  readonly apiKey: string;
  readonly accepted: StandInMessage[];
  /** Every request received, including rejected ones. */
  readonly requestCount: number;
  /** The next `count` requests are answered with `status`, before any other check. */
  failNext(count: number, status: number): void;
  /** From now on, a `share` (0..1) of requests fail with one of `statuses`, seeded and repeatable. */
  failRate(share: number, statuses: number[]): void;
  /** Holds every response for `ms` (0 turns it off). */
  delay(ms: number): void;
  /** Keeps every request from now on open, unanswered, until `release()`. */
  hold(): void;
  /** Answers the held requests (as if each had arrived now) and stops holding; returns how many. */
  release(): number;
  /** Requests received and not yet answered (delayed or held): sends in flight at the sender. */
  readonly inFlight: number;
  /** The `userId` custom argument of each held request. */
  heldUserIds(): string[];
  waitForInFlight(count: number, timeoutMs?: number): Promise<void>;
  waitForAccepted(count: number, timeoutMs?: number): Promise<StandInMessage[]>;
  reset(): void;
  close(): Promise<void>;
}

export interface StandInMessage {
  messageId: string;
  body: Record<string, unknown>;
  receivedAt: Date;
}

export const STAND_IN_API_KEY = 'SG.stand-in.local-test-key';
/** Seconds until the rate-limit window "reopens" on a 429. */
export const STAND_IN_RATE_LIMIT_RESET_SECONDS = 2;

const MAX_BODY_BYTES = 1024 * 1024;

export async function startSendgridStandIn(
  options: { apiKey?: string; seed?: number } = {},
): Promise<SendgridStandIn> {
  const apiKey = options.apiKey ?? STAND_IN_API_KEY;
  const seed = options.seed ?? 42;
  const events = new EventEmitter();
  const accepted: StandInMessage[] = [];
  const pending = new Set<{ timer: NodeJS.Timeout; res: ServerResponse }>();
  let state = { requestCount: 0, failNext: { count: 0, status: 0 }, delayMs: 0 };
  let rate = { share: 0, statuses: [] as number[] };
  let random = mulberry32(seed);
  let holding = false;
  const held: Array<{ req: IncomingMessage; res: ServerResponse; raw: Buffer }> = [];

  const respond = (res: ServerResponse, status: number, errors?: SendgridErrorItem[]) => {
    if (status === 429) {
      const reset = Math.ceil(Date.now() / 1000) + STAND_IN_RATE_LIMIT_RESET_SECONDS;
      res.setHeader('X-RateLimit-Limit', '600');
      res.setHeader('X-RateLimit-Remaining', '0');
      res.setHeader('X-RateLimit-Reset', String(reset));
    }
    if (errors) res.setHeader('Content-Type', 'application/json');
    res.writeHead(status).end(errors ? JSON.stringify({ errors }) : undefined);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v3/mail/send') {
      return respond(res, 404, [error('Not found', null)]);
    }
    const injected = injectedFailure();
    if (injected) return respond(res, injected, [error(`Simulated failure ${injected}`, null)]);
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      const message = 'The provided authorization grant is invalid, expired, or revoked';
      return respond(res, 401, [error(message, null)]);
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return respond(res, 415, [error('Content-Type should be application/json.', null)]);
    }
    if (raw.length > MAX_BODY_BYTES) return respond(res, 413, [error('Payload too large', null)]);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return respond(res, 400, [error('Bad Request', null)]);
    }
    const problems = validateMailSend(body);
    if (problems.length > 0) return respond(res, 400, problems);
    const messageId = randomBytes(16).toString('base64url').slice(0, 22);
    accepted.push({ messageId, body: body as Record<string, unknown>, receivedAt: new Date() });
    res.setHeader('X-Message-Id', messageId);
    respond(res, 202);
    events.emit('accepted');
  };

  const injectedFailure = (): number | undefined => {
    if (state.failNext.count > 0) {
      state.failNext.count -= 1;
      return state.failNext.status;
    }
    if (rate.share > 0 && random() < rate.share) {
      return rate.statuses[Math.floor(random() * rate.statuses.length)];
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.requestCount += 1;
      const raw = Buffer.concat(chunks);
      if (holding) {
        held.push({ req, res, raw });
        events.emit('in-flight');
        return;
      }
      if (state.delayMs <= 0) return handle(req, res, raw);
      const entry = {
        res,
        timer: setTimeout(() => (pending.delete(entry), handle(req, res, raw)), state.delayMs),
      };
      pending.add(entry);
      events.emit('in-flight');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const cancelPending = () => {
    for (const { timer, res } of pending) {
      clearTimeout(timer);
      res.destroy();
    }
    pending.clear();
    for (const { res } of held.splice(0)) res.destroy();
    holding = false;
  };

  const waitFor = (what: string, done: () => boolean, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        events.off('in-flight', check).off('accepted', check);
        resolve();
      };
      const timer = setTimeout(() => {
        events.off('in-flight', check).off('accepted', check);
        reject(new Error(`stand-in: ${what} not reached within ${timeoutMs} ms`));
      }, timeoutMs);
      events.on('in-flight', check).on('accepted', check);
      check();
    });

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    accepted,
    get requestCount() {
      return state.requestCount;
    },
    failNext(count, status) {
      state.failNext = { count, status };
    },
    failRate(share, statuses) {
      if (share > 0 && statuses.length === 0) throw new Error('failRate needs at least one status');
      rate = { share, statuses: [...statuses] };
    },
    delay(ms) {
      state.delayMs = ms;
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      const answered = held.splice(0);
      for (const { req, res, raw } of answered) handle(req, res, raw);
      return answered.length;
    },
    get inFlight() {
      return pending.size + held.length;
    },
    heldUserIds() {
      return held.map(({ raw }) => {
        const body = JSON.parse(raw.toString('utf8')) as { custom_args?: { userId?: string } };
        return body.custom_args?.userId ?? '';
      });
    },
    waitForInFlight(count, timeoutMs = 30_000) {
      return waitFor(`${count} in flight`, () => pending.size + held.length >= count, timeoutMs);
    },
    waitForAccepted(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (accepted.length < count) return;
          clearTimeout(timer);
          events.off('accepted', check);
          resolve(accepted.slice());
        };
        const timer = setTimeout(() => {
          events.off('accepted', check);
          reject(
            new Error(`stand-in accepted ${accepted.length} of ${count} within ${timeoutMs} ms`),
          );
        }, timeoutMs);
        events.on('accepted', check);
        check();
      });
    },
    reset() {
      cancelPending();
      accepted.length = 0;
      state = { requestCount: 0, failNext: { count: 0, status: 0 }, delayMs: 0 };
      rate = { share: 0, statuses: [] };
      random = mulberry32(seed);
    },
    async close() {
      cancelPending();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Small seeded PRNG so `failRate` runs are repeatable. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
