import { Schema, type Connection, type Model } from 'mongoose';

export type LinkPurpose = 'welcome' | 'password-reset';

/** A one-time link; `_id` is the SHA-256 of its token (the token itself is never stored). */
export interface LinkDoc {
  _id: string;
  tenantId: string;
  userId: string;
  purpose: LinkPurpose;
  generation: number;
  createdAt: Date;
  expiresAt: Date;
  usedAt?: Date;
  revokedAt?: Date;
  revokedReason?: 'superseded' | 'signed-in' | 'user-deleted';
  /** A password-reset link's email job (mail_jobs), so an administrator sees its use per email. */
  jobId?: string;
  /**
   * A reset link's expiry again: EMAIL_HISTORY_DAYS count from it (a TTL index). Welcome links
   * have none and stay, since a user who never signed in may still ask for a new one with one.
   */
  historyFrom?: Date;
}

const linkSchema = new Schema<LinkDoc>(
  {
    _id: String,
    tenantId: String,
    userId: String,
    purpose: String,
    generation: Number,
    createdAt: Date,
    expiresAt: Date,
    usedAt: Date,
    revokedAt: Date,
    revokedReason: String,
    jobId: String,
    historyFrom: Date,
  },
  { collection: 'one_time_links', versionKey: false },
);
linkSchema.index({ tenantId: 1, userId: 1, purpose: 1 });

export function createLinkModel(conn: Connection): Model<LinkDoc> {
  return conn.model<LinkDoc>('OneTimeLink', linkSchema);
}
