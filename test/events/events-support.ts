import type { AppContext } from '../../src/app/context';
import type { EventDoc } from '../../src/events/event-models';
import { createEventRelay } from '../../src/events/relay-events';
import type { TestApp } from '../support/test-app';

/** A relay driven by the test (no background worker), so each pass is awaited. */
export function testRelay(ctx: AppContext, graceMs = 5000) {
  return createEventRelay({
    directory: ctx.directory,
    present: { registry: ctx.registry, baseUrl: ctx.scimBaseUrl },
    now: ctx.now,
    retentionDays: 30,
    onPublished: async () => undefined,
    graceMs,
  });
}

/** Relays until nothing is left, then returns every published event of the tenant in order. */
export async function publishedEvents(
  t: TestApp,
  tenantId = 'default',
  graceMs = 5000,
): Promise<EventDoc[]> {
  const relay = testRelay(t.ctx, graceMs);
  while ((await relay.relay()) > 0);
  return (await t.ctx.directory.events.Event.collection
    .find({ tenantId })
    .sort({ position: 1 })
    .toArray()) as unknown as EventDoc[];
}

export const scimClient = (t: TestApp, token: string) => {
  const send = (method: 'post' | 'patch' | 'put' | 'delete', path: string, body?: unknown) => {
    const agent = t.http();
    const req = agent[method](`/scim/v2${path}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/scim+json');
    return body === undefined ? req : req.send(JSON.stringify(body));
  };
  return {
    post: (path: string, body: unknown) => send('post', path, body),
    patch: (path: string, body: unknown) => send('patch', path, body),
    put: (path: string, body: unknown) => send('put', path, body),
    delete: (path: string) => send('delete', path),
  };
};

export const newUser = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: userName, type: 'work', primary: true }],
  active: true,
  ...extra,
});

export const patchOp = (...Operations: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations,
});
