/** Starting and stopping the HTTP service. */
import type { AddressInfo } from 'node:net';
import { Paperasse } from '../src/api.ts';
import { createApp } from './app.ts';

/** Options of `startServer`; port 0 picks a free port. */
export interface ServerOptions {
  port: number;
  host: string;
  paperasse?: Paperasse;
}

/** A running service: its base URL and a function that stops it. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Returns a running service once it listens (rejects if the port is taken). */
export function startServer({ port, host, paperasse }: ServerOptions): Promise<RunningServer> {
  const app = createApp(paperasse);
  return new Promise((resolve, reject) => {
    const http = app.listen(port, host);
    http.requestTimeout = 30_000;
    http.headersTimeout = 10_000;
    http.once('error', reject);
    http.once('listening', () => {
      const address = http.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${shownHost}:${address.port}`,
        close: () => new Promise<void>((end) => {
          http.close(() => end());
          http.closeAllConnections();
        }),
      });
    });
  });
}
