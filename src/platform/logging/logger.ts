import winston from 'winston';

export type Logger = winston.Logger;

const SECRET_KEYS =
  /^(authorization|cookie|set-cookie|password|newpassword|token|secret|apikey|api_key|accesstoken|refreshtoken|x-twilio-email-event-webhook-signature)$/i;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const LINK_TOKEN = /\/(welcome|reset-password)\/[A-Za-z0-9_-]{16,}/g;

/** Replaces secrets by `[redacted]`, recursively; never mutates the input. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[deep]';
  if (typeof value === 'string') {
    return value.replace(BEARER, '$1 [redacted]').replace(LINK_TOKEN, '/$1/[redacted]');
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redact(value.message, depth + 1),
      stack: redact(value.stack, depth + 1),
    };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

const redactFormat = winston.format((info) => {
  for (const key of Object.keys(info)) {
    const value = (info as Record<string, unknown>)[key];
    (info as Record<string, unknown>)[key] = SECRET_KEYS.test(key) ? '[redacted]' : redact(value);
  }
  return info;
});

export interface LoggerOptions {
  level: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to capture them. */
  stream?: NodeJS.WritableStream;
}

/** JSON lines, one per event, secrets redacted. */
export function createLogger(options: LoggerOptions): Logger {
  const transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream })
    : new winston.transports.Console();
  return winston.createLogger({
    level: options.level,
    format: winston.format.combine(
      redactFormat(),
      winston.format.timestamp(),
      winston.format.errors({ stack: true }),
      winston.format.json(),
    ),
    transports: [transport],
  });
}
