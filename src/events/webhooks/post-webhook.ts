import http from 'node:http';
import https from 'node:https';
import { checkTargetUrl, guardedLookup, type HostResolver } from './target-guard';

export interface PostResult {
  ok: boolean;
  status: number | null;
  latencyMs: number;
  responseExcerpt: string;
  error: string | null;
}

const EXCERPT = 500;

/**
 * POSTs one webhook: no redirects followed (a 3xx is a failure, so a target cannot bounce us
 * elsewhere), the connection's address checked after DNS, a timeout over the whole exchange,
 * and only the first bytes of the answer kept for the delivery log.
 */
export function postWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean; resolveHost?: HostResolver },
): Promise<PostResult> {
  const started = process.hrtime.bigint();
  const latency = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = checkTargetUrl(target, options.allowPrivate);
    } catch (error) {
      resolve({
        ok: false,
        status: null,
        latencyMs: 0,
        responseExcerpt: '',
        error: (error as Error).message,
      });
      return;
    }
    const client = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (result: Omit<PostResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, latencyMs: latency() });
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'scim-welcome-webhooks/1',
        },
        lookup: guardedLookup(options.allowPrivate, options.resolveHost) as never,
        timeout: options.timeoutMs,
      },
      (res) => {
        let excerpt = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (excerpt.length < EXCERPT) excerpt += chunk.slice(0, EXCERPT - excerpt.length);
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const ok = status >= 200 && status < 300;
          finish({ ok, status, responseExcerpt: excerpt, error: ok ? null : `HTTP ${status}` });
        });
        res.on('error', (error) =>
          finish({
            ok: false,
            status: res.statusCode ?? null,
            responseExcerpt: excerpt,
            error: error.message,
          }),
        );
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', (error) =>
      finish({ ok: false, status: null, responseExcerpt: '', error: error.message }),
    );
    req.end(body);
  });
}
