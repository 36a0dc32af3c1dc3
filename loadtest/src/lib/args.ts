/** `--name value`, `--name=value` and bare `--flag` command-line options. */
export type Flags = Record<string, string | true>;

export function parseArgs(argv: string[]): { positional: string[]; flags: Flags } {
  const positional: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      flags[a.slice(2, eq)] = a.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags[a.slice(2)] = next;
      i++;
    } else flags[a.slice(2)] = true;
  }
  return { positional, flags };
}

export function num(flags: Flags, name: string, dflt: number): number {
  const v = flags[name];
  if (v === undefined || v === true) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${v}"`);
  return n;
}

/** `--small` or LOADTEST_SMALL=1: the seconds-long CI version. */
export function isSmall(flags: Flags): boolean {
  return flags.small === true || flags.small === '1' || process.env.LOADTEST_SMALL === '1';
}
