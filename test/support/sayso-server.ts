import { fileURLToPath } from 'node:url';
import { freePort } from '../../packages/server/test/support/free-port.js';
import { startMain } from '../../packages/server/test/support/main-process.js';

export { freePort };

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  url: string;
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would end it; resolves once the process is gone. */
  kill(): Promise<void>;
}

/**
 * Starts the reference server the way `npm start` does (its real entry point, as a child
 * process, from the repository root), serving the vanilla host page, the script-tag bundle and
 * the built React and Vue example apps at /react/ and /vue/, and the admin console at /admin/.
 * Give the same `port` again to restart a server where a browser expects it (its anonymous
 * visitor token is kept per origin).
 */
export async function startSaysoServer(options: { env?: Record<string, string>; port?: number } = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const server = await startMain(
    {
      SAYSO_STATIC: '/=examples/vanilla,/shared=examples/shared,/=packages/elements/dist,/react=examples/react/dist,/vue=examples/vue/dist,/admin=examples/admin/dist',
      ...options.env,
      PORT: String(port),
    },
    root,
    // The server starts from TypeScript sources (tsx) with an embedded database; on a loaded CI
    // machine beside other suites that took longer than the default 30 s.
    { startTimeoutMs: 90_000 },
  );
  return {
    url: `http://127.0.0.1:${port}`,
    output: server.log,
    stop: async () => void (await server.stop()),
    kill: () => server.kill(),
  };
}
