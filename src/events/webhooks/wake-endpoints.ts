import type { WebhookModels } from './webhook-models';

/**
 * Called by the relay with the tenants that have new events: their idle endpoints fall due, and
 * endpoints a worker holds now are marked so it looks again before it goes idle.
 */
export function wakeEndpoints(models: WebhookModels, now: () => Date, wake: () => void) {
  return async (tenantIds: string[]): Promise<void> => {
    const endpoints = models.Endpoint.collection;
    const scope = { tenantId: { $in: tenantIds }, status: 'enabled' };
    const marked = await endpoints.updateMany(scope as never, { $set: { pending: true } });
    if (marked.matchedCount === 0) return; // no enabled endpoint: nothing falls due either
    const due = await endpoints.updateMany({ ...scope, dueAt: null } as never, {
      $set: { dueAt: now() },
    });
    if (due.modifiedCount > 0) wake();
  };
}
