import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions } from './app.js';

/** A listening server. */
export interface RunningServer {
  /** Base URL, e.g. `http://localhost:8787` (no trailing slash). */
  url: string;
  port: number;
  /** Stops accepting connections, ends open ones and resolves when the server is down. */
  close(): Promise<void>;
}

/** Serves {@link createApp} over HTTP with @hono/node-server. Port 0 picks any free port. */
export function startServer(
  options: AppOptions & {
    port: number;
    /** Interface to listen on; default all of them. */
    hostname?: string;
  },
): Promise<RunningServer> {
  const app = createApp(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname }) as Server;
    server.once('error', reject);
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const host = options.hostname && options.hostname !== '0.0.0.0' && options.hostname !== '::' ? options.hostname : 'localhost';
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive connections would otherwise hold close() open for seconds.
            server.closeAllConnections();
          }),
      });
    });
  });
}
