/**
 * Redis CPU per script of the ticket cycle: rounds of issue x D, call-next x D, start x D,
 * finish x D (D desks at once), with used_cpu read between the phases (the cost of the
 * reads themselves measured on empty phases and taken off).
 *   npx tsx src/tools/phase-cost.ts [--rounds 100] [--sites 8]
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { num, parseArgs } from '../lib/args.js';
import { desksOf } from '../bench/engine-cycle.js';
import { redisCpuMs } from '../lib/redis-stats.js';
import { withCycleRig } from './cycle-rig.js';
import { runIfMain } from '../lib/cli-main.js';

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const rounds = num(flags, 'rounds', 100);
  // Under valgrind (callgrind, --vg-pid and --vg-out): instructions per phase, not CPU time.
  const vgPid = typeof flags['vg-pid'] === 'string' ? flags['vg-pid'] : null;
  const vgOut = String(flags['vg-out'] ?? '');
  const vgRead = (): number => {
    execSync(`callgrind_control -d ${vgPid}`, { stdio: 'ignore' });
    const dir = dirname(vgOut);
    const files = readdirSync(dir).filter((f) => f.startsWith(basename(vgOut))).map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    const txt = readFileSync(files[0]!, 'utf8');
    return Number(/^summary: (\d+)/m.exec(txt)?.[1] ?? /^totals: (\d+)/m.exec(txt)?.[1]);
  };
  const redisUrl = typeof flags['redis-url'] === 'string' ? flags['redis-url'] : undefined;
  await withCycleRig({ sites: num(flags, 'sites', 8), ...(redisUrl ? { redisUrl } : {}) }, async ({ p, probe, sites }) => {
    const cpu = async (): Promise<number> => (vgPid ? vgRead() : (await redisCpuMs(probe)) * 1000);
    const desks = desksOf(p.app, sites.ids, 10000);
    for (const d of desks) await p.store.updateCounter(d.siteId, d.counterId, { status: 'open' });
    const total = { empty: 0, trivial: 0, issue: 0, callNext: 0, start: 0, finish: 0 };
    p.redis.defineCommand('loketTrivial', { numberOfKeys: 1, lua: 'return 1' });
    const phase = async (k: keyof typeof total, f: () => Promise<unknown>): Promise<void> => {
      if (vgPid) execSync(`callgrind_control -z ${vgPid}`, { stdio: 'ignore' });
      const a = vgPid ? 0 : await cpu();
      await f();
      total[k] += (await cpu()) - a;
    };
    for (let r = 0; r < rounds + 5; r++) {
      if (r === 5) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] = 0;
      const ids: (string | null)[] = [];
      await phase('empty', async () => undefined);
      await phase('trivial', () => Promise.all(desks.map((d) => (p.redis as unknown as { loketTrivial(k: string): Promise<number> }).loketTrivial(d.siteId))));
      await phase('issue', () => Promise.all(desks.map((d) => p.store.issue(d.siteId, { serviceId: d.serviceId, channel: 'kiosk' }))));
      await phase('callNext', () => Promise.all(desks.map(async (d, i) => (ids[i] = (await p.store.callNext(d.siteId, d.counterId))?.id ?? null))));
      await phase('start', () => Promise.all(desks.map((d, i) => (ids[i] ? p.store.start(d.siteId, ids[i]!) : null))));
      await phase('finish', () => Promise.all(desks.map((d, i) => (ids[i] ? p.store.finish(d.siteId, ids[i]!) : null))));
    }
    const n = rounds * desks.length;
    const per = (k: keyof typeof total): number => (total[k] - total.empty) / n;
    console.log(`${desks.length} desks x ${rounds} rounds; Redis CPU usec (or instructions under valgrind) per script (INFO read cost ${(total.empty / rounds).toFixed(0)} usec taken off):`);
    let sum = 0;
    for (const k of ['trivial', 'issue', 'callNext', 'start', 'finish'] as const) {
      if (k !== 'trivial') sum += per(k);
      console.log(`  ${k.padEnd(9)} ${per(k).toFixed(1)}`);
    }
    console.log(vgPid ? `  cycle     ${Math.round(sum)} instructions` : `  cycle     ${sum.toFixed(1)} usec = ${(sum / 1000).toFixed(4)} ms`);
  });
}

runIfMain(import.meta.url, main);
