/**
 * RFC 7644 §5 and §7.8: strings are prepared before they are compared or checked for
 * uniqueness, by the PRECIS rules of RFC 7613 §3.2 (UsernameCaseMapped): fullwidth and
 * halfwidth characters are mapped to their decompositions, then lower-cased, then put in
 * Unicode Normalization Form C. Every case-insensitive comparison (the `_lc` shadows, filters,
 * sort keys, PATCH value filters) uses this one function, so both sides always agree.
 */
export function prepareCaseInsensitive(text: string): string {
  return text
    .replace(/[\uFF01-\uFFEE]/g, (c) => c.normalize('NFKC'))
    .toLowerCase()
    .normalize('NFC');
}
