import { ScimError } from '../../../src/platform/errors/scim-error';
import { parseFilter } from '../../../src/scim/filter/parse-filter';
import { translateFilter, type MongoQuery } from '../../../src/scim/filter/translate-filter';
import { createSchemaRegistry } from '../../../src/scim/schemas/registry';

export const registry = createSchemaRegistry();
export const LIMITS = { maxLength: 4096, maxDepth: 32 };
export function translate(text: string, resourceType: 'User' | 'Group' = 'User'): MongoQuery {
  return translateFilter(parseFilter(text, LIMITS), { registry, resourceType });
}

/** The message of the 400 invalidFilter a filter is refused with (fails if it is not refused). */
export function refusal(text: string, resourceType: 'User' | 'Group' = 'User'): string {
  try {
    translate(text, resourceType);
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
    return (error as Error).message;
  }
  throw new Error(`expected ${text} to be refused`);
}
