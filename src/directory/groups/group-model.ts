import { Schema, type Connection, type Model } from 'mongoose';

export interface GroupDoc {
  _id: string;
  tenantId: string;
  displayName: string;
  displayName_lc: string;
  meta: { created: Date; lastModified: Date; version: number };
  [attribute: string]: unknown;
}

/** A membership lives in its own collection so that a group of 100k members stays cheap. */
export interface MembershipDoc {
  _id: string; // `${tenantId}|${groupId}|${memberId}`
  /** Unique per row's lifetime: a member removed and added again gets a new row id. */
  rowId?: string;
  tenantId: string;
  groupId: string;
  memberId: string;
  type: 'User' | 'Group';
  createdAt: Date;
  /** The group's displayName, kept here so a member's `groups` need no second read. */
  groupDisplay?: string;
  /** False while the group is itself in no group (no indirect memberships to follow). */
  groupInGroups?: boolean;
}

const groupSchema = new Schema(
  { _id: String, tenantId: { type: String, required: true } },
  { collection: 'groups', strict: false, versionKey: false, minimize: false },
);
groupSchema.index({ tenantId: 1, displayName_lc: 1 }, { unique: true });
groupSchema.index({ tenantId: 1, _id: 1 });
groupSchema.index({ tenantId: 1, externalId: 1 });
groupSchema.index({ '_events.id': 1 }, { sparse: true });
// RFC 7644 §3.4.2.3: `sortBy=displayName` (either order) reads this index (see sort-keys.ts).
groupSchema.index({ tenantId: 1, '_sortPresent.displayName': -1, '_sort.displayName': 1, _id: 1 });

const membershipSchema = new Schema<MembershipDoc>(
  {
    _id: String,
    rowId: String,
    tenantId: String,
    groupId: String,
    memberId: String,
    type: String,
    createdAt: Date,
    groupDisplay: String,
    groupInGroups: Boolean,
  },
  { collection: 'memberships', versionKey: false },
);
membershipSchema.index({ tenantId: 1, groupId: 1, memberId: 1 });
membershipSchema.index({ '_events.id': 1 }, { sparse: true });
membershipSchema.index({ tenantId: 1, memberId: 1 });

export type GroupModel = Model<GroupDoc>;
export type MembershipModel = Model<MembershipDoc>;

export function createGroupModels(conn: Connection): {
  Group: GroupModel;
  Membership: MembershipModel;
} {
  return {
    Group: conn.model<GroupDoc>('Group', groupSchema),
    Membership: conn.model<MembershipDoc>('Membership', membershipSchema),
  };
}

export const membershipId = (tenantId: string, groupId: string, memberId: string): string =>
  `${tenantId}|${groupId}|${memberId}`;
