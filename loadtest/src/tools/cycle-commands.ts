/**
 * What Redis does during the bench's in-process cycle run (bench/engine-cycle.ts): INFO
 * commandstats and used_cpu before and after `engineCycles`, so the bench's "Redis CPU per
 * ticket cycle" can be split into the four scripts, other commands and the rest (network,
 * event loop: the CPU commandstats does not count).
 *   npx tsx src/tools/cycle-commands.ts [--seconds 5] [--concurrency 50]
 */
import type { Redis } from 'ioredis';
import { num, parseArgs } from '../lib/args.js';
import { engineCycles } from '../bench/engine-cycle.js';
import { runIfMain } from '../lib/cli-main.js';
import { commandStats, redisCpuMs } from '../lib/redis-stats.js';
import { withCycleRig } from './cycle-rig.js';

interface Sample {
  cpuUs: number;
  cmds: Map<string, { calls: number; usec: number }>;
}

async function sample(r: Redis): Promise<Sample> {
  const cpuUs = (await redisCpuMs(r)) * 1000;
  return { cpuUs, cmds: commandStats(await r.info('commandstats')) };
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const seconds = num(flags, 'seconds', 5);
  await withCycleRig({ sites: 2 }, async ({ p, probe, sites }) => {
    const a = await sample(probe);
    const r = await engineCycles(p, sites.ids, seconds, num(flags, 'concurrency', 50), 0);
    const b = await sample(probe);
    const per = (x: number): string => (x / r.cycles).toFixed(1);
    console.log(`${r.cycles} cycles (${r.rate}/s, no warm-up); per cycle: Redis CPU ${per(b.cpuUs - a.cpuUs)} usec`);
    // A command a script runs counts in its own line too (inside the script's time), so only
    // the script commands and the probe's INFO add up to what ran at the top.
    const top = new Set(['evalsha', 'eval', 'fcall', 'info']);
    let topUs = 0;
    for (const [k, v] of b.cmds) {
      const o = a.cmds.get(k) ?? { calls: 0, usec: 0 };
      if (v.calls === o.calls) continue;
      if (top.has(k)) topUs += v.usec - o.usec;
      console.log(`  ${k.padEnd(10)} ${per(v.calls - o.calls)} calls, ${per(v.usec - o.usec)} usec${top.has(k) ? '' : ' (inside the scripts)'}`);
    }
    console.log(`  top-level commands ${per(topUs)} usec; outside them (network, event loop) ${per(b.cpuUs - a.cpuUs - topUs)} usec`);
  });
}

runIfMain(import.meta.url, main);
