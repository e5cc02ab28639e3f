import { createMetrics } from '../../../src/platform/metrics/metrics';
import { createTestApp } from '../../support/test-app';
import { startWelcomeHarness, type WelcomeHarness } from '../../support/welcome-harness';

const TOKEN = 'metrics-token-0123456789';
let h: WelcomeHarness;

beforeAll(async () => {
  h = await startWelcomeHarness('metrics', { METRICS_TOKEN: TOKEN });
  await h.setSwitch('sendWelcomeEmail', true);
});
afterAll(() => h.close());

const scrape = async () => {
  const res = await h.t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text;
};

/** The value of one series, e.g. `scim_welcome_emails_total{tenant="default",kind="welcome",outcome="accepted"}`. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const lines = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
  const match = lines.find((line) =>
    Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)),
  );
  return match ? Number(match.slice(match.lastIndexOf(' ') + 1)) : 0;
}

describe('GET /metrics', () => {
  it('is refused without the METRICS_TOKEN bearer token, and with a wrong one', async () => {
    const none = await h.t.http().get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    await h.t
      .http()
      .get('/metrics')
      .set('Authorization', 'Bearer wrong-token-0123456789')
      .expect(401);
  });

  it('does not exist when no METRICS_TOKEN is configured', async () => {
    const t = await createTestApp('nometrics');
    try {
      await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    } finally {
      await t.close();
    }
  });

  it('after a SCIM create and a sent welcome email, the SCIM, email, HTTP and database metrics moved', async () => {
    const before = await scrape();
    const created = await h.createScimUser('scraped@example.test');
    expect(created.status).toBe(201);
    await h.waitForUser(created.id!, (u) => u.welcome.state === 'sent');
    const conflict = await h.createScimUser('scraped@example.test');
    expect(conflict.status).toBe(409);
    const after = await scrape();

    const scim = 'scim_welcome_scim_operations_total';
    const created1 = {
      tenant: 'default',
      resource: 'User',
      operation: 'create',
      outcome: 'success',
    };
    expect(valueOf(after, scim, created1) - valueOf(before, scim, created1)).toBe(1);
    const uniqueness = {
      resource: 'User',
      operation: 'create',
      outcome: '4xx',
      scim_type: 'uniqueness',
    };
    expect(valueOf(after, scim, uniqueness)).toBe(1);

    const emails = 'scim_welcome_emails_total';
    for (const outcome of ['queued', 'accepted']) {
      const labels = { tenant: 'default', kind: 'welcome', outcome };
      expect(valueOf(after, emails, labels) - valueOf(before, emails, labels)).toBe(1);
    }

    const http = 'scim_welcome_http_request_duration_seconds_count';
    const route = { method: 'POST', route: '/scim/v2/Users', status_class: '2xx' };
    expect(valueOf(after, http, route) - valueOf(before, http, route)).toBe(1);
    expect(
      valueOf(after, 'scim_welcome_db_command_duration_seconds_count', { command: 'insert' }),
    ).toBeGreaterThan(0);
    expect(after).toContain('scim_welcome_outbox_due_jobs{kind="welcome"} 0');
    expect(after).toMatch(/scim_welcome_outbox_oldest_due_age_seconds\{kind="password-reset"\} 0/);
  });

  it('counts delivered and bounced emails from the SendGrid Event Webhook, once per event', async () => {
    const created = await h.createScimUser('webhook@example.test');
    await h.waitForUser(created.id!, (u) => u.welcome.state === 'sent');
    const args = { tenantId: 'default', userId: created.id, generation: '1', kind: 'welcome' };
    const at = Math.floor(Date.now() / 1000);
    const event = (name: string, id: string) => ({
      ...args,
      email: 'webhook@example.test',
      event: name,
      timestamp: at,
      sg_message_id: 'm-webhook.filter',
      sg_event_id: id,
    });
    const before = await scrape();
    const events = JSON.stringify([
      event('delivered', 'w1'),
      event('bounce', 'w2'),
      event('delivered', 'w1'),
    ]);
    await h.t
      .http()
      .post('/webhooks/sendgrid/events')
      .set('Content-Type', 'application/json')
      .send(events)
      .expect(200);
    const after = await scrape();
    const emails = 'scim_welcome_emails_total';
    for (const outcome of ['delivered', 'bounced']) {
      const labels = { tenant: 'default', kind: 'welcome', outcome };
      expect(valueOf(after, emails, labels) - valueOf(before, emails, labels)).toBe(1);
    }
  });

  it('reports the depth and age of the outbox from the database', async () => {
    await h.worker.stop();
    try {
      const created = await h.createScimUser('waiting@example.test');
      const dueAt = new Date(Date.now() - 120_000);
      await h.t.ctx.directory.users.collection.updateOne({ _id: created.id } as never, {
        $set: { 'welcome.dueAt': dueAt },
      });
      const text = await scrape();
      expect(valueOf(text, 'scim_welcome_outbox_due_jobs', { kind: 'welcome' })).toBe(1);
      expect(
        valueOf(text, 'scim_welcome_outbox_oldest_due_age_seconds', { kind: 'welcome' }),
      ).toBeGreaterThanOrEqual(120);
    } finally {
      h.worker.start();
    }
  });
});

describe('the metrics registry', () => {
  it("includes Node's default process metrics when asked (main.ts does)", async () => {
    const metrics = createMetrics({ defaultMetrics: true });
    const text = await metrics.registry.metrics();
    expect(text).toContain('scim_welcome_process_cpu_user_seconds_total');
    expect(text).toContain('scim_welcome_nodejs_eventloop_lag_seconds');
  });

  it('keeps tenant ids off the histograms', async () => {
    const metrics = createMetrics();
    metrics.observeHttp('GET', '/scim/v2/Users/:id', 200, 0.01);
    metrics.observeDbCommand('find', 0.002, true);
    const text = await metrics.registry.metrics();
    const histogramLines = text
      .split('\n')
      .filter((line) => /_seconds_(bucket|sum|count)\{/.test(line));
    expect(histogramLines.length).toBeGreaterThan(0);
    for (const line of histogramLines) expect(line).not.toContain('tenant=');
  });
});
