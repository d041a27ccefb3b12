// The analyzer's programmatic entry (its package ships no types for it).
declare module '@custom-elements-manifest/analyzer/cli.js' {
  /** Runs `custom-elements-manifest <argv>` in `cwd`; with `noWrite`, only returns the manifest. */
  export function cli(options: { argv?: string[]; cwd?: string; noWrite?: boolean }): Promise<unknown>;
}
