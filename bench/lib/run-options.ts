/**
 * What every timing bench reads from its command line: `--smoke` (a quick run that proves the
 * script still works and measures nothing worth reporting) and nothing else; an unknown argument
 * stops the run with its usage line.
 */
export function smokeFlag(script: string): boolean {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--smoke');
  if (unknown.length > 0) {
    console.error(`usage: ${script} [--smoke]   (unknown: ${unknown.join(' ')})`);
    process.exit(2);
  }
  return args.includes('--smoke');
}

/**
 * Gives the run up after `ms` (a seed or a server that hangs must not hold CI): `giveUp` stops
 * what the bench started before the process exits with 1.
 */
export function giveUpAfter(ms: number, giveUp: () => Promise<unknown> = async () => undefined): void {
  setTimeout(() => {
    console.error(`bench: still running after ${ms / 1000} s, giving up`);
    void giveUp().finally(() => process.exit(1));
  }, ms).unref();
}
