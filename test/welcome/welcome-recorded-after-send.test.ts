import type { mongo } from 'mongoose';
import { mailSourceDeps } from '../../src/app/build-application';
import { createWelcomeJobSource } from '../../src/welcome/outbox/welcome-job-source';
import { startWelcomeHarness, type WelcomeHarness } from '../support/welcome-harness';

/**
 * Exactly once: an email the provider accepted must not be sent again because recording it
 * failed for a moment (a write conflict, a blip of the database). The record is retried; a
 * failed send and a failed record are different things.
 */
let h: WelcomeHarness;
beforeAll(async () => {
  h = await startWelcomeHarness('welcomerecord');
  await h.worker.stop(); // this test runs its own source, with a collection that fails once
});
afterAll(async () => h.close());

/** The users collection, whose next update that records a sent welcome fails `times` times. */
function failingRecords(users: mongo.Collection, times: number) {
  let left = times;
  return new Proxy(users, {
    get(target, prop, receiver) {
      if (prop === 'updateOne') {
        return async (...args: Parameters<mongo.Collection['updateOne']>) => {
          const update = args[1] as { $set?: Record<string, unknown> };
          if (left > 0 && update.$set?.['welcome.state'] === 'sent') {
            left -= 1;
            throw Object.assign(new Error('simulated write conflict'), { code: 112 });
          }
          return target.updateOne(...args);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

it('an email the provider accepted is recorded, not sent again, when recording it fails once', async () => {
  await h.setSwitch('sendWelcomeEmail', true);
  const created = await h.createScimUser('recorded@example.test');
  expect(created.status).toBe(201);
  const ctx = h.t.ctx;
  const source = createWelcomeJobSource({
    ...mailSourceDeps(ctx),
    users: failingRecords(ctx.directory.users.collection, 2),
    Link: ctx.Link,
    logger: ctx.logger,
    linkTtlHours: ctx.config.welcomeLinkTtlHours,
  });
  while (await source.runOnce()) {
    // every due job, until none is left
  }
  const user = await h.user(created.id!);
  expect(user.welcome.state).toBe('sent');
  expect(h.sendgrid.accepted).toHaveLength(1);
  expect(await source.runOnce()).toBe(false);
  expect(h.sendgrid.accepted).toHaveLength(1);
});
