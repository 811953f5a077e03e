/** Creating an admin account from the command line (`paperasse admin create`), in the service's data folder. */
import { failure, type Result } from '../core/issues.ts';
import { UploadStore } from '../store/upload-store.ts';
import { Accounts, type Account } from './accounts.ts';

/** Returns the new admin account of the data folder `dataDir`, or why it could not be created (folder, e-mail taken, password too short). */
export async function createAdmin(dataDir: string, email: string, motDePasse: string): Promise<Result<Account>> {
  const opened = UploadStore.open(dataDir);
  if (!opened.ok) return opened;
  try {
    const created = await new Accounts(opened.valeur.database).create({ email, motDePasse, role: 'admin' });
    return created.ok ? created : failure(created.erreur.code, created.erreur.chemin, created.erreur.message);
  } finally {
    opened.valeur.close();
  }
}
