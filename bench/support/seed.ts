import { randomUUID } from 'node:crypto';
import type { mongo } from 'mongoose';

type UserDocument = mongo.Document & { _id: string };

/** userName of the i-th seeded user; lookups pick random i. */
export const seededName = (i: number): string => `seed${i}@bench.example`;

/**
 * A copy of a stored user (as the server wrote it) with a new identity and no welcome due, so
 * large tenants are seeded with the driver in seconds instead of over HTTP in minutes.
 */
export function cloneUser(template: UserDocument, userName: string): UserDocument {
  const copy = structuredClone(template);
  const lc = userName.toLowerCase();
  copy._id = randomUUID();
  copy.userName = userName;
  copy.userName_lc = lc;
  copy.externalId = `ext-${userName}`;
  const emails = copy.emails as Array<Record<string, unknown>> | undefined;
  if (emails?.[0]) {
    emails[0].value = userName;
    emails[0].value_lc = lc;
  }
  copy.welcome = {
    state: 'off',
    generation: 0,
    reason: 'scim:sendWelcomeEmail=off',
    switch: 'sendWelcomeEmail',
    switchValue: false,
    decidedAt: new Date(),
  };
  return copy;
}

/** Grows the users collection of the template's tenant with seeded users from..to-1. */
export async function seedUsers(
  users: mongo.Collection<UserDocument>,
  template: UserDocument,
  from: number,
  to: number,
  batch = 1_000,
): Promise<string[]> {
  const ids: string[] = [];
  for (let start = from; start < to; start += batch) {
    const docs: UserDocument[] = [];
    for (let i = start; i < Math.min(to, start + batch); i++) {
      docs.push(cloneUser(template, seededName(i)));
    }
    await users.insertMany(docs, { ordered: false });
    for (const d of docs) ids.push(d._id);
  }
  return ids;
}

export async function readTemplate(
  users: mongo.Collection<UserDocument>,
  id: string,
): Promise<UserDocument> {
  const doc = await users.findOne({ _id: id });
  if (!doc) throw new Error(`template user ${id} not found`);
  return doc;
}

export type { UserDocument };
