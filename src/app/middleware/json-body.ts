import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError } from '../../platform/errors/api-error';

const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const JSON_TYPES = ['application/json', 'application/scim+json', 'application/*+json'];
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Thrown from the JSON reviver; rendered as a 400 by each API's error handler. */
export class PollutionKeyError extends Error {
  override name = 'PollutionKeyError';
  constructor(readonly key: string) {
    super(`the key "${key}" is not allowed in a request body`);
  }
}

export interface JsonBodyLimits {
  limitBytes: number;
  /** Deepest nesting of objects and arrays (JSON_MAX_DEPTH). */
  maxDepth: number;
}

/** Nesting depth of a JSON text, counted on the raw bytes before anything parses it. */
export function jsonDepthExceeds(buf: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i += 1) {
    const byte = buf[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth -= 1;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies as `application/json` or `application/scim+json` (RFC 7644 §3.1), limited in
 * size and nesting depth, valid UTF-8; a `__proto__`, `constructor` or `prototype` key
 * anywhere refuses the whole body.
 */
export function jsonBody(limits: JsonBodyLimits) {
  return express.json({
    type: JSON_TYPES,
    limit: limits.limitBytes,
    strict: true,
    verify(_req, _res, buf: Buffer, encoding: string) {
      if (/^utf-?8$/i.test(encoding)) {
        try {
          utf8.decode(buf);
        } catch {
          throw new ApiError(
            400,
            'invalid_syntax',
            'the request body is not valid UTF-8',
            'invalidSyntax',
          );
        }
      }
      if (jsonDepthExceeds(buf, limits.maxDepth)) {
        throw new ApiError(
          400,
          'invalid_syntax',
          `the request body nests deeper than JSON_MAX_DEPTH (${limits.maxDepth})`,
          'invalidSyntax',
        );
      }
    },
    reviver(key: string, value: unknown) {
      if (POISON_KEYS.has(key)) throw new PollutionKeyError(key);
      return value;
    },
  });
}

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** RFC 7644 §3.1: a write with a body must carry it as JSON; anything else is 415. */
export function requireJsonContentType() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const writes = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
    if (writes && hasBody(req) && !req.is(JSON_TYPES)) {
      const got = req.get('content-type') ?? 'no Content-Type';
      throw new ApiError(
        415,
        'unsupported_media_type',
        `the request body must be application/scim+json or application/json, not ${got}`,
      );
    }
    next();
  };
}

/** The media type of a Content-Type header, lower-cased, without parameters. */
export const mediaTypeOf = (contentType: string | undefined): string | undefined =>
  contentType?.split(';')[0]?.trim().toLowerCase() || undefined;

/**
 * The administration API takes `application/json` only: a write whose Content-Type is
 * anything else, or that has a body without one, is 415, even when the body is empty. An
 * HTML form can only send urlencoded, multipart or text/plain bodies, so no form reaches a
 * handler, whichever origin it comes from.
 */
export function requireStrictJson() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const writes = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    const type = mediaTypeOf(req.get('content-type'));
    if (writes && (type ? type !== 'application/json' : hasBody(req))) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        `the request body must be application/json, not ${type ?? 'without a Content-Type'}`,
      );
    }
    next();
  };
}
