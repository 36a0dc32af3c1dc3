import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateWait, servingWeight } from '../../src/domain/eta.js';
import { countersNeeded, erlangC, shareWithin, slaForecast } from '../../src/domain/erlang-c.js';
import { computeIkm, elementTable, ikmGrade, KREJCIE_MORGAN, krejcieMorgan } from '../../src/domain/ikm.js';
import { percentile } from '../../src/domain/percentile.js';
import { BUCKET_UPPER_MINUTES, bucketOf, decodeRecord, figureOps, histPercentileMinutes, RECORD_BYTES } from '../../src/domain/report-figures.js';
import { advise, blendArrivals, forecastAt } from '../../src/domain/staffing.js';

/** Erlang C straight from its textbook formula (factorials), to check the recursion against. */
function erlangCByFactorials(c: number, a: number): number {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = (a ** c / (fact * c)) * (c / (c - a));
  return top / (sum + top);
}

describe('Erlang C', () => {
  it('matches worked examples computed by hand', () => {
    // A = 2, c = 3: (2^3/3! x 3/1) / (1 + 2 + 2 + 4) = 4/9.
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    // A = 1.5, c = 2: (1.5^2/2 x 2/0.5) / (1 + 1.5 + 4.5) = 4.5/7.
    expect(erlangC(2, 1.5)).toBeCloseTo(4.5 / 7, 12);
    // Values from the factorial formula, computed apart (Python): C(10, 8), C(20, 15).
    expect(erlangC(10, 8)).toBeCloseTo(0.4091801507964435, 10);
    expect(erlangC(20, 15)).toBeCloseTo(0.16042938741692364, 10);
    // P(wait <= 1 min) with A = 2, c = 3, s = 3 min: 1 - 4/9 e^(-1/3).
    expect(shareWithin(3, 2, 1, 3)).toBeCloseTo(1 - (4 / 9) * Math.exp(-1 / 3), 12);
  });

  it('agrees with the factorial formula for every c > A', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (c, rho) => {
        expect(erlangC(c, c * rho)).toBeCloseTo(erlangCByFactorials(c, c * rho), 9);
      }),
    );
  });

  it('says every arrival waits when c <= A, and none is called within the SLA', () => {
    expect(erlangC(2, 2)).toBe(1);
    expect(erlangC(2, 3.5)).toBe(1);
    expect(shareWithin(3, 3, 20, 10)).toBe(0);
    expect(erlangC(3, 0)).toBe(0);
  });

  it('finds the smallest c meeting the SLA', () => {
    // 20/h x 6 min = 2 Erlangs; 80% within 1 min: c = 3 gives 1 - 4/9 e^(-1/6) = 62.4%,
    // c = 4 gives 1 - (4/23) e^(-2/6) = 87.5% (C(4, 2) = (16/24 x 2) / (1 + 2 + 2 + 4/3 + 4/3) = 4/23).
    const load = { arrivalsPerHour: 20, serviceMinutes: 6, sla: { minutes: 1, share: 0.8 } };
    expect(slaForecast(load, 3)).toBeCloseTo(1 - (4 / 9) * Math.exp(-1 / 6), 10);
    expect(erlangC(4, 2)).toBeCloseTo(4 / 23, 12);
    expect(slaForecast(load, 4)).toBeCloseTo(1 - (4 / 23) * Math.exp(-2 / 6), 10);
    expect(countersNeeded(load)).toBe(4);
    expect(countersNeeded({ ...load, arrivalsPerHour: 0 })).toBe(0);
  });
});

