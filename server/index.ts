/**
 * Starting and stopping the HTTP service on its embedded defaults: SQLite and files under the data folder
 * (`PAPERASSE_DATA_DIR`, default ./data), background readers of uploads and jobs in this process, no other server.
 * Everything that must outlive the process (sessions, tokens, jobs, uploads) lives in the database and the folder.
 */
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { DestinationStream, Logger } from 'pino';
import { Paperasse } from '../src/api.ts';
import { Accounts } from '../src/auth/accounts.ts';
import { Jobs } from '../src/jobs/jobs.ts';
import { UploadStore } from '../src/store/upload-store.ts';
import { createApp } from './app.ts';
import type { Service } from './context.ts';
import { dossierKind } from './dossiers.ts';
import { HttpIssue } from './errors.ts';
import { LOGIN_ATTEMPTS, REQUEST_TIMEOUT_MS } from './limits.ts';
import { createLogger, logIncidents } from './logger.ts';
import { batchRunner, publipostageKind } from './publipostage.ts';
import { UploadReader } from './upload-reader.ts';

/** Options of `startServer`; port 0 picks a free port. */
export interface ServerOptions {
  port: number;
  host: string;
  paperasse?: Paperasse;
  /** The data folder (default: PAPERASSE_DATA_DIR, else ./data). */
  dataDir?: string;
  /** Where the JSON log lines go (default: stdout). */
  log?: DestinationStream;
  /** Reading and job leases, in ms (default 30 s; tests shorten them). */
  bailMs?: number;
  /** Failed logins allowed per address per 15 minutes (default 10). */
  loginAttempts?: number;
  /** Session cookies without `Secure` (plain-HTTP development; default from PAPERASSE_COOKIE_NON_SECURISE=1). */
  cookieInsecure?: boolean;
  /** The first admin, created when no admin exists (default: PAPERASSE_ADMIN_EMAIL / PAPERASSE_ADMIN_MOT_DE_PASSE). */
  admin?: { email: string; motDePasse: string };
}

/** A running service: its base URL, its shared parts and a function that stops it. */
export interface RunningServer {
  url: string;
  service: Service;
  close(): Promise<void>;
}

/** Returns the data folder the service uses: PAPERASSE_DATA_DIR, else ./data. */
export function defaultDataDir(): string {
  return resolve(process.env.PAPERASSE_DATA_DIR ?? 'data');
}

/** Returns the first admin from PAPERASSE_ADMIN_EMAIL / PAPERASSE_ADMIN_MOT_DE_PASSE, if both are set. */
function adminFromEnvironment(): { email: string; motDePasse: string } | undefined {
  const email = process.env.PAPERASSE_ADMIN_EMAIL;
  const motDePasse = process.env.PAPERASSE_ADMIN_MOT_DE_PASSE;
  return email !== undefined && motDePasse !== undefined && email !== '' ? { email, motDePasse } : undefined;
}

/** Returns a running service once it listens; rejects with an HttpIssue when the data folder cannot be opened, or when the port is taken. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const logger: Logger = createLogger(options.log);
  logIncidents(logger);
  const opened = UploadStore.open(dataDir, { bailMs: options.bailMs });
  if (!opened.ok) throw new HttpIssue(opened.erreur);
  const store = opened.valeur;
  const paperasse = options.paperasse ?? new Paperasse();
  const accounts = new Accounts(store.database);
  const admin = options.admin ?? adminFromEnvironment();
  if (admin !== undefined && !accounts.hasAdmin()) {
    const created = await accounts.create({ ...admin, role: 'admin' });
    if (!created.ok) {
      store.close();
      throw new HttpIssue(created.erreur);
    }
    logger.info({ compte: created.valeur.id }, 'premier compte admin créé');
  }
  const jobs = new Jobs(store.database, dataDir, { bailMs: options.bailMs });
  jobs.register(dossierKind);
  const batch = batchRunner(paperasse);
  if (batch !== undefined) jobs.register(publipostageKind(batch));
  const uploads = new UploadReader(store, paperasse.storeExtractor(), logger);
  const service: Service = {
    paperasse,
    store,
    accounts,
    jobs,
    uploads,
    logger,
    config: {
      dataDir,
      cookieInsecure: options.cookieInsecure ?? process.env.PAPERASSE_COOKIE_NON_SECURISE === '1',
      loginAttempts: options.loginAttempts ?? LOGIN_ATTEMPTS,
    },
  };
  const app = createApp(service);
  const concurrency = Math.max(1, Math.min(2, availableParallelism()));
  return new Promise((resolvePromise, reject) => {
    const http = app.listen(options.port, options.host);
    http.requestTimeout = REQUEST_TIMEOUT_MS;
    http.headersTimeout = 10_000;
    http.once('error', (error) => {
      store.close();
      reject(error);
    });
    http.once('listening', () => {
      uploads.start();
      jobs.start(concurrency);
      const address = http.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      const url = `http://${shownHost}:${address.port}`;
      logger.info({ url, donnees: dataDir }, 'service démarré');
      resolvePromise({
        url,
        service,
        close: async () => {
          await new Promise<void>((end) => {
            http.close(() => end());
            http.closeAllConnections();
          });
          await Promise.all([uploads.stop(), jobs.stop()]);
          store.close();
        },
      });
    });
  });
}
