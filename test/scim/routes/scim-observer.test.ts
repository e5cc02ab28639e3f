import { describeScimRequest } from '../../../src/scim/routes/scim-observer';

describe('how the provisioning log and the metrics name a SCIM request', () => {
  it.each([
    ['POST', '/Users', { resource: 'User', operation: 'create', id: undefined }],
    ['GET', '/Users', { resource: 'User', operation: 'list', id: undefined }],
    ['GET', '/Users/2819c223', { resource: 'User', operation: 'get', id: '2819c223' }],
    ['PUT', '/Users/2819c223', { resource: 'User', operation: 'replace', id: '2819c223' }],
    ['PATCH', '/Groups/e9e30dba', { resource: 'Group', operation: 'patch', id: 'e9e30dba' }],
    ['DELETE', '/Groups/e9e30dba/', { resource: 'Group', operation: 'delete', id: 'e9e30dba' }],
    ['POST', '/Users/.search', { resource: 'User', operation: 'search', id: undefined }],
    ['POST', '/.search', { resource: 'Search', operation: 'search', id: undefined }],
    ['POST', '/Bulk', { resource: 'Bulk', operation: 'bulk', id: undefined }],
    [
      'GET',
      '/Schemas/urn:ietf:params:scim:schemas:core:2.0:User',
      { resource: 'Discovery', operation: 'discover', id: undefined },
    ],
    ['GET', '/Nope/1', { resource: 'unknown', operation: 'get', id: '1' }],
    ['GET', '/Users/1/extra', { resource: 'User', operation: 'get', id: undefined }],
  ])('%s %s', (method, path, expected) => {
    expect(describeScimRequest(method, path)).toEqual(expected);
  });
});
