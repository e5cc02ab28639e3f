import type { Model } from 'mongoose';
import type { Directory } from '../../directory/directory';
import type { DocumentLocks } from '../../platform/db/document-lock';
import type { LinkDoc } from '../links/link-model';

/** What the set-password and reset use cases need; the application context satisfies it. */
export interface PasswordDeps {
  directory: Directory;
  Link: Model<LinkDoc>;
  locks: DocumentLocks;
  now: () => Date;
  appSecret: string;
}
