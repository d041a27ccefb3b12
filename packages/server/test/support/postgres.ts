// A throwaway PostgreSQL cluster for tests, started from the machine's own binaries
// (initdb/pg_ctl on PATH, else /usr/lib/postgresql/<newest>/bin). As root, PostgreSQL refuses to
// run, so the cluster then belongs to the `postgres` user and its commands run via runuser.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/** A running throwaway cluster. */
export interface TestPostgres {
  /** URL of the cluster's `postgres` database (superuser `postgres`, no password). */
  url: string;
  /** Creates a fresh, empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the cluster and deletes its files; safe to call twice. */
  stop(): Promise<void>;
}

function findBin(name: string): string {
  const onPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(base, versions[0], 'bin', name);
  throw new Error(`PostgreSQL's ${name} was found neither on PATH nor in ${base}/*/bin; install postgresql`);
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function run(bin: string, args: string[]): string {
  const [command, fullArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    return execFileSync(command, fullArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${failure.stderr || failure.stdout || failure.message}`);
  }
}

let databases = 0;

/**
 * Starts a temporary PostgreSQL cluster on 127.0.0.1 and a free port, tuned for tests (no fsync).
 * Always call `stop()` (e.g. in afterAll); if the process exits first, the cluster is stopped
 * on exit anyway.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  const root = mkdtempSync(join(tmpdir(), 'sayso-pg-'));
  const dataDir = join(root, 'data');
  if (asRoot) {
    const ids = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const gid = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(root, Number(ids), Number(gid));
  }
  let running = false;
  const stopNow = () => {
    if (running) {
      running = false;
      spawnSync(asRoot ? 'runuser' : pgCtl, asRoot ? ['-u', 'postgres', '--', pgCtl, 'stop', '-D', dataDir, '-m', 'immediate', '-w'] : ['stop', '-D', dataDir, '-m', 'immediate', '-w'], {
        stdio: 'ignore',
      });
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', stopNow);

  try {
    run(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${root}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    running = true;
    run(pgCtl, ['start', '-D', dataDir, '-w', '-t', '60', '-l', join(root, 'postgres.log'), '-o', options]);
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return {
      url,
      createDatabase: async () => {
        const name = `sayso_test_${process.pid}_${++databases}`;
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${name}`);
        } finally {
          await client.end();
        }
        return `postgres://postgres@127.0.0.1:${port}/${name}`;
      },
      stop: async () => {
        process.removeListener('exit', stopNow);
        stopNow();
      },
    };
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}
