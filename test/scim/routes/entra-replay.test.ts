import groups from '../../fixtures/entra/groups.json';
import users from '../../fixtures/entra/users.json';
import { createTestApp, scimToken, type TestApp } from '../../support/test-app';
import { replayStep, type ReplayFixture, type Variables } from './replay';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await createTestApp('scimentra');
  token = await scimToken(t, 'contoso', 'Microsoft Entra ID');
});
afterAll(async () => t.close());

function replay(title: string, fixture: ReplayFixture): void {
  describe(title, () => {
    const vars: Variables = new Map();
    for (const step of fixture.steps) {
      it(`${step.name}: ${step.method} answers ${step.status}`, async () => {
        await replayStep(t, token, step, vars);
      });
    }
  });
}

replay(
  'Microsoft Entra ID provisions, updates, disables and deletes a user',
  users as ReplayFixture,
);
replay('Microsoft Entra ID provisions a group and its memberships', groups as ReplayFixture);