describe('staffing advisor', () => {
  const svc = (serviceId: string, arrivalsPerHour: number, waiting = 0) => ({ serviceId, agencyId: 'dukcapil', arrivalsPerHour, serviceMinutes: 10, sla: { minutes: 20, share: 0.8 }, waiting });
  it('moves a counter from a service with room to one short of counters, inside the agency', () => {
    const counters = [
      { id: '1', agencyId: 'dukcapil', status: 'open' as const, services: [['ktp']] },
      { id: '2', agencyId: 'dukcapil', status: 'open' as const, services: [['kk']] },
      { id: '3', agencyId: 'dukcapil', status: 'open' as const, services: [['kk']] },
      { id: '4', agencyId: 'dukcapil', status: 'open' as const, services: [['kk']] },
      { id: '9', agencyId: 'imigrasi', status: 'open' as const, services: [['paspor']] },
    ];
    const a = advise([svc('ktp', 15), svc('kk', 3), { ...svc('paspor', 2), agencyId: 'imigrasi' }], counters);
    const ktp = a.services.find((s) => s.serviceId === 'ktp')!;
    expect(ktp.countersServing).toBe(1);
    expect(ktp.countersNeeded).toBeGreaterThan(1);
    expect(a.warnings.some((w) => w.serviceId === 'ktp' && w.kind === 'sla')).toBe(true);
    expect(a.moves.length).toBeGreaterThan(0);
    for (const m of a.moves) {
      expect(['2', '3', '4']).toContain(m.counterId);
      expect(m.toServices[0]).toEqual(['ktp']);
      expect(m.toServices.flat()).toContain('kk');
    }
    // kk keeps what it needs.
    const kkLeft = counters.filter((c) => c.services[0]![0] === 'kk' && !a.moves.some((m) => m.counterId === c.id)).length;
    expect(kkLeft).toBeGreaterThanOrEqual(a.services.find((s) => s.serviceId === 'kk')!.countersNeeded);
  });

  // Shares below from the factorial formula, computed apart (Python):
  // jht 1.64/h x 20 min (A = 0.547), 80% <= 30 min: c = 1 72.3%, c = 2 98.7% -> needs 2.
  // pkb 3/h x 8 min (A = 0.4), 80% <= 15 min: c = 1 87.0% -> needs 1.
  // 3/h x 10 min, 80% <= 20 min: c = 1 81.6% -> 1; 6/h x 10 min: c = 1 0 (A = 1), c = 2 95.5% -> 2.
  const jht = { serviceId: 'jht', agencyId: 'bpjs-tk', arrivalsPerHour: 1.64, serviceMinutes: 20, sla: { minutes: 30, share: 0.8 }, waiting: 0 };
  const pkb = { serviceId: 'pkb', agencyId: 'samsat', arrivalsPerHour: 3, serviceMinutes: 8, sla: { minutes: 15, share: 0.8 }, waiting: 0 };
  const tk = (id: string, agencyId: string, services: string[][], home?: string[][]) => ({ id, agencyId, status: 'open' as const, services, ...(home ? { home } : {}) });
  const mall = [tk('14', 'bpjs-tk', [['jht']]), tk('15', 'samsat', [['pkb']]), tk('16', 'samsat', [['pkb']]), tk('17', 'samsat', [['pkb']]), tk('9', 'imigrasi', [['paspor']]), tk('10', 'imigrasi', [['paspor']])];
  const paspor = { ...pkb, serviceId: 'paspor', agencyId: 'imigrasi', arrivalsPerHour: 1 };

  it('says honestly when the agency has no counter to give, and lends none of another agency', () => {
    const a = advise([jht, pkb, paspor], mall);
    expect(a.services.find((s) => s.serviceId === 'jht')).toMatchObject({ countersServing: 1, countersNeeded: 2, slaForecast: 0.723 });
    expect(a.moves).toEqual([]);
    const w = a.warnings.find((x) => x.serviceId === 'jht')!;
    expect(w).toMatchObject({ kind: 'sla', slaForecast: 0.723 });
    expect(w.message).toContain('tidak ada loket bpjs-tk lain yang bisa dipindah');
    // The same as data, for a client to word in its language with names.
    expect(w).toMatchObject({ agencyId: 'bpjs-tk', noCounterToMove: true, countersNeeded: 2, effectiveCounters: 1, waiting: 0, sla: { minutes: 30, share: 0.8 } });
  });

  it('lends a counter of an agency the service is shared with (sharedWith), and only of that one', () => {
    const a = advise([{ ...jht, sharedWith: ['samsat'] }, pkb, paspor], mall);
    // pkb needs 1 of its 3 counters: the first with that surplus takes jht first, pkb second.
    expect(a.moves).toHaveLength(1);
    expect(a.moves[0]).toMatchObject({ counterId: '15', fromServices: [['pkb']], toServices: [['jht'], ['pkb']] });
    expect(a.moves[0]!.reason).toContain('2 loket dibutuhkan');
    expect(a.moves[0]).toMatchObject({
      kind: 'serve',
      serviceId: 'jht',
      need: { countersNeeded: 2, forQueue: false, arrivalsPerHour: 1.6, serviceAvgMinutes: 20, effectiveCounters: 1, waiting: 0, sla: { minutes: 30, share: 0.8 }, slaForecast: 0.723 },
    });
    expect(a.moves[0]).not.toHaveProperty('released');
    expect(a.warnings.find((x) => x.serviceId === 'jht')!.message).not.toContain('tidak ada loket');
    expect(a.warnings.find((x) => x.serviceId === 'jht')).not.toHaveProperty('noCounterToMove');
  });

  it('sends a lent counter home once the service it was lent to needs it no more', () => {
    // Counter 1 (ktp at home) was lent to kk. kk 3/h needs 1 (counter 4 alone), ktp 6/h needs 2 (2 and 3).
    const lent = [tk('1', 'dukcapil', [['kk'], ['ktp']], [['ktp']]), tk('2', 'dukcapil', [['ktp']], [['ktp']]), tk('3', 'dukcapil', [['ktp']], [['ktp']]), tk('4', 'dukcapil', [['kk']], [['kk']])];
    const a = advise([svc('ktp', 6), svc('kk', 3)], lent);
    expect(a.moves).toHaveLength(1);
    expect(a.moves[0]).toMatchObject({ counterId: '1', fromServices: [['kk'], ['ktp']], toServices: [['ktp']] });
    expect(a.moves[0]!.reason).toMatch(/^Kembalikan ke profil semula \(ktp\): kk cukup tanpa loket ini \(1 loket dibutuhkan, 1 tetap melayani\)/);
    expect(a.moves[0]).toMatchObject({ kind: 'home', released: [{ serviceId: 'kk', countersNeeded: 1, effectiveCounters: 1 }] });
    expect(a.moves[0]).not.toHaveProperty('serviceId');
    // kk at 6/h needs 2: counter 1 stays lent, and no one else can be moved.
    expect(advise([svc('ktp', 6), svc('kk', 6)], lent).moves).toEqual([]);
  });

  it('forecasts for a fractional counter time between the whole counters around it', () => {
    // 20/h x 6 min = 2 Erlangs, 80% <= 1 min: c = 3 gives 62.4%, c = 4 gives 87.5% (worked above).
    const load = { arrivalsPerHour: 20, serviceMinutes: 6, sla: { minutes: 1, share: 0.8 } };
    const c3 = 1 - (4 / 9) * Math.exp(-1 / 6);
    const c4 = 1 - (4 / 23) * Math.exp(-2 / 6);
    expect(forecastAt(load, 3)).toBeCloseTo(c3, 12);
    expect(forecastAt(load, 3.25)).toBeCloseTo(0.75 * c3 + 0.25 * c4, 12);
    expect(forecastAt(load, 1.5)).toBe(0);
  });

  it('blends the last 30 minutes with the same hours of earlier days', () => {
    expect(blendArrivals(10, null, 0.5)).toBe(20);
    expect(blendArrivals(10, { thisHour: 40, nextHour: 0 }, 0)).toBe(30);
    expect(blendArrivals(10, { thisHour: 40, nextHour: 0 }, 0.5)).toBe(20);
  });
});

