import express, { Router } from 'express';
import type { Model } from 'mongoose';
import type { Directory } from '../../directory/directory';
import { ApiError } from '../../platform/errors/api-error';
import type { Metrics } from '../../platform/metrics/metrics';
import type { DeliveryEventDoc } from './delivery-event-model';
import { ingestSendgridEvents } from './ingest-sendgrid-events';
import { parseSendgridEvents } from './parse-sendgrid-events';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendgridSignature,
} from './verify-sendgrid-signature';

const POISON = /"(__proto__|constructor|prototype)"\s*:/;
const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
class PoisonKeyError extends Error {}

/** What the SendGrid event webhook uses (issue 20), its configuration as plain fields. */
export interface SendgridWebhookDeps {
  /** BODY_LIMIT_BYTES. */
  bodyLimitBytes: number;
  /** SENDGRID_WEBHOOK_PUBLIC_KEY; without one, signatures are not checked. */
  sendgridWebhookPublicKey?: string;
  now: () => Date;
  DeliveryEvent: Model<DeliveryEventDoc>;
  directory: Directory;
  metrics: Pick<Metrics, 'countEmail'>;
}

/**
 * `POST /webhooks/sendgrid/events`: the signature is checked on the raw body (when a key is
 * configured), then events are parsed, de-duplicated and folded into the delivery timeline.
 */
export function sendgridWebhookRoutes(deps: SendgridWebhookDeps): Router {
  const router = Router();
  router.post(
    '/webhooks/sendgrid/events',
    express.raw({ type: () => true, limit: deps.bodyLimitBytes }),
    async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const key = deps.sendgridWebhookPublicKey;
      if (key) {
        const verdict = verifySendgridSignature({
          publicKeyBase64: key,
          signatureBase64: req.get(SENDGRID_SIGNATURE_HEADER),
          timestamp: req.get(SENDGRID_TIMESTAMP_HEADER),
          rawBody: raw,
          now: deps.now(),
        });
        if (verdict !== 'ok')
          throw new ApiError(403, 'bad_signature', `event webhook signature: ${verdict}`);
      }
      const text = raw.toString('utf8');
      if (POISON.test(text)) throw new ApiError(400, 'invalid_value', 'forbidden key in the body');
      let body: unknown;
      try {
        // The regex above misses escaped spellings (`"\u005f_proto__"`); the reviver does not.
        body = JSON.parse(text, (key: string, value: unknown) => {
          if (POISON_KEYS.has(key)) throw new PoisonKeyError();
          return value;
        });
      } catch (error) {
        if (error instanceof PoisonKeyError)
          throw new ApiError(400, 'invalid_value', 'forbidden key in the body');
        throw new ApiError(400, 'invalid_syntax', 'the body is not JSON');
      }
      const { events, rejected } = parseSendgridEvents(body);
      const result = await ingestSendgridEvents(deps, events);
      res.status(200).json({ ...result, rejected });
    },
  );
  return router;
}
