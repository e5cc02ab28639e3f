import { mailSourceDeps } from '../../src/app/build-application';
import type { AppContext } from '../../src/app/context';
import { emailTextModel, findWelcomeTexts } from '../../src/mail/texts/email-text-model';
import { createWelcomeJobSource } from '../../src/welcome/outbox/welcome-job-source';
import type { JobSource } from '../../src/platform/workers/outbox-worker';
import { createReminderJobSource } from '../../src/welcome/reminders/reminder-job-source';

/** The welcome and reminder sources of one process, built as createOutbox builds them. */
export function outboxSources(ctx: AppContext): { welcome: JobSource; reminder: JobSource } {
  const { config } = ctx;
  const common = {
    ...mailSourceDeps(ctx),
    users: ctx.directory.users.collection,
    Link: ctx.Link,
    logger: ctx.logger,
  };
  return {
    welcome: createWelcomeJobSource({
      ...common,
      linkTtlHours: config.welcomeLinkTtlHours,
      findTexts: (tenantId, language) =>
        findWelcomeTexts(emailTextModel(ctx.conn), tenantId, language),
    }),
    reminder: createReminderJobSource({
      ...common,
      Tenant: ctx.tenantModels.Tenant,
      scanIntervalMs: config.welcomeReminderScanSeconds * 1000,
      findTexts: (tenantId, language) =>
        findWelcomeTexts(emailTextModel(ctx.conn), tenantId, language),
    }),
  };
}

/**
 * Runs the sources until none has anything due (no polling, no sleeps): what a worker would
 * have sent by now, on the injected clock. Returns how many jobs ran.
 */
export async function drain(...sources: JobSource[]): Promise<number> {
  let ran = 0;
  for (;;) {
    let worked = false;
    for (const source of sources) {
      while (await source.runOnce()) {
        worked = true;
        ran++;
      }
    }
    if (!worked) return ran;
  }
}
