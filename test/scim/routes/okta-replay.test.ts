import groups from '../../fixtures/okta/groups.json';
import specTest from '../../fixtures/okta/spec-test.json';
import users from '../../fixtures/okta/users.json';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import { replayStep, type ReplayFixture, type Variables } from './replay';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp('scimokta');
});
afterAll(async () => t.close());

/** Each fixture runs against its own tenant, as each Okta app instance has its own token. */
function replay(title: string, tenantId: string, fixture: ReplayFixture): void {
  describe(title, () => {
    const vars: Variables = new Map();
    let token: string;
    beforeAll(async () => {
      token = await scimToken(t, tenantId, 'Okta');
    });
    for (const step of fixture.steps) {
      it(`${step.name}: ${step.method} answers ${step.status}`, async () => {
        await replayStep(t, token, step, vars);
      });
    }
  });
}

replay('the Okta SCIM 2.0 SPEC Test passes', 'okta-spec', specTest as ReplayFixture);
replay(
  'Okta provisions, updates, deactivates and reactivates a user',
  'okta-users',
  users as ReplayFixture,
);
replay(
  'Okta pushes a group, renames it and pushes its memberships',
  'okta-groups',
  groups as ReplayFixture,
);
