import type { Model } from 'mongoose';
import type { Directory } from '../../directory/directory';
import type { LinkDoc } from '../links/link-model';

/** What the set-password and reset use cases need; the application context satisfies it. */
export interface PasswordDeps {
  directory: Directory;
  Link: Model<LinkDoc>;
  now: () => Date;
  appSecret: string;
}
