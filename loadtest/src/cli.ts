/**
 * `npm run loadtest -- <scenario> [--flags]`: peak-hour, national, national-scale, max, fanout, storm.
 * `--small` (or LOADTEST_SMALL=1) runs the seconds-long CI version.
 */
import { isSmall, parseArgs } from './lib/args.js';
import type { ScenarioContext, ScenarioResult } from './scenarios/common.js';
import { fanout } from './scenarios/fanout.js';
import { max } from './scenarios/max.js';
import { national } from './scenarios/national.js';
import { nationalScale } from './scenarios/national-scale.js';
import { peakHour } from './scenarios/peak-hour.js';
import { storm } from './scenarios/storm.js';

export const SCENARIOS: Record<string, (ctx: ScenarioContext) => Promise<ScenarioResult>> = {
  'peak-hour': peakHour,
  national,
  'national-scale': nationalScale,
  max,
  fanout,
  storm,
};

async function main(): Promise<void> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const name = positional[0];
  const run = name ? SCENARIOS[name] : undefined;
  if (!run) {
    console.error(`usage: npm run loadtest -- <${Object.keys(SCENARIOS).join('|')}> [--small] [--flags]`);
    process.exit(2);
  }
  const ctx: ScenarioContext = { flags, small: isSmall(flags) };
  if (typeof flags.out === 'string') ctx.resultsDir = flags.out;
  await run(ctx);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  },
);