describe('IKM at the grade boundaries (Permenpan RB 14/2017)', () => {
  /** n answers of element U1 with `k` of them `hi` and the rest `lo`. */
  const answers = (n: number, k: number, hi: number, lo: number) => Array.from({ length: n }, (_, i) => ({ U1: i < k ? hi : lo }));
  it.each([
    [answers(10000, 5996, 3, 2), 64.99, 'D'],
    [answers(10, 6, 3, 2), 65.0, 'C'],
    [answers(1000, 64, 4, 3), 76.6, 'C'],
    [answers(10000, 644, 4, 3), 76.61, 'B'],
    [answers(1000, 532, 4, 3), 88.3, 'B'],
    [answers(10000, 5324, 4, 3), 88.31, 'A'],
  ] as const)('grades %#: IKM %s is %s', (responses, ikm, grade) => {
    const r = computeIkm(responses.map((x) => ({ ...x })));
    expect(r.ikm).toBe(ikm);
    expect(r.grade).toBe(grade);
  });
  it('grades values on the conversion table', () => {
    expect([64.99, 65, 76.6, 76.61, 88.3, 88.31, 100, 25].map((x) => ikmGrade(x).grade)).toEqual(['D', 'C', 'C', 'B', 'B', 'A', 'A', 'D']);
  });
  it('gives the element table: NRR, weighted NRR (1/9), x 25 and grade', () => {
    const t = elementTable([{ U1: 4, U2: 3 }, { U1: 3 }]);
    expect(t[0]).toMatchObject({ element: 'U1', name: 'Persyaratan', responses: 2, nrr: 3.5, weightedNrr: 0.389, converted: 87.5, grade: 'B' });
    expect(t[1]).toMatchObject({ element: 'U2', responses: 1, nrr: 3, converted: 75, grade: 'C' });
    expect(t[8]).toMatchObject({ element: 'U9', responses: 0, nrr: null, grade: null });
  });
});

