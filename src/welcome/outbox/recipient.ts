import type { UserDoc } from '../../directory/users/user-model';

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** RFC 7643 §4.1.2: the primary email, else the work one, else the first; else a userName that is an address. */
export function recipientOf(user: UserDoc): string | undefined {
  const emails = Array.isArray(user.emails)
    ? (user.emails as Array<{ value?: unknown; primary?: unknown; type?: unknown }>)
    : [];
  const valid = emails.filter((e) => typeof e.value === 'string' && EMAIL.test(e.value));
  const chosen =
    valid.find((e) => e.primary === true) ?? valid.find((e) => e.type === 'work') ?? valid[0];
  if (chosen) return chosen.value as string;
  return EMAIL.test(user.userName) ? user.userName : undefined;
}

/** The name to greet: displayName, else name.formatted, else given + family, else userName. */
export function displayNameOf(user: UserDoc): string {
  const name = (user.name ?? {}) as {
    formatted?: unknown;
    givenName?: unknown;
    familyName?: unknown;
  };
  if (typeof user.displayName === 'string' && user.displayName.trim()) return user.displayName;
  if (typeof name.formatted === 'string' && name.formatted.trim()) return name.formatted;
  const parts = [name.givenName, name.familyName].filter(
    (p): p is string => typeof p === 'string' && p.trim() !== '',
  );
  return parts.length ? parts.join(' ') : user.userName;
}

/** `name.givenName`, for a `{firstName}` placeholder; undefined when the provider sent none. */
export function givenNameOf(user: UserDoc): string | undefined {
  const given = (user.name as { givenName?: unknown } | undefined)?.givenName;
  return typeof given === 'string' && given.trim() ? given.trim() : undefined;
}

export function languageHintsOf(user: UserDoc): Array<string | undefined> {
  return [
    typeof user.preferredLanguage === 'string' ? user.preferredLanguage : undefined,
    typeof user.locale === 'string' ? user.locale : undefined,
  ];
}
