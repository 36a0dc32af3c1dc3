import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateWaitMinutes } from '../../src/domain/eta.js';
import { computeIkm } from '../../src/domain/ikm.js';
import { mean, percentile } from '../../src/domain/percentile.js';
import { pickNext, rankOf } from '../../src/domain/ranking.js';

const boost = { priority: 30, appointment: 45 };

describe('ranking', () => {
  it('boosts priority by its minutes and never more', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e7 }), (regularArrival, later) => {
        const p = rankOf(regularArrival + later, 'priority', boost);
        const r = rankOf(regularArrival, 'regular', boost);
        // A priority ticket goes first exactly when it came less than 30 min after the regular one.
        expect(p < r).toBe(later < 30 * 60_000);
      }),
    );
  });

  it('picks from the first tier that has a ticket', () => {
    const q = new Map([
      ['kk', [{ id: 'k1', serviceId: 'kk', rank: 1 }]],
      ['ktp', [{ id: 'a1', serviceId: 'ktp', rank: 50 }]],
    ]);
    expect(pickNext([['ktp'], ['kk']], q)?.id).toBe('a1');
    expect(pickNext([['ktp', 'kk']], q)?.id).toBe('k1');
    expect(pickNext([['akta']], q)).toBeNull();
  });
});

describe('IKM (Permenpan RB 14/2017)', () => {
  const all = (v: number) => Object.fromEntries(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'].map((u) => [u, v]));

  it('grades by the conversion table', () => {
    expect(computeIkm([all(4)])).toMatchObject({ ikm: 100, grade: 'A', gradeLabel: 'Sangat Baik' });
    expect(computeIkm([all(3)])).toMatchObject({ ikm: 75, grade: 'C', gradeLabel: 'Kurang Baik' });
    expect(computeIkm([all(1)])).toMatchObject({ ikm: 25, grade: 'D' });
    expect(computeIkm([all(4), all(3), all(3)])).toMatchObject({ ikm: 83.33, grade: 'B' });
  });

  it('averages each element over those who answered it', () => {
    const r = computeIkm([{ U1: 4 }, { U1: 2, U2: 3 }]);
    expect(r.nrr).toEqual({ U1: 3, U2: 3 });
    expect(r.ikm).toBe(75);
  });

  it('has no index without answers', () => {
    expect(computeIkm([])).toMatchObject({ responses: 0, ikm: null, grade: null });
  });
});

describe('figures', () => {
  it('estimates the wait from the people ahead and open counters', () => {
    expect(estimateWaitMinutes(0, 10, 1)).toBe(10);
    expect(estimateWaitMinutes(3, 10, 2)).toBe(20);
    expect(estimateWaitMinutes(3, 10, 0)).toBe(40);
  });

  it('takes nearest-rank percentiles', () => {
    expect(percentile([5, 1, 3, 2, 4], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([], 50)).toBeNull();
    expect(mean([1, 2, 3])).toBe(2);
  });
});
