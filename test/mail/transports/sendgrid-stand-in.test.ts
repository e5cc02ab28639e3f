import { startSendgridStandIn, type SendgridStandIn } from '../../support/sendgrid-stand-in';

/** The smallest body SendGrid documents as valid. */
const validBody = () => ({
  personalizations: [{ to: [{ email: 'ada@example.com', name: 'Ada' }] }],
  from: { email: 'welcome@example.org' },
  subject: 'Welcome',
  content: [
    { type: 'text/plain', value: 'Hello' },
    { type: 'text/html', value: '<p>Hello</p>' },
  ],
});

let standIn: SendgridStandIn;

beforeAll(async () => {
  standIn = await startSendgridStandIn();
});
afterEach(() => standIn.reset());
afterAll(() => standIn.close());

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${standIn.url}/v3/mail/send`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${standIn.apiKey}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function errorFields(response: Response): Promise<Array<string | null>> {
  const body = (await response.json()) as { errors: Array<{ field: string | null }> };
  return body.errors.map((error) => error.field);
}

describe('SendGrid stand-in', () => {
  it('accepts a valid body with 202, an X-Message-Id and an empty body, and records it', async () => {
    const response = await post(validBody());

    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    const messageId = response.headers.get('x-message-id');
    expect(messageId).toMatch(/^[\w-]{22}$/);
    expect(standIn.accepted).toEqual([
      { messageId, body: validBody(), receivedAt: expect.any(Date) },
    ]);
  });

  it('rejects a body without personalizations', async () => {
    const { personalizations: _omitted, ...body } = validBody();

    const response = await post(body);

    expect(response.status).toBe(400);
    expect(await errorFields(response)).toContain('personalizations');
  });

  it('rejects a recipient whose email is not an address', async () => {
    const body = { ...validBody(), personalizations: [{ to: [{ email: 'ada at example' }] }] };

    const response = await post(body);

    expect(response.status).toBe(400);
    expect(await errorFields(response)).toEqual(['personalizations.0.to.0.email']);
  });

  it('rejects a body without content or template_id', async () => {
    const { content: _omitted, ...body } = validBody();

    const response = await post(body);

    expect(response.status).toBe(400);
    expect(await errorFields(response)).toEqual(['content']);
  });

  it('rejects text/html placed before text/plain', async () => {
    const body = { ...validBody(), content: [...validBody().content].reverse() };

    const response = await post(body);

    expect(response.status).toBe(400);
    expect(await errorFields(response)).toEqual(['content']);
  });

  it('rejects a missing subject, a bad sender and an unknown top-level key together', async () => {
    const { subject: _omitted, ...rest } = validBody();
    const body = { ...rest, from: { email: 'nobody' }, trackingSettings: {} };

    const response = await post(body);

    expect(response.status).toBe(400);
    expect(await errorFields(response)).toEqual(
      expect.arrayContaining(['trackingSettings', 'from.email', 'subject']),
    );
  });

  it('rejects more than 10 categories and non-string custom_args', async () => {
    const categories = Array.from({ length: 11 }, (_, i) => `c${i}`);

    const tooMany = await post({ ...validBody(), categories });
    const notStrings = await post({ ...validBody(), custom_args: { generation: 1 } });

    expect(await errorFields(tooMany)).toEqual(['categories']);
    expect(await errorFields(notStrings)).toEqual(['custom_args']);
    expect(standIn.accepted).toHaveLength(0);
  });

  it('rejects custom_args over 10,000 bytes', async () => {
    const response = await post({ ...validBody(), custom_args: { big: 'x'.repeat(10_000) } });

    expect(await errorFields(response)).toEqual(['custom_args']);
  });

  it('answers 401 in SendGrid’s error shape without the right bearer key', async () => {
    const response = await post(validBody(), { authorization: 'Bearer SG.other' });

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errors: [
        { message: expect.stringContaining('authorization grant'), field: null, help: null },
      ],
    });
  });

  it('answers 415 to a body that is not declared as JSON, and 400 to JSON that does not parse', async () => {
    const notJson = await post(JSON.stringify(validBody()), { 'content-type': 'text/plain' });
    const broken = await post('{"personalizations": [', {});

    expect(notJson.status).toBe(415);
    expect(broken.status).toBe(400);
  });

  it('fails the next n requests with the status asked for, then recovers, counting every request', async () => {
    standIn.failNext(2, 503);

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await post(validBody())).status);

    expect(statuses).toEqual([503, 503, 202]);
    expect(standIn.requestCount).toBe(3);
  });

  it('on 429 sets X-RateLimit-Reset to a unix time in seconds shortly ahead', async () => {
    standIn.failNext(1, 429);

    const response = await post(validBody());

    const reset = Number(response.headers.get('x-ratelimit-reset'));
    expect(response.status).toBe(429);
    expect(reset).toBeGreaterThan(Date.now() / 1000);
    expect(reset).toBeLessThan(Date.now() / 1000 + 5);
  });

  it('fails a seeded, repeatable share of requests with failRate', async () => {
    const run = async () => {
      standIn.reset();
      standIn.failRate(0.5, [500, 429]);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await post(validBody())).status);
      return statuses;
    };

    const first = await run();
    const second = await run();

    expect(second).toEqual(first);
    expect(first.filter((s) => s === 202).length).toBeGreaterThan(3);
    expect(first.filter((s) => s !== 202).length).toBeGreaterThan(3);
    expect(new Set(first)).toEqual(new Set([202, 500, 429]));
  });

  it('waitForAccepted resolves once the count is reached and rejects when it is not in time', async () => {
    const waiting = standIn.waitForAccepted(2, 5_000);
    await Promise.all([post(validBody()), post(validBody())]);

    await expect(waiting).resolves.toHaveLength(2);
    await expect(standIn.waitForAccepted(3, 50)).rejects.toThrow('accepted 2 of 3');
  });
});
