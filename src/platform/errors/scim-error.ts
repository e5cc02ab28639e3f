/** RFC 7644 §3.12 Table 9, plus the cursor errors of RFC 9865 §2.2. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 §3.12: an error the SCIM API reports with an HTTP status and, for 400s, a scimType. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ScimError';
  }
}

/** RFC 7644 §3.12: the JSON body of an error response. */
export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

/** RFC 7644 §3.12: renders a ScimError as the error response body (`status` is a string). */
export function toScimErrorBody(err: ScimError): ScimErrorBody {
  const body: ScimErrorBody = {
    schemas: [SCIM_ERROR_SCHEMA],
    status: String(err.status),
    detail: err.message,
  };
  if (err.scimType !== undefined) body.scimType = err.scimType;
  return body;
}
