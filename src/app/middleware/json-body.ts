import express from 'express';

const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Thrown from the JSON reviver; rendered as a 400 by each API's error handler. */
export class PollutionKeyError extends Error {
  override name = 'PollutionKeyError';
  constructor(readonly key: string) {
    super(`the key "${key}" is not allowed in a request body`);
  }
}

/**
 * JSON bodies as `application/json` or `application/scim+json` (RFC 7644 §3.1), limited in
 * size; a `__proto__`, `constructor` or `prototype` key anywhere refuses the whole body.
 */
export function jsonBody(limitBytes: number) {
  return express.json({
    type: ['application/json', 'application/scim+json', 'application/*+json'],
    limit: limitBytes,
    strict: true,
    reviver(key: string, value: unknown) {
      if (POISON_KEYS.has(key)) throw new PollutionKeyError(key);
      return value;
    },
  });
}
