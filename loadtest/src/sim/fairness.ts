/**
 * `npm run fairness -w loadtest`: the sample mall's day (600 tickets, peak 09:00) twice, without
 * and with the staffing advisor's moves, through the engine in process. Prints per service
 * the share called within its SLA, the p90 wait, and the longest wait a regular ticket owed to
 * priority tickets that overtook it; then the estimated wait's error. Writes the markdown to
 * loadtest/results/fairness.md. `--seed N` picks another day.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { parseArgs } from '../lib/args.js';
import { repoRoot } from '../lib/results.js';
import { simulateDay, type DayResult, type TicketTrace } from './day-sim.js';

const pct = (xs: number[], p: number): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const min = (ms: number): string => (Number.isFinite(ms) ? (ms / 60_000).toFixed(1) : '-');

interface ServiceOutcome {
  serviceId: string;
  slaMinutes: number;
  target: number;
  n: number;
  within: number;
  p90: number;
  /** Longest wait (ms) one regular ticket owed to priority tickets overtaking it. */
  owed: number;
}

export function outcomes(day: DayResult): ServiceOutcome[] {
  const out: ServiceOutcome[] = [];
  const tier1 = new Map<string, number>();
  for (const c of day.site.counters) for (const s of c.services[0] ?? []) tier1.set(s, (tier1.get(s) ?? 0) + 1);
  for (const a of day.site.agencies) {
    for (const s of a.services) {
      const ws = day.waits.get(s.id) ?? [];
      const sla = s.sla ?? { minutes: 30, share: 0.8 };
      const mine = day.tickets.filter((t) => t.serviceId === s.id && t.calledAt !== undefined);
      let owed = 0;
      for (const r of mine.filter((t) => t.priority === 'regular')) {
        const over = mine.filter((o: TicketTrace) => o.priority !== 'regular' && o.issuedAt > r.issuedAt && o.calledAt! < r.calledAt!);
        const caused = over.reduce((x, o) => x + (o.serviceMs ?? 0), 0) / Math.max(1, tier1.get(s.id) ?? 1);
        owed = Math.max(owed, Math.min(caused, r.calledAt! - r.issuedAt));
      }
      out.push({ serviceId: s.id, slaMinutes: sla.minutes, target: sla.share, n: ws.length, within: ws.length ? ws.filter((w) => w <= sla.minutes * 60_000).length / ws.length : 1, p90: pct(ws, 90), owed });
    }
  }
  return out;
}

export function etaError(day: DayResult): { n: number; noCounter: number; mae: number; bias: number; p90: number; within5: number } {
  const err = day.tickets.filter((t) => t.calledAt !== undefined && t.estimate !== null).map((t) => t.estimate! - (t.calledAt! - t.issuedAt) / 60_000);
  const abs = err.map(Math.abs);
  return {
    n: err.length,
    noCounter: day.tickets.filter((t) => t.estimate === null).length,
    mae: abs.reduce((a, b) => a + b, 0) / (abs.length || 1),
    bias: err.reduce((a, b) => a + b, 0) / (err.length || 1),
    p90: pct(abs, 90),
    within5: abs.filter((x) => x <= 5).length / (abs.length || 1),
  };
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const seed = Number(flags.seed ?? 1);
  const redis = await startRedis();
  try {
    const plain = await simulateDay({ redisUrl: redis.url, advisor: false, seed });
    const advised = await simulateDay({ redisUrl: redis.url, advisor: true, seed });
    const a = outcomes(plain);
    const b = outcomes(advised);
    const lines = [
      `Sample mall day (sites/mpp-demo.json, ${plain.tickets.length} tickets, seed ${seed}); advisor applied every 15 min: ${advised.movesApplied} moves.`,
      '',
      '| service | SLA | tickets called | within SLA, no advisor | within SLA, advisor | p90 wait (min), no advisor / advisor | longest regular wait owed to priority (min), no advisor / advisor |',
      '|---|---|---|---|---|---|---|',
      ...a.map((x, i) => {
        const y = b[i]!;
        const mark = (s: ServiceOutcome) => `${(s.within * 100).toFixed(1)}%${s.within >= s.target ? '' : ' ✗'}`;
        return `| ${x.serviceId} | ${Math.round(x.target * 100)}% <= ${x.slaMinutes} min | ${x.n} | ${mark(x)} | ${mark(y)} | ${min(x.p90)} / ${min(y.p90)} | ${min(x.owed)} / ${min(y.owed)} |`;
      }),
      '',
      `Services meeting their SLA: no advisor ${a.filter((x) => x.within >= x.target).length}/${a.length} (${((a.filter((x) => x.within >= x.target).length / a.length) * 100).toFixed(0)}%), ` +
        `advisor ${b.filter((x) => x.within >= x.target).length}/${b.length} (${((b.filter((x) => x.within >= x.target).length / b.length) * 100).toFixed(0)}%).`,
      '',
      '| estimated wait at issue vs actual | tickets | no counter serving | mean abs error (min) | bias (min) | p90 abs error (min) | within ±5 min |',
      '|---|---|---|---|---|---|---|',
      ...[
        ['no advisor', etaError(plain)],
        ['advisor', etaError(advised)],
      ].map(([name, e]) => {
        const r = e as ReturnType<typeof etaError>;
        return `| ${name as string} | ${r.n} | ${r.noCounter} | ${r.mae.toFixed(1)} | ${r.bias.toFixed(1)} | ${r.p90.toFixed(1)} | ${(r.within5 * 100).toFixed(0)}% |`;
      }),
    ];
    // What the report records of the day take in Redis.
    await plain.app.dailyReports.catchUp(plain.siteId);
    const r = new Redis(redis.url);
    let cursor = '0';
    let n = 0;
    let bytes = 0;
    do {
      const [next, found] = await r.scan(cursor, 'MATCH', `loket:{${plain.siteId}}:rp:*`, 'COUNT', 1000);
      cursor = next;
      for (const k of found) {
        n++;
        bytes += Number(await r.call('MEMORY', 'USAGE', k, 'SAMPLES', '0'));
      }
    } while (cursor !== '0');
    r.disconnect();
    lines.push('', `Report records of the day (no advisor run): ${n} keys, ${(bytes / 1024).toFixed(0)} KiB by MEMORY USAGE; x365 = ${((bytes * 365) / 1024 / 1024).toFixed(0)} MiB a year.`);
    const md = lines.join('\n');
    console.log(md);
    const dir = join(repoRoot, 'loadtest', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fairness.md'), md + '\n');
    plain.close();
    advised.close();
  } finally {
    await redis.stop();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err);
      process.exit(1);
    },
  );
}
