import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp, type AppOptions } from './app.js';
import type { DeliveryChannelSender } from './channels/channel.js';
import { createEmailChannel, type EmailSettings } from './channels/email/email-channel.js';
import { createDeliveryWorker, type DeliveryWorkerOptions } from './services/delivery-worker.js';
import { createLiveChanges } from './services/live-changes.js';
import { createSimilarPosts } from './services/similar-posts.js';

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
    /** Where mail goes (SAYSO_SMTP_URL …); without it, email deliveries wait for a process that has it. */
    email?: EmailSettings;
    /** More channels for the delivery worker (the webhook sender). */
    channels?: readonly DeliveryChannelSender[];
    /** The delivery worker's pace (claim time, tries, backoff). */
    delivery?: Omit<DeliveryWorkerOptions, 'db' | 'channels'>;
  },
): Promise<RunningServer> {
  // Every board's similarity index is built in the background from the start, so the first
  // lookups after a restart do not wait for it (they search what is built so far).
  const similarity = options.similarity ?? createSimilarPosts(options.db);
  void similarity.start().catch((error: unknown) => console.error('[sayso] similarity:', error));
  // One delivery worker per process, like the similarity poll: it sends what any process wrote.
  const channels = [...(options.email ? [createEmailChannel(options.db, options.email)] : []), ...(options.channels ?? [])];
  const deliveries = createDeliveryWorker({ fanoutPageSize: options.fanoutPageSize, ...options.delivery, db: options.db, channels });
  deliveries.start();
  const liveChanges = options.liveChanges ?? createLiveChanges(options.db);
  const app = createApp({ ...options, similarity, deliveries, liveChanges });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.hostname }) as Server;
    server.once('error', (error) => {
      void deliveries.stop();
      reject(error);
    });
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const host = options.hostname && options.hostname !== '0.0.0.0' && options.hostname !== '::' ? options.hostname : 'localhost';
      resolve({
        url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
        port,
        close: async () => {
          const stopped = Promise.all([similarity.stop(), deliveries.stop(), liveChanges.stop()]);
          await new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            // Keep-alive connections would otherwise hold close() open for seconds.
            server.closeAllConnections();
          });
          await stopped;
        },
      });
    });
  });
}
