/** Starting and stopping the HTTP service. */
import type { AddressInfo } from 'node:net';
import { Paperasse } from '../src/api.ts';
import { creerApplication } from './app.ts';

/** Options of `demarrerServeur`; port 0 picks a free port. */
export interface OptionsServeur {
  port: number;
  host: string;
  paperasse?: Paperasse;
}

/** A running service: its base URL and a function that stops it. */
export interface Serveur {
  url: string;
  fermer(): Promise<void>;
}

/** Returns a running service once it listens (rejects if the port is taken). */
export function demarrerServeur({ port, host, paperasse }: OptionsServeur): Promise<Serveur> {
  const app = creerApplication(paperasse);
  return new Promise((resolve, reject) => {
    const http = app.listen(port, host);
    http.requestTimeout = 30_000;
    http.headersTimeout = 10_000;
    http.once('error', reject);
    http.once('listening', () => {
      const adresse = http.address() as AddressInfo;
      const hote = adresse.family === 'IPv6' ? `[${adresse.address}]` : adresse.address;
      resolve({
        url: `http://${hote}:${adresse.port}`,
        fermer: () => new Promise<void>((fin) => {
          http.close(() => fin());
          http.closeAllConnections();
        }),
      });
    });
  });
}
