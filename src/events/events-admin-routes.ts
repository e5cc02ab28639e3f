import { Router, type Request } from 'express';
import { ApiError } from '../platform/errors/api-error';
import type { TenantLibrary } from '../tenants/tenant-library';
import type { EventDoc } from './event-models';
import { encodeCursor } from './event-cursor';
import type { Events } from './events-capability';
import { listEvents } from './list-events';
import { presentEvent } from './present-event';
import { redeliverMessage } from './webhooks/redeliver-message';
import { sendTestMessage } from './webhooks/send-test-message';
import type { WebhookDeliveryDoc } from './webhooks/webhook-models';

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const bodyOf = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

const presentDelivery = (d: WebhookDeliveryDoc) => ({
  id: d._id,
  messageId: d.messageId,
  eventType: d.eventType,
  trigger: d.trigger,
  attempt: d.attempt,
  ok: d.ok,
  status: d.status,
  latencyMs: d.latencyMs,
  responseExcerpt: d.responseExcerpt,
  error: d.error,
  at: new Date(d.at).toISOString(),
});

/** What the section's routes need: the events capability and the tenant's audit log. */
export interface EventsAdminRoutesDeps {
  events: Events;
  /** tenants/: records each change an administrator makes. */
  audit: TenantLibrary['audit'];
}

/**
 * `/api/admin/…` for the "Events and webhooks" section: event-reader credentials, webhook
 * endpoints (secret shown once, rotation, test, delivery log, redelivery) and the event tail.
 */
export function eventsAdminRoutes(deps: EventsAdminRoutesDeps): Router {
  const { events } = deps;
  const router = Router();
  const audit = (req: Request, action: string, target: string) =>
    deps.audit({
      tenantId: req.session!.tenantId,
      actor: req.session!.subject,
      action,
      target,
    });

  router.get('/event-readers', async (req, res) => {
    res.json({ readers: await events.readers.list(req.session!.tenantId) });
  });
  router.post('/event-readers', async (req, res) => {
    const label = bodyOf(req).label;
    if (typeof label !== 'string' || !label.trim() || label.length > 100) {
      throw new ApiError(400, 'invalid_request', 'label is required, at most 100 characters');
    }
    const created = await events.readers.create(
      req.session!.tenantId,
      label.trim(),
      req.session!.subject,
    );
    await audit(req, 'event-reader.create', created.view.id);
    res.status(201).json({ ...created.view, token: created.token });
  });
  router.delete('/event-readers/:id', async (req, res) => {
    if (!(await events.readers.revoke(req.session!.tenantId, req.params.id!))) {
      throw new ApiError(404, 'not_found', 'no such active credential');
    }
    await audit(req, 'event-reader.revoke', req.params.id!);
    res.status(204).end();
  });

  router.get('/events', async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const tenantId = req.session!.tenantId;
    if (q.after === undefined) {
      // The tail starts with the latest events, oldest first, and a cursor to poll from.
      const limit = Math.min(Number(text(q.limit) ?? 20) || 20, 100);
      const latest = (await events.Event.collection
        .find({ tenantId })
        .sort({ position: -1 })
        .limit(limit)
        .toArray()) as unknown as EventDoc[];
      const cursor = encodeCursor(latest[0]?.position ?? 0);
      res.json({ data: latest.reverse().map(presentEvent), cursor, hasMore: false });
      return;
    }
    res.json(
      await listEvents(events.Event, {
        tenantId,
        after: text(q.after),
        types: text(q.types),
        limit: text(q.limit),
      }),
    );
  });

  router.get('/webhooks', async (req, res) => {
    res.json({ endpoints: await events.endpoints.list(req.session!.tenantId) });
  });
  router.post('/webhooks', async (req, res) => {
    const created = await events.endpoints.create(
      req.session!.tenantId,
      bodyOf(req),
      req.session!.subject,
    );
    await audit(req, 'webhook.create', created.endpoint.id);
    res.status(201).json({ ...created.endpoint, secret: created.secret });
  });
  router.patch('/webhooks/:id', async (req, res) => {
    const endpoint = await events.endpoints.update(
      req.session!.tenantId,
      req.params.id!,
      bodyOf(req),
    );
    await audit(req, 'webhook.update', endpoint.id);
    res.json(endpoint);
  });
  router.delete('/webhooks/:id', async (req, res) => {
    await events.endpoints.remove(req.session!.tenantId, req.params.id!);
    await audit(req, 'webhook.delete', req.params.id!);
    res.status(204).end();
  });
  router.post('/webhooks/:id/rotate-secret', async (req, res) => {
    const rotated = await events.endpoints.rotateSecret(
      req.session!.tenantId,
      req.params.id!,
      bodyOf(req).overlapMinutes,
    );
    await audit(req, 'webhook.rotate-secret', req.params.id!);
    res.json({ ...rotated.endpoint, secret: rotated.secret });
  });
  router.post('/webhooks/:id/test', async (req, res) => {
    const endpoint = await events.endpoints.load(req.session!.tenantId, req.params.id!);
    res.json(presentDelivery(await sendTestMessage(events.webhookDeps, endpoint)));
  });
  router.get('/webhooks/:id/deliveries', async (req, res) => {
    const endpoint = await events.endpoints.load(req.session!.tenantId, req.params.id!);
    const docs = await events.models.Delivery.collection
      .find({ tenantId: endpoint.tenantId, endpointId: endpoint._id })
      .sort({ at: -1 })
      .limit(Math.min(Number(text((req.query as Record<string, unknown>).limit) ?? 50) || 50, 200))
      .toArray();
    res.json({ deliveries: (docs as unknown as WebhookDeliveryDoc[]).map(presentDelivery) });
  });
  router.post('/webhooks/:id/deliveries/:deliveryId/redeliver', async (req, res) => {
    const endpoint = await events.endpoints.load(req.session!.tenantId, req.params.id!);
    const delivery = await redeliverMessage(
      { ...events.webhookDeps, Event: events.Event },
      endpoint,
      req.params.deliveryId!,
    );
    await audit(req, 'webhook.redeliver', req.params.deliveryId!);
    res.json(presentDelivery(delivery));
  });
  return router;
}
