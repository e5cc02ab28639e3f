import { parseSendgridEvents } from '../../../src/mail/delivery/parse-sendgrid-events';

/**
 * Shaped after the examples in SendGrid's Event Webhook reference
 * (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event), with our
 * custom_args flattened into each event the way SendGrid delivers them.
 */
const ours = { tenantId: 't-1', userId: 'u-1', generation: '2', jobId: 'job-9' };
const common = {
  email: 'example@test.com',
  timestamp: 1513299569,
  'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
  category: 'cat facts',
  sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
  ...ours,
};
const documentedPayload = [
  { ...common, event: 'processed', sg_event_id: 'rbtnWrG1DVDGGGFHFyun0A==' },
  {
    ...common,
    event: 'deferred',
    sg_event_id: 'uTpAladEvbUf4edikd-F6w==',
    response: '400 try again later',
    attempt: '5',
  },
  { ...common, event: 'delivered', sg_event_id: 'JldC9f3XVTlK_oXSX9Iuyw==', response: '250 OK' },
  {
    ...common,
    event: 'open',
    sg_event_id: 'FOTFFO0ecsBE-zxFXfs6WA==',
    useragent:
      'Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)',
    ip: '255.255.255.255',
  },
  {
    ...common,
    event: 'click',
    sg_event_id: 'kCAi1KttyQdEKHhdC-nuEA==',
    useragent:
      'Mozilla/4.0 (compatible; MSIE 6.1; Windows XP; .NET CLR 1.1.4322; .NET CLR 2.0.50727)',
    ip: '255.255.255.255',
    url: 'http://www.sendgrid.com/',
  },
  {
    ...common,
    event: 'bounce',
    sg_event_id: '6g4ZI7SA-xmRDv57GoPIPw==',
    reason: '500 unknown recipient',
    status: '5.0.0',
    type: 'bounce',
    bounce_classification: 'Invalid Address',
  },
  {
    ...common,
    event: 'dropped',
    sg_event_id: 'zmzJhfJgAfUSOW80yEbPyw==',
    reason: 'Bounced Address',
    status: '5.0.0',
  },
  { ...common, event: 'spamreport', sg_event_id: '37nvH5QBz858KGVYCM4uOA==' },
  { ...common, event: 'unsubscribe', sg_event_id: 'zz_BjPgU_5pS-J8vlfB1sg==' },
  {
    ...common,
    event: 'group_unsubscribe',
    sg_event_id: 'ahSCB7xYcXFb-hEaawsPRw==',
    asm_group_id: 10,
  },
  {
    ...common,
    event: 'group_resubscribe',
    sg_event_id: 'w_u0vJhLT-OFfprar5N93g==',
    asm_group_id: 10,
  },
];

describe('parseSendgridEvents', () => {
  it('reads every event of SendGrid’s documented example payload', () => {
    const { events, rejected } = parseSendgridEvents(documentedPayload);

    expect(rejected).toBe(0);
    expect(events.map((e) => e.event)).toEqual(documentedPayload.map((e) => e.event));
  });

  it('carries our correlation ids, the message id and the time of each event', () => {
    const [processed] = parseSendgridEvents(documentedPayload).events;

    expect(processed).toEqual({
      event: 'processed',
      timestamp: new Date('2017-12-15T00:59:29Z'),
      sgMessageId: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
      providerMessageId: '14c5d75ce93.dfd.64b469',
      sgEventId: 'rbtnWrG1DVDGGGFHFyun0A==',
      tenantId: 't-1',
      userId: 'u-1',
      generation: 2,
      jobId: 'job-9',
      dedupeKey: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('reads the why of bounces, drops and deferrals, and the link of clicks', () => {
    const byName = new Map(parseSendgridEvents(documentedPayload).events.map((e) => [e.event, e]));

    expect(byName.get('bounce')).toMatchObject({
      reason: '500 unknown recipient',
      bounceType: 'bounce',
      bounceClassification: 'Invalid Address',
    });
    expect(byName.get('dropped')).toMatchObject({ reason: 'Bounced Address' });
    expect(byName.get('deferred')).toMatchObject({ reason: '400 try again later', attempt: 5 });
    expect(byName.get('click')).toMatchObject({ url: 'http://www.sendgrid.com/' });
  });

  it('gives an event SendGrid posts again with a new sg_event_id the same dedupe key', () => {
    const first = documentedPayload[1];
    const retried = { ...first, sg_event_id: 'a-different-id-on-retry' };

    const { events } = parseSendgridEvents([first, retried]);

    expect(events[0]?.dedupeKey).toBe(events[1]?.dedupeKey);
  });

  it('gives different events of one message different dedupe keys', () => {
    const { events } = parseSendgridEvents(documentedPayload);

    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(events.length);
    const laterAttempt = { ...documentedPayload[1], attempt: '6' };
    const [again] = parseSendgridEvents([laterAttempt]).events;
    expect(again?.dedupeKey).not.toBe(events[1]?.dedupeKey);
  });

  it('skips and counts entries that are not well-formed known events', () => {
    const body = [
      documentedPayload[0],
      null,
      'delivered',
      [],
      { ...common, event: 'exploded' },
      { ...common, event: 'delivered', timestamp: '1513299569' },
      { ...common, event: 'delivered', tenantId: { $ne: null } },
      { ...common, event: 'delivered', generation: 'two' },
      { ...common, event: 'deferred', attempt: -1 },
    ];

    const { events, rejected } = parseSendgridEvents(body);

    expect(events).toHaveLength(1);
    expect(rejected).toBe(8);
  });

  it('treats a body that is not an array as one rejected entry', () => {
    expect(parseSendgridEvents({ event: 'delivered' })).toEqual({ events: [], rejected: 1 });
  });

  it('lets __proto__, constructor and prototype keys pollute nothing', () => {
    // JSON.parse makes `__proto__` an own key, exactly as a hostile request body would.
    const body: unknown = JSON.parse(`[
      {"event": "delivered", "timestamp": 1513299569,
       "__proto__": {"polluted": true, "tenantId": "evil"},
       "constructor": {"prototype": {"polluted": true}},
       "prototype": {"polluted": true}},
      {"event": "constructor", "timestamp": 1513299569},
      {"event": "__proto__", "timestamp": 1513299569},
      {"event": "toString", "timestamp": 1513299569}
    ]`);

    const { events, rejected } = parseSendgridEvents(body);

    expect(rejected).toBe(3);
    expect(events).toHaveLength(1);
    expect(Object.getPrototypeOf(events[0])).toBe(Object.prototype);
    expect(Object.keys(events[0] ?? {}).sort()).toEqual(['dedupeKey', 'event', 'timestamp']);
    expect(events[0]?.tenantId).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not take fields an event only inherits', () => {
    const inherited = Object.create({ tenantId: 'from-prototype', jobId: 'from-prototype' });
    Object.assign(inherited, { event: 'open', timestamp: 1513299569 });

    const [event] = parseSendgridEvents([inherited]).events;

    expect(event).toBeDefined();
    expect(event?.tenantId).toBeUndefined();
    expect(event?.jobId).toBeUndefined();
  });
});
