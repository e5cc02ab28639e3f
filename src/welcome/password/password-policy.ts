import { COMMON_PASSWORDS } from './common-passwords';

/** NIST SP 800-63B §5.1.1.2: length over composition rules, and a blocklist of known passwords. */
export const PASSWORD_RULES = { minLength: 12, maxLength: 1024 } as const;

export type PasswordProblem =
  | { code: 'tooShort'; min: number }
  | { code: 'tooLong'; max: number }
  | { code: 'userName' }
  | { code: 'common' }
  | { code: 'mismatch' };

/** User names and local parts shorter than this are not searched for inside a password. */
const MIN_CONTAINED_NAME = 4;
const EDGE_NOISE = /^[^\p{L}]+|[^\p{L}]+$/gu;
const LEET: ReadonlyArray<Readonly<Record<string, string>>> = [
  { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' },
  { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'l' },
];

const deleet = (value: string, map: Readonly<Record<string, string>>): string =>
  [...value].map((c) => map[c] ?? c).join('');

/** A word from the list with digits or symbols around it, in leetspeak, or a repeated short unit. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase().replace(/\s+/g, '');
  const candidates = new Set<string>([lower, lower.replace(EDGE_NOISE, '')]);
  for (const map of LEET) {
    const plain = deleet(lower, map);
    candidates.add(plain);
    candidates.add(deleet(lower.replace(EDGE_NOISE, ''), map));
    candidates.add(plain.replace(EDGE_NOISE, ''));
  }
  for (const candidate of candidates) {
    if (COMMON_PASSWORDS.has(candidate)) return true;
    const repeated = /^(.+?)\1+$/.exec(candidate)?.[1];
    if (repeated && (repeated.length <= 4 || COMMON_PASSWORDS.has(repeated))) return true;
  }
  return false;
}

function containsUserName(password: string, userName: string): boolean {
  const lower = password.toLowerCase();
  const name = userName.trim().toLowerCase();
  const at = name.lastIndexOf('@');
  const names = at > 0 ? [name, name.slice(0, at)] : [name];
  return names.some(
    (n) => n !== '' && (lower === n || (n.length >= MIN_CONTAINED_NAME && lower.includes(n))),
  );
}

/**
 * The first problem with a new password, or null when it is acceptable. Length counts
 * characters (code points), so a passphrase in any script is measured fairly.
 */
export function checkNewPassword(input: {
  password: string;
  confirmation: string;
  userName: string;
}): PasswordProblem | null {
  const length = [...input.password].length;
  if (length < PASSWORD_RULES.minLength) return { code: 'tooShort', min: PASSWORD_RULES.minLength };
  if (length > PASSWORD_RULES.maxLength) return { code: 'tooLong', max: PASSWORD_RULES.maxLength };
  if (containsUserName(input.password, input.userName)) return { code: 'userName' };
  if (isCommonPassword(input.password)) return { code: 'common' };
  if (input.password !== input.confirmation) return { code: 'mismatch' };
  return null;
}
