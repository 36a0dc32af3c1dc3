/** The driver's pure parts: percentiles, series, flags, demand, the SVG chart. */
import { describe, expect, it } from 'vitest';
import { slope } from '../src/bench/memory-bench.js';
import { fmtSpread, median, meetsTarget, spread } from '../src/bench/spread.js';
import { medianVerdicts, type BenchFigures, type Verdict } from '../src/bench/verdicts.js';
import { parseArgs } from '../src/lib/args.js';
import { renderChart } from '../src/lib/chart.js';
import { loadSite, servicesOf } from '../src/lib/sites.js';
import { percentileSorted, Recorder, summarize } from '../src/lib/stats.js';
import { capacity } from '../src/sim/capacity.js';
import { arrivals, busiestHour } from '../src/sim/demand.js';
import { mulberry32 } from '../src/sim/random.js';

describe('stats', () => {
  it('nearest-rank percentiles of 1..100 are the rank itself', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileSorted(xs, 50)).toBe(50);
    expect(percentileSorted(xs, 99)).toBe(99);
    expect(percentileSorted(xs, 100)).toBe(100);
    const s = summarize([...xs].reverse());
    expect(s).toMatchObject({ count: 100, min: 1, p50: 50, p95: 95, max: 100, mean: 50.5 });
  });

  it('the recorder buckets completions per second and counts errors', () => {
    const r = new Recorder(0, 1000);
    r.add(10, 100);
    r.add(30, 900);
    r.add(20, 2500);
    r.error(2600);
    const s = r.series();
    expect(s.map((p) => p.rate)).toEqual([2, 0, 1]);
    expect(s[0]?.p99).toBe(30);
    expect(s[2]?.errors).toBe(1);
    expect(r.errors).toBe(1);
  });
});

describe('flags', () => {
  it('reads positional words, --k v, --k=v and bare flags', () => {
    const { positional, flags } = parseArgs(['max', '--levels', '2,4', '--step=3', '--small']);
    expect(positional).toEqual(['max']);
    expect(flags).toEqual({ levels: '2,4', step: '3', small: true });
  });
});

describe('demand of the sample mall', () => {
  const site = loadSite();

  it('the busiest hour is 09:00 with 19% of 600 tickets', () => {
    expect(busiestHour(site)).toEqual({ hour: '09', ticketsPerHour: 114 });
  });

  it('a long run of arrivals has the sample shares of priority and routes', () => {
    const a = arrivals(site, mulberry32(7), 20_000, 3600);
    expect(a.length).toBeGreaterThan(19_000);
    expect(a.length).toBeLessThan(21_000);
    const priority = a.filter((x) => x.priority === 'priority').length / a.length;
    const routes = a.filter((x) => x.route).length / a.length;
    expect(priority).toBeGreaterThan(0.11);
    expect(priority).toBeLessThan(0.13);
    expect(routes).toBeGreaterThan(0.07);
    expect(routes).toBeLessThan(0.09);
    const ktp = a.filter((x) => x.serviceId === 'ktp').length / a.length;
    expect(ktp).toBeGreaterThan(0.18);
    expect(ktp).toBeLessThan(0.21);
    for (let i = 1; i < a.length; i++) expect(a[i]!.atSec).toBeGreaterThanOrEqual(a[i - 1]!.atSec);
  });

  it('a route starts with its service and goes on to another agency', () => {
    const agency = new Map(servicesOf(site).map((s) => [s.id, s.agencyId]));
    const routed = arrivals(site, mulberry32(3), 5000, 3600).filter((x) => x.route);
    expect(routed.length).toBeGreaterThan(0);
    for (const x of routed) {
      expect(x.route?.[0]).toBe(x.serviceId);
      expect(agency.get(x.route![1]!)).not.toBe(agency.get(x.serviceId));
    }
  });
});

