import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap } from '../../src/app/bootstrap';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp('bootstrap', {
    SCIM_BOOTSTRAP_TOKEN: 'scim_bootstrap_token_shared_by_replicas_0123456789',
    ADMIN_BOOTSTRAP_EMAIL: 'ops@example.test',
    ADMIN_BOOTSTRAP_PASSWORD: 'a long enough admin password',
  });
});
afterAll(async () => t.close());

describe('start-up state', () => {
  it('replicas starting at the same moment on an empty database all start, with one bootstrap token and one administrator', async () => {
    const starts = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        bootstrap(t.ctx, { dataDir: mkdtempSync(path.join(os.tmpdir(), 'bootstrap-')) }),
      ),
    );
    expect(starts.map((s) => s.status)).toEqual(Array(4).fill('fulfilled'));
    const tokens = await t.ctx.tenantModels.ScimToken.countDocuments({ tenantId: 'default' });
    expect(tokens).toBe(1);
    expect(await t.ctx.tenantModels.Administrator.countDocuments({})).toBe(1);
    const scim = await t
      .http()
      .get('/scim/v2/Users')
      .set('Authorization', 'Bearer scim_bootstrap_token_shared_by_replicas_0123456789');
    expect(scim.status).toBe(200);
  });
});
