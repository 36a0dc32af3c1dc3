/**
 * `npm run fairness -w loadtest`: the sample mall's day (600 tickets, peak 09:00) twice, without
 * and with the staffing advisor's moves, through the engine in process. Prints per service
 * the share called within its SLA, the p90 wait, and the longest wait a regular ticket owed to
 * priority tickets that overtook it; then the estimated wait's error. Writes the markdown to
 * loadtest/results/fairness.md. `--seed N` picks another day; `--days N` also runs the N-1
 * days after it and counts, per service, the days it met its SLA with and without the advisor.
 * First, what the counters can do at all by Erlang C (capacity.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startRedis } from '../../../engine/test/support/redis-server.js';
import { num, parseArgs } from '../lib/args.js';
import { repoRoot } from '../lib/results.js';
import { loadSite } from '../lib/sites.js';
import { capacity } from './capacity.js';
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

const pc = (x: number): string => `${(x * 100).toFixed(1)}%`;
const meets = (xs: ServiceOutcome[]): number => xs.filter((x) => x.within >= x.target).length;
/** Local clock time of the sample mall (Asia/Jakarta, UTC+7). */
const hhmm = (ms: number): string => new Date(ms + 7 * 3600_000).toISOString().slice(11, 16);

function capacityLines(): string[] {
  const site = loadSite();
  return [
    'What the counters can do at all (Erlang C, M/M/c, from the site file: peak hour = 19% of 600 tickets, route second steps included; the simulation serves uniform 0.5x-1.5x, kinder than M/M/c):',
    '',
    '| service | arrivals/h at peak | per day | mean service (min) | load A at peak | counters that may serve it (tier 1) | within SLA at peak: c=1 / c=2 / all of them | over the day, all of them | its agency at peak: load on counters |',
    '|---|---|---|---|---|---|---|---|---|',
    ...capacity(site).map(
      (c) =>
        `| ${c.serviceId} | ${c.peakPerHour.toFixed(2)} | ${c.perDay.toFixed(1)} | ${c.serviceMinutes} | ${c.load.toFixed(2)} | ${c.counters.length}: ${c.counters.map((k) => `${k.id} (${(k.services[0] ?? []).join('+')})`).join(', ')} | ` +
        `${pc(c.peakShare.c1)} / ${pc(c.peakShare.c2)} / ${pc(c.peakShare.all)}${c.peakShare.all < c.sla.share ? ' ✗' : ''} | ${pc(c.dayShareAll)}${c.dayShareAll < c.sla.share ? ' ✗' : ''} | ${c.agency.load.toFixed(2)} on ${c.agency.counters} |`,
    ),
  ];
}

async function outcomesOfDay(redisUrl: string, advisor: boolean, seed: number): Promise<ServiceOutcome[]> {
  const day = await simulateDay({ redisUrl, advisor, seed });
  day.close();
  return outcomes(day);
}

async function main(): Promise<void> {
  const { flags } = parseArgs(process.argv.slice(2));
  const seed = num(flags, 'seed', 1);
  const days = num(flags, 'days', 1);
  const redis = await startRedis();
  try {
    const plain = await simulateDay({ redisUrl: redis.url, advisor: false, seed });
    const advised = await simulateDay({ redisUrl: redis.url, advisor: true, seed });
    const a = outcomes(plain);
    const b = outcomes(advised);
    const lines = [
      ...capacityLines(),
      '',
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
      '',
      `Moves the supervisor applied (advisor run, seed ${seed}):`,
      '',
      ...(advised.moves.length ? advised.moves.map((m) => `- ${hhmm(m.at)} counter ${m.counterId} -> ${m.toServices.map((t) => t.join(', ')).join(' / ')}: ${m.reason}`) : ['- none']),
    ];
    if (days > 1) {
      const met = new Map(a.map((x) => [x.serviceId, { plain: 0, advised: 0 }]));
      let allPlain = 0;
      let allAdvised = 0;
      for (let d = 0; d < days; d++) {
        const [p, q] = d === 0 ? [a, b] : await Promise.all([false, true].map((advisor) => outcomesOfDay(redis.url, advisor, seed + d)));
        if (!p || !q) continue;
        for (const x of p) if (x.within >= x.target) met.get(x.serviceId)!.plain++;
        for (const x of q) if (x.within >= x.target) met.get(x.serviceId)!.advised++;
        if (meets(p) / p.length >= 0.95) allPlain++;
        if (meets(q) / q.length >= 0.95) allAdvised++;
      }
      lines.push(
        '',
        `Over ${days} days (seeds ${seed}..${seed + days - 1}), days each service met its SLA, no advisor / advisor:`,
        '',
        '| service | days met, no advisor | days met, advisor |',
        '|---|---|---|',
        ...[...met].map(([id, m]) => `| ${id} | ${m.plain}/${days} | ${m.advised}/${days} |`),
        '',
        `Days with at least 95% of services meeting their SLA: no advisor ${allPlain}/${days}, advisor ${allAdvised}/${days}.`,
      );
    }
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
