// Keeps bench/server.ts from rotting: its smoke mode (a fraction of a second per run) must still
// start every server, drive every scenario, pass its own vote-count checks and print its table.
// Nothing here looks at the figures: performance claims live in bench/, never in timed assertions.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));

it('bench/server.ts --smoke runs every scenario and prints the table', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts', '--smoke'], {
    cwd: benchDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));

  expect(output, output).toContain('| run ');
  expect(output).toContain('req/s vs no-op');
  expect(output).toContain('vote, new voter · PGlite');
  expect(output).toContain('vote, repeat voter · PGlite');
  expect(output).not.toContain('WARNING: this run is broken');
  expect(code, output).toBe(0);
}, 60_000);
