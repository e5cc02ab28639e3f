/** RFC 7644 §3.4.2: the ListResponse message. */
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface ListResponse<T> {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  itemsPerPage: number;
  startIndex?: number;
  /** RFC 9865 cursor pagination. */
  nextCursor?: string;
  previousCursor?: string;
  Resources: T[];
}

export function listResponse<T>(
  resources: T[],
  page: { totalResults: number; startIndex?: number; nextCursor?: string; previousCursor?: string },
): ListResponse<T> {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults: page.totalResults,
    itemsPerPage: resources.length,
    ...(page.startIndex !== undefined ? { startIndex: page.startIndex } : {}),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    ...(page.previousCursor ? { previousCursor: page.previousCursor } : {}),
    Resources: resources,
  };
}
