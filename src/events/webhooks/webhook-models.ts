import { Schema, type Connection, type Model } from 'mongoose';

/** A signing secret, encrypted at rest; a rotated-out one keeps signing until `expiresAt`. */
export interface EndpointSecret {
  id: string;
  sealed: string;
  createdAt: Date;
  expiresAt: Date | null;
}

/**
 * A tenant's webhook endpoint, which is also its own delivery job: `cursor` is the position of
 * the last event it acknowledged, `dueAt` when it should next be worked on (null: idle until the
 * relay publishes an event of its tenant), `leaseId` who works on it now.
 */
export interface WebhookEndpointDoc {
  _id: string;
  tenantId: string;
  url: string;
  description: string;
  /** Event types it receives; empty: all. */
  types: string[];
  secrets: EndpointSecret[];
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  disabledAt: Date | null;
  cursor: number;
  dueAt: Date | null;
  leaseId: string | null;
  /** Set by the relay when events arrive while a worker holds the endpoint. */
  pending: boolean;
  attempts: number;
  failingSince: Date | null;
  lastError: string | null;
  createdAt: Date;
  createdBy?: string;
}

/** One delivery attempt, shown in the endpoint's delivery log. */
export interface WebhookDeliveryDoc {
  _id: string;
  tenantId: string;
  endpointId: string;
  /** The `webhook-id` header: the event id, the same on every retry and redelivery. */
  messageId: string;
  eventType: string;
  position: number | null;
  trigger: 'outbox' | 'test' | 'redeliver';
  attempt: number;
  ok: boolean;
  status: number | null;
  latencyMs: number;
  responseExcerpt: string;
  error: string | null;
  at: Date;
  expiresAt: Date;
}

const endpointSchema = new Schema<WebhookEndpointDoc>(
  { _id: String, tenantId: String },
  { collection: 'webhook_endpoints', strict: false, versionKey: false },
);
endpointSchema.index({ status: 1, dueAt: 1 });
endpointSchema.index({ tenantId: 1, createdAt: -1 });

const deliverySchema = new Schema<WebhookDeliveryDoc>(
  { _id: String, tenantId: String },
  { collection: 'webhook_deliveries', strict: false, versionKey: false },
);
deliverySchema.index({ tenantId: 1, endpointId: 1, at: -1 });
deliverySchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export interface WebhookModels {
  Endpoint: Model<WebhookEndpointDoc>;
  Delivery: Model<WebhookDeliveryDoc>;
}

const modelOf = <T>(conn: Connection, name: string, schema: Schema<T>): Model<T> =>
  (conn.models[name] as Model<T> | undefined) ?? conn.model<T>(name, schema);

export function webhookModels(conn: Connection): WebhookModels {
  return {
    Endpoint: modelOf(conn, 'WebhookEndpoint', endpointSchema),
    Delivery: modelOf(conn, 'WebhookDelivery', deliverySchema),
  };
}
