import type { Model } from 'mongoose';
import type { Directory } from '../directory/directory';
import type { CreateUserInput } from '../directory/users/create-user';
import type { UserDoc } from '../directory/users/user-model';
import type { ScimType } from '../platform/errors/scim-error';
import type { Logger } from '../platform/logging/logger';
import type { LinkDoc } from '../welcome/links/link-model';
import type { CursorCodec } from './query/cursor';
import type { ScimSchemaRegistry } from './schemas/registry';

/** The slice of the configuration the SCIM protocol reads. */
export interface ScimConfig {
  /** Absolute SCIM base URL, from PUBLIC_BASE_URL (never the Host header). */
  baseUrl: string;
  /** SCIM_MAX_RESULTS. */
  maxResults: number;
  /** SCIM_BULK_MAX_OPERATIONS. */
  bulkMaxOperations: number;
  /** BODY_LIMIT_BYTES: also the largest bulk request (maxPayloadSize). */
  bodyLimitBytes: number;
  /** SCIM_PATCH_MAX_OPERATIONS. */
  patchMaxOperations: number;
  /** SCIM_FILTER_MAX_LENGTH. */
  filterMaxLength: number;
  /** SCIM_FILTER_MAX_DEPTH. */
  filterMaxDepth: number;
  /** CACHE_TTL_SECONDS: how long a list's totalResults is reused by the pages that follow. */
  cacheTtlSeconds: number;
}

/** How the SCIM error handler describes anything thrown; an unexpected error hides its message. */
export interface DescribedError {
  status: number;
  message: string;
  scimType?: ScimType;
  unexpected?: boolean;
}

/** What the SCIM capability needs, and nothing more (issue 20's shape). */
export interface ScimDeps {
  logger: Logger;
  now: () => Date;
  config: ScimConfig;
  /** Shared with the directory, which stores what it describes. */
  registry: ScimSchemaRegistry;
  cursors: CursorCodec;
  directory: Directory;
  /** welcome/: a deleted user's unused links are revoked. */
  Link: Model<LinkDoc>;
  /** directory/: creates a user with the tenant's welcome decision (and wakes the outbox). */
  createUser(input: CreateUserInput): Promise<UserDoc>;
  /** app/: describes an error as the SCIM error handler answers it (each failed bulk operation). */
  describeError(error: unknown): DescribedError;
}
