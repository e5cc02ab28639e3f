import type { JobSource } from '../../src/platform/workers/outbox-worker';
import { startWelcomeHarness, type WelcomeHarness } from '../support/welcome-harness';
import { drain, outboxSources } from './reminder-support';

const DAY = 86_400_000;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);

let h: WelcomeHarness;
let sources: { welcome: JobSource; reminder: JobSource };
const run = () => drain(sources.welcome, sources.reminder);

const OWN_WORDS = {
  subject: 'Welcome to {tenantName}, {firstName}',
  heading: 'Hello from the {tenantName} IT team',
  intro: 'We set up your account for the new intranet.',
  closing: 'Questions? Call extension 4242.',
};

beforeAll(async () => {
  h = await startWelcomeHarness('reminder-texts', {}, { now });
  await h.worker.stop();
  sources = outboxSources(h.t.ctx);
  await h.setSwitch('sendWelcomeEmail', true);
  const api = (method: 'put' | 'patch', path: string, body: object) =>
    h.t.http()[method](path).set('Authorization', `Bearer ${h.admin}`).send(body);
  expect(
    (await api('patch', '/api/identity-manager/reminders', { remindAfterDays: 2 })).status,
  ).toBe(200);
  expect((await api('put', '/api/identity-manager/email-texts/welcome/en', OWN_WORDS)).status).toBe(
    200,
  );
});
afterAll(async () => h.close());

type SgBody = {
  subject?: string;
  personalizations: Array<{ to: Array<{ email: string }>; subject?: string }>;
  categories?: string[];
  content?: Array<{ type: string; value: string }>;
};
const subjectOf = (b: SgBody) => b.subject ?? b.personalizations[0]!.subject;
const textOf = (b: SgBody) => b.content?.find((c) => c.type === 'text/plain')?.value ?? '';

describe("the reminder speaks in the tenant's own words", () => {
  it('its subject, heading, introduction and closing come from the welcome texts, beside the reminder facts', async () => {
    const { status } = await h.createScimUser('own-words@example.test', {
      name: { givenName: 'Robin', familyName: 'Doe' },
    });
    expect(status).toBe(201);
    await run();
    offsetMs += 2 * DAY + 60_000;
    await run();
    const reminder = h.sendgrid.accepted
      .map((m) => m.body as SgBody)
      .find((b) => b.categories?.includes('welcome-reminder'));
    expect(reminder).toBeDefined();
    expect(subjectOf(reminder!)).toBe('Reminder: Welcome to Default, Robin');
    const text = textOf(reminder!);
    expect(text).toContain('Hello from the Default IT team');
    expect(text).toContain('We set up your account for the new intranet.');
    expect(text).toContain('Questions? Call extension 4242.');
    expect(text).toMatch(/We sent you a welcome email on .+, but you have not signed in yet\./);
    expect(text).toContain('This is the only reminder you will get for this link.');
  });

  it('has its own preview with the texts being edited', async () => {
    const res = await h.t
      .http()
      .post('/api/identity-manager/email-texts/welcome/en/preview?email=reminder')
      .set('Authorization', `Bearer ${h.admin}`)
      .send({ ...OWN_WORDS, closing: 'Draft closing.' })
      .expect(200);
    const preview = res.body as { subject: string; text: string };
    expect(preview.subject).toBe('Reminder: Welcome to Default, Alex');
    expect(preview.text).toContain('Draft closing.');
    expect(preview.text).toContain('This is the only reminder you will get for this link.');
  });
});
