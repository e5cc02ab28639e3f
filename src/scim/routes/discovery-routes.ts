import { Router, type Request } from 'express';
import { ScimError } from '../../platform/errors/scim-error';
import type { SchemaRegistry } from '../schemas/types';
import { listResponse } from '../messages/list-response';
import { sendScim } from './send-scim';
import { DEFAULT_COUNT } from '../query/list-params';

export interface ScimCapabilities {
  baseUrl: string;
  maxResults: number;
  bulk: { supported: boolean; maxOperations: number; maxPayloadSize: number };
}

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RT_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** RFC 7644 §5 and RFC 9865 §4: what this server really does. */
export function serviceProviderConfig(caps: ScimCapabilities) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: `${caps.baseUrl.replace(/\/scim\/v2$/, '')}/docs`,
    patch: { supported: true },
    bulk: caps.bulk,
    filter: { supported: true, maxResults: caps.maxResults },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: true },
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: Math.min(DEFAULT_COUNT, caps.maxResults),
      maxPageSize: caps.maxResults,
      cursorTimeout: 3600,
    },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'A tenant SCIM token (opaque, or an HS256 JWT issued by the tenant) in Authorization: Bearer',
        specUri: 'https://www.rfc-editor.org/rfc/rfc6750',
        primary: true,
      },
    ],
    meta: {
      resourceType: 'ServiceProviderConfig',
      location: `${caps.baseUrl}/ServiceProviderConfig`,
    },
  };
}

/**
 * RFC 7643 §5: the service provider "SHOULD ... make the authenticationSchemes attribute
 * publicly accessible without prior authentication", so this one is mounted before the
 * bearer check; it is the same for every tenant.
 */
export function serviceProviderConfigRoutes(caps: ScimCapabilities): Router {
  const router = Router();
  router.get('/ServiceProviderConfig', (req, res) => {
    refuseFilter(req);
    sendScim(res, 200, serviceProviderConfig(caps));
  });
  return router;
}

/** RFC 7644 §4: a filter on a discovery endpoint is refused with 403. */
function refuseFilter(req: Request): void {
  if (req.query.filter !== undefined)
    throw new ScimError(403, undefined, 'filtering is not supported on discovery endpoints');
}

/** RFC 7644 §4: discovery endpoints; read-only, and a filter on them is refused with 403. */
export function discoveryRoutes(registry: SchemaRegistry, caps: ScimCapabilities): Router {
  const router = Router();
  const resourceTypes = () =>
    registry.resourceTypes().map((rt) => ({
      schemas: [RT_SCHEMA],
      ...rt,
      meta: { resourceType: 'ResourceType', location: `${caps.baseUrl}/ResourceTypes/${rt.id}` },
    }));
  const schemas = () =>
    registry.schemas().map((s) => ({
      schemas: [SCHEMA_SCHEMA],
      ...s,
      meta: { resourceType: 'Schema', location: `${caps.baseUrl}/Schemas/${s.id}` },
    }));

  router.get('/ResourceTypes', (req, res) => {
    refuseFilter(req);
    const all = resourceTypes();
    sendScim(res, 200, listResponse(all, { totalResults: all.length, startIndex: 1 }));
  });
  router.get('/ResourceTypes/:id', (req, res) => {
    const found = resourceTypes().find((rt) => rt.id.toLowerCase() === req.params.id.toLowerCase());
    if (!found) throw new ScimError(404, undefined, `no resource type ${req.params.id}`);
    sendScim(res, 200, found);
  });
  router.get('/Schemas', (req, res) => {
    refuseFilter(req);
    const all = schemas();
    sendScim(res, 200, listResponse(all, { totalResults: all.length, startIndex: 1 }));
  });
  router.get('/Schemas/:id', (req, res) => {
    const found = schemas().find((s) => s.id.toLowerCase() === req.params.id.toLowerCase());
    if (!found) throw new ScimError(404, undefined, `no schema ${req.params.id}`);
    sendScim(res, 200, found);
  });
  router.all(
    ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/:id', '/Schemas', '/Schemas/:id'],
    (req, res) => {
      res.setHeader('Allow', 'GET');
      throw new ScimError(405, undefined, `${req.method} is not allowed on discovery endpoints`);
    },
  );
  return router;
}