describe('capacity of the sample mall (Erlang C)', () => {
  it('jht: 1.64/h at the peak with route steps, one counter gives 72% within 30 min, two 99%', () => {
    // Computed apart (Python, factorial Erlang C): 0.013 + 0.08 x 0.013 x sum over the other
    // agencies' services of share / (1 - its agency's share) = 0.0143816 per ticket.
    const jht = capacity(loadSite()).find((c) => c.serviceId === 'jht')!;
    expect(jht.peakPerHour).toBeCloseTo(1.6395019, 6);
    expect(jht.perDay).toBeCloseTo(8.6289575, 6);
    expect(jht.load).toBeCloseTo(0.5465006, 6);
    expect(jht.counters.map((c) => c.id)).toEqual(['14']);
    expect(jht.peakShare.c1).toBeCloseTo(0.7232024, 6);
    expect(jht.peakShare.c2).toBeCloseTo(0.9867454, 6);
    expect(jht.peakShare.all).toBe(jht.peakShare.c1);
    expect(jht.dayShareAll).toBeCloseTo(0.8275749, 6);
    expect(jht.agency).toEqual({ load: jht.load, counters: 1 });
  });

  it('a service shared with another agency may have that agency\'s counters too', () => {
    const site = loadSite();
    site.agencies.find((a) => a.id === 'bpjs-tk')!.services[0]!.sharedWith = ['bpjs-kes'];
    expect(capacity(site).find((c) => c.serviceId === 'jht')!.counters.map((c) => c.id)).toEqual(['12', '13', '14']);
  });
});

describe('chart', () => {
  it('draws both panels with a path per percentile, skipping empty seconds', () => {
    const svg = renderChart('t <1>', [
      { t: 0, rate: 5, p50: 1, p95: 2, p99: 3, errors: 0 },
      { t: 1, rate: 0, p50: Number.NaN, p95: Number.NaN, p99: Number.NaN, errors: 1 },
      { t: 2, rate: 7, p50: 2, p95: 4, p99: 9, errors: 0 },
    ]);
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('t &lt;1&gt;');
    expect(svg).not.toContain('NaN');
    expect((svg.match(/<path /g) ?? []).length).toBe(5);
    expect(svg).toContain('errors / s');
  });
});

describe('repeated bench runs', () => {
  it('the median of an odd count is the middle value, of an even count the mean of the middle two; NaN is skipped', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, Number.NaN, 1, 3])).toBe(3);
    expect(spread([2373, 3611, 3319])).toMatchObject({ median: 3319, min: 2373, max: 3611, values: [2373, 3611, 3319] });
    expect(fmtSpread(spread([2373, 3611, 3319]))).toBe('3,319 (2,373-3,611)');
    expect(fmtSpread(spread([0.5]))).toBe('0.5');
  });

  it('targets are read from their text: >= and <= with units; report always meets', () => {
    expect(meetsTarget('>= 3000/s', 3000)).toBe(true);
    expect(meetsTarget('>= 3000/s', 2999)).toBe(false);
    expect(meetsTarget('<= 200 MB', 229.5)).toBe(false);
    expect(meetsTarget('<= 1.5x', 0.86)).toBe(true);
    expect(meetsTarget('report', 1e9)).toBe(true);
  });

  it('a verdict over runs is judged on the median, not on the best or the worst run', () => {
    const run = (rate: number, missing = 0): BenchFigures => ({ verdicts: [{ name: '2a. HTTP', value: rate, target: '>= 3000/s', met: rate >= 3000, text: '' }, { name: '3. screen', value: 0.8, target: '<= 1.5x', met: missing === 0, text: '', blockers: missing }] as Verdict[] }) as BenchFigures;
    const [http, screen] = medianVerdicts([run(2373), run(3611), run(3319, 720)]);
    expect(http).toMatchObject({ value: 3319, met: true });
    expect(http!.spread).toMatchObject({ min: 2373, max: 3611 });
    expect(http!.text).toContain('runs meeting it: 2/3');
    // One run of three with missing deliveries: the median run has none.
    expect(screen!.met).toBe(true);
    expect(medianVerdicts([run(3611, 5), run(3611, 9), run(3611)])[1]!.met).toBe(false);
  });

  it('a ratio over a baseline that held nothing is no ratio: left out of the median, never a pass', () => {
    const run = (ratio: number): BenchFigures => ({ verdicts: [{ name: '2b. ratio', value: ratio, target: '>= 0.5x', met: ratio >= 0.5, text: '' }] as Verdict[] }) as BenchFigures;
    expect(medianVerdicts([run(0.4), run(Number.NaN), run(0.6)])[0]).toMatchObject({ value: 0.5, met: true });
    expect(medianVerdicts([run(Number.NaN)])[0]!.met).toBe(false);
  });

  it('the memory slope is the least-squares kB per socket', () => {
    expect(slope([0, 500, 1000, 2000], [10, 20, 30, 50])).toBeCloseTo(0.02, 6);
  });
});
