import { ScimError } from '../../platform/errors/scim-error';

/** RFC 7644 §3.12: "The specified filter syntax was invalid … or the filter is not supported". */
export function invalidFilter(message: string): ScimError {
  return new ScimError(400, 'invalidFilter', message);
}

/** Quotes client text for an error message, cut short so a huge filter is not echoed whole. */
export function quoted(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}
