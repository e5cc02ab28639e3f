import type { Model } from 'mongoose';
import { openText, sealText } from '../../platform/crypto/seal';
import { randomToken } from '../../platform/crypto/secrets';
import { ApiError } from '../../platform/errors/api-error';
import type { ApplicationInput } from './application-input';
import type { ApplicationDoc } from './application-model';

const SECRET_PURPOSE = 'oidc-client-secret';

export interface ApplicationsDeps {
  Application: Model<ApplicationDoc>;
  appSecret: string;
  now: () => Date;
}

/** What the admin API shows of an application (never its secret). */
export function presentApplication(doc: ApplicationDoc) {
  return {
    id: doc._id,
    clientId: doc._id,
    name: doc.name,
    redirectUris: doc.redirectUris,
    postLogoutRedirectUris: doc.postLogoutRedirectUris,
    initiateLoginUri: doc.initiateLoginUri,
    tokenEndpointAuthMethod: doc.tokenEndpointAuthMethod,
    clientType: doc.tokenEndpointAuthMethod === 'none' ? 'public' : 'confidential',
    secretHint: doc.secretHint,
    scopes: doc.scopes,
    isDefault: doc.isDefault,
    createdAt: new Date(doc.createdAt).toISOString(),
    updatedAt: new Date(doc.updatedAt).toISOString(),
  };
}

const notFound = () => new ApiError(404, 'not_found', 'no such application');

function newSecret(deps: ApplicationsDeps) {
  const secret = `cs_${randomToken(32)}`;
  return {
    secret,
    sealedSecret: sealText(deps.appSecret, SECRET_PURPOSE, secret),
    secretHint: secret.slice(0, 7),
  };
}

/** The secret oidc-provider compares a presented one with (in constant time). */
export const openClientSecret = (appSecret: string, doc: ApplicationDoc): string | undefined =>
  doc.sealedSecret ? openText(appSecret, SECRET_PURPOSE, doc.sealedSecret) : undefined;

/** Only one default per tenant: marking one clears the others. */
async function keepOneDefault(deps: ApplicationsDeps, tenantId: string, id: string) {
  await deps.Application.updateMany(
    { tenantId, _id: { $ne: id }, isDefault: true },
    { $set: { isDefault: false } },
  );
}

/**
 * The application a welcome or reset journey goes on to: the tenant's default one, when it has
 * an initiate-login URI to start the sign-in at; null otherwise.
 */
export async function findJourneyApplication(
  Application: Model<ApplicationDoc>,
  tenantId: string,
): Promise<{ name: string; initiateLoginUri: string } | null> {
  const app = await Application.findOne(
    { tenantId, isDefault: true },
    { name: 1, initiateLoginUri: 1 },
  ).lean<Pick<ApplicationDoc, 'name' | 'initiateLoginUri'>>();
  return app?.initiateLoginUri ? { name: app.name, initiateLoginUri: app.initiateLoginUri } : null;
}

export function createApplications(deps: ApplicationsDeps) {
  const { Application } = deps;
  const find = (tenantId: string, id: string) =>
    Application.findOne({ _id: id, tenantId }).lean<ApplicationDoc>();
  return {
    find,
    async list(tenantId: string): Promise<ApplicationDoc[]> {
      return Application.find({ tenantId }).sort({ createdAt: 1 }).lean<ApplicationDoc[]>();
    },
    async findDefault(tenantId: string): Promise<ApplicationDoc | null> {
      return Application.findOne({ tenantId, isDefault: true }).lean<ApplicationDoc>();
    },
    /** See findJourneyApplication. */
    journeyApplication: (tenantId: string) => findJourneyApplication(Application, tenantId),
    /** Registers an application; a confidential one's secret is returned here, and never again. */
    async create(tenantId: string, input: ApplicationInput, actor: string) {
      const now = deps.now();
      const confidential = input.tokenEndpointAuthMethod !== 'none';
      const secret = confidential ? newSecret(deps) : undefined;
      const doc: ApplicationDoc = {
        _id: `app_${randomToken(12)}`,
        tenantId,
        ...input,
        sealedSecret: secret?.sealedSecret ?? null,
        secretHint: secret?.secretHint ?? null,
        createdAt: now,
        createdBy: actor,
        updatedAt: now,
      };
      await Application.create(doc);
      if (doc.isDefault) await keepOneDefault(deps, tenantId, doc._id);
      return { doc, secret: secret?.secret };
    },
    async update(tenantId: string, id: string, input: Partial<ApplicationInput>) {
      const before = await find(tenantId, id);
      if (!before) throw notFound();
      const becomesPublic = input.tokenEndpointAuthMethod === 'none';
      const becomesConfidential =
        input.tokenEndpointAuthMethod !== undefined && !becomesPublic && !before.sealedSecret;
      if (becomesConfidential) {
        throw new ApiError(
          400,
          'invalid_request',
          'a public application cannot become confidential; register a new one',
        );
      }
      const set: Partial<ApplicationDoc> = { ...input, updatedAt: deps.now() };
      if (becomesPublic) Object.assign(set, { sealedSecret: null, secretHint: null });
      const after = await Application.findOneAndUpdate(
        { _id: id, tenantId },
        { $set: set },
        { new: true },
      ).lean<ApplicationDoc>();
      if (!after) throw notFound();
      if (input.isDefault) await keepOneDefault(deps, tenantId, id);
      return { before, after };
    },
    /** A new secret for a confidential application; the old one stops working at once. */
    async rotateSecret(tenantId: string, id: string) {
      const secret = newSecret(deps);
      const after = await Application.findOneAndUpdate(
        { _id: id, tenantId, sealedSecret: { $ne: null } },
        {
          $set: {
            sealedSecret: secret.sealedSecret,
            secretHint: secret.secretHint,
            updatedAt: deps.now(),
          },
        },
        { new: true },
      ).lean<ApplicationDoc>();
      if (!after) throw notFound();
      return { doc: after, secret: secret.secret };
    },
    async remove(tenantId: string, id: string): Promise<ApplicationDoc> {
      const removed = await Application.findOneAndDelete({
        _id: id,
        tenantId,
      }).lean<ApplicationDoc>();
      if (!removed) throw notFound();
      return removed;
    },
  };
}

export type Applications = ReturnType<typeof createApplications>;