describe('minimum sample (Krejcie and Morgan)', () => {
  it('reads the table, conservatively between rows', () => {
    expect(krejcieMorgan(0)).toBe(0);
    expect(krejcieMorgan(7)).toBe(7);
    expect(krejcieMorgan(100)).toBe(80);
    expect(krejcieMorgan(101)).toBe(86);
    expect(krejcieMorgan(1000)).toBe(278);
    expect(krejcieMorgan(10_000)).toBe(370);
    expect(krejcieMorgan(5_000_000)).toBe(384);
  });
  it('has table rows within one of the formula X² N P(1-P) / (d² (N-1) + X² P(1-P))', () => {
    for (const [n, s] of KREJCIE_MORGAN) {
      const f = (3.841 * n * 0.25) / (0.0025 * (n - 1) + 3.841 * 0.25);
      expect(Math.abs(s - f), `N=${n}`).toBeLessThan(1.01);
    }
  });
});

describe('percentiles', () => {
  it('takes the nearest rank', () => {
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 91)).toBe(10);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
  it('reads a histogram within one bucket of the exact percentile', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 * 60_000 }), { minLength: 1, maxLength: 300 }), fc.constantFrom(50, 90), (ms, p) => {
        const hist = new Array(BUCKET_UPPER_MINUTES.length).fill(0) as number[];
        for (const x of ms) hist[bucketOf(x)]!++;
        const exact = percentile(ms, p)! / 60_000;
        const b = bucketOf(percentile(ms, p)!);
        const lo = b === 0 ? 0 : BUCKET_UPPER_MINUTES[b - 1]!;
        const hi = BUCKET_UPPER_MINUTES[b]!;
        const got = histPercentileMinutes(hist, p)!;
        expect(got).toBeGreaterThanOrEqual(lo);
        expect(got).toBeLessThanOrEqual(hi);
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(hi - lo);
      }),
    );
  });
});

describe('report records', () => {
  const site = { timezone: 'Asia/Jakarta', services: new Map([['ktp', { agencyId: 'dukcapil', sla: { minutes: 20 } }]]) };
  it('turn events into BITFIELD increments that decode back', () => {
    const at = Date.parse('2026-11-23T02:10:00Z'); // 09:10 in Jakarta
    const t = { id: 'x', serviceId: 'ktp', agencyId: 'dukcapil', queuedAt: String(at - 25 * 60_000), startedAt: String(at - 8 * 60_000), calledBy: 'staff-1' };
    const ops = figureOps(site, [
      { seq: 1, type: 'ticket.issued', at: at - 25 * 60_000, t },
      { seq: 2, type: 'ticket.called', at, t, c: '1', wr: 1 },
      { seq: 3, type: 'ticket.finished', at: at + 8 * 60_000, t: { ...t, startedAt: String(at) }, c: '1' },
    ]);
    const rec = ops.find((o) => o.dim === 's.ktp' && o.slot === 'd')!;
    expect(ops.some((o) => o.dim === 'u.staff-1' && o.slot === '09')).toBe(true);
    expect(ops.some((o) => o.dim === 'c.1' && o.slot === 'd')).toBe(true);
    // Apply the increments to a buffer the way BITFIELD would (big-endian).
    const buf = new Uint8Array(RECORD_BYTES);
    for (let i = 0; i < rec.incr.length; i += 3) {
      const [type, offset, by] = [rec.incr[i] as string, rec.incr[i + 1] as number, rec.incr[i + 2] as number];
      const bytes = type === 'u32' ? 4 : 2;
      let v = 0;
      for (let k = 0; k < bytes; k++) v = v * 256 + buf[offset / 8 + k]!;
      v += by;
      for (let k = bytes - 1; k >= 0; k--) {
        buf[offset / 8 + k] = v % 256;
        v = Math.floor(v / 256);
      }
    }
    const r = decodeRecord(buf);
    expect(r.counts).toMatchObject({ issued: 1, called: 1, served: 1, withinSla: 0, waitSumSec: 1500, svcSumSec: 480 });
    expect(histPercentileMinutes(r.waitHist, 50)).toBeGreaterThanOrEqual(24);
    expect(histPercentileMinutes(r.svcHist, 50)).toBeGreaterThanOrEqual(8);
    expect(histPercentileMinutes(r.svcHist, 50)).toBeLessThanOrEqual(9);
  });
});

describe('estimated wait', () => {
  it('gives no number when no open counter serves the service', () => {
    expect(estimateWait(3, 10, 0)).toBeNull();
    expect(servingWeight([[['kk']]], 'ktp')).toBe(0);
  });
  it('counts first-tier counters whole (shared by the tier) and lower tiers at half', () => {
    expect(servingWeight([[['ktp']], [['ktp', 'kk']], [['kk'], ['ktp']]], 'ktp')).toBe(1 + 0.5 + 0.5);
    expect(estimateWait(3, 10, 2)).toBe(18);
  });
});
