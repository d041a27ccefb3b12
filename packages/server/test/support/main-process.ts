import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const tsx = createRequire(import.meta.url).resolve('tsx');
const main = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** The real entry point running as a child process. */
export interface MainProcess {
  url: string;
  log(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves with the exit code once the process is gone. */
  stop(): Promise<number | null>;
  /** SIGKILL at once, as a crash would end it; resolves once the process is gone. */
  kill(): Promise<void>;
}

/**
 * Starts `src/main.ts` with `env` on a free port (PORT=0) and resolves once it listens. Like
 * `npm start`, it runs the Sayso packages from source (their "@sayso/source" export condition).
 */
export async function startMain(env: Record<string, string>, cwd?: string, options: { startTimeoutMs?: number } = {}): Promise<MainProcess> {
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const child = spawn(process.execPath, ['--conditions=@sayso/source', '--import', tsx, main], {
    cwd,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    }
    return exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within ${startTimeoutMs / 1000} s:\n${log}`)), startTimeoutMs);
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`server exited early:\n${log}`));
      });
    });
    const kill = async () => {
      child.kill('SIGKILL');
      await exited;
    };
    return { url, log: () => log, stop, kill };
  } catch (error) {
    await stop();
    throw error;
  }
}
