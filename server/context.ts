/** What every route of the service shares: the library, the store, the accounts, the jobs, the logger and the settings. */
import type { Logger } from 'pino';
import type { Paperasse } from '../src/api.ts';
import type { Accounts } from '../src/auth/accounts.ts';
import type { Jobs } from '../src/jobs/jobs.ts';
import type { UploadStore } from '../src/store/upload-store.ts';
import type { UploadReader } from './upload-reader.ts';

/** Settings of one service instance. */
export interface ServiceConfig {
  /** The data folder: SQLite database, originals, jobs' inputs and results. */
  dataDir: string;
  /** Session cookies without `Secure` (plain-HTTP development only). */
  cookieInsecure: boolean;
  /** Failed logins allowed per address and window before TROP_DE_TENTATIVES. */
  loginAttempts: number;
}

/** The shared parts of a running service. */
export interface Service {
  paperasse: Paperasse;
  store: UploadStore;
  accounts: Accounts;
  jobs: Jobs;
  uploads: UploadReader;
  logger: Logger;
  config: ServiceConfig;
}
